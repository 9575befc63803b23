/**
 * Accuracy metrics for one ranked list (top-N) and for rating predictions.
 *
 * Ranking metrics use binary relevance. For a list L = (l_1 … l_n), the first K positions and the relevant set R:
 *   hits@K      = |{r ≤ K : l_r ∈ R}|
 *   precision@K = hits@K / K                       (the denominator is K even if the list is shorter)
 *   recall@K    = hits@K / |R|
 *   NDCG@K      = DCG / IDCG, DCG = Σ_{r≤K, l_r∈R} 1/log2(r+1), IDCG = Σ_{r=1}^{min(|R|,K)} 1/log2(r+1)
 *                 (Järvelin & Kekäläinen 2002; the IDCG cut at min(|R|, K) as in Recommenders.jl / Rendle 2021)
 *   AP@K        = Σ_{r≤K, l_r∈R} precision@r / min(|R|, K)     (MAP = mean over users)
 *   RR@K        = 1 / rank of the first relevant item within K, else 0   (MRR = mean over users)
 *   hit@K       = 1 if hits@K > 0 else 0                                   (hit rate = mean over users)
 * Every metric is 0 when R is empty. Rating metrics: RMSE = √(Σ(ŷ−y)²/n), MAE = Σ|ŷ−y|/n.
 *
 * Stable API: `rankingMetrics(list, relevant, k)` gives all six at once; single-metric helpers take the same
 * arguments; `hitVector` + the `*FromHits` functions are the allocation-free core used by the evaluator.
 *
 * @example
 * rankingMetrics([3, 1, 7], [1, 9], 3);
 * // { precision: 1/3, recall: 0.5, ndcg: 0.3868…, map: 0.25, mrr: 0.5, hitRate: 1 }
 */

export const RANKING_METRICS = ['precision', 'recall', 'ndcg', 'map', 'mrr', 'hitRate'] as const;
export type RankingMetricName = (typeof RANKING_METRICS)[number];
export type RankingMetrics = Record<RankingMetricName, number>;

/** relevance marks of the first K positions: out[r] = 1 when list[r] ∈ relevant */
export function hitVector(list: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): Uint8Array {
  checkK('hitVector', k);
  const n = Math.min(k, list.length);
  const out = new Uint8Array(n);
  for (let r = 0; r < n; r++) out[r] = relevant.has(list[r]!) ? 1 : 0;
  return out;
}

function checkK(fn: string, k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`${fn}: k must be a positive integer, got ${k}`);
}

/** 1/log2(r+2) for r = 0..n−1 (position r+1), cached */
const discounts: number[] = [];
export function discount(r: number): number {
  for (let i = discounts.length; i <= r; i++) discounts.push(1 / Math.log2(i + 2));
  return discounts[r]!;
}

/** All ranking metrics from a hit vector (positions 0..K−1) and the number of relevant items. */
export function metricsFromHits(hits: ArrayLike<number>, nRelevant: number, k: number): RankingMetrics {
  if (nRelevant <= 0) return { precision: 0, recall: 0, ndcg: 0, map: 0, mrr: 0, hitRate: 0 };
  const n = Math.min(k, hits.length);
  let nHits = 0,
    dcg = 0,
    apSum = 0,
    rr = 0;
  for (let r = 0; r < n; r++) {
    if (!hits[r]) continue;
    nHits++;
    dcg += discount(r);
    apSum += nHits / (r + 1);
    if (rr === 0) rr = 1 / (r + 1);
  }
  let idcg = 0;
  const m = Math.min(nRelevant, k);
  for (let r = 0; r < m; r++) idcg += discount(r);
  return {
    precision: nHits / k,
    recall: nHits / nRelevant,
    ndcg: dcg / idcg,
    map: apSum / m,
    mrr: rr,
    hitRate: nHits > 0 ? 1 : 0,
  };
}

function toSet(relevant: Iterable<number> | ReadonlySet<number>): ReadonlySet<number> {
  return relevant instanceof Set ? relevant : new Set(relevant);
}

/**
 * All six ranking metrics of one list at cut-off k.
 *
 * @example
 * rankingMetrics([5, 2], [2], 2).ndcg; // 1/log2(3) = 0.6309…
 */
export function rankingMetrics(
  list: ArrayLike<number>,
  relevant: Iterable<number> | ReadonlySet<number>,
  k: number,
): RankingMetrics {
  const set = toSet(relevant);
  return metricsFromHits(hitVector(list, set, k), set.size, k);
}

/** @example precisionAtK([1, 2, 3, 4], [2, 4], 4); // 0.5 */
export const precisionAtK = (list: ArrayLike<number>, relevant: Iterable<number>, k: number) =>
  rankingMetrics(list, relevant, k).precision;
/** @example recallAtK([1, 2, 3, 4], [2, 4, 8, 9], 4); // 0.5 */
export const recallAtK = (list: ArrayLike<number>, relevant: Iterable<number>, k: number) =>
  rankingMetrics(list, relevant, k).recall;
/** @example ndcgAtK([1, 2], [1], 2); // 1 */
export const ndcgAtK = (list: ArrayLike<number>, relevant: Iterable<number>, k: number) =>
  rankingMetrics(list, relevant, k).ndcg;
/** @example averagePrecisionAtK([1, 2, 3], [1, 3], 3); // (1 + 2/3) / 2 = 0.8333… */
export const averagePrecisionAtK = (list: ArrayLike<number>, relevant: Iterable<number>, k: number) =>
  rankingMetrics(list, relevant, k).map;
/** @example reciprocalRankAtK([4, 5, 6], [6], 3); // 1/3 */
export const reciprocalRankAtK = (list: ArrayLike<number>, relevant: Iterable<number>, k: number) =>
  rankingMetrics(list, relevant, k).mrr;
/** @example hitRateAtK([4, 5, 6], [9], 3); // 0 */
export const hitRateAtK = (list: ArrayLike<number>, relevant: Iterable<number>, k: number) =>
  rankingMetrics(list, relevant, k).hitRate;

function checkPairs(fn: string, predicted: ArrayLike<number>, actual: ArrayLike<number>): void {
  if (predicted.length !== actual.length)
    throw new RangeError(`${fn}: predicted has ${predicted.length} values, actual ${actual.length}`);
  if (predicted.length === 0) throw new RangeError(`${fn}: needs at least one prediction`);
}

/**
 * Root mean squared error.
 *
 * @example
 * rmse([3, 4], [4, 4]); // √(1/2) = 0.7071…
 */
export function rmse(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  checkPairs('rmse', predicted, actual);
  let s = 0;
  for (let k = 0; k < predicted.length; k++) s += (predicted[k]! - actual[k]!) ** 2;
  return Math.sqrt(s / predicted.length);
}

/**
 * Mean absolute error.
 *
 * @example
 * mae([3, 5], [4, 4]); // 1
 */
export function mae(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  checkPairs('mae', predicted, actual);
  let s = 0;
  for (let k = 0; k < predicted.length; k++) s += Math.abs(predicted[k]! - actual[k]!);
  return s / predicted.length;
}
