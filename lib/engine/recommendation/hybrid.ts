/**
 * Hybrid building blocks: weighted blending of RankingModels, blend weights fitted on validation data,
 * business rules, and MMR diversity re-ranking. `recommender.ts` puts them together with cold-start fallbacks
 * and explanations.
 *
 *   blend:  score(u, i) = Σ_m w_m · ŝ_m(u, i), ŝ_m = the model's scores min–max scaled to [0, 1] over the user's
 *           candidate items (so models on different scales mix), 'zscore': (s − mean) / sd over the user's items,
 *           or 'rank': ŝ = 1 / (60 + rank) (reciprocal-rank fusion, Cormack et al. 2009) over each model's top
 *           `depth` items
 *   MMR:    pick argmax_i λ·rel(i) − (1 − λ)·max_{j ∈ picked} sim(i, j)   (Carbonell & Goldstein 1998),
 *           rel min–max scaled over the candidates; λ = 1 is the plain ranking
 *
 * @example
 * const hybrid = blendModels([{ model: itemKnn, weight: 0.7 }, { model: popularity, weight: 0.3 }]);
 * const { weights } = fitBlendWeights([itemKnn, userKnn, popularity], trainCsr, validationCsr);
 */
import { evaluateRanking } from './evaluate';
import { searchParams } from './tune';
import { TopKHeap } from './top-k';
import type { Csr, Explanation, RankingModel, Scored } from './types';

/** a RankingModel that can say why it scored an item */
export type ExplainableModel = RankingModel & { explain?(user: number, item: number): Explanation };

export type BlendNormalization = 'minmax' | 'zscore' | 'rank';
export type BlendOptions = { normalize?: BlendNormalization; depth?: number };

/** (s − mean) / sd over the finite entries of `s`, in place (others and constant vectors become 0) */
export function zScoreInPlace(s: Float32Array): void {
  let n = 0,
    sum = 0,
    sq = 0;
  for (let i = 0; i < s.length; i++) {
    const v = s[i]!;
    if (v > -Infinity && v < Infinity) {
      n++;
      sum += v;
      sq += v * v;
    }
  }
  const mean = n > 0 ? sum / n : 0;
  const sd = n > 1 ? Math.sqrt(Math.max(0, sq / n - mean * mean)) : 0;
  for (let i = 0; i < s.length; i++) {
    const v = s[i]!;
    s[i] = v > -Infinity && v < Infinity && sd > 0 ? (v - mean) / sd : 0;
  }
}

/** min–max scaling of the finite entries of `s` into [0, 1] in place (constant vectors become 0) */
export function minMaxInPlace(s: Float32Array): void {
  let lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < s.length; i++) {
    const v = s[i]!;
    if (v > -Infinity && v < Infinity) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const span = hi - lo;
  for (let i = 0; i < s.length; i++) {
    const v = s[i]!;
    s[i] = v > -Infinity && v < Infinity && span > 0 ? (v - lo) / span : 0;
  }
}

/**
 * Weighted blend of models sharing one item space.
 *
 * @example
 * blendModels([{ model: a, weight: 1 }, { model: b, weight: 2 }], { normalize: 'rank', depth: 200 });
 */
export function blendModels(
  parts: readonly { model: RankingModel; weight: number }[],
  options: BlendOptions = {},
): RankingModel & { parts: typeof parts } {
  const { normalize = 'minmax', depth = 500 } = options;
  if (parts.length === 0) throw new RangeError('blendModels: needs at least one model');
  const nItems = parts[0]!.model.nItems;
  for (const p of parts) {
    if (p.model.nItems !== nItems)
      throw new RangeError(`blendModels: ${p.model.name} has ${p.model.nItems} items, expected ${nItems}`);
    if (!(p.weight >= 0)) throw new RangeError(`blendModels: weight of ${p.model.name} must be ≥ 0`);
  }
  const buf = new Float32Array(nItems);
  const heap = new TopKHeap(Math.min(depth, nItems));
  const idx = new Int32Array(heap.k);
  return {
    name: `blend(${parts.map((p) => `${p.model.name}×${p.weight}`).join(',')})`,
    nItems,
    parts,
    scoreUser(u, out) {
      out.fill(0);
      for (const { model, weight } of parts) {
        if (weight === 0) continue;
        model.scoreUser(u, buf);
        if (normalize !== 'rank') {
          if (normalize === 'minmax') minMaxInPlace(buf);
          else zScoreInPlace(buf);
          for (let i = 0; i < nItems; i++) out[i]! += weight * buf[i]!;
        } else {
          heap.reset();
          for (let i = 0; i < nItems; i++) if (buf[i]! > heap.threshold) heap.push(i, buf[i]!);
          const m = heap.drainSorted(idx);
          for (let r = 0; r < m; r++) out[idx[r]!]! += weight / (60 + r + 1);
        }
      }
    },
  };
}

