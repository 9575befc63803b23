import { countOnIndex, membersOnIndex } from '@/lib/engine/segment/columnar/evaluate';
import type { SegmentIndex } from '@/lib/engine/segment/columnar/segment-index';
import { referencedSegmentIds } from '@/lib/engine/segment/inline';
import type { SegmentDefinition } from '@/lib/schemas/segment';
import type { RawDb } from '../raw';
import {
  buildSegmentIndex,
  refreshSegmentIndex,
  type IndexCursor,
  type LoadStats,
  type RefreshStats,
} from './index-loader';
import { countSegment, type SegmentCount, type SegmentQueryOptions } from './queries';
import { loadSegmentResolver } from './resolve';
import { queryRows } from './runner';
import { shopTimeZone } from './shop-zone';

/** A slow refresh that took at most this long last time is awaited by the count that starts it. */
const INLINE_SLOW_REFRESH_MS = 25;

export type SegmentIndexStoreOptions = {
  /** a live count refreshes the index first when it is older than this (events, orders, new customers) */
  maxStalenessMs?: number;
  /** how often changed customers, profiles, tags and products are re-read */
  slowRefreshMs?: number;
  /** how often the whole index is rebuilt in the background (catches status changes and deletions) */
  rebuildMs?: number;
  clock?: () => number;
};

export type IndexStatus = {
  state: 'empty' | 'loading' | 'ready' | 'failed';
  builtAt: number | null;
  refreshedAt: number | null;
  customers: number;
  events: number;
  bytes: number;
  lastBuild: LoadStats | null;
  lastRefresh: RefreshStats | null;
  error: string | null;
};

export type LiveCount = SegmentCount & { source: 'index' | 'sql'; asOf: number };

/**
 * The live-count path: the columnar index when it is loaded (refreshed first if older than `maxStalenessMs`, so
 * an event accepted by the API is counted within a second), the compiled SQL otherwise (and while the first
 * build runs in the background). One store per database connection; see `segmentIndexStore`.
 */
export class SegmentIndexStore {
  private index: SegmentIndex | null = null;
  private cursor: IndexCursor | null = null;
  private building: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private slowAt = 0;
  /** Erasures delete customers, which an incremental refresh cannot see: their receipt count marks the index. */
  private erasures: string | null = null;
  private erasuresAt = 0;
  private readonly o: Required<SegmentIndexStoreOptions>;
  readonly status: IndexStatus = {
    state: 'empty',
    builtAt: null,
    refreshedAt: null,
    customers: 0,
    events: 0,
    bytes: 0,
    lastBuild: null,
    lastRefresh: null,
    error: null,
  };

  constructor(
    private readonly db: RawDb,
    options: SegmentIndexStoreOptions = {},
  ) {
    this.o = { maxStalenessMs: 250, slowRefreshMs: 500, rebuildMs: 15 * 60_000, clock: Date.now, ...options };
  }

  /** Builds (or rebuilds) the index; the previous one keeps serving until the new one is ready. */
  load(): Promise<void> {
    this.building ??= (async () => {
      if (!this.index) this.status.state = 'loading';
      try {
        const startedAt = this.o.clock();
        const erasures = await erasureMark(this.db);
        const built = await buildSegmentIndex(this.db);
        this.erasures = erasures;
        this.erasuresAt = startedAt;
        this.index = built.index;
        this.cursor = built.cursor;
        Object.assign(this.status, {
          state: 'ready',
          builtAt: startedAt,
          refreshedAt: startedAt,
          lastBuild: built.stats,
          error: null,
        });
        this.slowAt = startedAt;
        this.describe();
      } catch (e) {
        Object.assign(this.status, {
          state: this.index ? 'ready' : 'failed',
          error: e instanceof Error ? e.message : String(e),
        });
        throw e;
      } finally {
        this.building = null;
      }
    })();
    return this.building;
  }

