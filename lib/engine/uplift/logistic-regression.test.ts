import { describe, expect, test } from 'vitest';
import { solveSpd } from './cholesky';
import { fitLogistic, predictLogistic } from './logistic-regression';

// 50-row fixture, identical in scripts/reference/stats/logistic.R and logistic_sklearn.py
const X1 = [
  0.03, 1.36, 1.22, -0.51, -0.3, -0.53, 0.57, -0.06, 0.75, -1.85, 1.57, -0.1, 0.68, -0.14, -0.38, 0.46, 0.82, -0.2,
  -0.15, 0.69, -0.87, -1.51, 0.39, -0.67, -1.92, -0.81, -0.47, -1.19, -1.49, 0.04, 0.9, -0.23, -0.74, 0.38, 0.72, -0.3,
  0.54, 1.04, -0.21, -0.81, 0.35, 0.25, 1.1, -1.28, -0.66, -0.84, -1.73, 0.13, 0.53, -0.74,
];
const X2 = [
  1.38, 2.07, 0.16, 0.1, 2.54, 1.76, 0.93, 0.95, 0.27, 0.52, 0.07, 2.52, 1.4, 0.38, 2.22, 0.59, 0.19, 1.8, 2.69, 0.08,
  2.42, 0.57, 0.28, 0.05, 0.88, 2.18, 1.48, 2.56, 0.65, 0.95, 0.77, 2.93, 2.82, 1.02, 1.31, 0.94, 2.24, 0.12, 0.2, 1.21,
  0.74, 2.54, 2.23, 1.64, 1.98, 2.08, 2.34, 2.78, 0.45, 1.88,
];
const X3 = [
  1, 0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0,
  0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1,
];
const Y = Float64Array.from([
  1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0,
  0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0,
]);
const W = Float64Array.from([
  1.1, 0.6, 1.4, 1.2, 1.1, 1.8, 0.7, 1.4, 1.1, 1.3, 1.2, 0.7, 1.3, 1.8, 0.8, 0.5, 0.6, 1.2, 2.0, 0.6, 2.0, 1.3, 0.7,
  1.1, 0.8, 1.6, 1.3, 0.9, 0.9, 1.8, 1.6, 1.2, 1.1, 1.6, 2.0, 0.6, 0.7, 1.0, 1.3, 0.6, 0.6, 0.8, 1.1, 1.6, 1.4, 0.5,
  0.6, 1.2, 1.8, 1.9,
]);
const FEATURES = {
  nRows: 50,
  nFeatures: 3,
  values: Float64Array.from(X1.flatMap((x1, i) => [x1, X2[i] as number, X3[i] as number])),
};

// [lambda, weighted, intercept and coefficients]: λ = 0 from Rscript scripts/reference/stats/logistic.R (glm),
// λ > 0 from /usr/bin/python3 scripts/reference/stats/logistic_sklearn.py (LogisticRegression(C = 1/λ, solver = 'newton-cg'))
const REFERENCE: [number, boolean, number[], number][] = [
  [0, false, [1.31130069863, 2.1402168594, -1.44779184256, 1.60906794884], 8],
  [0, true, [1.04399465648, 1.89955845262, -1.16387004599, 1.21677762924], 8],
  [1, false, [1.125516853, 1.493615911, -1.034742995, 0.7144638114], 7],
  [5, false, [0.7922918972, 0.8809510261, -0.6614036209, 0.2296878853], 7],
  [2, true, [0.877906292, 1.213741619, -0.7947871914, 0.400525882], 7],
];

describe('fitLogistic (IRLS)', () => {
  test.each(REFERENCE)('λ = %d, weighted = %s matches R glm / scikit-learn', (lambda, weighted, expected, digits) => {
    const m = fitLogistic(FEATURES, Y, { lambda, weights: weighted ? W : undefined });
    expect(m.converged).toBe(true);
    expect(m.intercept).toBeCloseTo(expected[0] as number, digits);
    expected.slice(1).forEach((b, j) => {
      expect(m.coefficients[j]).toBeCloseTo(b, digits);
    });
  });

  test('predictions are probabilities and the score equation holds at λ = 0 (Σ(y − μ) = 0)', () => {
    const m = fitLogistic(FEATURES, Y);
    const p = predictLogistic(m, FEATURES);
    let residual = 0;
    p.forEach((v, i) => {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(1);
      residual += (Y[i] as number) - v;
    });
    expect(residual).toBeCloseTo(0, 9);
  });

  test('separable data diverges without a penalty and converges with one', () => {
    const x = { nRows: 4, nFeatures: 1, values: Float64Array.from([0, 1, 2, 3]) };
    const y = Float64Array.from([0, 0, 1, 1]);
    const penalised = fitLogistic(x, y, { lambda: 1 });
    expect(penalised.converged).toBe(true);
    const plain = (() => {
      try {
        return fitLogistic(x, y, { maxIterations: 60 }).converged;
      } catch (e) {
        return e instanceof RangeError ? 'threw' : 'other';
      }
    })();
    expect(plain === false || plain === 'threw').toBe(true);
  });

  test('invalid input throws RangeError naming the function', () => {
    expect(() => fitLogistic(FEATURES, Y.subarray(1))).toThrow(/fitLogistic/);
    expect(() => fitLogistic(FEATURES, Y, { lambda: -1 })).toThrow(RangeError);
    expect(() =>
      fitLogistic(
        FEATURES,
        Float64Array.from(Y, (v) => v * 2),
      ),
    ).toThrow(/outside/);
    expect(() => solveSpd(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2)).toThrow(/solveSpd/);
  });
});
