/**
 * Model versions for the Recommendations page: list and compare runs, start a training (admins), cancel it, choose
 * the serving version (admins; an atomic pointer flip), settings.
 */
import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { searchCustomerRefs } from '@/lib/db/customers';
import { writeAudit } from '@/lib/db/audit';
import { cancelQueued, enqueueJob, listJobProgress, listJobStates, requestCancel } from '@/lib/db/jobs';
import { countProductsAddedSince, listCategories } from '@/lib/db/products';
import { withTransaction } from '@/lib/db/transaction';
import {
  attachJob,
  createRun,
  endRun,
  getRun,
  listRuns,
  listRunsByIds,
  listRunsByStatus,
  nextVersion,
  readSettingsValue,
  runsOfJob,
  setServing,
  writeSettingsValue,
  type RunRow,
} from '@/lib/db/recommendations/runs';
import { AppError } from '@/lib/errors';
import { can } from '@/lib/security/roles';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import { modelsDir, servingStatus, syncServing } from './serving/state';
import { parseStoredSettings, recommendSettingsSchema } from './settings-schema';
import { runParamsSchema, trainingOptionsSchema, trainingPayloadSchema } from './training-schema';
import { servingReason } from './serving-reason';
import { runTrainingJob } from './train';
import { COMPONENT_KINDS } from '@/lib/engine/recommendation/models/types';
import { federatedComparison } from './federated';

export const TRAIN_JOB = 'train-recommender';
const ACTIVE = ['queued', 'running'];

/** Runs whose job ended without them (a crashed or killed worker) are closed with the job's reason. */
async function reconcile(runs: RunRow[]) {
  const jobIds = [...new Set(runs.filter((r) => ACTIVE.includes(r.status) && r.jobId).map((r) => r.jobId!))];
  if (jobIds.length === 0) return runs;
  const jobs = new Map((await listJobStates(db, jobIds)).map((j) => [j.id, j]));
  let changed = false;
  for (const r of runs) {
    const job = r.jobId ? jobs.get(r.jobId) : undefined;
    if (!job || !ACTIVE.includes(r.status) || ACTIVE.includes(job.state)) continue;
    await endRun(
      db,
      r.id,
      job.state === 'cancelled' ? 'cancelled' : 'failed',
      job.state === 'cancelled' ? null : (job.lastError ?? 'The training job ended unexpectedly.'),
    );
    changed = true;
  }
  return changed ? listRuns(db) : runs;
}

/** Everything the Recommendations page shows. */
export async function getRecommendationsOverview(actor: Actor | null) {
  const user = authorize(actor, 'recommendations:view');
  const runs = await reconcile(await listRuns(db));
  const active = runs.filter((r) => ACTIVE.includes(r.status) && r.jobId);
  const jobs = active.length ? await listJobProgress(db, [...new Set(active.map((r) => r.jobId!))]) : [];
  const progress = Object.fromEntries(
    jobs.map((j) => [j.id, { fraction: j.progress, note: j.progressNote, state: j.state }]),
  );
  const settings = parseStoredSettings(await readSettingsValue(db));
  const categories = await listCategories(db);
  const servingRun = runs.find((r) => r.isServing) ?? null;
  // products the serving model has never seen: content neighbours serve them; a retrain lets behaviour in
  const catalogue = servingRun?.completedAt
    ? { ...(await countProductsAddedSince(db, servingRun.completedAt)), trained: trainedProducts(servingRun.params) }
    : null;
  return {
    runs,
    progress,
    serving: { run: servingRun, reason: servingReason(servingRun?.params), process: servingStatus(), catalogue },
    settings,
    categories,
    canManage: can(user.role, 'recommendations:manage'),
    federated: federatedComparison(runs),
  };
}

export type RecommendationsOverview = Awaited<ReturnType<typeof getRecommendationsOverview>>;

const trainedDataSchema = z.object({ data: z.object({ products: z.number().int().nonnegative() }) });

/** The catalogue size a run was trained on (`params.data.products`, recorded by the training job); null if absent. */
function trainedProducts(params: unknown): number | null {
  const parsed = trainedDataSchema.safeParse(params);
  return parsed.success ? parsed.data.data.products : null;
}

/** Polled by the page while a training runs. */
export async function getTrainingProgress(actor: Actor | null) {
  authorize(actor, 'recommendations:view');
  const runs = await reconcile(await listRunsByStatus(db, ACTIVE));
  const active = runs.filter((r) => ACTIVE.includes(r.status));
  const jobs = await listJobProgress(db, [...new Set(active.map((r) => r.jobId ?? ''))]);
  const byJob = new Map(jobs.map((j) => [j.id, j]));
  return active.map((r) => ({
    runId: r.id,
    model: r.model,
    version: r.version,
    status: r.status,
    fraction: byJob.get(r.jobId ?? '')?.progress ?? 0,
    note: byJob.get(r.jobId ?? '')?.progressNote ?? null,
  }));
}

