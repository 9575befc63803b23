/**
 * Ratio metrics (average order value = revenue/orders, revenue per buyer, revenue per visitor) whose unit of
 * randomisation (the user) differs from the unit of analysis: the variance needs the delta method.
 */
import { summarize } from './descriptive';
import { criticalZ, pValueFromZ, waldInterval } from './normal-inference';
import { computeRelativeLift, type RelativeLiftMethod } from './relative-lift';
import { insufficientData, type Alternative, type IntervalEstimate, type StatResult } from './types';
import { assertInteger, assertOpenUnit } from './validate';

/**
 * Per-arm summary over randomisation units: numerator Y (e.g. revenue) and denominator X (e.g. orders) per user,
 * with unbiased (n − 1) variances and covariance — the sums a SQL `GROUP BY arm` can return.
 */
export type RatioSummary = {
  n: number;
  meanNumerator: number;
  meanDenominator: number;
  varianceNumerator: number;
  varianceDenominator: number;
  covariance: number;
};

/** Per-user numerator and denominator arrays, or their summary. */
export type RatioInput = RatioSummary | { numerator: ArrayLike<number>; denominator: ArrayLike<number> };

/**
 * Summary of per-user numerator/denominator arrays.
 * @example summarizeRatio({ numerator: [10, 0, 30], denominator: [1, 0, 2] })
 * // { n: 3, meanNumerator: 13.33…, meanDenominator: 1, varianceNumerator: 233.33…, varianceDenominator: 1, covariance: 15 }
 */
export function summarizeRatio({
  numerator,
  denominator,
}: {
  numerator: ArrayLike<number>;
  denominator: ArrayLike<number>;
}): RatioSummary {
  if (numerator.length !== denominator.length) throw new RangeError('summarizeRatio: arrays differ in length');
  const y = summarize(numerator);
  const x = summarize(denominator);
  let s = 0;
  for (let i = 0; i < y.n; i += 1) s += ((numerator[i] as number) - y.mean) * ((denominator[i] as number) - x.mean);
  return {
    n: y.n,
    meanNumerator: y.mean,
    meanDenominator: x.mean,
    varianceNumerator: y.variance,
    varianceDenominator: x.variance,
    covariance: y.n < 2 ? 0 : s / (y.n - 1),
  };
}

/**
 * Ratio of means R = Ȳ/X̄ with its delta-method variance (Deng, Knoblich & Lu 2018, "Applying the Delta Method
 * in Metric Analytics", eq. for a ratio of two means):
 * Var(R̂) ≈ (1/n)·[σ_Y²/μ_X² − 2·μ_Y·σ_XY/μ_X³ + μ_Y²·σ_X²/μ_X⁴].
 * Insufficient data when n < 2 or the denominator mean is 0.
 * @example computeRatioMetric({ n: 1000, meanNumerator: 50, meanDenominator: 1.25, varianceNumerator: 3600,
 *   varianceDenominator: 1.5, covariance: 40 }) // { type: 'ok', ratio: 40, variance: 1.792, standardError: 1.3387 }
 */
export function computeRatioMetric(
  input: RatioInput,
): StatResult<{ ratio: number; variance: number; standardError: number }> {
  const s = toRatioSummary(input, 'computeRatioMetric');
  if (s.n < 2) return insufficientData('need at least 2 units');
  if (s.meanDenominator === 0) return insufficientData('denominator mean is 0');
  const mx = s.meanDenominator;
  const my = s.meanNumerator;
  const variance =
    (s.varianceNumerator / (mx * mx) -
      (2 * my * s.covariance) / (mx * mx * mx) +
      (my * my * s.varianceDenominator) / (mx * mx * mx * mx)) /
    s.n;
  const v = Math.max(variance, 0);
  return { type: 'ok', ratio: my / mx, variance: v, standardError: Math.sqrt(v) };
}

export type RatioTestResult = StatResult<{
  controlRatio: number;
  treatmentRatio: number;
  absoluteLift: IntervalEstimate;
  relativeLift: IntervalEstimate | null;
  z: number;
  pValue: number;
  alpha: number;
  alternative: Alternative;
}>;

/**
 * z-test for the difference of two ratio metrics from independent arms, each with its delta-method variance:
 * z = (R_t − R_c)/√(Var R_t + Var R_c). Relative lift R_t/R_c − 1 by Fieller (default; with the
 * test's variances and critical value it excludes 0 exactly when the test rejects) or the delta method.
 * @example testRatioMetrics({ control: { numerator: revenueC, denominator: ordersC },
 *   treatment: { numerator: revenueT, denominator: ordersT } })
 */
export function testRatioMetrics(options: {
  control: RatioInput;
  treatment: RatioInput;
  alpha?: number;
  alternative?: Alternative;
  relativeLiftMethod?: RelativeLiftMethod;
}): RatioTestResult {
  const { alpha = 0.05, alternative = 'two-sided', relativeLiftMethod = 'fieller' } = options;
  assertOpenUnit('testRatioMetrics', 'alpha', alpha);
  const c = computeRatioMetric(options.control);
  const t = computeRatioMetric(options.treatment);
  if (c.type !== 'ok') return c;
  if (t.type !== 'ok') return t;
  const v = c.variance + t.variance;
  if (v === 0) return insufficientData('no variation in either arm');
  const diff = t.ratio - c.ratio;
  const z = diff / Math.sqrt(v);
  const critical = criticalZ(alpha, alternative);
  return {
    type: 'ok',
    controlRatio: c.ratio,
    treatmentRatio: t.ratio,
    absoluteLift: waldInterval({ estimate: diff, standardError: Math.sqrt(v), critical, alternative }),
    relativeLift: computeRelativeLift({
      treatment: { mean: t.ratio, varianceOfMean: t.variance },
      control: { mean: c.ratio, varianceOfMean: c.variance },
      critical,
      alternative,
      method: relativeLiftMethod,
    }),
    z,
    pValue: pValueFromZ(z, alternative),
    alpha,
    alternative,
  };
}

function toRatioSummary(input: RatioInput, fn: string): RatioSummary {
  const s = 'numerator' in input ? summarizeRatio(input) : input;
  assertInteger(fn, 'n', s.n);
  const values = [s.meanNumerator, s.meanDenominator, s.varianceNumerator, s.varianceDenominator, s.covariance];
  if (s.n > 0 && !values.every(Number.isFinite)) throw new RangeError(`${fn}: summary values must be finite`);
  if (s.varianceNumerator < 0 || s.varianceDenominator < 0) throw new RangeError(`${fn}: variances must be ≥ 0`);
  return s;
}
