/**
 * The inner solve of implicit ALS with conjugate gradient (Hu, Koren & Volinsky 2008; CG variant of Takács, Pilászy
 * & Tikk, "Applications of the conjugate gradient method for implicit feedback collaborative filtering", RecSys 2011,
 * as in the `implicit` library's `least_squares_cg`).
 *
 * For each row u of the side being solved, with the other side's factors Y fixed, it runs `cgSteps` CG iterations
 * warm-started from the current x_u on
 *   (YᵀY + λI + Σ_{i ∈ I_u} (c_ui − 1)·y_i y_iᵀ) x_u = Σ_{i ∈ I_u} c_ui·y_i,     c_ui = 1 + α·r_ui,
 * never forming the per-user matrix: A·p = (YᵀY + λI)·p + Σ_i (c_ui − 1)(y_i·p)·y_i.
 *
 * Self-contained (it runs inside worker threads, see worker-pool.ts): no imports, no closures.
 *
 * @example
 * alsCgKernel(x, y, yty, rowPtr, colIdx, values, 40, 64, 3, 0, nUsers); // one half-iteration on all users
 */
export function alsCgKernel(
  x: Float32Array,
  y: Float32Array,
  yty: Float64Array,
  rowPtr: Int32Array,
  colIdx: Int32Array,
  values: Float32Array,
  alpha: number,
  f: number,
  cgSteps: number,
  r0: number,
  r1: number,
): void {
  const xv = new Float64Array(f),
    r = new Float64Array(f),
    p = new Float64Array(f),
    ap = new Float64Array(f);
  for (let u = r0; u < r1; u++) {
    const s = rowPtr[u]!,
      e = rowPtr[u + 1]!;
    const xb = u * f;
    for (let k = 0; k < f; k++) xv[k] = x[xb + k]!;
    // r = b − A·x
    for (let a = 0; a < f; a++) {
      let acc = 0;
      const ga = a * f;
      for (let b = 0; b < f; b++) acc += yty[ga + b]! * xv[b]!;
      r[a] = -acc;
    }
    for (let q = s; q < e; q++) {
      const c = 1 + alpha * values[q]!;
      const yb = colIdx[q]! * f;
      let yx = 0;
      for (let k = 0; k < f; k++) yx += y[yb + k]! * xv[k]!;
      const coef = c - (c - 1) * yx;
      for (let k = 0; k < f; k++) r[k] = r[k]! + coef * y[yb + k]!;
    }
    let rsold = 0;
    for (let k = 0; k < f; k++) {
      p[k] = r[k]!;
      rsold += r[k]! * r[k]!;
    }
    if (rsold < 1e-20) continue;
    for (let it = 0; it < cgSteps; it++) {
      for (let a = 0; a < f; a++) {
        let acc = 0;
        const ga = a * f;
        for (let b = 0; b < f; b++) acc += yty[ga + b]! * p[b]!;
        ap[a] = acc;
      }
      for (let q = s; q < e; q++) {
        const cm1 = alpha * values[q]!;
        const yb = colIdx[q]! * f;
        let yp = 0;
        for (let k = 0; k < f; k++) yp += y[yb + k]! * p[k]!;
        const coef = cm1 * yp;
        for (let k = 0; k < f; k++) ap[k] = ap[k]! + coef * y[yb + k]!;
      }
      let pap = 0;
      for (let k = 0; k < f; k++) pap += p[k]! * ap[k]!;
      const step = rsold / pap;
      let rsnew = 0;
      for (let k = 0; k < f; k++) {
        xv[k] = xv[k]! + step * p[k]!;
        r[k] = r[k]! - step * ap[k]!;
        rsnew += r[k]! * r[k]!;
      }
      if (rsnew < 1e-20) break;
      const beta = rsnew / rsold;
      for (let k = 0; k < f; k++) p[k] = r[k]! + beta * p[k]!;
      rsold = rsnew;
    }
    for (let k = 0; k < f; k++) x[xb + k] = xv[k]!;
  }
}
