import type { Db } from '../create-client';
import type { DbOrTx } from '../transaction';
import type { Example } from './measure';

/** Stored data-quality runs: one row per job (resumed, never duplicated), example rows per check, the history. */

export const QUALITY_JOB = 'data-quality';

/** The run of a job: created on its first attempt, found again (with the checks it finished) on a retry. */
export function startRun(db: Db, jobKey: string, reason: string) {
  return db.dataQualityRun.upsert({
    where: { jobKey },
    create: { jobKey, reason, results: [] },
    update: {},
    select: { id: true, status: true, results: true },
  });
}

/**
 * Stores one finished check of a run: its counts appended to the results and its examples replacing any a crashed
 * attempt left, in one transaction (so a check is either fully stored or redone).
 */
export function saveCheck(
  db: Db,
  runId: number,
  result: { code: string; count: number; total: number },
  examples: Example[],
) {
  return db.$transaction(async (tx) => {
    const run = await tx.dataQualityRun.findUniqueOrThrow({ where: { id: runId }, select: { results: true } });
    const results = (Array.isArray(run.results) ? run.results : []) as { code: string; count: number; total: number }[];
    await tx.dataQualityExample.deleteMany({ where: { runId, check: result.code } });
    if (examples.length)
      await tx.dataQualityExample.createMany({
        data: examples.map((e) => ({
          runId,
          check: result.code,
          customerId: e.customerId ?? null,
          productId: e.productId ?? null,
          importId: e.importId ?? null,
          rowId: e.rowId ?? null,
          value: e.value ?? null,
        })),
      });
    await tx.dataQualityRun.update({
      where: { id: runId },
      data: { results: [...results.filter((r) => r.code !== result.code), result] },
    });
  });
}

export function finishRun(db: Db, runId: number, freshness: object) {
  return db.dataQualityRun.update({
    where: { id: runId },
    data: { status: 'completed', freshness, finishedAt: new Date() },
  });
}

/** Keeps the newest `keep` completed runs (the trend shows far fewer); older ones and their examples go. */
export async function pruneRuns(db: Db, keep: number) {
  const old = await db.dataQualityRun.findMany({
    where: { status: 'completed' },
    orderBy: { finishedAt: 'desc' },
    skip: keep,
    select: { id: true },
  });
  if (old.length) await db.dataQualityRun.deleteMany({ where: { id: { in: old.map((r) => r.id) } } });
  return old.length;
}

/** The newest completed runs, newest first, without examples. */
export function listRuns(db: DbOrTx, take: number) {
  return db.dataQualityRun.findMany({
    where: { status: 'completed', finishedAt: { not: null } },
    orderBy: { finishedAt: 'desc' },
    take,
    select: { id: true, reason: true, results: true, freshness: true, startedAt: true, finishedAt: true },
  });
}

export function listExamples(db: DbOrTx, runId: number) {
  return db.dataQualityExample.findMany({
    where: { runId },
    orderBy: { id: 'asc' },
    select: { check: true, customerId: true, productId: true, importId: true, rowId: true, value: true },
  });
}

/**
 * Queues a run unless one is already waiting to start (it will read the newest data), so several imports in a row
 * or repeated clicks share one. Returns the waiting or new job.
 */
export function enqueueQualityJob(db: Db, reason: string) {
  return db.$transaction(async (tx) => {
    const waiting = await tx.job.findFirst({
      where: { type: QUALITY_JOB, state: 'queued', runAt: { lte: new Date() } },
      orderBy: { runAt: 'asc' },
    });
    if (waiting) return waiting;
    return tx.job.create({ data: { type: QUALITY_JOB, payload: { reason }, maxAttempts: 3 } });
  });
}

/** Schedules the nightly run once per day (idempotent by its key). */
export function scheduleNightlyQualityJob(db: Db, runAt: Date) {
  const key = `${QUALITY_JOB}:nightly:${runAt.toISOString().slice(0, 10)}`;
  return db.job.upsert({
    where: { idempotencyKey: key },
    create: { type: QUALITY_JOB, payload: { reason: 'nightly' }, runAt, idempotencyKey: key, maxAttempts: 3 },
    update: {},
  });
}

/** The run now queued or running (its state and progress), if any. */
export function activeQualityJob(db: Db) {
  return db.job.findFirst({
    where: { type: QUALITY_JOB, state: { in: ['queued', 'running'] }, runAt: { lte: new Date() } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, state: true, progress: true, createdAt: true },
  });
}