  /** Incremental refresh, serialised with other refreshes. */
  refresh(options: { slow?: boolean } = {}): Promise<RefreshStats | null> {
    const run = this.queue.then(async () => {
      if (!this.index || !this.cursor) return null;
      const at = this.o.clock();
      const stats = await refreshSegmentIndex(this.db, this.index, this.cursor, options);
      if (options.slow) this.slowAt = at;
      this.status.refreshedAt = at;
      this.status.lastRefresh = stats;
      this.describe();
      return stats;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves when the refreshes started so far are done. */
  async idle(): Promise<void> {
    await this.queue;
  }

  private describe() {
    if (!this.index) return;
    this.status.customers = this.index.size;
    this.status.events = this.index.eventCount;
    this.status.bytes = this.index.bytes;
  }

  private inFlight = 0;
  private slowMs = 0;
  private slowRunning = false;
  private fastRun: Promise<unknown> | null = null;

  private track<T>(p: Promise<T>) {
    this.inFlight++;
    return p.finally(() => this.inFlight--);
  }

  /**
   * The index after bringing it up to date, or null when it is not loaded (a build is then started). The fast
   * refresh is awaited when the index is older than maxStalenessMs (concurrent counts share it); the slow one runs at
   * most every max(slowRefreshMs, 20 × its last duration) so full-table scans never take over the process — awaited
   * when the last one was cheap, in the background otherwise. While a slow refresh runs in the background, counts
   * serve the index as it is (its appends come first).
   */
  private async fresh(): Promise<SegmentIndex | null> {
    if (!this.index) {
      if (this.status.state !== 'failed') this.load().catch(() => undefined);
      return null;
    }
    const now = this.o.clock();
    // A customer erased since the build (by any process) is dropped before this answer: the index is rebuilt.
    if (now - this.erasuresAt > this.o.slowRefreshMs) {
      this.erasuresAt = now;
      if ((await erasureMark(this.db)) !== this.erasures) await this.load();
    }
    // Rebuilds at most every max(rebuildMs, 30 × the last build's duration).
    if (
      this.status.builtAt !== null &&
      now - this.status.builtAt > Math.max(this.o.rebuildMs, 30 * (this.status.lastBuild?.ms ?? 0))
    )
      this.load().catch(() => undefined);
    if (!this.slowRunning && now - (this.status.refreshedAt ?? 0) > this.o.maxStalenessMs) {
      // Concurrent counts share one fast refresh.
      this.fastRun ??= this.track(this.refresh()).finally(() => (this.fastRun = null));
      await this.fastRun;
    }
    if (this.inFlight === 0 && now - this.slowAt > Math.max(this.o.slowRefreshMs, 20 * this.slowMs)) {
      this.slowAt = now;
      this.slowRunning = true;
      const started = performance.now();
      const inline = this.slowMs <= INLINE_SLOW_REFRESH_MS;
      const slow = this.track(this.refresh({ slow: true }))
        .then(
          () => (this.slowMs = performance.now() - started),
          () => undefined,
        )
        .finally(() => (this.slowRunning = false));
      // Cheap (the updatedAt indexes make it ~1 ms): this count waits for it and sees changed tags and profiles.
      if (inline) await slow;
    }
    return this.index;
  }

  /** Total and reachable counts: from the index when it is loaded and fresh, from SQL otherwise. */
  async count(definition: SegmentDefinition, options: SegmentQueryOptions = {}): Promise<LiveCount> {
    const resolveSegment =
      options.resolveSegment ??
      (referencedSegmentIds(definition).length ? await loadSegmentResolver(this.db, definition) : undefined);
    const now = options.now ?? this.o.clock();
    const timeZone = options.timeZone ?? (await shopTimeZone(this.db));
    const index = await this.fresh().catch(() => null);
    if (!index)
      return {
        ...(await countSegment(this.db, definition, { ...options, now, timeZone, resolveSegment })),
        source: 'sql',
        asOf: now,
      };
    return {
      ...countOnIndex(definition, index, { now, timeZone, resolveSegment }),
      source: 'index',
      asOf: this.status.refreshedAt ?? now,
    };
  }

  /** Member ids from the index (null when it is not loaded): for lookalikes, overlap and size history. */
  async memberIds(definition: SegmentDefinition, options: SegmentQueryOptions = {}): Promise<number[] | null> {
    const index = await this.fresh().catch(() => null);
    if (!index) return null;
    const resolveSegment =
      options.resolveSegment ??
      (referencedSegmentIds(definition).length ? await loadSegmentResolver(this.db, definition) : undefined);
    return membersOnIndex(definition, index, {
      now: options.now ?? this.o.clock(),
      timeZone: options.timeZone ?? (await shopTimeZone(this.db)),
      resolveSegment,
    });
  }
}

async function erasureMark(db: RawDb): Promise<string | null> {
  try {
    const [row] = await queryRows(db, `SELECT COUNT(*) FROM "ErasureReceipt"`);
    return String(row?.[0] ?? 0);
  } catch {
    return null;
  }
}

const stores = new WeakMap<RawDb, SegmentIndexStore>();

/** The store of a connection (created on first use; its first count starts the build). */
export function segmentIndexStore(db: RawDb, options?: SegmentIndexStoreOptions): SegmentIndexStore {
  let s = stores.get(db);
  if (!s) {
    s = new SegmentIndexStore(db, options);
    stores.set(db, s);
  }
  return s;
}
