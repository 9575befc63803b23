/** Two-proportion z-test for conversion metrics. */
import { criticalZ, pValueFromZ, waldInterval } from './normal-inference';
import { ratioScoreInterval } from './ratio-score';
import { computeRelativeLift, type RelativeLiftMethod } from './relative-lift';
import { insufficientData, type Alternative, type Counts, type IntervalEstimate, type StatResult } from './types';
import { assertCounts, assertOpenUnit } from './validate';

export type TwoProportionOptions = {
  control: Counts;
  treatment: Counts;
  /** significance level; the intervals have confidence 1 − alpha (default 0.05) */
  alpha?: number;
  /** about treatment − control (default two-sided) */
  alternative?: Alternative;
  /** relative-lift interval: the score interval that agrees with the z-test (default), delta method or Fieller */
  relativeLiftMethod?: RelativeLiftMethod | 'score';
};

export type TwoProportionResult = StatResult<{
  controlRate: number;
  treatmentRate: number;
  /** pooled rate (x_c + x_t)/(n_c + n_t) used by the test statistic */
  pooledRate: number;
  /** treatment − control, with the unpooled (Wald) interval */
  absoluteLift: IntervalEstimate;
  /** treatment/control − 1 (standard error by the delta method); null when the control rate is 0 (or the Fieller
   * interval is unbounded). The default score interval excludes 0 exactly when the z-test rejects. */
  relativeLift: IntervalEstimate | null;
  z: number;
  pValue: number;
  alpha: number;
  alternative: Alternative;
}>;

/**
 * Two-proportion z-test (Wald test with pooled variance under H0), as R `prop.test(correct = FALSE)`.
 *
 * z = (p̂_t − p̂_c) / √(p̄(1 − p̄)(1/n_c + 1/n_t)), p̄ = (x_c + x_t)/(n_c + n_t); z² is the Pearson χ² of the
 * 2×2 table. The interval for the absolute lift uses the unpooled standard error
 * √(p̂_c(1−p̂_c)/n_c + p̂_t(1−p̂_t)/n_t); the relative lift uses the delta method or Fieller (see
 * `computeRelativeLift`) or, by default, the score interval of the rate ratio (`ratioScoreInterval`), which is the
 * inversion of this very test and so never disagrees with it about zero. Returns insufficient-data for an empty arm or when nobody (or everybody) converted.
 * @example
 * testTwoProportions({ control: { successes: 200, trials: 1000 }, treatment: { successes: 250, trials: 1000 } })
 * // { type: 'ok', z: 2.6774…, pValue: 0.0074196…, absoluteLift: { estimate: 0.05, lower: 0.013464…, upper: 0.086536… }, … }
 */
export function testTwoProportions(options: TwoProportionOptions): TwoProportionResult {
  const fn = 'testTwoProportions';
  const { control, treatment, alpha = 0.05, alternative = 'two-sided', relativeLiftMethod = 'score' } = options;
  assertCounts(fn, 'control', control.successes, control.trials);
  assertCounts(fn, 'treatment', treatment.successes, treatment.trials);
  assertOpenUnit(fn, 'alpha', alpha);
  if (control.trials === 0 || treatment.trials === 0) return insufficientData('an arm has no trials');
  const pc = control.successes / control.trials;
  const pt = treatment.successes / treatment.trials;
  const pooledRate = (control.successes + treatment.successes) / (control.trials + treatment.trials);
  if (pooledRate === 0 || pooledRate === 1) return insufficientData('no variation: all or no trials converted');
  const sePooled = Math.sqrt(pooledRate * (1 - pooledRate) * (1 / control.trials + 1 / treatment.trials));
  const diff = pt - pc;
  const z = diff / sePooled;
  const vc = (pc * (1 - pc)) / control.trials;
  const vt = (pt * (1 - pt)) / treatment.trials;
  const critical = criticalZ(alpha, alternative);
  return {
    type: 'ok',
    controlRate: pc,
    treatmentRate: pt,
    pooledRate,
    absoluteLift: waldInterval({ estimate: diff, standardError: Math.sqrt(vc + vt), critical, alternative }),
    relativeLift: relativeLift(options, { pt, pc, vt, vc, critical, alternative, method: relativeLiftMethod }),
    z,
    pValue: pValueFromZ(z, alternative),
    alpha,
    alternative,
  };
}

function relativeLift(
  { control, treatment }: TwoProportionOptions,
  o: {
    pt: number;
    pc: number;
    vt: number;
    vc: number;
    critical: number;
    alternative: Alternative;
    method: RelativeLiftMethod | 'score';
  },
): IntervalEstimate | null {
  const delta = computeRelativeLift({
    treatment: { mean: o.pt, varianceOfMean: o.vt },
    control: { mean: o.pc, varianceOfMean: o.vc },
    critical: o.critical,
    alternative: o.alternative,
    method: o.method === 'score' ? 'delta' : o.method,
  });
  if (o.method !== 'score' || !delta) return delta;
  const ratio = ratioScoreInterval(treatment, control, o.critical, o.alternative);
  return { ...delta, lower: o.alternative === 'less' ? -Infinity : ratio.lower - 1, upper: ratio.upper - 1 };
}
