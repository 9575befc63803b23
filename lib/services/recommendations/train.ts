/**
 * The `train-recommender` job: reads a consistent snapshot of the shop, fits each requested model, evaluates it on a
 * holdout with the engine's `evaluateModels` (temporal split by default; protocol recorded), refits on all data,
 * precomputes every customer's list, stores the version under <data dir>/models and records it — completing the run
 * and, when asked, moving the serving pointer in the same transaction. A failed or cancelled run never touches the
 * serving model. Idempotent: a re-run after a crash skips runs already completed.
 */
import { isDiskFullError } from '@/lib/db/disk-full';
import type { Db } from '@/lib/db/create-client';
import { buildCsr } from '@/lib/engine/recommendation/csr';
import { evaluateModels } from '@/lib/engine/recommendation/evaluate-models';
import { blendModels, fitBlendWeights } from '@/lib/engine/recommendation/hybrid';
import {
  completeRun,
  endRun,
  getServingRun,
  markRunning,
  setServing,
  type RunRow,
} from '@/lib/db/recommendations/runs';
import { artifactName, encodeBundle, removeArtifact, writeArtifact, type BundleMeta } from './artifact';
import { KIND_NAMES, latestTime } from '@/lib/engine/recommendation/histories';
import { storedContentWeights } from '@/lib/engine/recommendation/models/neighbours';
import { hybridComponents, keptComponents } from '@/lib/engine/recommendation/models/components';
import { FAMILIES } from '@/lib/engine/recommendation/models/registry';
import {
  rankingAdapter,
  round3,
  type ComponentKind,
  type Fitted,
  type ModelKind,
} from '@/lib/engine/recommendation/models/types';
import { evaluateGroupFairness } from '@/lib/engine/fairness/evaluate-groups';
import { customerGroups } from '../fairness/groups';
import { precompute } from './precompute';
import { buildBundle } from './serving/bundle';
import { coocNeighbours } from '@/lib/engine/recommendation/models/training-parts';
import { fitter, prepare, tick, type Prepared } from './train-prepare';
import { sharedBuffers } from './training-data';
import { runParamsSchema } from './training-schema';

export type TrainingContext = {
  signal: AbortSignal;
  progress(fraction: number, note?: string): void;
  modelsDir: string;
  db: Db;
};

