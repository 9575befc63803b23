import { discreteGaussianPmf } from './pmf';
import { type WordSource, cryptoWords } from './random-source';
import { fromDecimal } from './rational';
import { discreteGaussian } from './samplers';
import { SUPPRESS_BELOW } from './mechanism';

/*
 * The discrete Gaussian mechanism for a vector of counts (a chart series, a breakdown by group). When one customer
 * moves k cells by at most 1 each, the L2 sensitivity is √k (1 when each customer is in one cell) while the L1
 * sensitivity is k: Laplace noise per cell would need scale k/ε, Gaussian noise grows only with √k. Privacy is
 * accounted in zero-concentrated DP (Bun & Steinke 2016): adding N_Z(0, σ²) to each cell is ρ-zCDP with
 * ρ = Δ₂²/(2σ²) (Canonne, Kamath & Steinke 2020, Theorem 14), and ρ-zCDP implies (ε, δ)-DP for
 * ε = ρ + 2·√(ρ·ln(1/δ)) (Bun & Steinke 2016, Proposition 1.3). The accountant charges that ε.
 */

/** δ when the settings name none: the chance the (ε, δ) guarantee does not hold, far below 1/population. */
export const DEFAULT_DELTA = 1e-6;

/**
 * ε of (ε, δ)-DP implied by ρ-zCDP: ε = ρ + 2√(ρ ln(1/δ)).
 * @example zcdpToEpsilon(0.5, 1e-6) // 5.756521769756932
 */
export function zcdpToEpsilon(rho: number, delta: number): number {
  if (!(rho > 0) || !Number.isFinite(rho)) throw new RangeError(`zcdpToEpsilon: ρ must be > 0 (got ${rho})`);
  if (!(delta > 0 && delta < 1)) throw new RangeError(`zcdpToEpsilon: δ must be in (0, 1) (got ${delta})`);
  return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
}

/**
 * The largest ρ whose (ε, δ) conversion is at most ε: with L = ln(1/δ), √ρ = √(L + ε) − √L. Written as
 * ε / (√(L + ε) + √L)² to avoid cancelling digits when ε ≪ L.
 * @example rhoForEpsilon(1, 1e-6) // 0.017468904769123383
 */
export function rhoForEpsilon(epsilon: number, delta: number): number {
  if (!(epsilon > 0) || !Number.isFinite(epsilon))
    throw new RangeError(`rhoForEpsilon: ε must be > 0 (got ${epsilon})`);
  if (!(delta > 0 && delta < 1)) throw new RangeError(`rhoForEpsilon: δ must be in (0, 1) (got ${delta})`);
  const l = Math.log(1 / delta);
  const root = epsilon / (Math.sqrt(l + epsilon) + Math.sqrt(l));
  return root * root;
}

/** ± half-width w with P[|X| ≤ w] ≥ level for discrete Gaussian noise of variance parameter σ². */
export function discreteGaussianHalfWidth(sigma2: number, level = 0.95): number {
  let covered = discreteGaussianPmf(0, sigma2);
  let w = 0;
  while (covered < level) {
    w++;
    covered += 2 * discreteGaussianPmf(w, sigma2);
  }
  return w;
}

export type GaussianRelease = {
  /** the released integers (true value + discrete Gaussian noise), in the input's order; never the true values */
  values: number[];
  /** σ² actually used (rounded up to 6 decimals, so never less noise than planned) */
  sigma2: number;
  /** ρ of zCDP and the (ε, δ) it is charged as */
  rho: number;
  epsilon: number;
  delta: number;
  /** L2 sensitivity of the whole vector */
  l2Sensitivity: number;
  margin95: number;
};

/**
 * Releases a vector of counts with discrete Gaussian noise calibrated so the whole vector costs at most `epsilon`
 * at `delta`. `l2Sensitivity` is how far one customer can move the vector in Euclidean norm (√k for k cells).
 * @example releaseVector({ values: [120, 80], l2Sensitivity: Math.SQRT2, epsilon: 1, delta: 1e-6 }) // σ² ≈ 57.2
 */
export function releaseVector(
  input: { values: readonly number[]; l2Sensitivity: number; epsilon: number; delta: number },
  words: WordSource = cryptoWords(),
): GaussianRelease {
  const { l2Sensitivity, delta } = input;
  if (!(l2Sensitivity > 0) || !Number.isFinite(l2Sensitivity))
    throw new RangeError(`releaseVector: L2 sensitivity must be > 0 (got ${l2Sensitivity})`);
  const planned = (l2Sensitivity * l2Sensitivity) / (2 * rhoForEpsilon(input.epsilon, delta));
  const sigma2 = Math.ceil(planned * 1e6) / 1e6;
  const rho = (l2Sensitivity * l2Sensitivity) / (2 * sigma2);
  const exact = fromDecimal(sigma2);
  const values = input.values.map((v) => {
    if (!Number.isFinite(v)) throw new RangeError('releaseVector: values must be finite');
    return Number(BigInt(Math.round(v)) + discreteGaussian(words, exact));
  });
  return {
    values,
    sigma2,
    rho,
    epsilon: zcdpToEpsilon(rho, delta),
    delta,
    l2Sensitivity,
    margin95: discreteGaussianHalfWidth(sigma2),
  };
}

/** True when a released value is below the display threshold (shown as "< 10"). */
export const isSuppressed = (value: number) => value < SUPPRESS_BELOW;
