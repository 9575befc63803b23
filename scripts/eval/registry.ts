/**
 * The models `npm run eval` compares. Each entry is a factory (dataset context → model spec) so a new model is one
 * line, e.g. (engineer B):
 *   (ctx) => ({ kind: 'ranking', name: 'ease', params: { lambda: 500 }, fit: (train) => fitEase(train, { lambda: 500 }) }),
 * Tuning is honest: a factory may choose hyper-parameters on `ctx.tuning` (train/validation carved from the
 * training data), never on the test set; the chosen values are written into `params.selected`.
 */
import { fitContent, type ItemAttributes } from '@/lib/engine/recommendation/content';
import { fitContentWeights, itemPairs } from '@/lib/engine/recommendation/content-fit';
import { fitContentRanking } from '@/lib/engine/recommendation/content-profile';
import { buildCsr } from '@/lib/engine/recommendation/csr';
import { trainAlsSync, type AlsOptions } from '@/lib/engine/recommendation/als';
import { trainBprSync, type BprOptions } from '@/lib/engine/recommendation/bpr';
import { trainEaseSync, type EaseOptions } from '@/lib/engine/recommendation/ease';
import { evaluateRanking } from '@/lib/engine/recommendation/evaluate';
import { trainGru4RecSync, type Gru4RecOptions } from '@/lib/engine/recommendation/gru4rec';
import type { FitContext, RankingModelSpec } from '@/lib/engine/recommendation/evaluate-models';
import { blendModels, fitBlendWeights } from '@/lib/engine/recommendation/hybrid';
import { fitItemKnn, type ItemKnnOptions } from '@/lib/engine/recommendation/item-knn';
import { fitPopularity } from '@/lib/engine/recommendation/popularity';
import { searchParams, type ParamGrid } from '@/lib/engine/recommendation/tune';
import type { Interactions, RankingModel } from '@/lib/engine/recommendation/types';
import { fitUserKnn, type UserKnnOptions } from '@/lib/engine/recommendation/user-knn';
import type { LoadedDataset } from './datasets';

export type EvalContext = { dataset: LoadedDataset; seed: number; log: (message: string) => void };
export type RankingEntry = (ctx: EvalContext) => RankingModelSpec;

/** NDCG@10 of a model fitted on tuning.train, evaluated on tuning.validation */
export function validationNdcg(
  fit: (train: Interactions) => RankingModel,
  tuning: NonNullable<FitContext['tuning']>,
): number {
  const model = fit(tuning.train);
  return evaluateRanking(
    model,
    buildCsr(tuning.train, { aggregate: 'binary' }),
    buildCsr(tuning.validation, { aggregate: 'binary' }),
    { k: 10 },
  ).metrics.ndcg;
}

/** chosen hyper-parameters per dataset and model, shared with the hybrid entry */
const selected = new Map<string, Record<string, unknown>>();

function tuned<P extends Record<string, unknown>>(
  name: string,
  grid: ParamGrid,
  start: Record<string, unknown>,
  fitWith: (train: Interactions, p: P) => RankingModel,
): RankingEntry {
  return (ctx) => {
    const params: Record<string, unknown> = { search: 'coordinate ascent on validation NDCG@10', grid };
    return {
      kind: 'ranking',
      name,
      params,
      fit(train, fitCtx) {
        let best = start as P;
        if (fitCtx.tuning) {
          const r = searchParams(grid, (p) => validationNdcg((t) => fitWith(t, p as P), fitCtx.tuning!), {
            start: start as never,
          });
          best = r.best as P;
          params.validationNdcg = r.score;
          params.trials = r.trials.length;
          ctx.log(
            `  ${name}: selected ${JSON.stringify(best)} (validation NDCG@10 ${r.score.toFixed(4)}, ${r.trials.length} trials)`,
          );
        }
        params.selected = best;
        selected.set(`${ctx.dataset.name}:${name}`, best);
        return fitWith(train, best);
      },
    };
  };
}

export const ITEM_KNN_GRID: ParamGrid = {
  k: [20, 50, 100, 200, 400, 800],
  shrink: [0, 10, 100],
  weighting: ['none', 'tfidf', 'bm25'],
  alpha: [0.3, 0.4, 0.5, 0.6, 0.7],
  locality: [1, 1.5, 2, 3],
  normalizeUsers: [false, true],
  normalizeNeighbourhoods: [false, true],
};
const ITEM_KNN_START = {
  k: 100,
  shrink: 0,
  weighting: 'none',
  alpha: 0.5,
  locality: 1,
  normalizeUsers: false,
  normalizeNeighbourhoods: false,
};
const USER_KNN_GRID: ParamGrid = {
  k: [10, 20, 50, 100, 200],
  similarity: ['cosine-full', 'jaccard'],
  neighbourhood: ['global', 'per-item'],
};
const USER_KNN_START = { k: 50, similarity: 'cosine-full', neighbourhood: 'global' };

function itemAttributes(d: LoadedDataset): ItemAttributes[] {
  return d.itemIds.map((_, i) => ({
    text: d.itemText[i] ?? '',
    ...(d.itemTags ? { tags: d.itemTags[i] ?? [] } : {}),
    ...(d.itemPrice ? { price: d.itemPrice[i]! } : {}),
  }));
}

