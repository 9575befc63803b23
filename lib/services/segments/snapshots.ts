import 'server-only';
import { db } from '@/lib/db/client';
import { enqueueJob } from '@/lib/db/jobs';
import { insertSnapshot, listSegmentRows, segmentIdsWithSnapshotAt } from '@/lib/db/segments';
import { countSegment } from '@/lib/db/segments';
import type { ResolveSegment } from '@/lib/engine/segment/inline';
import type { SegmentDefinition } from '@/lib/schemas/segment';
import type { JobHandler } from '../jobs/worker';
import { resolveReferences, storedDefinition } from './common';
import { rawDb } from '@/lib/db/connections';

export const SNAPSHOT_JOB = 'segment-snapshots';

/**
 * Records a segment's size and reach now (SegmentSnapshot), counted by the compiled SQL — exact, and independent of
 * the in-memory index, which may not have seen a change made a moment ago.
 */
export async function recordSnapshot(
  segmentId: number,
  definition: SegmentDefinition,
  resolve: ResolveSegment | undefined,
  at = new Date(),
) {
  const count = await countSegment(rawDb(), definition, { resolveSegment: resolve, now: at.getTime() });
  await insertSnapshot(db, {
    segmentId,
    at,
    size: count.total,
    reachableEmail: count.reachable.email,
    reachableSms: count.reachable.sms,
    reachablePush: count.reachable.push,
  });
  return count;
}

/**
 * A snapshot of every active segment at `at` (the size history's daily point, after each portrait recompute).
 * Idempotent: a segment that already has a snapshot at exactly `at` (a re-run after a crash) is skipped. A segment
 * whose definition no longer validates is skipped too, and reported.
 */
export async function snapshotAllSegments(
  at: Date,
  options: { signal?: AbortSignal; progress?: (fraction: number) => void } = {},
) {
  const rows = await listSegmentRows(db, { archived: false });
  const done = await segmentIdsWithSnapshotAt(db, at);
  let recorded = 0;
  const skipped: { id: number; reason: string }[] = [];
  for (const [k, row] of rows.entries()) {
    if (options.signal?.aborted) break;
    options.progress?.(k / Math.max(1, rows.length));
    if (done.has(row.id)) continue;
    const { definition, problem } = storedDefinition(row);
    if (!definition) {
      skipped.push({ id: row.id, reason: `${problem.pathText}: ${problem.message}` });
      continue;
    }
    const refs = await resolveReferences(definition, row.id);
    if (!refs.ok) {
      skipped.push({ id: row.id, reason: refs.issues[0]?.message ?? 'reference' });
      continue;
    }
    await recordSnapshot(row.id, definition, refs.resolve, at);
    recorded++;
  }
  return { segments: rows.length, recorded, skipped };
}

/** Queues the snapshot job once per trigger (an idempotency key per portrait run). */
export function queueSegmentSnapshots(trigger: string, at = new Date()) {
  return enqueueJob(db, {
    type: SNAPSHOT_JOB,
    payload: { at: at.toISOString(), trigger },
    idempotencyKey: `segments:snapshots:${trigger}`,
  });
}

/** The `segment-snapshots` job: one snapshot per active segment at the time in its payload. */
export const SEGMENT_JOB_HANDLERS: Record<string, JobHandler> = {
  [SNAPSHOT_JOB]: async ({ payload, signal, progress }) => {
    const raw = (payload as { at?: unknown } | null)?.at;
    const at = typeof raw === 'string' && !Number.isNaN(Date.parse(raw)) ? new Date(raw) : new Date();
    return snapshotAllSegments(at, { signal, progress: (f) => progress(f, 'segments') });
  },
};

/**
 * Wraps job handlers (the portraits job) so that a successful run queues a snapshot of every segment: sizes change
 * when tags, RFM groups and predictions are recomputed, and the nightly recompute gives the history a daily point.
 */
export function withSegmentSnapshots(handlers: Record<string, JobHandler>): Record<string, JobHandler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([type, handler]) => [
      type,
      (async (ctx) => {
        const result = await handler(ctx);
        if (!ctx.signal.aborted) await queueSegmentSnapshots(`${type}:${ctx.jobId}`);
        return result;
      }) satisfies JobHandler,
    ]),
  );
}
