import 'server-only';
import { db } from '@/lib/db/client';
import { IS_PG } from '@/lib/db/dialect';
import { maintainAppEventPartitions } from '@/lib/db/events/partitions';
import { enqueueJob } from '@/lib/db/jobs';

/**
 * The `event-partitions` job (PostgreSQL only): keeps the events table's monthly partitions in place
 * (lib/db/events/partitions.ts). It runs when a worker starts, after every completed import (imported history may
 * have landed in the default partition), and once a day at 00:00 UTC, each run queueing the next day's.
 */
export const PARTITIONS_JOB = 'event-partitions';
const DAY_MS = 86_400_000;

/** Queues a run at `at`; `reason` makes the key (one run per day by default, one per import). */
export function queueEventPartitions(at = new Date(), reason = `day:${at.toISOString().slice(0, 10)}`) {
  if (!IS_PG) return Promise.resolve(null);
  return enqueueJob(db, {
    type: PARTITIONS_JOB,
    payload: {},
    idempotencyKey: `${PARTITIONS_JOB}:${reason}`,
    runAt: at,
  });
}

/** The job: queues tomorrow's run first (a failed run must not end the daily chain), then maintains the months. */
export async function runEventPartitions(now = new Date()) {
  await queueEventPartitions(new Date(Math.floor(now.getTime() / DAY_MS + 1) * DAY_MS));
  return (await maintainAppEventPartitions(now)) ?? { partitioned: false };
}
