import type { Db } from '../create-client';
import type { Prisma } from '../generated/sqlite/client';
import { trueOf, type Reader } from './query';

type Tx = Prisma.TransactionClient | Db;

export const runSelect = {
  id: true,
  model: true,
  version: true,
  params: true,
  dataset: true,
  protocol: true,
  status: true,
  metrics: true,
  trainingMs: true,
  artifact: true,
  error: true,
  jobId: true,
  isServing: true,
  createdAt: true,
  completedAt: true,
} satisfies Prisma.RecModelRunSelect;

export type RunRow = Prisma.RecModelRunGetPayload<{ select: typeof runSelect }>;

const SERVING_KEY = 'recommendations.serving';

export function listRuns(db: Tx, take = 100) {
  return db.recModelRun.findMany({ select: runSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take });
}

export function getRun(db: Tx, id: number) {
  return db.recModelRun.findUnique({ where: { id }, select: runSelect });
}

export function runsOfJob(db: Tx, jobId: string) {
  return db.recModelRun.findMany({ where: { jobId }, select: runSelect, orderBy: { id: 'asc' } });
}

/** Runs in any of these states, unordered. */
export function listRunsByStatus(db: Tx, statuses: string[]) {
  return db.recModelRun.findMany({ where: { status: { in: statuses } }, select: runSelect });
}

export function listRunsByIds(db: Tx, ids: number[]) {
  return db.recModelRun.findMany({ where: { id: { in: ids } }, select: runSelect, orderBy: { id: 'asc' } });
}

export function getServingRun(db: Tx) {
  return db.recModelRun.findFirst({ where: { isServing: true }, select: runSelect });
}

/** The next version number of each model family (versions count up per family, never reused). */
export async function nextVersion(db: Tx, model: string): Promise<number> {
  const agg = await db.recModelRun.aggregate({ where: { model }, _max: { version: true } });
  return (agg._max.version ?? 0) + 1;
}

export function createRun(
  db: Tx,
  data: { model: string; version: number; params: object; dataset: string; protocol: string },
) {
  return db.recModelRun.create({ data: { ...data, status: 'queued' }, select: runSelect });
}

export function attachJob(db: Tx, ids: number[], jobId: string) {
  return db.recModelRun.updateMany({ where: { id: { in: ids } }, data: { jobId } });
}

export function markRunning(db: Tx, id: number) {
  return db.recModelRun.updateMany({
    where: { id, status: { in: ['queued', 'running'] } },
    data: { status: 'running', error: null },
  });
}

/** Ends a run without a model (failed or cancelled); the serving pointer is not touched. */
export function endRun(db: Tx, id: number, status: 'failed' | 'cancelled', error: string | null) {
  return db.recModelRun.updateMany({
    where: { id, status: { in: ['queued', 'running'] } },
    data: { status, error, completedAt: new Date() },
  });
}

/**
 * Moves the serving pointer to `runId`: one transaction that first writes the pointer row (on PostgreSQL its row
 * lock serialises concurrent flips), then clears every other serving flag and sets this one. Readers see the old or
 * the new model, never none or two.
 */
export async function flipServing(tx: Prisma.TransactionClient, runId: number) {
  const value = { runId, at: Date.now() };
  await tx.setting.upsert({ where: { key: SERVING_KEY }, create: { key: SERVING_KEY, value }, update: { value } });
  await tx.recModelRun.updateMany({ where: { isServing: true, id: { not: runId } }, data: { isServing: false } });
  await tx.recModelRun.update({ where: { id: runId }, data: { isServing: true } });
}

/** Serves a completed run (one transaction, see flipServing); false when the run is not completed. */
export function setServing(db: Db, runId: number) {
  return db.$transaction(async (tx) => {
    const run = await tx.recModelRun.findUnique({ where: { id: runId }, select: { status: true, artifact: true } });
    if (run?.status !== 'completed' || !run.artifact) return false;
    await flipServing(tx, runId);
    return true;
  });
}

/**
 * Records a trained model version, and optionally makes it the serving one, in one transaction: a crash leaves
 * either the old state or the complete new one.
 */
export function completeRun(
  db: Db,
  id: number,
  data: { metrics: object; params: object; protocol: string; dataset: string; trainingMs: number; artifact: string },
  serve: boolean,
) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.recModelRun.updateMany({
      where: { id, status: { in: ['queued', 'running'] } },
      data: {
        ...data,
        trainingMs: Math.round(data.trainingMs),
        status: 'completed',
        error: null,
        completedAt: new Date(),
      },
    });
    if (count === 1 && serve) await flipServing(tx, id);
    return count === 1;
  });
}

/** The cheap per-poll stamp of the serving pointer: the serving run's id and artifact (null when none). */
export async function servingStamp(r: Reader): Promise<{ runId: number; artifact: string } | null> {
  const [row] = await r.all(
    `SELECT "id", "artifact" FROM "RecModelRun" WHERE "isServing" = ${trueOf(r)} AND "status" = 'completed' ORDER BY "id" DESC LIMIT 1`,
  );
  return row?.[1] ? { runId: Number(row[0]), artifact: String(row[1]) } : null;
}

const SETTINGS_KEY = 'recommendations';

export async function readSettingsValue(db: Tx): Promise<unknown> {
  return (await db.setting.findUnique({ where: { key: SETTINGS_KEY } }))?.value ?? null;
}

export async function readSettingsRaw(r: Reader): Promise<unknown> {
  const [row] = await r.all(`SELECT "value" FROM "Setting" WHERE "key" = ?`, [SETTINGS_KEY]);
  if (!row) return null;
  return typeof row[0] === 'string' ? JSON.parse(row[0]) : row[0];
}

export function writeSettingsValue(db: Tx, value: object) {
  return db.setting.upsert({ where: { key: SETTINGS_KEY }, create: { key: SETTINGS_KEY, value }, update: { value } });
}
