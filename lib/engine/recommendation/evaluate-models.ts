/**
 * One protocol, many models: the integration point the app (on a shop's own data) and `npm run eval` (on public
 * data) share. Each model is a factory with a name, its parameters and `fit(train, ctx)`; each row of the result
 * says which protocol produced which numbers and how long training took.
 *
 * Validation: when the split has a VALIDATION part, `fit` receives train ∪ validation as `train` (the final
 * model is trained on everything but the test set) and `ctx.tuning = { train, validation }` to choose
 * hyper-parameters on; the test set is never shown to `fit`. Pass `validation: 'hold-out'` to train on TRAIN only.
 *
 * @example
 * const rows = evaluateModels({
 *   interactions, split: randomSplit(interactions, { seed: 42 }), k: 10,
 *   models: [{ kind: 'ranking', name: 'popularity', params: {}, fit: (train) => fitPopularity(train) }],
 * });
 * // [{ model: 'popularity', params: {}, protocol: 'random 80/20 (seed 42), full ranking …', metrics: { 'ndcg@10': … }, trainingMs }]
 */
import { buildCsr } from './csr';
import { evaluateRanking, evaluateRating, type RankingEvalOptions } from './evaluate';
import { applySplit, splitDescription, VALIDATION, type Split } from './split';
import type { Interactions, RankingModel, RatingModel } from './types';

export type FitContext = {
  /** seed for any randomness in training */
  seed: number;
  /** present when the split has a validation part: tune on these, never on the test set */
  tuning?: { train: Interactions; validation: Interactions };
};

type Params = Record<string, unknown>;
export type RankingModelSpec = {
  kind: 'ranking';
  name: string;
  params?: Params;
  fit(train: Interactions, ctx: FitContext): RankingModel;
};
export type RatingModelSpec = {
  kind: 'rating';
  name: string;
  params?: Params;
  fit(train: Interactions, ctx: FitContext): RatingModel;
};
export type ModelSpec = RankingModelSpec | RatingModelSpec;

export type EvalRow = {
  model: string;
  params: Params;
  protocol: string;
  /** ranking: 'ndcg@10', 'recall@10' …; rating: 'rmse', 'mae'. Means over folds when several splits were given */
  metrics: Record<string, number>;
  /** per-fold standard deviation of each metric (only with several folds) */
  std?: Record<string, number>;
  /** mean training time per fold */
  trainingMs: number;
  /** mean scoring/evaluation time per fold */
  scoringMs: number;
  folds: number;
  /** users evaluated (ranking) or predictions made (rating), first fold */
  nEvaluated: number;
};

export type EvaluateModelsOptions = {
  interactions: Interactions;
  /** one split, or several (k-fold CV: metrics are averaged over folds like Surprise's cross_validate) */
  split: Split | Split[];
  models: ModelSpec[];
  /** cut-off for ranking metrics; default 10 */
  k?: number;
  /** passed to evaluateRanking (users: 'warm', minRelevance …) */
  ranking?: Omit<RankingEvalOptions, 'k' | 'keepLists'>;
  validation?: 'merge' | 'hold-out';
  seed?: number;
  /** extra protocol text appended to the split description (e.g. 'all ratings as implicit') */
  protocolNote?: string;
  /** called after each model and fold, e.g. for progress output */
  onProgress?: (row: { model: string; fold: number; metrics: Record<string, number>; trainingMs: number }) => void;
};

/**
 * Fits and evaluates every model on the same split(s); see the file comment.
 */
export function evaluateModels(options: EvaluateModelsOptions): EvalRow[] {
  const {
    interactions,
    models,
    k = 10,
    ranking = {},
    validation = 'merge',
    seed = 42,
    protocolNote,
    onProgress,
  } = options;
  const splits = Array.isArray(options.split) ? options.split : [options.split];
  if (splits.length === 0) throw new RangeError('evaluateModels: needs at least one split');
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`evaluateModels: k must be a positive integer, got ${k}`);
  const prepared = splits.map((split) => {
    const parts = applySplit(interactions, split);
    const hasValidation = parts.validation.users.length > 0;
    const fitTrain = hasValidation && validation === 'merge' ? mergeParts(interactions, split) : parts.train;
    return {
      split,
      parts,
      hasValidation,
      fitTrain,
      trainCsr: buildCsr(fitTrain, { aggregate: 'binary' }),
      testCsr: buildCsr(parts.test, { aggregate: 'max' }),
    };
  });
  const base =
    splits.length > 1 ? splitDescription(splits[0]!).replace(/, fold \d+/, '') : splitDescription(splits[0]!);
  return models.map((spec) => {
    const perFold: Record<string, number>[] = [];
    let trainingMs = 0,
      scoringMs = 0,
      nEvaluated = 0;
    prepared.forEach((p, fold) => {
      const ctx: FitContext = {
        seed,
        ...(p.hasValidation ? { tuning: { train: p.parts.train, validation: p.parts.validation } } : {}),
      };
      const t0 = performance.now();
      const metrics: Record<string, number> = {};
      if (spec.kind === 'ranking') {
        const model = spec.fit(p.fitTrain, ctx);
        const t1 = performance.now();
        trainingMs += t1 - t0;
        const r = evaluateRanking(model, p.trainCsr, p.testCsr, { ...ranking, k });
        scoringMs += performance.now() - t1;
        for (const [name, value] of Object.entries(r.metrics)) if (value !== undefined) metrics[`${name}@${k}`] = value;
        if (fold === 0) nEvaluated = r.nUsers;
      } else {
        const model = spec.fit(p.fitTrain, ctx);
        const t1 = performance.now();
        trainingMs += t1 - t0;
        const r = evaluateRating(model, p.parts.test);
        scoringMs += performance.now() - t1;
        metrics.rmse = r.rmse;
        metrics.mae = r.mae;
        if (fold === 0) nEvaluated = r.n;
      }
      perFold.push(metrics);
      onProgress?.({ model: spec.name, fold, metrics, trainingMs: performance.now() - t0 });
    });
    const { mean, std } = summarise(perFold);
    const what =
      spec.kind === 'ranking'
        ? `full ranking over all items, training items masked, top-${k}`
        : 'RMSE/MAE of predicted ratings';
    return {
      model: spec.name,
      params: spec.params ?? {},
      protocol: [base, protocolNote, what].filter(Boolean).join('; '),
      metrics: mean,
      ...(perFold.length > 1 ? { std } : {}),
      trainingMs: trainingMs / prepared.length,
      scoringMs: scoringMs / prepared.length,
      folds: prepared.length,
      nEvaluated,
    };
  });
}

function mergeParts(data: Interactions, split: Split): Interactions {
  const part = split.part.map((p) => (p === VALIDATION ? 0 : p));
  return applySplit(data, { ...split, part }).train;
}

function summarise(rows: Record<string, number>[]): { mean: Record<string, number>; std: Record<string, number> } {
  const mean: Record<string, number> = {},
    std: Record<string, number> = {};
  for (const key of Object.keys(rows[0] ?? {})) {
    const xs = rows.map((r) => r[key] ?? 0);
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    mean[key] = m;
    std[key] = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
  }
  return { mean, std };
}
