/** Every number written in a text (12, 3.5, -4.2, 1,234, 12 %), as numbers, in order. */
export function numbersIn(text: string): number[] {
  return [...text.normalize('NFKC').matchAll(/-?\d+(?:,\d{3})*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, '')));
}

/**
 * The checker behind "results in words": every number the text states must be one of the statistics it came from
 * (compared at the precision written, so 12.3 matches 12.34 but 12 does not match 12.6). Returns the numbers that
 * appear nowhere in `allowed`.
 * @example
 * unsupportedNumbers('B wins by 12.3 % [4.1 %, 20.5 %]', [12.34, 4.1, 20.5]) // []
 * unsupportedNumbers('B wins by 15 %', [12.34]) // [15]
 */
export function unsupportedNumbers(text: string, allowed: readonly number[]): number[] {
  const supports = (n: number, raw: number) => {
    const decimals = (String(n).split('.')[1] ?? '').length;
    const f = 10 ** decimals;
    return Math.round(raw * f) / f === n || Math.round(Math.abs(raw) * f) / f === Math.abs(n);
  };
  return numbersIn(text).filter((n) => !allowed.some((a) => supports(n, a)));
}
