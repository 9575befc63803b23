/**
 * Solves a small symmetric positive-definite system by Cholesky decomposition (used by the IRLS steps; p is the
 * number of features + 1, a few dozen at most). Hand-written: a p × p dense solve is ~20 lines and no
 * well-kept small npm package does only this.
 */

/**
 * Solves A·x = b for SPD `a` (row-major p × p, not modified). Throws RangeError if `a` is not positive definite.
 * @example solveSpd(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2) // Float64Array [0.5, 0]
 */
export function solveSpd(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let s = a[i * p + j] as number;
      for (let k = 0; k < j; k += 1) s -= (l[i * p + k] as number) * (l[j * p + k] as number);
      if (i === j) {
        if (!(s > 0)) throw new RangeError('solveSpd: matrix is not positive definite');
        l[i * p + i] = Math.sqrt(s);
      } else {
        l[i * p + j] = s / (l[j * p + j] as number);
      }
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i += 1) {
    let s = b[i] as number;
    for (let k = 0; k < i; k += 1) s -= (l[i * p + k] as number) * (z[k] as number);
    z[i] = s / (l[i * p + i] as number);
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i -= 1) {
    let s = z[i] as number;
    for (let k = i + 1; k < p; k += 1) s -= (l[k * p + i] as number) * (x[k] as number);
    x[i] = s / (l[i * p + i] as number);
  }
  return x;
}
