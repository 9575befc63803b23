/** Sample-ratio-mismatch (SRM) check: chi-square goodness of fit of arm sizes to the planned split. */
import { chiSquareSurvival } from './distributions';
import { insufficientData, type StatResult } from './types';
import { assertInteger, assertNonNegative, assertOpenUnit } from './validate';

export type SampleRatioOptions = {
  /** observed units per arm */
  observed: readonly number[];
  /** planned split per arm as positive weights, normalised to shares (e.g. [50, 50] or [0.2, 0.8]) */
  plannedSplit: readonly number[];
  /** alarm when p < threshold (default 0.001, the usual SRM threshold, Fabijan et al. 2019) */
  threshold?: number;
};

export type SampleRatioResult = StatResult<{
  chiSquare: number;
  df: number;
  pValue: number;
  /** true when pValue < threshold: the assignment is probably broken and the results should not be trusted */
  isMismatch: boolean;
  expected: number[];
  observedShares: number[];
  plannedShares: number[];
}>;

/**
 * Pearson chi-square goodness-of-fit test of the observed arm sizes against the planned split, as R
 * `chisq.test(observed, p = shares)`: χ² = Σ (O_i − E_i)²/E_i with E_i = N·share_i and k − 1 degrees of freedom.
 * Insufficient data when no unit was assigned.
 * @example
 * checkSampleRatio({ observed: [5000, 5300], plannedSplit: [1, 1] })
 * // { type: 'ok', chiSquare: 8.7379, df: 1, pValue: 0.003117, isMismatch: false, … }
 */
export function checkSampleRatio(options: SampleRatioOptions): SampleRatioResult {
  const fn = 'checkSampleRatio';
  const { observed, plannedSplit, threshold = 0.001 } = options;
  if (observed.length < 2 || observed.length !== plannedSplit.length) {
    throw new RangeError(`${fn}: need ≥ 2 arms and one planned weight per arm`);
  }
  observed.forEach((o, i) => {
    assertInteger(fn, `observed[${i}]`, o);
  });
  plannedSplit.forEach((w, i) => {
    assertNonNegative(fn, `plannedSplit[${i}]`, w, true);
  });
  assertOpenUnit(fn, 'threshold', threshold);
  const total = observed.reduce((a, b) => a + b, 0);
  if (total === 0) return insufficientData('no units assigned yet');
  const weightSum = plannedSplit.reduce((a, b) => a + b, 0);
  const plannedShares = plannedSplit.map((w) => w / weightSum);
  const expected = plannedShares.map((s) => s * total);
  let chiSquare = 0;
  observed.forEach((o, i) => {
    const e = expected[i] as number;
    chiSquare += ((o - e) * (o - e)) / e;
  });
  const df = observed.length - 1;
  const pValue = chiSquareSurvival(chiSquare, df);
  return {
    type: 'ok',
    chiSquare,
    df,
    pValue,
    isMismatch: pValue < threshold,
    expected,
    observedShares: observed.map((o) => o / total),
    plannedShares,
  };
}
