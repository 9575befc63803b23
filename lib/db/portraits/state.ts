import type { Db } from '../create-client';

export const PORTRAIT_JOB = 'portraits';

/**
 * Queues a full portrait recompute unless one is already waiting (a queued job will read the newest data when it
 * starts, so several imports in a row share one recompute). Returns the waiting or new job.
 */
export async function enqueuePortraitJob(
  db: Db,
  payload: { reason: string; requestedBy?: string },
  runAt = new Date(),
) {
  return db.$transaction(async (tx) => {
    const waiting = await tx.job.findFirst({
      where: { type: PORTRAIT_JOB, state: 'queued', runAt: { lte: new Date(Math.max(runAt.getTime(), Date.now())) } },
      orderBy: { runAt: 'asc' },
    });
    if (waiting) return waiting;
    return tx.job.create({ data: { type: PORTRAIT_JOB, payload, runAt, maxAttempts: 3 } });
  });
}

/** Schedules the nightly recompute once per day (idempotent by its key). */
export function scheduleNightlyPortraitJob(db: Db, runAt: Date) {
  const key = `portraits:nightly:${runAt.toISOString().slice(0, 10)}`;
  return db.job.upsert({
    where: { idempotencyKey: key },
    create: { type: PORTRAIT_JOB, payload: { reason: 'nightly' }, runAt, idempotencyKey: key, maxAttempts: 3 },
    update: {},
  });
}

/** The latest portrait job that is queued or running (for the progress bar), else the latest finished one. */
export async function latestPortraitJob(db: Db) {
  const select = {
    id: true,
    state: true,
    progress: true,
    progressNote: true,
    lastError: true,
    createdAt: true,
    startedAt: true,
    finishedAt: true,
    runAt: true,
    payload: true,
  } as const;
  const active = await db.job.findFirst({
    where: { type: PORTRAIT_JOB, state: { in: ['queued', 'running'] }, runAt: { lte: new Date() } },
    orderBy: { createdAt: 'desc' },
    select,
  });
  if (active) return active;
  return db.job.findFirst({
    where: { type: PORTRAIT_JOB, state: { in: ['succeeded', 'failed', 'cancelled', 'dead'] } },
    orderBy: { finishedAt: 'desc' },
    select,
  });
}
