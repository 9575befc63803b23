/**
 * Descriptive summaries. The app aggregates in SQL, so the tests work on summaries `{ n, mean, variance }`;
 * these helpers build the same summaries from raw arrays.
 */

/** Sample summary of a metric: count, mean and unbiased sample variance (divisor n − 1). */
export type SampleSummary = { n: number; mean: number; variance: number };

/** Raw values or a ready-made summary. */
export type SampleInput = SampleSummary | ArrayLike<number>;

/**
 * Count, mean and unbiased variance (n − 1 divisor) by Welford's one-pass algorithm; variance is 0 when n < 2.
 * @example summarize([1, 2, 3, 4]) // { n: 4, mean: 2.5, variance: 1.6666666666666667 }
 */
export function summarize(values: ArrayLike<number>): SampleSummary {
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i += 1) {
    const x = values[i] as number;
    if (!Number.isFinite(x)) throw new RangeError(`summarize: values[${i}] is not finite (${x})`);
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  }
  const n = values.length;
  return { n, mean: n === 0 ? Number.NaN : mean, variance: n < 2 ? 0 : m2 / (n - 1) };
}

/**
 * Unbiased sample covariance Σ(x−x̄)(y−ȳ)/(n−1) of two equally long arrays (two-pass).
 * @example covariance([1, 2, 3], [2, 4, 7]) // 2.5
 */
export function covariance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError(`covariance: arrays differ in length (${x.length} vs ${y.length})`);
  const n = x.length;
  if (n < 2) return 0;
  const mx = summarize(x).mean;
  const my = summarize(y).mean;
  let s = 0;
  for (let i = 0; i < n; i += 1) s += ((x[i] as number) - mx) * ((y[i] as number) - my);
  return s / (n - 1);
}

/**
 * Accepts a summary or raw values and returns the summary, validating it.
 * @example toSummary([1, 2, 3], 'welchTTest') // { n: 3, mean: 2, variance: 1 }
 */
export function toSummary(input: SampleInput, fn: string): SampleSummary {
  const summary = isSummary(input) ? input : summarize(input);
  const { n, mean, variance } = summary;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${fn}: n must be an integer ≥ 0 (got ${n})`);
  if (n > 0 && !Number.isFinite(mean)) throw new RangeError(`${fn}: mean must be finite (got ${mean})`);
  if (!(variance >= 0) || !Number.isFinite(variance)) {
    throw new RangeError(`${fn}: variance must be finite and ≥ 0 (got ${variance})`);
  }
  return summary;
}

function isSummary(input: SampleInput): input is SampleSummary {
  return typeof (input as SampleSummary).n === 'number' && typeof (input as SampleSummary).mean === 'number';
}
