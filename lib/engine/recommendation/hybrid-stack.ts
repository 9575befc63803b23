/**
 * Stacked hybrid: a linear ranker over the component models' outputs, fitted on validation data (learning to rank
 * with a pairwise logistic loss, RankNet-style, Burges et al. 2005). Features of (user u, item i), M models:
 *   score     z-score of model m's score over u's non-training items                      (M features)
 *   rank      −log2(2 + rank of i in model m's list), ranks past `depth` counted as `depth` (M features)
 *   activity  score feature × h_u, h_u = standardised log(1 + |training history of u|)    (M features)
 *   popularity standardised log(1 + training count of i)                                  (1 feature)
 * so the blend weights can differ by user activity (w_m + v_m·h_u). Training pairs: each validation positive in the
 * union of the models' top-`depth` candidates against `negatives` candidates drawn (seeded) from the same union;
 * weights by Newton's method on L = Σ log(1 + exp(−w·(x_pos − x_neg))) + (l2/2)‖w‖².
 *
 * @example
 * const fit = fitStackWeights([ease, als], trainCsr, validationCsr, { seed: 1 }); // fit.weights, fit.features
 * const model = stackedModel([easeFinal, alsFinal], fit, finalTrainCsr);
 */
import { evaluateRanking } from './evaluate';
import { zScoreInPlace } from './hybrid';
import { createRng } from './random';
import type { Csr, RankingModel } from './types';

export type StackFeature = 'score' | 'rank' | 'activity' | 'popularity';
export type StackOptions = {
  /** feature groups; default all four */
  features?: readonly StackFeature[];
  /** candidates per model and rank cap; default 100 */
  depth?: number;
  /** negatives drawn per positive; default 10 */
  negatives?: number;
  /** L2 penalty on the weights; default 1 */
  l2?: number;
  /** Newton steps; default 20 */
  iterations?: number;
  seed?: number;
};
export type StackFit = { weights: number[]; names: string[]; features: StackFeature[]; depth: number; pairs: number };

const ALL: readonly StackFeature[] = ['score', 'rank', 'activity', 'popularity'];

/** standardised log(1 + x) over the entries of `counts` */
function standardLog(counts: ArrayLike<number>): Float64Array {
  const v = Float64Array.from({ length: counts.length }, (_, i) => Math.log1p(counts[i]!));
  const mean = v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, v.length)) || 1;
  return v.map((x) => (x - mean) / sd);
}

/** computes the feature rows (nItems × F, row-major) of one user from a training matrix */
function featureMaker(models: readonly RankingModel[], train: Csr, features: readonly StackFeature[], depth: number) {
  const nItems = models[0]!.nItems;
  const M = models.length;
  const on = new Set(features);
  const F = (on.has('score') ? M : 0) + (on.has('rank') ? M : 0) + (on.has('activity') ? M : 0) + +on.has('popularity');
  const counts = new Float64Array(nItems);
  for (let k = 0; k < train.colIdx.length; k++) counts[train.colIdx[k]!]! += 1;
  const popularity = standardLog(counts);
  const activity = standardLog(Array.from({ length: train.nRows }, (_, u) => train.rowPtr[u + 1]! - train.rowPtr[u]!));
  const buf = new Float32Array(nItems);
  const order = new Int32Array(nItems);
  const rows = new Float64Array(nItems * F);
  /** fills `rows` for user u; `top` gets each item's best rank over the models */
  return {
    F,
    rows,
    fill(u: number, top: Int32Array): void {
      top.fill(nItems);
      let col = 0;
      const h = activity[u] ?? 0;
      for (let m = 0; m < M; m++) {
        models[m]!.scoreUser(u, buf);
        for (let k = train.rowPtr[u]!; k < train.rowPtr[u + 1]!; k++) buf[train.colIdx[k]!] = -Infinity;
        for (let i = 0; i < nItems; i++) order[i] = i;
        order.sort((a, b) => buf[b]! - buf[a]! || a - b);
        zScoreInPlace(buf);
        let c = col;
        if (on.has('score')) for (let i = 0; i < nItems; i++) rows[i * F + c] = buf[i]!;
        if (on.has('score')) c++;
        if (on.has('rank')) {
          for (let r = 0; r < nItems; r++) rows[order[r]! * F + c] = -Math.log2(2 + Math.min(r, depth));
          c++;
        }
        if (on.has('activity')) for (let i = 0; i < nItems; i++) rows[i * F + c] = buf[i]! * h;
        col = c + (on.has('activity') ? 1 : 0);
        for (let r = 0; r < Math.min(depth, nItems); r++) top[order[r]!] = Math.min(top[order[r]!]!, r);
      }
      if (on.has('popularity')) for (let i = 0; i < nItems; i++) rows[i * F + col] = popularity[i]!;
    },
  };
}

