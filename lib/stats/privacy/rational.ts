/** A non-negative rational number n/d with BigInt parts (d > 0), so the samplers never round. */
export type Rational = { n: bigint; d: bigint };

export function rational(n: bigint | number, d: bigint | number = 1n): Rational {
  const nn = BigInt(n);
  const dd = BigInt(d);
  if (dd <= 0n || nn < 0n) throw new RangeError(`rational: need n ≥ 0 and d > 0 (got ${nn}/${dd})`);
  return { n: nn, d: dd };
}

/**
 * The exact rational of a decimal number given with at most `places` decimals (ε = 0.25 → 1/4), so a setting typed
 * in the UI reaches the sampler without binary rounding.
 * @example fromDecimal(0.1) // { n: 1n, d: 10n } (not reduced)
 */
export function fromDecimal(x: number, places = 6): Rational {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`fromDecimal: need a finite x ≥ 0 (got ${x})`);
  const d = 10n ** BigInt(places);
  const n = BigInt(Math.round(x * Number(d)));
  return { n, d };
}

/** ⌊√n⌋ for a BigInt n ≥ 0 (Newton's method on integers). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError(`isqrt: n must be ≥ 0 (got ${n})`);
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}
