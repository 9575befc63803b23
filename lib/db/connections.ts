import type Database from 'better-sqlite3';
import type pg from 'pg';
import { openPgPool, openSqlite, type RawDb } from './raw';
import { databaseUrl, isPostgres, readReplicaUrl } from './url';

/**
 * The process's database connections, one set per database URL, cached across hot reloads in development.
 *
 * PostgreSQL: one pool (`sharedPgPool`) serves the Prisma client, every raw query and the import store.
 * SQLite: one raw connection (`rawDb`) for segments, campaigns, recommendations, portraits and tags beside the Prisma
 * client's own; an import opens a connection of its own (`openImportSqlite`) because its batch transaction spans
 * awaits, and other raw work must not land inside it. The shared SQLite connection's writes are portraits and tags,
 * derived data that a re-run rebuilds: a larger page cache (64 MiB, grown on demand) halves their bulk upserts, and
 * they skip the fsync per commit (WAL + NORMAL: a power cut can lose the latest commits, in order, never corrupt).
 * Imports keep synchronous = FULL on their own connection.
 */
type Entry = { pool?: pg.Pool; raw?: RawDb };

const g = globalThis as unknown as { precisaConnections?: Map<string, Entry> };
g.precisaConnections ??= new Map<string, Entry>();
const entries = g.precisaConnections;

function entry(url: string) {
  let e = entries.get(url);
  if (!e) {
    e = {};
    entries.set(url, e);
  }
  return e;
}

/** The one PostgreSQL pool of this process for `url`. */
export function sharedPgPool(url = databaseUrl()): pg.Pool {
  const e = entry(url);
  e.pool ??= openPgPool(url);
  return e.pool;
}

/** The shared raw connection for `url`: the SQLite connection described above, or the shared PostgreSQL pool. */
export function rawDb(url = databaseUrl()): RawDb {
  const e = entry(url);
  if (!e.raw) {
    if (isPostgres(url)) e.raw = { kind: 'postgresql', pool: sharedPgPool(url) };
    else {
      const conn = openSqlite(url);
      conn.pragma('cache_size = -65536');
      conn.pragma('synchronous = NORMAL');
      e.raw = { kind: 'sqlite', conn };
    }
  }
  return e.raw;
}

/**
 * Analytics reads: dashboards (`lib/db/analytics`), live segment counts (the in-memory index and its SQL fallback),
 * member pages and builder samples. With DATABASE_READ_URL set (a PostgreSQL streaming replica) they go through a
 * read-only pool to it; without it, through the primary's connections above. This is the one place that decides:
 * services ask for `analyticsRawDb()` (or `analyticsDb()` in ./client.ts) and do not know which server answers.
 *
 * Staleness: a replica serves what it has replayed, normally well under a second behind the primary (asynchronous
 * streaming; `pg_stat_replication.replay_lag` on the primary shows it), and arbitrarily far behind while it is
 * paused, catching up after a restart, or cut off. The in-memory index refreshes from the replica as it would from
 * the primary (250 ms / 0.5 s), so its staleness adds to the replica's.
 *
 * Reads that must see a write just made stay on the primary (`db`, `rawDb()`): the saved segment rows, their
 * definitions and references (the page after a save), the size snapshot recorded on every save and by the snapshot
 * job (an exact count at that moment), exports and campaign audiences (consent withdrawn a moment ago must hold),
 * membership explanations, lookalike saves, settings, users, sessions and every job.
 */
export function analyticsRawDb(): RawDb {
  const replica = readReplicaUrl();
  if (!replica) return rawDb();
  const e = entry(`read-only ${replica}`);
  e.pool ??= openPgPool(replica, { readOnly: true });
  e.raw ??= { kind: 'postgresql', pool: e.pool };
  return e.raw;
}

/** The read-only pool to the replica, or null when analytics reads go to the primary. */
export function analyticsPgPool(): pg.Pool | null {
  if (!readReplicaUrl()) return null;
  const raw = analyticsRawDb();
  return raw.kind === 'postgresql' ? raw.pool : null;
}

/** A SQLite connection of the import's own (WAL, synchronous = FULL); the import store closes it. */
export function openImportSqlite(url: string): Database.Database {
  return openSqlite(url);
}

/** Closes every cached connection (tests and scripts that exit). A Prisma client is disconnected by its owner. */
export async function closeConnections() {
  const all = [...entries.values()];
  entries.clear();
  for (const e of all) {
    if (e.raw?.kind === 'sqlite') e.raw.conn.close();
    await e.pool?.end();
  }
}