/** Trains, evaluates and stores one run; returns its test metrics. */
async function trainRun(
  run: RunRow,
  p: Prepared,
  ctx: TrainingContext,
  fit: ReturnType<typeof fitter>,
  cooc: () => ReturnType<typeof coocNeighbours>,
  stage: (note: string) => void,
) {
  const { shop, options, tools, parts } = p;
  const kinds: ComponentKind[] =
    run.model === 'hybrid' ? hybridComponents(options.models, options.components) : [run.model as ComponentKind];
  const started = performance.now();
  stage(`${run.model}: fitting for evaluation`);
  const evalFits: Fitted[] = [];
  for (const kind of kinds) evalFits.push(await fit(kind, 'fitTrain'));
  let weights = kinds.map(() => 1);
  let blendNote: Record<string, unknown> = {};
  if (kinds.length > 1 && parts.validation.data.users.length > 0) {
    stage(`${run.model}: fitting blend weights on validation`);
    const tuneShared = tools.sharedOf(parts.train);
    const models = [];
    for (const [m, kind] of kinds.entries())
      models.push(
        rankingAdapter(FAMILIES[kind].load(await fit(kind, 'train', evalFits[m]!.params), tuneShared), tuneShared),
      );
    await tick();
    const r = fitBlendWeights(
      models,
      buildCsr(parts.train.data, { aggregate: 'binary' }),
      buildCsr(parts.validation.data, { aggregate: 'binary' }),
      { grid: [0, 0.25, 0.5, 1] },
    );
    weights = r.weights;
    blendNote = {
      blend: 'min-max scaled scores, weights by coordinate ascent on validation NDCG@10 from the best single component',
      validationNdcg: round3(r.ndcg),
      componentValidationNdcg: Object.fromEntries(kinds.map((kind, m) => [kind, round3(r.singles[m]!)])),
    };
  }
  // from here on only the components the blend weights: evaluated, fitted on all data, stored and served
  const kept = keptComponents(kinds, weights);
  ctx.signal.throwIfAborted();
  stage(`${run.model}: evaluating on the holdout`);
  await tick();
  const evalShared = tools.sharedOf(parts.fitTrain);
  const evalModels = kept.map(({ kind, weight, index }) => ({
    model: rankingAdapter(FAMILIES[kind].load(evalFits[index]!, evalShared), evalShared),
    weight,
  }));
  const adapter = evalModels.length === 1 ? evalModels[0]!.model : blendModels(evalModels);
  const evalMs = performance.now() - started;
  const w = p.settings.eventWeights;
  const minRelevance =
    options.relevance === 'purchase'
      ? w.purchase
      : options.relevance === 'cart'
        ? Math.min(w.cart, w.purchase)
        : -Infinity;
  const [row] = evaluateModels({
    interactions: shop.interactions,
    split: p.split,
    models: [{ kind: 'ranking', name: run.model, fit: () => adapter }],
    k: options.k,
    ranking: { users: 'warm', minRelevance, similarity: (a, b) => p.baseContent.similarity(a, b) },
    protocolNote: `shop behaviour (${KIND_NAMES.map((k) => `${k} ${w[k]}`).join(', ')}; half-life ${p.settings.halfLifeDays} d); relevant = ${options.relevance === 'any' ? 'any interaction' : options.relevance === 'cart' ? 'carts and purchases' : 'purchases'}; customers with training history`,
  });
  ctx.signal.throwIfAborted();
  stage(`${run.model}: fairness per customer group`);
  const groups = await customerGroups(new Date(), ctx.db);
  const fairness = evaluateGroupFairness(adapter, shop.interactions, p.split, {
    k: options.k,
    minRelevance,
    groupsOf: (u) => groups.byId.get(shop.userIds[u]!) ?? {},
  });
  stage(`${run.model}: fitting on all data`);
  const finalFits: Fitted[] = [];
  for (const { kind, index } of kept) finalFits.push(await fit(kind, 'all', evalFits[index]!.params));
  const trainingMs = performance.now() - started;
  stage(`${run.model}: precomputing lists`);
  const finalShared = tools.sharedOf(parts.all);
  // the content weights fitted on validation (the fit on all data keeps them), also when the blend drops content
  const contentIndex = kinds.indexOf('content');
  const contentWeights =
    (contentIndex >= 0 ? storedContentWeights(evalFits[contentIndex]!.params) : undefined) ?? p.settings.contentWeights;
  const meta: BundleMeta = {
    run: { id: run.id, model: run.model as ModelKind, version: run.version },
    createdAt: Date.now(),
    watermark: shop.watermark,
    tRef: latestTime(shop.interactions),
    settings: {
      eventWeights: p.settings.eventWeights,
      halfLifeDays: p.settings.halfLifeDays,
      trendingHalfLifeDays: p.settings.trendingHalfLifeDays,
    },
    contentWeights,
    components: kept.map(({ kind, weight }, m) => ({ kind, weight, params: finalFits[m]!.params })),
    precomputedN: 0,
  };
  const buffers = sharedBuffers(shop, parts.all, finalShared, cooc());
  const bundle = buildBundle(
    { meta, shared: buffers, components: finalFits },
    { products: shop.products, categories: p.categories },
    p.settings,
  );
  const pre = await precompute(bundle, { n: 50, signal: ctx.signal });
  Object.assign(buffers, { preItems: pre.items, preScores: pre.scores });
  const bytes = encodeBundle({ ...meta, precomputedN: pre.n }, buffers, finalFits);
  const name = artifactName(run);
  await writeArtifact(ctx.modelsDir, name, bytes);
  const data = {
    customers: shop.interactions.nUsers,
    products: shop.interactions.nItems,
    interactions: shop.interactions.users.length,
    from: shop.interactions.timestamps?.[0] ?? null,
    to: meta.tRef,
  };
  const params = {
    ...runParamsSchema.parse(run.params),
    data,
    components: meta.components,
    // every component the blend considered (a retrain considers them again), also those it gave no weight
    ...(run.model === 'hybrid' ? { candidates: kinds } : {}),
    ...blendNote,
    evaluation: { users: row!.nEvaluated, trainingMs: Math.round(evalMs), scoringMs: Math.round(row!.scoringMs) },
    artifactBytes: bytes.byteLength,
    fairness,
  };
  const metrics: Record<string, number> = { ...row!.metrics, users: row!.nEvaluated };
  return {
    name,
    metrics,
    params,
    protocol: row!.protocol,
    trainingMs,
    dataset: `shop: ${data.customers} customers × ${data.products} products, ${data.interactions} interactions`,
  };
}

