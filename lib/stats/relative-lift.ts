/** Confidence intervals for the relative lift treatment/control − 1 of two (possibly correlated) estimates. */
import type { Alternative, IntervalEstimate } from './types';

/** How to build the relative-lift interval. */
export type RelativeLiftMethod = 'delta' | 'fieller';

export type RelativeLiftOptions = {
  /** estimate of the treatment mean (or rate) and the variance of that estimate */
  treatment: { mean: number; varianceOfMean: number };
  /** estimate of the control mean (or rate) and the variance of that estimate */
  control: { mean: number; varianceOfMean: number };
  /** covariance of the two estimates (0 for independent arms) */
  covariance?: number;
  /** critical value, e.g. 1.96 */
  critical: number;
  alternative?: Alternative;
  method?: RelativeLiftMethod;
};

/**
 * Relative lift r = T/C − 1 with a confidence interval, or `null` when the control mean is ≤ 0 or (Fieller) the
 * control mean is not significantly different from 0, so the interval would be unbounded.
 *
 * - `delta` (default): first-order delta method, Var(T/C) ≈ v_T/C² − 2T·cov/C³ + T²·v_C/C⁴ (Kohavi, Tang & Xu
 *   2020, "Trustworthy Online Controlled Experiments", §18; Deng et al. 2018), symmetric Wald interval.
 * - `fieller`: Fieller's theorem (Fieller 1954): the set of R with (T − R·C)² ≤ z²(v_T − 2R·cov + R²v_C),
 *   an exact-coverage interval under normality that is asymmetric for small samples.
 * @example
 * computeRelativeLift({ treatment: { mean: 0.12, varianceOfMean: 1e-6 }, control: { mean: 0.1, varianceOfMean: 1e-6 },
 *   critical: 1.96 }) // { estimate: 0.2, standardError: ≈0.0156, lower: ≈0.169, upper: ≈0.231 }
 */
export function computeRelativeLift(options: RelativeLiftOptions): IntervalEstimate | null {
  const { treatment, control, covariance = 0, critical, alternative = 'two-sided', method = 'delta' } = options;
  const t = treatment.mean;
  const c = control.mean;
  // a ratio to a negative control flips direction (T/C > 1 while T < C): no meaningful relative lift
  if (!(c > 0) || !Number.isFinite(c)) return null;
  const vt = treatment.varianceOfMean;
  const vc = control.varianceOfMean;
  const estimate = t / c - 1;
  const variance = vt / (c * c) - (2 * t * covariance) / (c * c * c) + (t * t * vc) / (c * c * c * c);
  const standardError = Math.sqrt(Math.max(variance, 0));
  if (method === 'delta') {
    return {
      estimate,
      standardError,
      lower: alternative === 'less' ? -Infinity : estimate - critical * standardError,
      upper: alternative === 'greater' ? Infinity : estimate + critical * standardError,
    };
  }
  const z2 = critical * critical;
  const a = c * c - z2 * vc;
  if (a <= 0) return null;
  const b = t * c - z2 * covariance;
  const disc = b * b - a * (t * t - z2 * vt);
  const root = Math.sqrt(Math.max(disc, 0));
  return {
    estimate,
    standardError,
    lower: alternative === 'less' ? -Infinity : (b - root) / a - 1,
    upper: alternative === 'greater' ? Infinity : (b + root) / a - 1,
  };
}
