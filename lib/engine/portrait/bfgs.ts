export type BfgsOptions = {
  /** stop when every gradient component is at most this in absolute value (default 1e-9) */
  gradientTolerance?: number;
  /** iterations (default 500) */
  maxIterations?: number;
};

export type BfgsResult = {
  x: number[];
  f: number;
  gradient: number[];
  iterations: number;
  evaluations: number;
  /** the gradient tolerance was met, or f stopped decreasing (relative change ≤ 1e-13 five times running) */
  converged: boolean;
  reason: 'gradient' | 'flat' | 'max-iterations' | 'line-search';
};

/** f and its gradient at x; non-finite values mean "outside the domain" and make the line search step back. */
export type ValueAndGradient = (x: number[]) => { f: number; g: number[] };

/**
 * Minimises a smooth function with the BFGS quasi-Newton method (Nocedal & Wright, "Numerical Optimization", 2nd ed.,
 * algorithm 6.1): inverse-Hessian update H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, skipped when the curvature yᵀs is
 * not positive; backtracking line search with the Armijo condition (c₁ = 1e-4), halving the step. The first step is
 * scaled to move at most 1 in any coordinate, and H is rescaled by yᵀs/yᵀy after it (N&W eq. 6.20). On a flat ridge
 * (f no longer decreasing in relative terms) it stops and reports `reason: 'flat'`.
 *
 * @example
 * const rosen = ([x, y]: number[]) => ({ f: 100 * (y! - x! ** 2) ** 2 + (1 - x!) ** 2, g: [-400 * x! * (y! - x! ** 2) - 2 * (1 - x!), 200 * (y! - x! ** 2)] });
 * bfgs(rosen, [-1.2, 1]).x; // ≈ [1, 1]
 */
export function bfgs(fg: ValueAndGradient, x0: readonly number[], options: BfgsOptions = {}): BfgsResult {
  const { gradientTolerance = 1e-9, maxIterations = 500 } = options;
  const n = x0.length;
  if (n === 0 || x0.some((v) => !Number.isFinite(v)))
    throw new RangeError('bfgs: x0 must be a non-empty vector of finite numbers');
  let evaluations = 1;
  let x = [...x0];
  let { f, g } = fg(x);
  if (!Number.isFinite(f) || g.some((v) => !Number.isFinite(v)))
    throw new RangeError('bfgs: f or its gradient is not finite at x0');
  let h: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const maxAbs = (v: number[]) => v.reduce((m, a) => Math.max(m, Math.abs(a)), 0);
  let it = 0;
  let stalled = 0;
  for (; it < maxIterations; it++) {
    if (maxAbs(g) <= gradientTolerance)
      return { x, f, gradient: g, iterations: it, evaluations, converged: true, reason: 'gradient' };
    let d = h.map((row) => -row.reduce((s, hij, j) => s + hij * g[j]!, 0));
    let slope = d.reduce((s, di, i) => s + di * g[i]!, 0);
    if (!(slope < 0)) {
      // not a descent direction: reset to steepest descent
      h = h.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
      d = g.map((v) => -v);
      slope = -g.reduce((s, v) => s + v * v, 0);
    }
    let t = it === 0 ? Math.min(1, 1 / Math.max(maxAbs(d), 1e-300)) : 1;
    let next: { f: number; g: number[] } | null = null;
    let xn: number[] = x;
    for (let k = 0; k < 40; k++) {
      xn = x.map((v, i) => v + t * d[i]!);
      const trial = fg(xn);
      evaluations++;
      if (Number.isFinite(trial.f) && trial.g.every(Number.isFinite) && trial.f <= f + 1e-4 * t * slope) {
        next = trial;
        break;
      }
      t /= 2;
    }
    if (!next)
      return {
        x,
        f,
        gradient: g,
        iterations: it,
        evaluations,
        converged: maxAbs(g) <= gradientTolerance * 1e3,
        reason: 'line-search',
      };
    const s = xn.map((v, i) => v - x[i]!);
    const y = next.g.map((v, i) => v - g[i]!);
    const ys = y.reduce((acc, v, i) => acc + v * s[i]!, 0);
    if (ys > 1e-300) {
      if (it === 0) {
        const scale = ys / y.reduce((acc, v) => acc + v * v, 0);
        h = h.map((row) => row.map((v) => v * scale));
      }
      const rho = 1 / ys;
      const hy = h.map((row) => row.reduce((acc, v, j) => acc + v * y[j]!, 0));
      const yhy = y.reduce((acc, v, i) => acc + v * hy[i]!, 0);
      h = h.map((row, i) =>
        row.map((v, j) => v - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!),
      );
    }
    const fPrev = f;
    x = xn;
    f = next.f;
    g = next.g;
    stalled = fPrev - f <= 1e-13 * Math.max(1, Math.abs(f)) ? stalled + 1 : 0;
    if (stalled >= 5) return { x, f, gradient: g, iterations: it + 1, evaluations, converged: true, reason: 'flat' };
  }
  return {
    x,
    f,
    gradient: g,
    iterations: it,
    evaluations,
    converged: maxAbs(g) <= gradientTolerance,
    reason: 'max-iterations',
  };
}
