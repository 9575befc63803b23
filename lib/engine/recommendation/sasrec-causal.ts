/**
 * The causal half of SASRec's attention products (sasrec-net.ts): gemmNT of linalg-gemm.ts (same 2×4 register
 * tiles, same summation order) restricted to the triangle that can be non-zero, about half the work of the full
 * T × T products. C is always written, never accumulated.
 *
 *   'lower'  — C[i][j] = A_i·B_j only for the tiles holding some j ≤ i (scores QKᵀ, ∂P = ∂O·Vᵀ); the tiles wholly
 *              above the diagonal are left as they were (zero in a new array), the diagonal tiles are computed whole
 *   'kLower' — A is lower-triangular (A[i][q] = 0 for q > i): row i sums q below its tile's end (P·V, ∂S·K)
 *   'kUpper' — A is upper-triangular (A[i][q] = 0 for q < i): row i sums q from its tile's start (Pᵀ·∂O, ∂Sᵀ·Q)
 * The terms left out are exact zeros, so the results equal gemmNT's bit for bit (sasrec-causal.test.ts).
 *
 * @example
 * causalNT(T, T, d, q, k, scores, 'lower'); // scores[t·T + s] = q_t·k_s for s ≤ t
 */
export type CausalMode = 'lower' | 'kLower' | 'kUpper';

export function causalNT(
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  mode: CausalMode,
): void {
  const m2 = m - (m % 2),
    n4 = n - (n % 4);
  for (let i = 0; i < m2; i += 2) {
    const jEnd = mode === 'lower' ? Math.min(n4, i + 2) : n4,
      q0 = mode === 'kUpper' ? i : 0,
      q1 = mode === 'kLower' ? Math.min(k, i + 2) : k;
    const a0 = i * k,
      a1 = a0 + k;
    for (let j = 0; j < jEnd; j += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      const b0 = j * k,
        b1 = b0 + k,
        b2 = b1 + k,
        b3 = b2 + k;
      for (let q = q0; q < q1; q++) {
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
      const r = i * n + j,
        r1 = r + n;
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
  // remainders as gemmNT: the last row when m is odd against all columns, rows 0..m2 against columns n4..n; a row's
  // tile starts at i − i mod 2 and ends 2 later or at m
  for (let i = 0; i < m; i++) {
    const start = i - (i % 2),
      end = Math.min(m, start + 2);
    const jEnd = mode === 'lower' ? Math.min(n, end) : n,
      q0 = mode === 'kUpper' ? start : 0,
      q1 = mode === 'kLower' ? Math.min(k, end) : k;
    for (let j = i < m2 ? n4 : 0; j < jEnd; j++) {
      let s = 0;
      for (let q = q0; q < q1; q++) s += a[i * k + q]! * b[j * k + q]!;
      c[i * n + j] = s;
    }
  }
}
