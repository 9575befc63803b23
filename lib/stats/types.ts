/** Shapes shared by the statistics functions. */

/**
 * Direction of the alternative hypothesis, always about treatment − control:
 * `greater` means H1: treatment > control.
 */
export type Alternative = 'two-sided' | 'greater' | 'less';

/** Binomial counts of one arm. */
export type Counts = { successes: number; trials: number };

/**
 * A point estimate with its standard error and confidence bounds. One-sided alternatives give a one-sided
 * interval (the other bound is ±Infinity), as R's `prop.test`/`t.test` do.
 */
export type IntervalEstimate = { estimate: number; standardError: number; lower: number; upper: number };

/** Returned instead of a result when the data cannot support one (empty arm, no variation, …). */
export type InsufficientData = { type: 'insufficient-data'; reason: string };

/** `{ type: 'ok', …T } | { type: 'insufficient-data', reason }`. */
export type StatResult<T> = ({ type: 'ok' } & T) | InsufficientData;

/** Build an insufficient-data result. */
export function insufficientData(reason: string): InsufficientData {
  return { type: 'insufficient-data', reason };
}
