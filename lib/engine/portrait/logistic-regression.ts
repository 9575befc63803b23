export type LogisticOptions = {
  /** L2 penalty λ on the (standardised, if `standardize`) coefficients; the intercept is not penalised (default 1) */
  l2?: number;
  /** centre and scale each feature to unit variance before fitting (default true); coefficients are returned on the original scale */
  standardize?: boolean;
  /** Newton iterations (default 100) */
  maxIterations?: number;
  /** stop when the largest Newton step is below this (default 1e-10) */
  tolerance?: number;
};

export type LogisticModel = {
  intercept: number;
  /** coefficients on the original feature scale */
  coefficients: Float64Array;
  iterations: number;
  converged: boolean;
  /** penalised negative log-likelihood at the solution (standardised scale when standardize is on) */
  objective: number;
};

/**
 * L2-penalised logistic regression fitted by Newton–Raphson (iteratively reweighted least squares), minimising
 *   Σᵢ [log(1 + e^{ηᵢ}) − yᵢ ηᵢ] + (λ/2) ‖w‖²,  ηᵢ = b + xᵢ·w,
 * the objective of scikit-learn's `LogisticRegression(C = 1/λ)` (intercept unpenalised); λ = 0 is R's `glm(…,
 * family = binomial)`. Each step solves (Xᵀ W X + λI) δ = ∇ by Cholesky, with step halving if the objective rises.
 * `x` is row-major n × d.
 *
 * @example
 * const m = fitLogisticRegression(Float64Array.from([0, 1, 2, 3]), 1, Uint8Array.from([0, 0, 1, 1]), { l2: 1 });
 * predictLogistic(m, Float64Array.from([1.5]), 1)[0]; // 0.5
 */
export function fitLogisticRegression(
  x: Float64Array,
  d: number,
  y: ArrayLike<number>,
  options: LogisticOptions = {},
): LogisticModel {
  const { l2 = 1, standardize = true, maxIterations = 100, tolerance = 1e-10 } = options;
  const n = y.length;
  if (!(Number.isInteger(d) && d >= 1) || x.length !== n * d)
    throw new RangeError(`fitLogisticRegression: x must be n × d = ${n} × ${d}, got length ${x.length}`);
  if (!(l2 >= 0)) throw new RangeError(`fitLogisticRegression: l2 must be ≥ 0, got ${l2}`);
  if (n === 0) throw new RangeError('fitLogisticRegression: no rows');
  const mean = new Float64Array(d);
  const scale = new Float64Array(d).fill(1);
  if (standardize) {
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += x[i * d + j]! / n;
    const v = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) v[j]! += (x[i * d + j]! - mean[j]!) ** 2 / n;
    for (let j = 0; j < d; j++) scale[j] = v[j]! > 1e-24 ? Math.sqrt(v[j]!) : 1;
  }
  const p = d + 1; // parameter 0 is the intercept
  const z = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    z[i * p] = 1;
    for (let j = 0; j < d; j++) z[i * p + j + 1] = (x[i * d + j]! - mean[j]!) / scale[j]!;
  }
  const w = new Float64Array(p);
  const objective = (beta: Float64Array) => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      let eta = 0;
      for (let j = 0; j < p; j++) eta += z[i * p + j]! * beta[j]!;
      f += (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - (y[i]! ? eta : 0);
    }
    for (let j = 1; j < p; j++) f += (l2 / 2) * beta[j]! ** 2;
    return f;
  };
  let f = objective(w);
  let converged = false;
  let it = 0;
  const grad = new Float64Array(p);
  const hess = new Float64Array(p * p);
  for (; it < maxIterations; it++) {
    grad.fill(0);
    hess.fill(0);
    for (let i = 0; i < n; i++) {
      let eta = 0;
      for (let j = 0; j < p; j++) eta += z[i * p + j]! * w[j]!;
      const mu = 1 / (1 + Math.exp(-eta));
      const r = mu - (y[i]! ? 1 : 0);
      const wt = Math.max(mu * (1 - mu), 1e-12);
      for (let j = 0; j < p; j++) {
        const zj = z[i * p + j]!;
        grad[j]! += zj * r;
        for (let k = 0; k <= j; k++) hess[j * p + k]! += wt * zj * z[i * p + k]!;
      }
    }
    for (let j = 1; j < p; j++) {
      grad[j]! += l2 * w[j]!;
      hess[j * p + j]! += l2;
    }
    const step = choleskySolve(hess, p, grad);
    let t = 1;
    let next = w.map((v, j) => v - step[j]!);
    let fNext = objective(next);
    while (fNext > f + 1e-12 * Math.abs(f) && t > 1e-8) {
      t /= 2;
      next = w.map((v, j) => v - t * step[j]!);
      fNext = objective(next);
    }
    w.set(next);
    f = fNext;
    let maxStep = 0;
    for (let j = 0; j < p; j++) maxStep = Math.max(maxStep, Math.abs(t * step[j]!));
    if (maxStep < tolerance) {
      converged = true;
      it++;
      break;
    }
  }
  const coefficients = new Float64Array(d);
  let intercept = w[0]!;
  for (let j = 0; j < d; j++) {
    coefficients[j] = w[j + 1]! / scale[j]!;
    intercept -= coefficients[j]! * mean[j]!;
  }
  return { intercept, coefficients, iterations: it, converged, objective: f };
}

/** Solves A s = b for symmetric positive-definite A (lower triangle used), row-major p × p. */
function choleskySolve(a: Float64Array, p: number, b: Float64Array): Float64Array {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let s = a[j * p + j]!;
    for (let k = 0; k < j; k++) s -= l[j * p + k]! ** 2;
    const diag = Math.sqrt(Math.max(s, 1e-300));
    l[j * p + j] = diag;
    for (let i = j + 1; i < p; i++) {
      let t = a[i * p + j]!;
      for (let k = 0; k < j; k++) t -= l[i * p + k]! * l[j * p + k]!;
      l[i * p + j] = t / diag;
    }
  }
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let t = b[i]!;
    for (let k = 0; k < i; k++) t -= l[i * p + k]! * y[k]!;
    y[i] = t / l[i * p + i]!;
  }
  const s = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let t = y[i]!;
    for (let k = i + 1; k < p; k++) t -= l[k * p + i]! * s[k]!;
    s[i] = t / l[i * p + i]!;
  }
  return s;
}

/**
 * Probabilities P(y = 1 | x) = 1 / (1 + e^{−(b + x·w)}) for row-major n × d features.
 *
 * @example
 * predictLogistic({ intercept: 0, coefficients: Float64Array.of(1), iterations: 0, converged: true, objective: 0 }, Float64Array.of(0), 1); // Float64Array [0.5]
 */
export function predictLogistic(
  model: Pick<LogisticModel, 'intercept' | 'coefficients'>,
  x: Float64Array,
  d: number,
): Float64Array {
  if (model.coefficients.length !== d || x.length % d !== 0)
    throw new RangeError('predictLogistic: feature count does not match the model');
  const n = x.length / d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = model.intercept;
    for (let j = 0; j < d; j++) eta += model.coefficients[j]! * x[i * d + j]!;
    out[i] = 1 / (1 + Math.exp(-eta));
  }
  return out;
}
