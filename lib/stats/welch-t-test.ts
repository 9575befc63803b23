/** Welch's unequal-variance t-test for continuous metrics such as revenue per user. */
import { studentTCdf, studentTQuantile } from './distributions';
import { toSummary, type SampleInput } from './descriptive';
import { criticalZ, waldInterval } from './normal-inference';
import { computeRelativeLift, type RelativeLiftMethod } from './relative-lift';
import { insufficientData, type Alternative, type IntervalEstimate, type StatResult } from './types';
import { assertOpenUnit } from './validate';

export type WelchOptions = {
  /** raw values or `{ n, mean, variance }` (unbiased variance) as aggregated in SQL */
  control: SampleInput;
  treatment: SampleInput;
  alpha?: number;
  alternative?: Alternative;
  relativeLiftMethod?: RelativeLiftMethod;
};

export type WelchResult = StatResult<{
  controlMean: number;
  treatmentMean: number;
  /** treatment − control with its Welch interval (t quantile with Welch–Satterthwaite df) */
  absoluteLift: IntervalEstimate;
  /** treatment/control − 1 (normal critical value; null when the control mean is 0) */
  relativeLift: IntervalEstimate | null;
  t: number;
  /** Welch–Satterthwaite degrees of freedom */
  df: number;
  pValue: number;
  alpha: number;
  alternative: Alternative;
}>;

/**
 * Welch's two-sample t-test, as R `t.test(treatment, control, var.equal = FALSE)`.
 *
 * t = (x̄_t − x̄_c)/√(s_t²/n_t + s_c²/n_c); df = (s_t²/n_t + s_c²/n_c)² / [(s_t²/n_t)²/(n_t−1) + (s_c²/n_c)²/(n_c−1)]
 * (Welch 1947). The relative lift uses Fieller's interval with the test's own
 * variances and t critical value, so it excludes 0 exactly when the test rejects (or the delta method with the normal
 * critical value). Insufficient data: an arm with n < 2 or both variances 0.
 * @example
 * testWelch({ control: { n: 100, mean: 10, variance: 4 }, treatment: { n: 120, mean: 10.8, variance: 9 } })
 * // { type: 'ok', t: 2.35907…, df: 208.496…, pValue: 0.019245…, … }
 */
export function testWelch(options: WelchOptions): WelchResult {
  const fn = 'testWelch';
  const { alpha = 0.05, alternative = 'two-sided', relativeLiftMethod = 'fieller' } = options;
  assertOpenUnit(fn, 'alpha', alpha);
  const c = toSummary(options.control, fn);
  const t = toSummary(options.treatment, fn);
  if (c.n < 2 || t.n < 2) return insufficientData('each arm needs at least 2 observations');
  const vc = c.variance / c.n;
  const vt = t.variance / t.n;
  const v = vc + vt;
  if (v === 0) return insufficientData('no variation in either arm');
  const se = Math.sqrt(v);
  const diff = t.mean - c.mean;
  const stat = diff / se;
  const df = (v * v) / ((vt * vt) / (t.n - 1) + (vc * vc) / (c.n - 1));
  const pValue =
    alternative === 'greater'
      ? studentTCdf(-stat, df)
      : alternative === 'less'
        ? studentTCdf(stat, df)
        : Math.min(1, 2 * studentTCdf(-Math.abs(stat), df));
  const critical = studentTQuantile(1 - (alternative === 'two-sided' ? alpha / 2 : alpha), df);
  return {
    type: 'ok',
    controlMean: c.mean,
    treatmentMean: t.mean,
    absoluteLift: waldInterval({ estimate: diff, standardError: se, critical, alternative }),
    relativeLift: computeRelativeLift({
      treatment: { mean: t.mean, varianceOfMean: vt },
      control: { mean: c.mean, varianceOfMean: vc },
      critical: relativeLiftMethod === 'fieller' ? critical : criticalZ(alpha, alternative),
      alternative,
      method: relativeLiftMethod,
    }),
    t: stat,
    df,
    pValue,
    alpha,
    alternative,
  };
}