/** Queues one run per chosen model (versions count up per model) and the job that trains them, in one transaction. */
export async function startTraining(actor: Actor | null, input: unknown) {
  const admin = authorize(actor, 'recommendations:manage');
  const options = parseInput(trainingOptionsSchema, input);
  const models = [...new Set(options.models)];
  if (models.includes('hybrid') && options.components !== undefined && options.components.length < 2)
    throw new AppError('INVALID_INPUT', 'errors.recommendations.hybridComponents', undefined, {
      fieldErrors: { components: [{ key: 'errors.recommendations.chooseComponents' }] },
    });
  return withTransaction(db, async (tx) => {
    const ids: number[] = [];
    for (const model of models) {
      const run = await createRun(tx, {
        model,
        version: await nextVersion(tx, model),
        params: { options: { ...options, models } },
        dataset: 'shop',
        protocol: `${options.split} holdout`,
      });
      ids.push(run.id);
    }
    const job = await enqueueJob(tx, { type: TRAIN_JOB, payload: { runIds: ids }, maxAttempts: 2 });
    await attachJob(tx, ids, job.id);
    await writeAudit(tx, {
      actorType: 'user',
      actorId: admin.userId,
      action: 'recommendations.train',
      targetType: 'job',
      targetId: job.id,
      details: { runIds: ids, options },
    });
    return { jobId: job.id, runIds: ids };
  });
}

/** Asks the worker to stop a training (a queued one is cancelled right away). The serving model is not touched. */
export async function cancelTraining(actor: Actor | null, runId: unknown) {
  const admin = authorize(actor, 'recommendations:manage');
  const run = await getRun(db, parseInput(z.coerce.number().int().positive(), runId));
  if (!run?.jobId || !ACTIVE.includes(run.status))
    throw new AppError('CONFLICT', 'errors.recommendations.onlyActiveCancel');
  await requestCancel(db, run.jobId);
  const { count } = await cancelQueued(db, run.jobId);
  if (count === 1) for (const r of await runsOfJob(db, run.jobId)) await endRun(db, r.id, 'cancelled', null);
  await writeAudit(db, {
    actorType: 'user',
    actorId: admin.userId,
    action: 'recommendations.cancel',
    targetType: 'rec_model_run',
    targetId: run.id,
  });
}

/** Makes a completed version the serving one (atomic pointer flip) and loads it into this process right away. */
export async function serveRun(actor: Actor | null, runId: unknown) {
  const admin = authorize(actor, 'recommendations:manage');
  const id = parseInput(z.coerce.number().int().positive(), runId);
  const run = await getRun(db, id);
  if (!run) throw new AppError('NOT_FOUND', 'errors.recommendations.noVersion');
  if (!(await setServing(db, id))) throw new AppError('CONFLICT', 'errors.recommendations.onlyCompleted');
  await writeAudit(db, {
    actorType: 'user',
    actorId: admin.userId,
    action: 'recommendations.serve',
    targetType: 'rec_model_run',
    targetId: id,
    details: { model: run.model, version: run.version },
  });
  await syncServing().catch((e) => console.error('[recommendations] reload after serve failed', e));
  return { runId: id, model: run.model, version: run.version };
}

/** A blend's candidate components: recorded as `candidates`, or (runs before them) as its stored `components`. */
const recordedComponentsSchema = z.union([
  z.object({ candidates: z.array(z.enum(COMPONENT_KINDS)).min(2) }).transform((p) => p.candidates),
  z
    .object({ components: z.array(z.object({ kind: z.enum(COMPONENT_KINDS) })).min(2) })
    .transform((p) => p.components.map((c) => c.kind)),
]);

/** Trains the serving model again with the options it was trained with, and serves the new version when done. */
export async function retrainServing(actor: Actor | null) {
  authorize(actor, 'recommendations:manage');
  const serving = (await listRuns(db)).find((r) => r.isServing);
  if (!serving) throw new AppError('NOT_FOUND', 'errors.recommendations.noVersion');
  const stored = runParamsSchema.safeParse(serving.params);
  const options = stored.success ? stored.data.options : {};
  // a blend retrains with the components it considered, also those its fit gave no weight (its default ones came
  // from the models trained beside it)
  const recorded = recordedComponentsSchema.safeParse(serving.params);
  const components = serving.model === 'hybrid' && recorded.success ? { components: recorded.data } : {};
  return startTraining(actor, { ...options, ...components, models: [serving.model], serve: true });
}

export async function saveRecommendationSettings(actor: Actor | null, input: unknown) {
  const admin = authorize(actor, 'recommendations:manage');
  const patch = parseInput(z.record(z.string(), z.unknown()), input);
  return withTransaction(db, async (tx) => {
    // A partial payload changes only the fields it names; the rest keep their saved values, not the defaults.
    const saved = parseStoredSettings(await readSettingsValue(tx));
    const value = parseInput(recommendSettingsSchema, { ...saved, ...patch });
    await writeSettingsValue(tx, value);
    await writeAudit(tx, {
      actorType: 'user',
      actorId: admin.userId,
      action: 'recommendations.settings',
      details: value,
    });
    return value;
  });
}

/** Customers for the preview picker: by external id, name or e-mail. */
export async function findPreviewCustomers(actor: Actor | null, q: unknown) {
  authorize(actor, 'recommendations:view');
  const text = parseInput(z.string().trim().min(1).max(200), q);
  return searchCustomerRefs(db, text, 8);
}

/** The job handler (registered in lib/services/jobs/handlers.ts). */
export async function trainRecommenderJob(
  payload: unknown,
  ctx: { signal: AbortSignal; progress(fraction: number, note?: string): void },
) {
  const { runIds } = trainingPayloadSchema.parse(payload);
  const runs = await listRunsByIds(db, runIds);
  return runTrainingJob(runs, { ...ctx, modelsDir: modelsDir(), db });
}