/** The job handler's body (see the file comment). Returns a summary per run. */
export async function runTrainingJob(runs: RunRow[], ctx: TrainingContext) {
  const pending = runs.filter((r) => r.status === 'queued' || r.status === 'running');
  if (pending.length === 0) return { runs: [] };
  const options = runParamsSchema.parse(pending[0]!.params).options;
  await markRunning(ctx.db, pending[0]!.id);
  let p: Prepared;
  try {
    ctx.progress(0.01, 'reading the shop');
    p = await prepare(ctx.db, options);
  } catch (e) {
    const cancelled = ctx.signal.aborted;
    for (const r of pending)
      await endRun(ctx.db, r.id, cancelled ? 'cancelled' : 'failed', cancelled ? null : message(e));
    throw e;
  }
  const total = pending.length * 5;
  let done = 0;
  const stage = (note: string) => ctx.progress(Math.min(0.99, 0.05 + (0.95 * done++) / total), note);
  const fit = fitter(p, ctx.signal, (note) => ctx.progress(Math.min(0.99, 0.05 + (0.95 * done) / total), note));
  let cooc: ReturnType<typeof coocNeighbours> | undefined;
  const summary: { id: number; model: string; status: string; ndcg?: number; error?: string }[] = [];
  const nothingServing = !(await getServingRun(ctx.db));
  for (const [index, run] of pending.entries()) {
    try {
      done = index * 5;
      await markRunning(ctx.db, run.id);
      const r = await trainRun(run, p, ctx, fit, () => (cooc ??= coocNeighbours(p.shop.interactions)), stage);
      const serve = pending.length === 1 && (options.serve || nothingServing);
      const ok = await completeRun(
        ctx.db,
        run.id,
        {
          metrics: r.metrics,
          params: r.params,
          protocol: r.protocol,
          dataset: r.dataset,
          trainingMs: r.trainingMs,
          artifact: r.name,
        },
        serve,
      );
      if (!ok) await removeArtifact(ctx.modelsDir, r.name);
      summary.push({
        id: run.id,
        model: run.model,
        status: ok ? 'completed' : 'skipped',
        ndcg: r.metrics[`ndcg@${options.k}`],
      });
    } catch (e) {
      await removeArtifact(ctx.modelsDir, artifactName(run)).catch(() => undefined);
      if (ctx.signal.aborted) {
        for (const r of pending.slice(index)) await endRun(ctx.db, r.id, 'cancelled', null);
        throw e;
      }
      await endRun(ctx.db, run.id, 'failed', message(e));
      summary.push({ id: run.id, model: run.model, status: 'failed', error: message(e) });
    }
  }
  // several models: serve the best of them by test NDCG (its own atomic flip), when asked or when nothing serves yet
  const completed = summary.filter((s) => s.status === 'completed');
  if (pending.length > 1 && completed.length > 0 && (options.serve || nothingServing)) {
    const best = completed.reduce((a, b) => ((b.ndcg ?? -1) > (a.ndcg ?? -1) ? b : a));
    await setServing(ctx.db, best.id);
  }
  ctx.progress(1, 'done');
  return { runs: summary };
}

/** What a failed run records: a message key where the reader can act on it (a full disk), else the error's text. */
function message(e: unknown) {
  if (isDiskFullError(e)) return TRAINING_DISK_FULL;
  return (e instanceof Error ? e.message : String(e)).slice(0, 1000);
}
export const TRAINING_DISK_FULL = 'errors.recommendations.diskFull';
