/** L2-regularised logistic regression by iteratively reweighted least squares (Newton's method). */
import { solveSpd } from './cholesky';
import type { FeatureMatrix, LogisticModel } from './types';

export type LogisticOptions = {
  /** L2 penalty λ on the coefficients (not the intercept); 0 = plain maximum likelihood like R `glm` */
  lambda?: number;
  /** per-row weights (default 1) */
  weights?: Float64Array;
  maxIterations?: number;
  /** stop when the largest coefficient change is below this */
  tolerance?: number;
};

/**
 * Fits P(y = 1 | x) = σ(β₀ + xᵀβ) by maximising Σ wᵢ[yᵢ log μᵢ + (1 − yᵢ) log(1 − μᵢ)] − (λ/2)‖β‖² with Newton–IRLS:
 * (XᵀWX + λI′)·Δ = Xᵀw(y − μ) − λβ′, W = diag(wᵢμᵢ(1 − μᵢ)), I′ = identity without the intercept (Hastie, Tibshirani &
 * Friedman, ESL §4.4.1). λ = 0 reproduces R `glm(family = binomial)`; λ = 1/C reproduces scikit-learn
 * `LogisticRegression(C)`, which leaves the intercept unpenalised too. y may be fractional in [0, 1].
 * @example fitLogistic({ nRows: 4, nFeatures: 1, values: Float64Array.from([0, 1, 2, 3]) }, Float64Array.from([0, 1, 0, 1]), { lambda: 1 })
 */
export function fitLogistic(x: FeatureMatrix, y: Float64Array, options: LogisticOptions = {}): LogisticModel {
  const fn = 'fitLogistic';
  const { lambda = 0, weights, maxIterations = 100, tolerance = 1e-10 } = options;
  const { nRows: n, nFeatures: k, values } = x;
  if (values.length !== n * k) throw new RangeError(`${fn}: values length ${values.length} ≠ nRows·nFeatures`);
  if (y.length !== n) throw new RangeError(`${fn}: y has ${y.length} rows, features have ${n}`);
  if (weights && weights.length !== n) throw new RangeError(`${fn}: weights length ${weights.length} ≠ ${n}`);
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`${fn}: lambda must be finite and ≥ 0`);
  for (let i = 0; i < n; i += 1) {
    const yi = y[i] as number;
    if (!(yi >= 0 && yi <= 1)) throw new RangeError(`${fn}: y[${i}] = ${yi} is outside [0, 1]`);
  }
  const p = k + 1;
  const beta = new Float64Array(p);
  const hessian = new Float64Array(p * p);
  const gradient = new Float64Array(p);
  const row = new Float64Array(p);
  for (let iteration = 1; iteration <= maxIterations; iteration += 1) {
    hessian.fill(0);
    gradient.fill(0);
    for (let i = 0; i < n; i += 1) {
      row[0] = 1;
      for (let j = 0; j < k; j += 1) row[j + 1] = values[i * k + j] as number;
      let eta = 0;
      for (let j = 0; j < p; j += 1) eta += (row[j] as number) * (beta[j] as number);
      const mu = 1 / (1 + Math.exp(-eta));
      const w = weights ? (weights[i] as number) : 1;
      const r = w * ((y[i] as number) - mu);
      const h = w * mu * (1 - mu);
      for (let a = 0; a < p; a += 1) {
        const ra = row[a] as number;
        gradient[a] = (gradient[a] as number) + ra * r;
        for (let b = 0; b <= a; b += 1)
          hessian[a * p + b] = (hessian[a * p + b] as number) + h * ra * (row[b] as number);
      }
    }
    for (let a = 0; a < p; a += 1) {
      for (let b = 0; b < a; b += 1) hessian[b * p + a] = hessian[a * p + b] as number;
      if (a > 0) {
        hessian[a * p + a] = (hessian[a * p + a] as number) + lambda;
        gradient[a] = (gradient[a] as number) - lambda * (beta[a] as number);
      }
    }
    const step = solveSpd(hessian, gradient, p);
    let maxChange = 0;
    for (let j = 0; j < p; j += 1) {
      beta[j] = (beta[j] as number) + (step[j] as number);
      maxChange = Math.max(maxChange, Math.abs(step[j] as number));
    }
    if (!beta.every(Number.isFinite)) throw new RangeError(`${fn}: diverged (separable data? use lambda > 0)`);
    if (maxChange < tolerance)
      return { intercept: beta[0] as number, coefficients: beta.slice(1), iterations: iteration, converged: true };
  }
  return { intercept: beta[0] as number, coefficients: beta.slice(1), iterations: maxIterations, converged: false };
}

/**
 * P(y = 1 | x) for every row.
 * @example predictLogistic(model, features) // Float64Array of probabilities
 */
export function predictLogistic(model: LogisticModel, x: FeatureMatrix): Float64Array {
  const { nRows: n, nFeatures: k, values } = x;
  if (k !== model.coefficients.length)
    throw new RangeError(`predictLogistic: model has ${model.coefficients.length} features, data ${k}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    let eta = model.intercept;
    for (let j = 0; j < k; j += 1) eta += (values[i * k + j] as number) * (model.coefficients[j] as number);
    out[i] = 1 / (1 + Math.exp(-eta));
  }
  return out;
}
