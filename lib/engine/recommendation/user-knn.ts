/**
 * User-based collaborative filtering (the seed's §4.1 formula) with Surprise's neighbourhood rules.
 *
 * Explicit (predict a rating), N^k_i(u) = the k users most similar to u among those who rated i:
 *   basic       P(u,i) = Σ_{v∈N} w(u,v)·R(v,i) / Σ_{v∈N} |w(u,v)|                         (Surprise KNNBasic)
 *   'mean'      P(u,i) = μ_u + Σ w(u,v)·(R(v,i) − μ_v) / Σ |w(u,v)|                        (KNNWithMeans)
 *   'baseline'  P(u,i) = b_ui + Σ w(u,v)·(R(v,i) − b_vi) / Σ |w(u,v)|                      (KNNBaseline)
 * With `weights: 'positive'` (default, as Surprise) only neighbours with w > 0 count (then Σ|w| = Σw); with 'all'
 * the k largest |w| count, negative ones too. If fewer
 * than `minK` neighbours count: basic → the global mean, mean/baseline → μ_u / b_ui. Unknown users or items → the
 * global mean. Predictions are clipped to the training rating scale.
 *
 * Implicit (rank items): R binary (or confidence values), w = 'cosine-full' or 'jaccard' over whole rows, and
 *   score(u,i) = Σ_{v∈N} w(u,v)·R(v,i)  (unnormalised: on 0/1 data the normalised form is 1 for every item),
 * with N = the k most similar users overall ('global', default) or among those who had i ('per-item').
 *
 * @example
 * // the seed's worked example: A and B rated X 5 and Y 3; B rated Z 4 → A is predicted 4 for Z
 * const m = fitUserKnn({ nUsers: 2, nItems: 3, users: Int32Array.of(0, 0, 1, 1, 1), items: Int32Array.of(0, 1, 0, 1, 2),
 *   values: Float32Array.of(5, 3, 5, 3, 4) }, { similarity: 'cosine' });
 * m.predict(0, 2); // 4
 */
import { fitBaselines, type Baselines } from './baselines';
import { buildCsr, transposeCsr, validateInteractions } from './csr';
import { computeSimilarities, type SimilarityMeasure } from './similarity';
import { TopKHeap } from './top-k';
import type { Csr, Explanation, Interactions, RankingModel, RatingModel } from './types';

export type UserKnnOptions = {
  mode?: 'explicit' | 'implicit';
  /** neighbours; default 40 (Surprise) */
  k?: number;
  /** explicit: below this many usable neighbours fall back (see file comment); default 1 */
  minK?: number;
  /** default 'msd' (explicit, Surprise's default) or 'cosine-full' (implicit) */
  similarity?: SimilarityMeasure;
  minSupport?: number;
  /** see similarity.ts; default 100 for pearson-baseline, else 0 */
  shrinkage?: number;
  /** explicit only; default 'none' (KNNBasic) */
  centring?: 'none' | 'mean' | 'baseline';
  /** default 'positive' (Surprise); 'all' uses negative weights too, normalised by Σ|w| */
  weights?: 'positive' | 'all';
  /** implicit only; default 'global' */
  neighbourhood?: 'global' | 'per-item';
};

export type UserKnnModel = RatingModel &
  RankingModel & {
    /** similarity of two users */
    similarity(u: number, v: number): number;
    explain(user: number, item: number): Explanation;
  };

/**
 * Fits user-kNN on training interactions (duplicates: the last rating wins).
 *
 * @example
 * fitUserKnn(train, { k: 40, similarity: 'msd', centring: 'mean' }).predict(u, i); // Surprise KNNWithMeans
 */