/** solves A x = b (A symmetric positive definite, n × n row-major) by Cholesky; returns x */
export function solveSpd(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j]!;
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      if (i === j) {
        if (!(s > 0)) throw new RangeError('solveSpd: matrix is not positive definite');
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / L[j * n + j]!;
    }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * n + k]! * y[k]!;
    y[i] = s / L[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * y[k]!;
    y[i] = s / L[i * n + i]!;
  }
  return y;
}

/** Newton's method on the L2-penalised pairwise logistic loss; `diffs` holds x_pos − x_neg rows */
export function fitPairwiseLogistic(diffs: Float64Array, F: number, l2: number, iterations: number): Float64Array {
  const n = diffs.length / F;
  const w = new Float64Array(F);
  for (let it = 0; it < iterations; it++) {
    const g = new Float64Array(F),
      H = new Float64Array(F * F);
    for (let f = 0; f < F; f++) {
      g[f] = l2 * w[f]!;
      H[f * F + f] = l2;
    }
    for (let p = 0; p < n; p++) {
      let s = 0;
      for (let f = 0; f < F; f++) s += w[f]! * diffs[p * F + f]!;
      const q = 1 / (1 + Math.exp(s)); // σ(−s)
      const c = q * (1 - q);
      for (let f = 0; f < F; f++) {
        const d = diffs[p * F + f]!;
        g[f]! -= q * d;
        for (let e = 0; e <= f; e++) H[f * F + e]! += c * d * diffs[p * F + e]!;
      }
    }
    for (let f = 0; f < F; f++) for (let e = 0; e < f; e++) H[e * F + f] = H[f * F + e]!;
    const step = solveSpd(H, g, F);
    let moved = 0;
    for (let f = 0; f < F; f++) {
      w[f]! -= step[f]!;
      moved = Math.max(moved, Math.abs(step[f]!));
    }
    if (moved < 1e-9) break;
  }
  return w;
}

/**
 * Fits the stack's weights on `validation` with models trained on `train` only (see the file comment).
 */
export function fitStackWeights(
  models: readonly RankingModel[],
  train: Csr,
  validation: Csr,
  options: StackOptions = {},
): StackFit {
  const { features = ALL, depth = 100, negatives = 10, l2 = 1, iterations = 20, seed = 42 } = options;
  if (models.length === 0) throw new RangeError('fitStackWeights: needs at least one model');
  if (!(depth >= 1 && negatives >= 1 && l2 > 0)) throw new RangeError('fitStackWeights: depth, negatives ≥ 1, l2 > 0');
  const nItems = models[0]!.nItems;
  if (models.some((m) => m.nItems !== nItems)) throw new RangeError('fitStackWeights: models differ in item count');
  const maker = featureMaker(models, train, features, depth);
  const { F, rows } = maker;
  const rng = createRng(seed);
  const top = new Int32Array(nItems);
  const diffs: number[] = [];
  const isPositive = new Uint8Array(nItems);
  for (let u = 0; u < validation.nRows; u++) {
    const lo = validation.rowPtr[u]!,
      hi = validation.rowPtr[u + 1]!;
    if (hi === lo) continue;
    maker.fill(u, top);
    for (let k = lo; k < hi; k++) isPositive[validation.colIdx[k]!] = 1;
    const pool: number[] = [];
    for (let i = 0; i < nItems; i++) if (top[i]! < depth && !isPositive[i]) pool.push(i);
    for (let k = lo; k < hi && pool.length > 0; k++) {
      const pos = validation.colIdx[k]!;
      if (top[pos]! >= depth) continue;
      for (let j = 0; j < negatives; j++) {
        const neg = pool[rng.int(pool.length)]!;
        for (let f = 0; f < F; f++) diffs.push(rows[pos * F + f]! - rows[neg * F + f]!);
      }
    }
    for (let k = lo; k < hi; k++) isPositive[validation.colIdx[k]!] = 0;
  }
  if (diffs.length === 0) throw new RangeError('fitStackWeights: no validation positive among the candidates');
  const w = fitPairwiseLogistic(Float64Array.from(diffs), F, l2, iterations);
  const names: string[] = [];
  const on = new Set(features);
  for (const m of models)
    for (const f of ['score', 'rank', 'activity'] as const) if (on.has(f)) names.push(`${m.name}:${f}`);
  if (on.has('popularity')) names.push('popularity');
  return { weights: Array.from(w), names, features: ALL.filter((f) => on.has(f)), depth, pairs: diffs.length / F };
}

