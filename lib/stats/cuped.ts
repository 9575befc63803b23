/**
 * CUPED (Deng, Xu, Kohavi & Walker 2013, "Improving the Sensitivity of Online Controlled Experiments by
 * Utilizing Pre-Experiment Data"): subtract the part of the metric explained by a pre-experiment covariate.
 */
import { summarize, type SampleSummary } from './descriptive';
import { insufficientData, type StatResult } from './types';
import { assertInteger } from './validate';

/** Per-arm summary of metric Y and pre-experiment covariate X (unbiased variances, covariance). */
export type CupedArmSummary = {
  n: number;
  meanMetric: number;
  meanCovariate: number;
  varianceMetric: number;
  varianceCovariate: number;
  covariance: number;
};

/** Raw per-user arrays or their summary. */
export type CupedArmInput = CupedArmSummary | { metric: ArrayLike<number>; covariate: ArrayLike<number> };

export type CupedResult = StatResult<{
  /** θ = pooled within-arm cov(Y, X) / pooled within-arm var(X) */
  theta: number;
  /** adjusted summaries Y − θ(X − X̄) per arm, ready for `testWelch` */
  arms: SampleSummary[];
  /** 1 − var(Y_adj)/var(Y), pooled within arms; ≈ ρ²(X, Y) */
  varianceReduction: number;
}>;

/**
 * CUPED adjustment Y_adj = Y − θ·(X − X̄), with X̄ the covariate mean over all arms, so the adjusted arm means
 * stay unbiased for the treatment effect (E[X] is equal across randomised arms). θ pools the within-arm
 * covariances, θ = Σ_a (n_a − 1)·cov_a(Y, X) / Σ_a (n_a − 1)·var_a(X); with this θ the difference of adjusted
 * means equals the treatment coefficient of the OLS regression Y ~ arm + X (ANCOVA, Frisch–Waugh–Lovell).
 * Per arm: mean_adj = Ȳ_a − θ(X̄_a − X̄), var_adj = s_Y² − 2θ·s_XY + θ²·s_X².
 * Insufficient data when an arm has n < 2 or X does not vary within arms.
 * @example
 * const cuped = applyCuped({ arms: [{ metric: yC, covariate: xC }, { metric: yT, covariate: xT }] });
 * if (cuped.type === 'ok') testWelch({ control: cuped.arms[0], treatment: cuped.arms[1] });
 */
export function applyCuped({ arms }: { arms: readonly CupedArmInput[] }): CupedResult {
  const fn = 'applyCuped';
  if (arms.length < 1) throw new RangeError(`${fn}: need at least one arm`);
  const summaries = arms.map((a) => toCupedSummary(a, fn));
  if (summaries.some((s) => s.n < 2)) return insufficientData('each arm needs at least 2 units');
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  let totalN = 0;
  let sumX = 0;
  for (const s of summaries) {
    sxy += (s.n - 1) * s.covariance;
    sxx += (s.n - 1) * s.varianceCovariate;
    syy += (s.n - 1) * s.varianceMetric;
    totalN += s.n;
    sumX += s.n * s.meanCovariate;
  }
  if (sxx === 0) return insufficientData('the covariate does not vary within arms');
  const theta = sxy / sxx;
  const grandMeanX = sumX / totalN;
  const adjusted = summaries.map((s) => ({
    n: s.n,
    mean: s.meanMetric - theta * (s.meanCovariate - grandMeanX),
    variance: Math.max(0, s.varianceMetric - 2 * theta * s.covariance + theta * theta * s.varianceCovariate),
  }));
  const syyAdj = adjusted.reduce((acc, s) => acc + (s.n - 1) * s.variance, 0);
  return { type: 'ok', theta, arms: adjusted, varianceReduction: syy === 0 ? 0 : 1 - syyAdj / syy };
}

function toCupedSummary(input: CupedArmInput, fn: string): CupedArmSummary {
  if (!('metric' in input)) {
    assertInteger(fn, 'n', input.n);
    return input;
  }
  const { metric, covariate } = input;
  if (metric.length !== covariate.length) throw new RangeError(`${fn}: metric and covariate differ in length`);
  const y = summarize(metric);
  const x = summarize(covariate);
  let s = 0;
  for (let i = 0; i < y.n; i += 1) s += ((metric[i] as number) - y.mean) * ((covariate[i] as number) - x.mean);
  return {
    n: y.n,
    meanMetric: y.mean,
    meanCovariate: x.mean,
    varianceMetric: y.variance,
    varianceCovariate: x.variance,
    covariance: y.n < 2 ? 0 : s / (y.n - 1),
  };
}
