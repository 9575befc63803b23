/**
 * Small dense matrix products for the neural sequence model (gru4rec*.ts), row-major Float64Array with offsets.
 *
 *   gemmNT: C[m×n] (+)= A[m×k]·B[n×k]ᵀ  — dot-product form, 4×4 register tiles (the hot path: logits, gates)
 *   gemmNN: C[m×n] (+)= A[m×k]·B[k×n]   — B transposed, then gemmNT
 *   gemmTN: C[m×n] (+)= A[k×m]ᵀ·B[k×n]  — A and B transposed, then gemmNT (weight gradients)
 *
 * Plain TypeScript rather than a tensor library: @tensorflow/tfjs-core's pure-JS CPU backend measured ≈0.4 GFLOP/s
 * for a 256×64×1682 matMul on this machine, the 4×4 tile below ≈4–6 GFLOP/s (see linalg-dense.ts for the reasoning).
 *
 * @example
 * const c = new Float64Array(4);
 * gemmNT(2, 2, 2, Float64Array.of(1, 2, 3, 4), 0, Float64Array.of(1, 0, 0, 1), 0, c, 0, false); // c = [1, 2, 3, 4]
 */

/** C[m×n] = A[m×k]·B[n×k]ᵀ, or += when `accumulate`. */
export function gemmNT(
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  c: Float64Array,
  co: number,
  accumulate: boolean,
): void {
  const m4 = m - (m % 4),
    n4 = n - (n % 4);
  for (let i = 0; i < m4; i += 4) {
    const a0 = ao + i * k,
      a1 = a0 + k,
      a2 = a1 + k,
      a3 = a2 + k;
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      const b0 = bo + j * k,
        b1 = b0 + k,
        b2 = b1 + k,
        b3 = b2 + k;
      for (let q = 0; q < k; q++) {
        const x0 = a[a0 + q]!,
          x1 = a[a1 + q]!,
          x2 = a[a2 + q]!,
          x3 = a[a3 + q]!;
        const y0 = b[b0 + q]!,
          y1 = b[b1 + q]!,
          y2 = b[b2 + q]!,
          y3 = b[b3 + q]!;
        c00 += x0 * y0;
        c01 += x0 * y1;
        c02 += x0 * y2;
        c03 += x0 * y3;
        c10 += x1 * y0;
        c11 += x1 * y1;
        c12 += x1 * y2;
        c13 += x1 * y3;
        c20 += x2 * y0;
        c21 += x2 * y1;
        c22 += x2 * y2;
        c23 += x2 * y3;
        c30 += x3 * y0;
        c31 += x3 * y1;
        c32 += x3 * y2;
        c33 += x3 * y3;
      }
      let r = co + i * n + j;
      if (accumulate) {
        c[r] = c[r]! + c00;
        c[r + 1] = c[r + 1]! + c01;
        c[r + 2] = c[r + 2]! + c02;
        c[r + 3] = c[r + 3]! + c03;
        r += n;
        c[r] = c[r]! + c10;
        c[r + 1] = c[r + 1]! + c11;
        c[r + 2] = c[r + 2]! + c12;
        c[r + 3] = c[r + 3]! + c13;
        r += n;
        c[r] = c[r]! + c20;
        c[r + 1] = c[r + 1]! + c21;
        c[r + 2] = c[r + 2]! + c22;
        c[r + 3] = c[r + 3]! + c23;
        r += n;
        c[r] = c[r]! + c30;
        c[r + 1] = c[r + 1]! + c31;
        c[r + 2] = c[r + 2]! + c32;
        c[r + 3] = c[r + 3]! + c33;
      } else {
        c[r] = c00;
        c[r + 1] = c01;
        c[r + 2] = c02;
        c[r + 3] = c03;
        r += n;
        c[r] = c10;
        c[r + 1] = c11;
        c[r + 2] = c12;
        c[r + 3] = c13;
        r += n;
        c[r] = c20;
        c[r + 1] = c21;
        c[r + 2] = c22;
        c[r + 3] = c23;
        r += n;
        c[r] = c30;
        c[r + 1] = c31;
        c[r + 2] = c32;
        c[r + 3] = c33;
      }
    }
  }
  // remainders: rows m4..m against all columns, and rows 0..m4 against columns n4..n
  for (let i = 0; i < m; i++) {
    for (let j = i < m4 ? n4 : 0; j < n; j++) {
      let s = 0;
      const ar = ao + i * k,
        br = bo + j * k;
      for (let q = 0; q < k; q++) s += a[ar + q]! * b[br + q]!;
      const r = co + i * n + j;
      c[r] = accumulate ? c[r]! + s : s;
    }
  }
}

/** Bᵀ of a row-major r×c block at offset `o`, as a new c×r array. */
export function transpose(r: number, c: number, b: Float64Array, o: number): Float64Array {
  const t = new Float64Array(r * c);
  for (let i0 = 0; i0 < r; i0 += 32) {
    for (let j0 = 0; j0 < c; j0 += 32) {
      const i1 = Math.min(r, i0 + 32),
        j1 = Math.min(c, j0 + 32);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) t[j * r + i] = b[o + i * c + j]!;
    }
  }
  return t;
}

/** C[m×n] = A[m×k]·B[k×n], or += when `accumulate` (B is transposed once, then the tiled NT kernel runs). */
export function gemmNN(
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  c: Float64Array,
  co: number,
  accumulate: boolean,
): void {
  gemmNT(m, n, k, a, ao, transpose(k, n, b, bo), 0, c, co, accumulate);
}

/** C[m×n] = A[k×m]ᵀ·B[k×n], or += when `accumulate` (both transposed once, then the tiled NT kernel runs). */
export function gemmTN(
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  c: Float64Array,
  co: number,
  accumulate: boolean,
): void {
  gemmNT(m, n, k, transpose(k, m, a, ao), 0, transpose(k, n, b, bo), 0, c, co, accumulate);
}
