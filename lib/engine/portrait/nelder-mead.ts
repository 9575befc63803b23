export type NelderMeadOptions = {
  /** initial simplex: x0 plus `step` along each axis (default 0.5; the engine works on log-parameters) */
  step?: number;
  /** stop when the simplex's function values differ by at most this much (default 1e-10) */
  fTol?: number;
  /** …and its vertices differ by at most this much in every coordinate (default 1e-8) */
  xTol?: number;
  /** iterations per run (default 5000) */
  maxIterations?: number;
  /** restarts from the best point with a fresh simplex, until a restart gains less than fTol (default 5) */
  maxRestarts?: number;
};

export type NelderMeadResult = { x: number[]; f: number; iterations: number; evaluations: number; converged: boolean };

/**
 * Minimises f: ℝⁿ → ℝ with the Nelder–Mead simplex method using the dimension-adaptive coefficients of Gao & Han
 * (2012), "Implementing the Nelder-Mead simplex algorithm with adaptive parameters", Comput. Optim. Appl. 51:259–277:
 * reflection 1, expansion 1 + 2/n, contraction 0.75 − 1/(2n), shrink 1 − 1/n (the standard 2, ½, ½ for n ≤ 2). As recommended by Lagarias et al.
 * (1998) and done by R's `optim`, the search is restarted from the best vertex until a restart no longer improves
 * f, which guards against the simplex collapsing early. Non-finite values of f are treated as +∞.
 *
 * @example
 * const rosen = ([x, y]: number[]) => 100 * (y! - x! ** 2) ** 2 + (1 - x!) ** 2;
 * nelderMead(rosen, [-1.2, 1]).x; // ≈ [1, 1]
 */
export function nelderMead(
  f: (x: number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const { step = 0.5, fTol = 1e-10, xTol = 1e-8, maxIterations = 5000, maxRestarts = 5 } = options;
  const n = x0.length;
  if (n === 0 || x0.some((v) => !Number.isFinite(v)))
    throw new RangeError('nelderMead: x0 must be a non-empty vector of finite numbers');
  let evaluations = 0;
  const fn = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let best = { x: [...x0], f: fn([...x0]) };
  let iterations = 0;
  let converged = false;
  for (let restart = 0; restart <= maxRestarts; restart++) {
    const run = simplexRun(fn, best.x, best.f, step, fTol, xTol, maxIterations);
    iterations += run.iterations;
    const gain = best.f - run.f;
    best = { x: run.x, f: run.f };
    converged = run.converged;
    if (restart > 0 && gain <= fTol * (1 + Math.abs(run.f))) break;
  }
  return { x: best.x, f: best.f, iterations, evaluations, converged };
}

function simplexRun(
  fn: (x: number[]) => number,
  x0: number[],
  f0: number,
  step: number,
  fTol: number,
  xTol: number,
  maxIterations: number,
): { x: number[]; f: number; iterations: number; converged: boolean } {
  const n = x0.length;
  const alpha = 1;
  const m = Math.max(n, 2); // the adaptive coefficients are defined for n ≥ 2; n = 1 uses the standard ones
  const beta = 1 + 2 / m;
  const gamma = 0.75 - 1 / (2 * m);
  const delta = 1 - 1 / m;
  const pts: number[][] = [x0];
  const vals: number[] = [f0];
  for (let i = 0; i < n; i++) {
    const p = [...x0];
    p[i] = p[i]! + step;
    pts.push(p);
    vals.push(fn(p));
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  let it = 0;
  for (; it < maxIterations; it++) {
    order.sort((a, b) => vals[a]! - vals[b]!);
    const lo = order[0]!;
    const hi = order[n]!;
    const second = order[n - 1]!;
    let fSpread = 0;
    let xSpread = 0;
    for (let k = 1; k <= n; k++) {
      const j = order[k]!;
      fSpread = Math.max(fSpread, Math.abs(vals[j]! - vals[lo]!));
      for (let d = 0; d < n; d++) xSpread = Math.max(xSpread, Math.abs(pts[j]![d]! - pts[lo]![d]!));
    }
    if (fSpread <= fTol && xSpread <= xTol) return { x: pts[lo]!, f: vals[lo]!, iterations: it, converged: true };
    const c = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) {
      const j = order[k]!;
      for (let d = 0; d < n; d++) c[d]! += pts[j]![d]! / n;
    }
    const along = (t: number) => c.map((cd, d) => cd + t * (pts[hi]![d]! - cd));
    const xr = along(-alpha);
    const fr = fn(xr);
    if (fr < vals[lo]!) {
      const xe = along(-alpha * beta);
      const fe = fn(xe);
      if (fe < fr) [pts[hi], vals[hi]] = [xe, fe];
      else [pts[hi], vals[hi]] = [xr, fr];
      continue;
    }
    if (fr < vals[second]!) {
      [pts[hi], vals[hi]] = [xr, fr];
      continue;
    }
    const outside = fr < vals[hi]!;
    const xc = along(outside ? -alpha * gamma : gamma);
    const fc = fn(xc);
    if (fc < (outside ? fr : vals[hi]!)) {
      [pts[hi], vals[hi]] = [xc, fc];
      continue;
    }
    for (let k = 1; k <= n; k++) {
      const j = order[k]!;
      pts[j] = pts[j]!.map((v, d) => pts[lo]![d]! + delta * (v - pts[lo]![d]!));
      vals[j] = fn(pts[j]!);
    }
  }
  order.sort((a, b) => vals[a]! - vals[b]!);
  return { x: pts[order[0]!]!, f: vals[order[0]!]!, iterations: it, converged: false };
}
