/** Score (test-inverting) interval for the ratio of two binomial rates. */
import type { Alternative } from './types';

type Arm = { successes: number; trials: number };

/**
 * Restricted maximum-likelihood control rate under H0: p_t = θ·p_c, the smaller root of A·p² + B·p + C = 0 with
 * A = (n_t + n_c)·θ, B = −(n_t·θ + x_t + n_c + x_c·θ), C = x_t + x_c (Farrington & Manning 1990, §2.2).
 */
function restrictedControlRate(t: Arm, c: Arm, theta: number): number {
  const a = (t.trials + c.trials) * theta;
  const b = -(t.trials * theta + t.successes + c.trials + c.successes * theta);
  const cc = t.successes + c.successes;
  return (-b - Math.sqrt(Math.max(b * b - 4 * a * cc, 0))) / (2 * a);
}

/** Score statistic S(θ) = (p̂_t − θ·p̂_c)/√(p̃_t(1 − p̃_t)/n_t + θ²·p̃_c(1 − p̃_c)/n_c), decreasing in θ. */
export function ratioScoreStatistic(t: Arm, c: Arm, theta: number): number {
  const pc = restrictedControlRate(t, c, theta);
  const pt = Math.min(theta * pc, 1);
  const v = (pt * (1 - pt)) / t.trials + (theta * theta * pc * (1 - pc)) / c.trials;
  const diff = t.successes / t.trials - (theta * c.successes) / c.trials;
  return v > 0 ? diff / Math.sqrt(v) : diff === 0 ? 0 : Math.sign(diff) * Infinity;
}

const LOG_MIN = Math.log(1e-9);
const LOG_MAX = Math.log(1e9);

/** The θ where S(θ) = target, by bisection on log θ (S is decreasing); the search edge when S never reaches it. */
function solve(t: Arm, c: Arm, target: number): number {
  let lo = LOG_MIN;
  let hi = LOG_MAX;
  if (ratioScoreStatistic(t, c, Math.exp(lo)) <= target) return 0;
  if (ratioScoreStatistic(t, c, Math.exp(hi)) >= target) return Infinity;
  for (let i = 0; i < 120; i += 1) {
    const mid = (lo + hi) / 2;
    if (ratioScoreStatistic(t, c, Math.exp(mid)) > target) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * Score interval for the rate ratio θ = p_t/p_c: every θ whose score test is not rejected at the critical value
 * (Farrington & Manning 1990; Miettinen & Nurminen 1985 without their n/(n − 1) factor). At θ = 1 the restricted
 * estimate is the pooled rate, so S(1) is the pooled two-proportion z: the interval excludes 1 exactly when the
 * z-test (R `prop.test(correct = FALSE)`) rejects. Returns bounds on θ (0 and Infinity when unbounded).
 * @example ratioScoreInterval({ successes: 250, trials: 1000 }, { successes: 200, trials: 1000 }, 1.959963984540054)
 * // { lower: ≈1.0645, upper: ≈1.4707 }
 */
export function ratioScoreInterval(
  treatment: Arm,
  control: Arm,
  critical: number,
  alternative: Alternative = 'two-sided',
): { lower: number; upper: number } {
  return {
    lower: alternative === 'less' ? 0 : solve(treatment, control, critical),
    upper: alternative === 'greater' ? Infinity : solve(treatment, control, -critical),
  };
}
