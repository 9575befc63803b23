import 'server-only';
import { db } from '@/lib/db/client';
import { enqueueJob } from '@/lib/db/jobs';
import { attachJob, createRun, getServingRun, nextVersion } from '@/lib/db/recommendations/runs';
import { getSettingValue, putSettingValue } from '@/lib/db/settings';
import { withTransaction } from '@/lib/db/transaction';
import { runParamsSchema } from '@/lib/services/recommendations/training-schema';
import { TRAIN_JOB } from '@/lib/services/recommendations/runs';

export const RETRAIN_JOB = 'erasure-retrain';
const STALE_KEY = 'erasureRetrain.modelsStale';
const WINDOW_KEY = 'erasureRetrain.windowDays';
export const DEFAULT_RETRAIN_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * After an erasure the served recommendation model still carries the customer's interactions (the request path no
 * longer finds them: their customer row is gone). The model is marked stale and a retraining job is queued for the
 * next midnight (UTC), and at the latest at the end of the configured window (default 7 days).
 */
export async function markModelsStale(now = new Date()) {
  const windowDays = Number((await getSettingValue(db, WINDOW_KEY)) ?? DEFAULT_RETRAIN_WINDOW_DAYS);
  const midnight = Math.ceil(now.getTime() / DAY_MS) * DAY_MS;
  const runAt = new Date(Math.min(midnight, now.getTime() + windowDays * DAY_MS));
  const previous = (await getSettingValue(db, STALE_KEY)) as { since?: number } | null;
  await putSettingValue(db, STALE_KEY, { since: previous?.since ?? now.getTime(), dueBy: runAt.getTime() });
  return enqueueJob(db, {
    type: RETRAIN_JOB,
    payload: {},
    idempotencyKey: `${RETRAIN_JOB}:${runAt.toISOString().slice(0, 10)}`,
    runAt,
  });
}

/** The job: queues a new version of the served model (same options, served when done) and clears the stale mark. */
export async function retrainAfterErasure() {
  const serving = await getServingRun(db);
  const stale = await getSettingValue(db, STALE_KEY);
  if (!serving) {
    if (stale) await putSettingValue(db, STALE_KEY, {});
    return { retrained: null };
  }
  const { options } = runParamsSchema.parse(serving.params);
  return withTransaction(db, async (tx) => {
    const run = await createRun(tx, {
      model: serving.model,
      version: await nextVersion(tx, serving.model),
      params: { options: { ...options, models: [serving.model], serve: true } },
      dataset: 'shop',
      protocol: `${options.split} holdout`,
    });
    const job = await enqueueJob(tx, { type: TRAIN_JOB, payload: { runIds: [run.id] }, maxAttempts: 2 });
    await attachJob(tx, [run.id], job.id);
    await putSettingValue(tx, STALE_KEY, {});
    return { retrained: run.id, jobId: job.id };
  });
}
