/**
 * Exact probability mass functions of the two noise distributions (as doubles, for tests, reports and the error
 * bars shown beside a release).
 */

/** Discrete Laplace with scale b: P[x] = tanh(1/(2b))·e^(−|x|/b). */
export function discreteLaplacePmf(x: number, scale: number): number {
  if (!(scale > 0)) throw new RangeError(`discreteLaplacePmf: scale must be > 0 (got ${scale})`);
  return Math.tanh(1 / (2 * scale)) * Math.exp(-Math.abs(x) / scale);
}

/** Discrete Gaussian with σ²: P[x] = e^(−x²/(2σ²)) / Σ_y e^(−y²/(2σ²)) (the sum runs until its terms vanish). */
export function discreteGaussianPmf(x: number, sigma2: number): number {
  if (!(sigma2 > 0)) throw new RangeError(`discreteGaussianPmf: σ² must be > 0 (got ${sigma2})`);
  let norm = 1;
  for (let y = 1; ; y++) {
    const term = Math.exp((-y * y) / (2 * sigma2));
    norm += 2 * term;
    if (term < 1e-18) break;
  }
  return Math.exp((-x * x) / (2 * sigma2)) / norm;
}

/**
 * The half-width w with P[|noise| ≤ w] ≥ level for discrete Laplace noise of the given scale: the "± w at 95%" shown
 * beside a noisy number. P[|X| ≤ w] = 1 − 2·e^(−(w+1)/b)/(1 + e^(−1/b)).
 */
export function discreteLaplaceHalfWidth(scale: number, level = 0.95): number {
  const q = Math.exp(-1 / scale);
  const w = Math.ceil(-scale * Math.log(((1 - level) * (1 + q)) / 2) - 1);
  return Math.max(0, w);
}
