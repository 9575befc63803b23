/**
 * Always-valid inference for safe peeking: the normal-mixture sequential probability ratio test (mSPRT) of
 * Johari, Pekelis & Walsh (2017/2022), "Always Valid Inference: Continuous Monitoring of A/B Tests", Operations
 * Research 70(3), and its confidence sequence (the two-sided normal-mixture boundary of Howard, Ramdas, McAuliffe &
 * Sekhon 2021, "Time-uniform, nonparametric, nonasymptotic confidence sequences", Ann. Statist. 49(2), eq. (14)).
 *
 * At each look the estimator θ̂ (difference in rates or means) is treated as N(θ, v) with v its current
 * variance; the information time is 1/v. With a N(θ₀, τ²) mixture over the alternative, the mixture likelihood
 * ratio against H0: θ = θ₀ is
 *   Λ = √(v/(v + τ²))·exp(τ²(θ̂ − θ₀)² / (2v(v + τ²))),
 * a nonnegative martingale under H0, so by Ville's inequality P(sup Λ ≥ 1/α) ≤ α. The always-valid p-value is
 * the running minimum of 1/Λ, and the confidence sequence {θ₀ : Λ(θ₀) < 1/α} is θ̂ ± √(2v(v + τ²)/τ² ·
 * (ln(1/α) + ½ln(1 + τ²/v))), intersected over the looks. With plug-in variances this holds asymptotically
 * (large samples per look), as in the cited papers.
 */
import { assertNonNegative, assertOpenUnit } from './validate';

/** What must be carried from one look to the next to keep the guarantees (running min / intersection). */
export type AlwaysValidState = { pValue: number; lower: number; upper: number };

export type AlwaysValidResult = AlwaysValidState & {
  estimate: number;
  standardError: number;
  /** mixture likelihood ratio Λ at this look */
  likelihoodRatio: number;
  /** the p-value has dropped below alpha at this or an earlier look: one may stop and declare a difference */
  isSignificant: boolean;
};

/**
 * Mixing variance τ² that makes the confidence sequence narrowest when the estimator's variance reaches
 * `plannedVarianceOfEstimate` (the planned horizon): τ² = r*·v_H with r* minimising (1 + 1/r)(2ln(1/α) + ln(1 + r)),
 * found by golden-section search (Howard et al. 2021 give the close approximation r* ≈ 2ln(1/α) + ln(1 + 2ln(1/α))).
 * Fix τ² before the experiment starts; changing it between looks voids the guarantee.
 * @example computeMixingVariance({ alpha: 0.05, plannedVarianceOfEstimate: 2 * 0.1 * 0.9 / 10000 }) // ≈ 1.478e-4
 */
export function computeMixingVariance({
  alpha = 0.05,
  plannedVarianceOfEstimate,
}: {
  alpha?: number;
  plannedVarianceOfEstimate: number;
}): number {
  const fn = 'computeMixingVariance';
  assertOpenUnit(fn, 'alpha', alpha);
  assertNonNegative(fn, 'plannedVarianceOfEstimate', plannedVarianceOfEstimate, true);
  const twoL = 2 * Math.log(1 / alpha);
  const g = (logR: number) => {
    const r = Math.exp(logR);
    return (1 + 1 / r) * (twoL + Math.log1p(r));
  };
  let lo = -10;
  let hi = 10;
  const phi = (Math.sqrt(5) - 1) / 2;
  while (hi - lo > 1e-10) {
    const a = hi - phi * (hi - lo);
    const b = lo + phi * (hi - lo);
    if (g(a) < g(b)) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2) * plannedVarianceOfEstimate;
}

/**
 * Always-valid p-value and confidence interval at one look, given the estimate and its variance now, and the
 * state returned at the previous look (omit at the first look).
 * @example
 * let state;
 * for (const look of looks) state = computeAlwaysValid({ estimate: look.diff, varianceOfEstimate: look.v,
 *   mixingVariance: tau2, previous: state });
 */
export function computeAlwaysValid({
  estimate,
  varianceOfEstimate,
  mixingVariance,
  alpha = 0.05,
  nullValue = 0,
  previous,
}: {
  estimate: number;
  varianceOfEstimate: number;
  mixingVariance: number;
  alpha?: number;
  nullValue?: number;
  previous?: AlwaysValidState;
}): AlwaysValidResult {
  const fn = 'computeAlwaysValid';
  if (!Number.isFinite(estimate)) throw new RangeError(`${fn}: estimate must be finite (got ${estimate})`);
  assertNonNegative(fn, 'varianceOfEstimate', varianceOfEstimate, true);
  assertNonNegative(fn, 'mixingVariance', mixingVariance, true);
  assertOpenUnit(fn, 'alpha', alpha);
  const v = varianceOfEstimate;
  const t2 = mixingVariance;
  const d = estimate - nullValue;
  const logLambda = 0.5 * Math.log(v / (v + t2)) + (t2 * d * d) / (2 * v * (v + t2));
  const pNow = Math.min(1, Math.exp(-logLambda));
  const half = Math.sqrt(((2 * v * (v + t2)) / t2) * (Math.log(1 / alpha) + 0.5 * Math.log1p(t2 / v)));
  const pValue = Math.min(pNow, previous?.pValue ?? 1);
  let lower = Math.max(estimate - half, previous?.lower ?? -Infinity);
  let upper = Math.min(estimate + half, previous?.upper ?? Infinity);
  if (lower > upper) {
    // the running intersection became empty (possible when the plug-in variance drifts): keep the current interval
    lower = estimate - half;
    upper = estimate + half;
  }
  return {
    estimate,
    standardError: Math.sqrt(v),
    likelihoodRatio: Math.exp(logLambda),
    pValue,
    lower,
    upper,
    isSignificant: pValue < alpha,
  };
}