/** most scores kept in memory by `withCachedScores` (256 MB of float32) */
const CACHE_LIMIT = 64 * 1024 * 1024;

/**
 * The model with the score vectors of `users` computed once and kept (a weight search scores the same validation
 * users hundreds of times); the model itself when they would not fit in CACHE_LIMIT.
 */
export function withCachedScores(model: RankingModel, users: readonly number[]): RankingModel {
  const n = model.nItems;
  if (users.length * n > CACHE_LIMIT) return model;
  const slot = new Map(users.map((u, r) => [u, r]));
  const rows = new Float32Array(users.length * n);
  users.forEach((u, r) => {
    model.scoreUser(u, rows.subarray(r * n, (r + 1) * n));
  });
  return {
    name: model.name,
    nItems: n,
    scoreUser(u, out) {
      const r = slot.get(u);
      if (r === undefined) model.scoreUser(u, out);
      else out.set(rows.subarray(r * n, (r + 1) * n));
    },
  };
}

/**
 * Fits blend weights by coordinate ascent over `grid` maximising NDCG@k on a validation matrix; the models
 * must have been trained on `train` only. The search starts from the best single model (weight 1, others 0), so
 * the blend is never below its best component on validation; with several `normalize` choices each is searched
 * and the best kept. Score vectors of the validation users are cached per model.
 *
 * @example
 * fitBlendWeights([knn, pop], trainCsr, validCsr, { grid: [0, 0.25, 0.5, 1] }); // { weights: [1, 0.25], ndcg, … }
 */
export function fitBlendWeights(
  models: readonly RankingModel[],
  train: Csr,
  validation: Csr,
  options: {
    grid?: readonly number[];
    k?: number;
    normalize?: BlendNormalization | readonly BlendNormalization[];
  } = {},
): { weights: number[]; ndcg: number; trials: number; normalize: BlendNormalization; singles: number[] } {
  const { grid = [0, 0.1, 0.25, 0.5, 1], k = 10 } = options;
  const choices: readonly BlendNormalization[] =
    typeof options.normalize === 'string' ? [options.normalize] : (options.normalize ?? ['minmax']);
  if (!grid.includes(0) || !grid.includes(1)) throw new RangeError('fitBlendWeights: the grid must contain 0 and 1');
  const users: number[] = [];
  for (let u = 0; u < validation.nRows; u++) if (validation.rowPtr[u + 1]! > validation.rowPtr[u]!) users.push(u);
  const cached = models.map((m) => withCachedScores(m, users));
  const ndcgOf = (model: RankingModel) => evaluateRanking(model, train, validation, { k }).metrics.ndcg;
  const singles = cached.map(ndcgOf);
  const bestSingle = singles.indexOf(Math.max(...singles));
  const space = Object.fromEntries(models.map((_, m) => [`w${m}`, grid])) as Record<string, readonly number[]>;
  let out = { weights: [] as number[], ndcg: -Infinity, trials: 0, normalize: choices[0]! };
  for (const normalize of choices) {
    const result = searchParams(
      space,
      (p) => {
        const weights = models.map((_, m) => Number(p[`w${m}`]));
        if (weights.every((w) => w === 0)) return -Infinity;
        if (weights.filter((w) => w > 0).length === 1) return singles[weights.findIndex((w) => w > 0)]!;
        return ndcgOf(
          blendModels(
            cached.map((model, m) => ({ model, weight: weights[m]! })),
            { normalize },
          ),
        );
      },
      { start: Object.fromEntries(models.map((_, m) => [`w${m}`, m === bestSingle ? 1 : 0])) },
    );
    out.trials += result.trials.length;
    if (result.score > out.ndcg)
      out = { ...out, weights: models.map((_, m) => Number(result.best[`w${m}`])), ndcg: result.score, normalize };
  }
  return { ...out, singles };
}

