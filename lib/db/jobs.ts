import type { Db } from './create-client';
import type { DbOrTx } from './transaction';

/**
 * A job table of our own (reliability-notes: the one design that works on SQLite and PostgreSQL alike):
 * leased with a heartbeat, retried up to maxAttempts, dead-lettered after. Job effects must be idempotent.
 */
export const LEASE_MS = 30_000;
/** The lease in force: LEASE_MS, or PRECISA_JOB_LEASE_MS (the fault suite's children, so a killed job is re-claimed soon). */
export const leaseMs = () => Number(process.env.PRECISA_JOB_LEASE_MS) || LEASE_MS;

export type JobRow = Awaited<ReturnType<typeof findJob>>;

export function enqueueJob(
  db: Pick<Db, 'job'>,
  input: { type: string; payload: object; idempotencyKey?: string; maxAttempts?: number; runAt?: Date },
) {
  const data = {
    type: input.type,
    payload: input.payload,
    idempotencyKey: input.idempotencyKey ?? null,
    maxAttempts: input.maxAttempts ?? 3,
    ...(input.runAt ? { runAt: input.runAt } : {}),
  };
  if (!input.idempotencyKey) return db.job.create({ data });
  return db.job.upsert({ where: { idempotencyKey: input.idempotencyKey }, create: data, update: {} });
}

export function findJob(db: Db, id: string) {
  return db.job.findUnique({ where: { id } });
}

/** Claims the oldest runnable job (queued, or running with an expired lease) for `owner`; null when none. */
export async function claimJob(db: Db, owner: string, types: string[], now = new Date()) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const candidate = await db.job.findFirst({
      where: {
        type: { in: types },
        OR: [
          { state: 'queued', runAt: { lte: now } },
          { state: 'running', leaseExpiresAt: { lt: now } },
        ],
      },
      orderBy: { runAt: 'asc' },
    });
    if (!candidate) return null;
    if (candidate.attempts >= candidate.maxAttempts) {
      await db.job.updateMany({
        where: { id: candidate.id, state: candidate.state, attempts: candidate.attempts },
        data: {
          state: 'dead',
          finishedAt: now,
          lastError: candidate.lastError ?? 'Gave up after repeated crashes of its worker.',
        },
      });
      continue;
    }
    // Optimistic claim: only one worker's update matches the state it read.
    const { count } = await db.job.updateMany({
      where: { id: candidate.id, state: candidate.state, attempts: candidate.attempts },
      data: {
        state: 'running',
        leaseOwner: owner,
        leaseExpiresAt: new Date(now.getTime() + leaseMs()),
        attempts: { increment: 1 },
        startedAt: candidate.startedAt ?? now,
      },
    });
    if (count === 1) return db.job.findUniqueOrThrow({ where: { id: candidate.id } });
  }
  return null;
}

/** Extends the lease and records progress; returns whether cancellation was requested. */
export async function heartbeat(db: Db, id: string, owner: string, progress?: { fraction?: number; note?: string }) {
  const { count } = await db.job.updateMany({
    where: { id, leaseOwner: owner, state: 'running' },
    data: {
      leaseExpiresAt: new Date(Date.now() + leaseMs()),
      progress: progress?.fraction,
      progressNote: progress?.note,
    },
  });
  if (count === 0) return { lost: true, cancel: true };
  const row = await db.job.findUnique({ where: { id }, select: { cancelRequested: true } });
  return { lost: false, cancel: Boolean(row?.cancelRequested) };
}

export function finishJob(
  db: Db,
  id: string,
  owner: string,
  outcome: { state: 'succeeded' | 'cancelled'; result?: object } | { state: 'failed'; error: string; retry: boolean },
) {
  const now = new Date();
  if (outcome.state === 'failed') {
    return db.job.updateMany({
      where: { id, leaseOwner: owner },
      data: outcome.retry
        ? {
            state: 'queued',
            leaseOwner: null,
            leaseExpiresAt: null,
            lastError: outcome.error,
            runAt: new Date(now.getTime() + 5_000),
          }
        : { state: 'failed', leaseOwner: null, leaseExpiresAt: null, lastError: outcome.error, finishedAt: now },
    });
  }
  return db.job.updateMany({
    where: { id, leaseOwner: owner },
    data: {
      state: outcome.state,
      leaseOwner: null,
      leaseExpiresAt: null,
      finishedAt: now,
      progress: outcome.state === 'succeeded' ? 1 : undefined,
      result: outcome.result,
    },
  });
}

export function requestCancel(db: Db, id: string) {
  return db.job.updateMany({ where: { id, state: { in: ['queued', 'running'] } }, data: { cancelRequested: true } });
}

export function cancelQueued(db: Db, id: string) {
  return db.job.updateMany({ where: { id, state: 'queued' }, data: { state: 'cancelled', finishedAt: new Date() } });
}

/** How many jobs carry an idempotency key starting with `prefix` (the attempts of one piece of work). */
export function countJobsWithKeyPrefix(db: DbOrTx, prefix: string) {
  return db.job.count({ where: { idempotencyKey: { startsWith: prefix } } });
}

/** Cancels the queued jobs whose idempotency key starts with `prefix`; running ones finish. */
export function cancelQueuedWithKeyPrefix(db: DbOrTx, prefix: string) {
  return db.job.updateMany({
    where: { idempotencyKey: { startsWith: prefix }, state: 'queued' },
    data: { state: 'cancelled', finishedAt: new Date() },
  });
}

export function getJobOutcome(db: DbOrTx, id: string) {
  return db.job.findUnique({
    where: { id },
    select: { state: true, lastError: true, attempts: true, cancelRequested: true },
  });
}

export function listJobStates(db: DbOrTx, ids: string[]) {
  return db.job.findMany({ where: { id: { in: ids } }, select: { id: true, state: true, lastError: true } });
}

export function listJobProgress(db: DbOrTx, ids: string[]) {
  return db.job.findMany({
    where: { id: { in: ids } },
    select: { id: true, progress: true, progressNote: true, state: true },
  });
}
