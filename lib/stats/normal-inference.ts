/** Normal-theory helpers shared by the z-based tests: p-values and Wald intervals. */
import { normalCdf, normalQuantile } from './distributions';
import type { Alternative, IntervalEstimate } from './types';

/**
 * p-value of a standard-normal statistic z for the given alternative: two-sided 2Φ(−|z|), greater 1 − Φ(z)
 * (computed as Φ(−z)), less Φ(z).
 * @example pValueFromZ(1.959964, 'two-sided') // ≈ 0.05
 */
export function pValueFromZ(z: number, alternative: Alternative): number {
  if (alternative === 'greater') return normalCdf(-z);
  if (alternative === 'less') return normalCdf(z);
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/**
 * Critical value for a (1 − alpha) interval: z_{1−α/2} two-sided, z_{1−α} one-sided.
 * @example criticalZ(0.05, 'two-sided') // 1.959963984540054
 */
export function criticalZ(alpha: number, alternative: Alternative): number {
  return normalQuantile(1 - (alternative === 'two-sided' ? alpha / 2 : alpha));
}

/**
 * Wald interval estimate ± crit·se; one-sided alternatives open the other side to ±Infinity.
 * @example waldInterval({ estimate: 1, standardError: 0.5, critical: 2, alternative: 'two-sided' })
 * // { estimate: 1, standardError: 0.5, lower: 0, upper: 2 }
 */
export function waldInterval({
  estimate,
  standardError,
  critical,
  alternative,
}: {
  estimate: number;
  standardError: number;
  critical: number;
  alternative: Alternative;
}): IntervalEstimate {
  const half = critical * standardError;
  return {
    estimate,
    standardError,
    lower: alternative === 'less' ? -Infinity : estimate - half,
    upper: alternative === 'greater' ? Infinity : estimate + half,
  };
}
