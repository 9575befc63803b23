import { bgnbdConditionalExpectedPurchases, type BgnbdParams, type RecencyFrequency } from './bgnbd';

export type CalibrationRow = {
  /** number of calibration repeat purchases; the last bucket is "maxBucket or more" */
  x: number;
  label: string;
  customers: number;
  /** mean actual repeat purchases in the hold-out period */
  actual: number;
  /** mean BG/NBD conditional expectation for the hold-out period */
  predicted: number;
};

/**
 * Conditional-expectation check of Fader, Hardie & Lee (2005, figure 4): customers are grouped by their number of
 * calibration repeat purchases (0, 1, …, 7+), and in each group the mean number of hold-out repeat purchases is
 * compared with the mean of E[Y(t*) | x, tₓ, T] over the same customers (t* = hold-out length). Data for the
 * "predicted vs actual" chart; empty buckets are left out.
 *
 * @example
 * const s = summarizeForBgnbd(orders, { calibrationEnd, holdoutEnd });
 * computeCalibrationCheck(params, s, s.holdout!.x, s.holdout!.length);
 * // [{ x: 0, label: '0', customers: 1411, actual: 0.24, predicted: 0.23 }, …, { x: 7, label: '7+', … }]
 */
export function computeCalibrationCheck(
  params: BgnbdParams,
  calibration: RecencyFrequency,
  holdoutPurchases: ArrayLike<number>,
  holdoutLength: number,
  options: { maxBucket?: number } = {},
): CalibrationRow[] {
  const { maxBucket = 7 } = options;
  const n = calibration.x.length;
  if (holdoutPurchases.length !== n)
    throw new RangeError('computeCalibrationCheck: holdoutPurchases must align with the calibration data');
  if (!(holdoutLength > 0))
    throw new RangeError(`computeCalibrationCheck: holdoutLength must be > 0, got ${holdoutLength}`);
  if (!(Number.isInteger(maxBucket) && maxBucket >= 1))
    throw new RangeError('computeCalibrationCheck: maxBucket must be a positive integer');
  const count = new Float64Array(maxBucket + 1);
  const actual = new Float64Array(maxBucket + 1);
  const predicted = new Float64Array(maxBucket + 1);
  for (let i = 0; i < n; i++) {
    const x = calibration.x[i]!;
    const bucket = Math.min(x, maxBucket);
    count[bucket]! += 1;
    actual[bucket]! += holdoutPurchases[i]!;
    predicted[bucket]! += bgnbdConditionalExpectedPurchases(
      params,
      { x, tx: calibration.tx[i]!, T: calibration.T[i]! },
      holdoutLength,
    );
  }
  const rows: CalibrationRow[] = [];
  for (let b = 0; b <= maxBucket; b++) {
    if (count[b] === 0) continue;
    rows.push({
      x: b,
      label: b === maxBucket ? `${b}+` : String(b),
      customers: count[b]!,
      actual: actual[b]! / count[b]!,
      predicted: predicted[b]! / count[b]!,
    });
  }
  return rows;
}