export type BusinessRules = {
  /** items the customer already bought (excluded unless their category is repurchasable) */
  purchased?: Iterable<number>;
  /** outOfStock[i] !== 0 → never recommended */
  outOfStock?: ArrayLike<number>;
  /** category of each item (needed by repurchasable and categoryFilter) */
  itemCategory?: ArrayLike<number>;
  /** categories whose items may be recommended again (consumables) */
  repurchasableCategories?: Iterable<number>;
  /** when set, only items of these categories */
  categoryFilter?: Iterable<number>;
  /** item → other categories it is listed in: an item passes the category filter through any of them */
  itemOtherCategories?: ReadonlyMap<number, readonly number[]>;
};

/**
 * Applies the rules to a score vector in place (excluded items get −∞).
 *
 * @example
 * applyBusinessRules(scores, { purchased: [3], outOfStock: stock, itemCategory, repurchasableCategories: [7] });
 */
export function applyBusinessRules(scores: Float32Array, rules: BusinessRules): void {
  const cat = rules.itemCategory;
  const repurchasable = new Set(rules.repurchasableCategories ?? []);
  const filter = rules.categoryFilter ? new Set(rules.categoryFilter) : undefined;
  if ((repurchasable.size > 0 || filter) && (!cat || cat.length !== scores.length)) {
    throw new RangeError('applyBusinessRules: itemCategory (one per item) is needed for category rules');
  }
  for (const i of rules.purchased ?? []) if (!(cat && repurchasable.has(cat[i]!))) scores[i] = -Infinity;
  if (rules.outOfStock) for (let i = 0; i < scores.length; i++) if (rules.outOfStock[i]) scores[i] = -Infinity;
  const isListed = (i: number) => rules.itemOtherCategories?.get(i)?.some((c) => filter!.has(c)) ?? false;
  if (filter) for (let i = 0; i < scores.length; i++) if (!filter.has(cat![i]!) && !isListed(i)) scores[i] = -Infinity;
}

/**
 * Maximal-marginal-relevance re-ranking of scored candidates (best first in, best first out).
 *
 * @example
 * mmrRerank([{ item: 1, score: 0.9 }, { item: 2, score: 0.85 }, { item: 3, score: 0.5 }], sim, { lambda: 0.5, n: 2 });
 */
export function mmrRerank(
  candidates: readonly Scored[],
  similarity: (a: number, b: number) => number,
  options: { lambda?: number; n?: number } = {},
): Scored[] {
  const { lambda = 0.7, n = candidates.length } = options;
  if (!(lambda >= 0 && lambda <= 1)) throw new RangeError(`mmrRerank: lambda must be in [0, 1], got ${lambda}`);
  if (candidates.length === 0) return [];
  const lo = Math.min(...candidates.map((c) => c.score)),
    hi = Math.max(...candidates.map((c) => c.score));
  const rel = candidates.map((c) => (hi > lo ? (c.score - lo) / (hi - lo) : 1));
  const maxSim = new Float64Array(candidates.length);
  const taken = new Uint8Array(candidates.length);
  const out: Scored[] = [];
  while (out.length < Math.min(n, candidates.length)) {
    let best = -1,
      bestValue = -Infinity;
    for (let c = 0; c < candidates.length; c++) {
      if (taken[c]) continue;
      const v = lambda * rel[c]! - (out.length > 0 ? (1 - lambda) * maxSim[c]! : 0);
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    taken[best] = 1;
    const picked = candidates[best]!;
    out.push(picked);
    for (let c = 0; c < candidates.length; c++)
      if (!taken[c]) maxSim[c] = Math.max(maxSim[c]!, similarity(candidates[c]!.item, picked.item));
  }
  return out;
}
