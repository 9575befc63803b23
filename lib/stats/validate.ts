/**
 * Input guards shared by `lib/stats` and `lib/engine/uplift`. Every guard throws a `RangeError` whose message
 * starts with the calling function's name, as the house style asks.
 */

/** Throws unless `value` is a finite number. */
export function assertFinite(fn: string, name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${fn}: ${name} must be a finite number (got ${value})`);
}

/** Throws unless `value` is an integer ≥ `min` (default 0). */
export function assertInteger(fn: string, name: string, value: number, min = 0): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${fn}: ${name} must be an integer ≥ ${min} (got ${value})`);
  }
}

/** Throws unless `value` is finite and ≥ 0 (or > 0 when `strict`). */
export function assertNonNegative(fn: string, name: string, value: number, strict = false): void {
  if (!Number.isFinite(value) || value < 0 || (strict && value === 0)) {
    throw new RangeError(`${fn}: ${name} must be ${strict ? '> 0' : '≥ 0'} and finite (got ${value})`);
  }
}

/** Throws unless 0 < value < 1 (open interval), e.g. for alpha, power, shares. */
export function assertOpenUnit(fn: string, name: string, value: number): void {
  if (!(value > 0 && value < 1)) throw new RangeError(`${fn}: ${name} must be in (0, 1) (got ${value})`);
}

/** Throws unless 0 ≤ value ≤ 1 (closed interval), e.g. for p-values and rates. */
export function assertUnit(fn: string, name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${fn}: ${name} must be in [0, 1] (got ${value})`);
}

/** Throws unless successes and trials form a valid binomial count. */
export function assertCounts(fn: string, name: string, successes: number, trials: number): void {
  assertInteger(fn, `${name}.trials`, trials);
  assertInteger(fn, `${name}.successes`, successes);
  if (successes > trials) throw new RangeError(`${fn}: ${name}.successes (${successes}) exceeds trials (${trials})`);
}