export function fitUserKnn(train: Interactions, options: UserKnnOptions = {}): UserKnnModel {
  const mode = options.mode ?? 'explicit';
  const {
    k = 40,
    minK = 1,
    minSupport = 1,
    centring = 'none',
    weights = 'positive',
    neighbourhood = 'global',
  } = options;
  const similarity = options.similarity ?? (mode === 'explicit' ? 'msd' : 'cosine-full');
  validateInteractions(train, 'fitUserKnn');
  if (!Number.isInteger(k) || k < 1 || !Number.isInteger(minK) || minK < 0)
    throw new RangeError('fitUserKnn: k must be a positive integer and minK ≥ 0');
  if (mode === 'implicit' && similarity !== 'cosine-full' && similarity !== 'jaccard') {
    throw new RangeError(
      `fitUserKnn: implicit mode needs 'cosine-full' or 'jaccard' (common-support '${similarity}' is constant on 0/1 data)`,
    );
  }
  const R = buildCsr(train, { aggregate: mode === 'explicit' ? 'last' : 'binary' });
  const byItem = transposeCsr(R);
  const baselines: Baselines | undefined =
    centring === 'baseline' || similarity === 'pearson-baseline' ? fitBaselines(R) : undefined;
  const sim = computeSimilarities(R, {
    measure: similarity,
    minSupport,
    ...(options.shrinkage !== undefined ? { shrinkage: options.shrinkage } : {}),
    ...(baselines ? { baselines } : {}),
  });
  const n = R.nRows;
  const S = sim.values;
  let total = 0,
    lo = Infinity,
    hi = -Infinity;
  const means = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    let s = 0;
    for (let t = R.rowPtr[u]!; t < R.rowPtr[u + 1]!; t++) {
      const r = R.values[t]!;
      s += r;
      lo = Math.min(lo, r);
      hi = Math.max(hi, r);
    }
    total += s;
    const cnt = R.rowPtr[u + 1]! - R.rowPtr[u]!;
    means[u] = cnt > 0 ? s / cnt : 0;
  }
  const nnz = R.rowPtr[n]!;
  const globalMean = nnz > 0 ? total / nnz : 0;
  const heap = new TopKHeap(k);
  const pos = new Int32Array(k);
  const base = (v: number, i: number) =>
    centring === 'mean'
      ? means[v]!
      : centring === 'baseline'
        ? globalMean + baselines!.userBias[v]! + baselines!.itemBias[i]!
        : 0;

  /** explicit estimate and the number of neighbours used */
  function estimate(u: number, i: number): { est: number; used: number; weight: number } {
    const known =
      u >= 0 &&
      u < n &&
      R.rowPtr[u + 1]! > R.rowPtr[u]! &&
      i >= 0 &&
      i < R.nCols &&
      byItem.rowPtr[i + 1]! > byItem.rowPtr[i]!;
    if (!known) return { est: globalMean, used: 0, weight: 0 };
    heap.reset();
    const s0 = byItem.rowPtr[i]!,
      s1 = byItem.rowPtr[i + 1]!;
    for (let t = s0; t < s1; t++) {
      const w = S[u * n + byItem.colIdx[t]!]!;
      if (weights === 'positive' ? w > 0 : w !== 0) heap.push(t - s0, weights === 'positive' ? w : Math.abs(w));
    }
    const m = heap.drainSorted(pos);
    let num = 0,
      den = 0;
    for (let r = 0; r < m; r++) {
      const t = s0 + pos[r]!;
      const v = byItem.colIdx[t]!,
        w = S[u * n + v]!;
      num += w * (byItem.values[t]! - base(v, i));
      den += Math.abs(w);
    }
    if (m < minK || den === 0) return { est: centring === 'none' ? globalMean : base(u, i), used: m, weight: den };
    return { est: base(u, i) + num / den, used: m, weight: den };
  }

  const order = new Int32Array(n);
  const used = new Int32Array(R.nCols);
  function scoreImplicit(u: number, out: Float32Array): void {
    out.fill(0);
    if (u < 0 || u >= n) return;
    const row = S.subarray(u * n, (u + 1) * n);
    let m = 0;
    for (let v = 0; v < n; v++) if (v !== u && row[v]! > 0) order[m++] = v;
    const cand = order.subarray(0, m).sort((a, b) => row[b]! - row[a]! || a - b);
    if (neighbourhood === 'global') {
      for (let r = 0; r < Math.min(k, cand.length); r++) {
        const v = cand[r]!,
          w = row[v]!;
        for (let t = R.rowPtr[v]!; t < R.rowPtr[v + 1]!; t++) out[R.colIdx[t]!]! += w * R.values[t]!;
      }
      return;
    }
    used.fill(0);
    for (const v of cand) {
      const w = row[v]!;
      for (let t = R.rowPtr[v]!; t < R.rowPtr[v + 1]!; t++) {
        const i = R.colIdx[t]!;
        if (used[i]! < k) {
          used[i]!++;
          out[i]! += w * R.values[t]!;
        }
      }
    }
  }

  return {
    name: mode === 'explicit' ? `user-knn-${centring === 'none' ? 'basic' : centring}` : 'user-knn-implicit',
    nItems: R.nCols,
    predict(u, i) {
      return Math.min(hi, Math.max(lo, estimate(u, i).est));
    },
    scoreUser(u, out) {
      if (mode === 'implicit') return scoreImplicit(u, out);
      for (let i = 0; i < R.nCols; i++) out[i] = Math.min(hi, Math.max(lo, estimate(u, i).est));
    },
    similarity: (u, v) => S[u * n + v] ?? 0,
    explain(user, item) {
      if (mode === 'explicit') {
        const e = estimate(user, item);
        return { kind: 'similar-users', neighbours: e.used, support: round(e.weight) };
      }
      return explainImplicit(byItem, S, n, k, user, item);
    },
  };
}

/** how many of u's k nearest neighbours had the item, and their summed similarity */
function explainImplicit(byItem: Csr, S: Float32Array, n: number, k: number, u: number, item: number): Explanation {
  const heap = new TopKHeap(k);
  for (let v = 0; v < n; v++) if (v !== u && S[u * n + v]! > 0) heap.push(v, S[u * n + v]!);
  const nb = new Int32Array(heap.size);
  heap.drainSorted(nb);
  const had = new Set<number>();
  for (let t = byItem.rowPtr[item]!; t < byItem.rowPtr[item + 1]!; t++) had.add(byItem.colIdx[t]!);
  let count = 0,
    weight = 0;
  for (const v of nb) {
    if (had.has(v)) {
      count++;
      weight += S[u * n + v]!;
    }
  }
  return { kind: 'similar-users', neighbours: count, support: round(weight) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
