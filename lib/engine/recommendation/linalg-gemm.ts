/**
 * Small dense matrix products for the neural sequence model (gru4rec*.ts), row-major Float64Array with offsets.
 *
 *   gemmNT: C[m×n] (+)= A[m×k]·B[n×k]ᵀ  — dot-product form, 2×4 register tiles (the hot path: logits, gates)
 *   gemmNN: C[m×n] (+)= A[m×k]·B[k×n]   — B transposed, then gemmNT
 *   gemmTN: C[m×n] (+)= A[k×m]ᵀ·B[k×n]  — A and B transposed, then gemmNT (weight gradients)
 *
 * Plain TypeScript rather than a tensor library: @tensorflow/tfjs-core's pure-JS CPU backend measured ≈0.4 GFLOP/s
 * for a 256×64×1682 matMul on this machine, the tile below ≈4–6 GFLOP/s (see linalg-dense.ts for the reasoning). The
 * tile is 2×4 rather than 4×4: 8 accumulators and 6 loaded values fit x86-64's 16 float registers where 4×4's 24 spill;
 * on 100×64×64, 64×64×100 and 100×100×64 products it ran 5.3–5.9 GFLOP/s against 4.3–4.8 (same session, load ≈ 3.5).
 * Each C entry is the sum over q in order from 0 whatever the tile, so results do not depend on it.
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
  const m2 = m - (m % 2),
    n4 = n - (n % 4);
  for (let i = 0; i < m2; i += 2) {
    const a0 = ao + i * k,
      a1 = a0 + k;
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      const b0 = bo + j * k,
        b1 = b0 + k,
        b2 = b1 + k,
        b3 = b2 + k;
      for (let q = 0; q < k; q++) {
        const x0 = a[a0 + q]!,
          x1 = a[a1 + q]!;
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
      }
      const r = co + i * n + j,
        r1 = r + n;
      if (accumulate) {
        c[r] = c[r]! + c00;
        c[r + 1] = c[r + 1]! + c01;
        c[r + 2] = c[r + 2]! + c02;
        c[r + 3] = c[r + 3]! + c03;
        c[r1] = c[r1]! + c10;
        c[r1 + 1] = c[r1 + 1]! + c11;
        c[r1 + 2] = c[r1 + 2]! + c12;
        c[r1 + 3] = c[r1 + 3]! + c13;
      } else {
        c[r] = c00;
        c[r + 1] = c01;
        c[r + 2] = c02;
        c[r + 3] = c03;
        c[r1] = c10;
        c[r1 + 1] = c11;
        c[r1 + 2] = c12;
        c[r1 + 3] = c13;
      }
    }
  }
  // remainders: the last row when m is odd against all columns, and rows 0..m2 against columns n4..n
  for (let i = 0; i < m; i++) {
    for (let j = i < m2 ? n4 : 0; j < n; j++) {
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
