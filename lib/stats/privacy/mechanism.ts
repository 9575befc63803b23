import { discreteLaplaceHalfWidth } from './pmf';
import { type Rational, fromDecimal } from './rational';
import { type WordSource, cryptoWords } from './random-source';
import { discreteLaplace } from './samplers';

/** Noisy values below this are shown as "< 10" instead of a number. */
export const SUPPRESS_BELOW = 10;

export type NoisyValue = {
  /** the released integer (true value + discrete Laplace noise); never the true value */
  value: number;
  /** true when the released value is below the display threshold: show "< 10" */
  isSuppressed: boolean;
  /** L1 sensitivity used: 1 for a customer count, the clip bound for a clipped sum */
  sensitivity: number;
  /** the ε spent on this value */
  epsilon: number;
  /** ± half-width holding the noise 95% of the time */
  margin95: number;
  /** the noise: discrete Laplace (ε-DP, L1 sensitivity) or discrete Gaussian (a whole vector, (ε, δ), L2) */
  mechanism?: 'discrete Laplace' | 'discrete Gaussian';
  /** δ of a discrete Gaussian release (absent: 0) */
  delta?: number;
};

/**
 * The discrete Laplace mechanism: x + Lap_Z(Δ/ε), which is ε-differentially private for an integer query of L1
 * sensitivity Δ (CKS 2020, Fact 18). Inputs are rounded to integers first; Δ must be a positive integer.
 * @example releaseCount({ value: 4210, sensitivity: 1, epsilon: 0.5 }) // e.g. { value: 4212, … }
 */
export function releaseCount(
  input: { value: number; sensitivity: number; epsilon: number },
  words: WordSource = cryptoWords(),
): NoisyValue {
  const { sensitivity, epsilon } = input;
  if (!Number.isInteger(sensitivity) || sensitivity < 1) {
    throw new RangeError(`releaseCount: sensitivity must be a positive integer (got ${sensitivity})`);
  }
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new RangeError(`releaseCount: ε must be > 0 (got ${epsilon})`);
  if (!Number.isFinite(input.value)) throw new RangeError('releaseCount: value must be finite');
  const eps = fromDecimal(epsilon);
  const scale: Rational = { n: BigInt(sensitivity) * eps.d, d: eps.n };
  const noisy = Number(BigInt(Math.round(input.value)) + discreteLaplace(words, scale));
  return {
    value: noisy,
    isSuppressed: noisy < SUPPRESS_BELOW,
    sensitivity,
    epsilon,
    margin95: discreteLaplaceHalfWidth(sensitivity / epsilon),
    mechanism: 'discrete Laplace',
  };
}

/**
 * Contribution bounding for sums: each customer's total is clipped to [0, bound] before summing, so one customer
 * moves the sum by at most `bound` (the sensitivity).
 * @example clippedSum([10, 500, 40], 100) // 150
 */
export function clippedSum(perCustomer: readonly number[], bound: number): number {
  if (!(bound > 0)) throw new RangeError(`clippedSum: bound must be > 0 (got ${bound})`);
  let total = 0;
  for (const v of perCustomer) total += Math.min(Math.max(v, 0), bound);
  return total;
}