/**
 * The stacked ranker: score(u, i) = w·x(u, i) with features computed against `train` (the final models' training
 * matrix; its items get −∞). `models` must be in the order the weights were fitted with.
 */
export function stackedModel(models: readonly RankingModel[], fit: StackFit, train: Csr): RankingModel {
  const maker = featureMaker(models, train, fit.features, fit.depth);
  if (maker.F !== fit.weights.length) throw new RangeError('stackedModel: weights do not match the models');
  const nItems = models[0]!.nItems;
  const top = new Int32Array(nItems);
  return {
    name: `stack(${models.map((m) => m.name).join(',')})`,
    nItems,
    scoreUser(u, out) {
      maker.fill(u, top);
      for (let i = 0; i < nItems; i++) {
        let s = 0;
        for (let f = 0; f < maker.F; f++) s += fit.weights[f]! * maker.rows[i * maker.F + f]!;
        out[i] = s;
      }
      for (let k = train.rowPtr[u]!; k < train.rowPtr[u + 1]!; k++) out[train.colIdx[k]!] = -Infinity;
    },
  };
}

/** the rows of `c` for which `keep(row)` holds; other rows become empty */
function keepRows(c: Csr, keep: (row: number) => boolean): Csr {
  const rowPtr = new Int32Array(c.nRows + 1);
  const cols: number[] = [],
    values: number[] = [];
  for (let r = 0; r < c.nRows; r++) {
    if (keep(r))
      for (let k = c.rowPtr[r]!; k < c.rowPtr[r + 1]!; k++) {
        cols.push(c.colIdx[k]!);
        values.push(c.values[k]!);
      }
    rowPtr[r + 1] = cols.length;
  }
  return { nRows: c.nRows, nCols: c.nCols, rowPtr, colIdx: Int32Array.from(cols), values: Float32Array.from(values) };
}

export type StackCandidate = { models: readonly number[]; features: readonly StackFeature[]; depth: number };

/**
 * Chooses among stack candidates (subsets of `models`, feature groups, depth) by 2-fold cross-fitted validation
 * NDCG@k: weights fitted on the even validation users are scored on the odd ones and the other way round, so the
 * number is out of sample; the chosen candidate is then refitted on every validation user.
 *
 * @example
 * selectStack([ease, als], trainCsr, validCsr, [{ models: [0, 1], features: ['score', 'rank'], depth: 20 }]);
 */
export function selectStack(
  models: readonly RankingModel[],
  train: Csr,
  validation: Csr,
  candidates: readonly StackCandidate[],
  options: { k?: number; seed?: number } = {},
): { candidate: StackCandidate; fit: StackFit; ndcg: number; tried: { candidate: StackCandidate; ndcg: number }[] } {
  const { k = 10, seed = 42 } = options;
  if (candidates.length === 0) throw new RangeError('selectStack: needs at least one candidate');
  const halves = [0, 1].map((h) => keepRows(validation, (u) => u % 2 === h));
  const counts = halves.map((c) => {
    let n = 0;
    for (let u = 0; u < c.nRows; u++) if (c.rowPtr[u + 1]! > c.rowPtr[u]!) n++;
    return n;
  });
  const tried = candidates.map((candidate) => {
    const picked = candidate.models.map((m) => {
      if (!models[m]) throw new RangeError(`selectStack: no model ${m}`);
      return models[m];
    });
    const opts = { features: candidate.features, depth: candidate.depth, seed };
    let sum = 0;
    for (const h of [0, 1]) {
      const fit = fitStackWeights(picked, train, halves[h]!, opts);
      const other = halves[1 - h]!;
      sum += evaluateRanking(stackedModel(picked, fit, train), train, other, { k }).metrics.ndcg * counts[1 - h]!;
    }
    return { candidate, ndcg: sum / Math.max(1, counts[0]! + counts[1]!) };
  });
  const best = tried.reduce((a, b) => (b.ndcg > a.ndcg ? b : a));
  const fit = fitStackWeights(
    best.candidate.models.map((m) => models[m]!),
    train,
    validation,
    { features: best.candidate.features, depth: best.candidate.depth, seed },
  );
  return { candidate: best.candidate, fit, ndcg: best.ndcg, tried };
}