const fitTunedItemKnn = (t: Interactions, p: Record<string, unknown>) => fitItemKnn(t, p as ItemKnnOptions);
const fitTunedUserKnn = (t: Interactions, p: Record<string, unknown>) =>
  fitUserKnn(t, { mode: 'implicit', ...(p as UserKnnOptions) });

/** content model fitted on the catalogue, weights fitted on validation pairs when available */
const contentEntry: RankingEntry = (ctx) => {
  const params: Record<string, unknown> = {
    neighbours: 50,
    weights: 'fitted on validation next/basket pairs (coordinate ascent, NDCG@10)',
  };
  return {
    kind: 'ranking',
    name: 'content',
    params,
    fit(train, fitCtx) {
      let content = fitContent(itemAttributes(ctx.dataset));
      if (fitCtx.tuning) {
        const pairs = itemPairs(fitCtx.tuning.validation, {
          mode: ctx.dataset.name === 'online_retail_uci' ? 'basket' : 'next',
        });
        if (pairs.length > 0) {
          const r = fitContentWeights(content, pairs, { seed: ctx.seed });
          content = content.withWeights(r.weights);
          params.selected = Object.fromEntries(r.attributes.map((a) => [a, r.weights[a]]));
          params.pairNdcg = { initial: r.initialNdcg, fitted: r.ndcg };
          ctx.log(
            `  content: weights ${JSON.stringify(params.selected)} (pair NDCG@10 ${r.initialNdcg.toFixed(4)} → ${r.ndcg.toFixed(4)})`,
          );
        }
      }
      return fitContentRanking(content, train, { k: 50 });
    },
  };
};

/** item-kNN + user-kNN + popularity, weights fitted on validation; component parameters from their own tuning */
const hybridEntry: RankingEntry = (ctx) => {
  const params: Record<string, unknown> = {
    components: ['item-knn (tuned)', 'user-knn (tuned)', 'popularity'],
    blend: 'min-max scaled scores, weights by coordinate ascent on validation NDCG@10',
  };
  return {
    kind: 'ranking',
    name: 'hybrid',
    params,
    fit(train, fitCtx) {
      const ip = selected.get(`${ctx.dataset.name}:item-knn (tuned)`) ?? ITEM_KNN_START;
      const up = selected.get(`${ctx.dataset.name}:user-knn (tuned)`) ?? USER_KNN_START;
      const build = (t: Interactions) => [fitTunedItemKnn(t, ip), fitTunedUserKnn(t, up), fitPopularity(t)];
      let weights = [1, 0.5, 0.1];
      if (fitCtx.tuning) {
        const models = build(fitCtx.tuning.train);
        const r = fitBlendWeights(
          models,
          buildCsr(fitCtx.tuning.train, { aggregate: 'binary' }),
          buildCsr(fitCtx.tuning.validation, { aggregate: 'binary' }),
          { grid: [0, 0.1, 0.25, 0.5, 1] },
        );
        weights = r.weights;
        params.validationNdcg = r.ndcg;
        ctx.log(
          `  hybrid: weights item-knn ${weights[0]}, user-knn ${weights[1]}, popularity ${weights[2]} (validation NDCG@10 ${r.ndcg.toFixed(4)})`,
        );
      }
      params.selected = { itemKnn: weights[0], userKnn: weights[1], popularity: weights[2] };
      const models = build(train);
      return blendModels(models.map((model, m) => ({ model, weight: weights[m]! })));
    },
  };
};

/** every ranking model of the eval, in order (the hybrid reuses the tuned kNN parameters, so it comes after them) */
export const rankingRegistry: RankingEntry[] = [
  () => ({
    kind: 'ranking',
    name: 'popularity',
    params: { weight: 'distinct users' },
    fit: (train) => fitPopularity(train),
  }),
  () => ({
    kind: 'ranking',
    name: 'item-knn (defaults)',
    params: { k: 100, similarity: 'cosine' },
    fit: (train) => fitItemKnn(train, { k: 100 }),
  }),
  tuned('item-knn (tuned)', ITEM_KNN_GRID, ITEM_KNN_START, fitTunedItemKnn),
  tuned('user-knn (tuned)', USER_KNN_GRID, USER_KNN_START, fitTunedUserKnn),
  contentEntry,
  hybridEntry,
  tuned('ease', { lambda: [50, 100, 200, 300, 500, 800, 1200] }, { lambda: 500 }, (t, p) =>
    trainEaseSync(t, p as EaseOptions),
  ),
  tuned(
    'als',
    { factors: [32, 64, 128], alpha: [1, 3, 10], regularization: [3, 10, 30, 100] },
    { factors: 64, alpha: 3, regularization: 30 },
    (t, p) => trainAlsSync(t, { ...(p as AlsOptions), iterations: 15 }),
  ),
  tuned(
    'bpr',
    { factors: [32, 64], learningRate: [0.02, 0.05, 0.1], regularization: [0.002, 0.01, 0.03] },
    { factors: 64, learningRate: 0.05, regularization: 0.01 },
    (t, p) => trainBprSync(t, { ...(p as BprOptions), epochs: 30 }),
  ),
  tuned('gru4rec', { epochs: [1, 2, 4] }, { epochs: 2 }, (t, p) => trainGru4RecSync(t, p as Gru4RecOptions)),
];
