/**
 * Biased matrix factorisation trained by stochastic gradient descent — Simon Funk's "SVD" as in Surprise's
 * `SVD` (Koren, Bell & Volinsky 2009, eq. 5):
 *   r̂_ui = μ + b_u + b_i + q_iᵀ p_u
 *   for each rating, e_ui = r_ui − r̂_ui and
 *     b_u ← b_u + γ (e_ui − λ b_u),   b_i ← b_i + γ (e_ui − λ b_i)
 *     p_u ← p_u + γ (e_ui q_i − λ p_u),  q_i ← q_i + γ (e_ui p_u − λ q_i)   (simultaneous update, per factor)
 * Defaults are Surprise's: 100 factors, 20 epochs, γ = 0.005, λ = 0.02, factors initialised N(0, 0.1²), biases 0.
 * `order: 'by-user'` visits ratings grouped by user as Surprise does; 'shuffled' (default) reshuffles every epoch
 * with the seed. Unknown users/items drop their terms; predictions are clipped to the training scale.
 *
 * @example
 * const svd = fitSvd(train, { seed: 1 });
 * svd.predict(0, 10); // ≈ 3.9
 */
import { validateInteractions } from './csr';
import { createRng, shuffleInPlace } from './random';
import type { Interactions, RankingModel, RatingModel } from './types';

export type SvdOptions = {
  factors?: number;
  epochs?: number;
  learningRate?: number;
  regularization?: number;
  initStd?: number;
  /** learn b_u and b_i (default true); false gives plain PMF-style MF */
  biased?: boolean;
  order?: 'shuffled' | 'by-user';
  seed?: number;
};

export type SvdModel = RatingModel &
  RankingModel & {
    globalMean: number;
    userBias: Float64Array;
    itemBias: Float64Array;
    userFactors: Float64Array;
    itemFactors: Float64Array;
    factors: number;
  };

/**
 * Trains the factorisation on explicit ratings.
 *
 * @example
 * fitSvd(train, { factors: 50, epochs: 30, learningRate: 0.01, regularization: 0.05, seed: 7 });
 */
export function fitSvd(train: Interactions, options: SvdOptions = {}): SvdModel {
  const {
    factors = 100,
    epochs = 20,
    learningRate: lr = 0.005,
    regularization: reg = 0.02,
    initStd = 0.1,
    biased = true,
    order = 'shuffled',
    seed = 42,
  } = options;
  validateInteractions(train, 'fitSvd');
  if (!Number.isInteger(factors) || factors < 1 || !Number.isInteger(epochs) || epochs < 0)
    throw new RangeError('fitSvd: factors must be ≥ 1 and epochs ≥ 0 (integers)');
  if (!(lr > 0) || !(reg >= 0) || !(initStd >= 0))
    throw new RangeError('fitSvd: learningRate must be > 0, regularization and initStd ≥ 0');
  const n = train.users.length;
  if (n === 0) throw new RangeError('fitSvd: no ratings');
  const { nUsers, nItems, users, items, values } = train;
  let mu = 0,
    lo = Infinity,
    hi = -Infinity;
  for (let k = 0; k < n; k++) {
    mu += values[k]!;
    lo = Math.min(lo, values[k]!);
    hi = Math.max(hi, values[k]!);
  }
  mu /= n;
  const rng = createRng(seed);
  const F = factors;
  const P = Float64Array.from({ length: nUsers * F }, () => rng.normal(0, initStd));
  const Q = Float64Array.from({ length: nItems * F }, () => rng.normal(0, initStd));
  const bu = new Float64Array(nUsers),
    bi = new Float64Array(nItems);
  const known = { user: new Uint8Array(nUsers), item: new Uint8Array(nItems) };
  // visiting order: by user (stable, like Surprise's all_ratings()) or reshuffled each epoch
  const visit = Int32Array.from({ length: n }, (_, k) => k);
  if (order === 'by-user') visit.sort((a, b) => users[a]! - users[b]! || a - b);
  for (let k = 0; k < n; k++) {
    known.user[users[k]!] = 1;
    known.item[items[k]!] = 1;
  }
  for (let epoch = 0; epoch < epochs; epoch++) {
    if (order === 'shuffled') shuffleInPlace(visit, rng);
    for (let t = 0; t < n; t++) {
      const k = visit[t]!;
      const u = users[k]!,
        i = items[k]!;
      const pu = u * F,
        qi = i * F;
      let dot = 0;
      for (let f = 0; f < F; f++) dot += Q[qi + f]! * P[pu + f]!;
      const err = values[k]! - (mu + bu[u]! + bi[i]! + dot);
      if (biased) {
        bu[u] = bu[u]! + lr * (err - reg * bu[u]!);
        bi[i] = bi[i]! + lr * (err - reg * bi[i]!);
      }
      for (let f = 0; f < F; f++) {
        const puf = P[pu + f]!,
          qif = Q[qi + f]!;
        P[pu + f] = puf + lr * (err * qif - reg * puf);
        Q[qi + f] = qif + lr * (err * puf - reg * qif);
      }
    }
  }
  const baseMu = biased ? mu : 0;
  const estimate = (u: number, i: number): number => {
    const ku = u >= 0 && u < nUsers && known.user[u] === 1,
      ki = i >= 0 && i < nItems && known.item[i] === 1;
    let est = biased ? mu : ku && ki ? 0 : mu;
    if (ku) est += bu[u]!;
    if (ki) est += bi[i]!;
    if (ku && ki) for (let f = 0; f < F; f++) est += P[u * F + f]! * Q[i * F + f]!;
    return est;
  };
  void baseMu;
  return {
    name: 'svd',
    nItems,
    factors: F,
    globalMean: mu,
    userBias: bu,
    itemBias: bi,
    userFactors: P,
    itemFactors: Q,
    predict: (u, i) => Math.min(hi, Math.max(lo, estimate(u, i))),
    scoreUser(u, out) {
      for (let i = 0; i < nItems; i++) out[i] = estimate(u, i);
    },
  };
}
