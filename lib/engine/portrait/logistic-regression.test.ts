import { describe, expect, test } from 'vitest';
import { fitLogisticRegression, predictLogistic } from './logistic-regression';
import { formulaFixture } from './testing/formula-fixture';

// Golden values: `/usr/bin/python3 scripts/reference/portrait/logistic_auc_reference.py` (sklearn 1.2.1,
// LogisticRegression(C, solver='newton-cholesky', tol=1e-14)) and `Rscript scripts/reference/portrait/logistic_glm_reference.R` (glm).
describe('fitLogisticRegression', () => {
  const { x, y } = formulaFixture();

  test.each([
    [1, -0.69451504, [1.5052423, -2.76114129, 0.47539736]],
    [10, -0.33281572, [0.5343234, -1.60750702, 0.10694027]],
  ])('λ = %d matches sklearn C = 1/λ', (l2, intercept, coef) => {
    const m = fitLogisticRegression(x, 3, y, { l2, standardize: false });
    expect(m.converged).toBe(true);
    expect(m.intercept).toBeCloseTo(intercept, 6);
    coef.forEach((c, j) => {
      expect(m.coefficients[j]).toBeCloseTo(c, 6);
    });
  });

  test('λ = 0 matches R glm (binomial)', () => {
    const m = fitLogisticRegression(x, 3, y, { l2: 0 });
    expect(m.intercept).toBeCloseTo(-1.10445803, 6);
    [2.39129568, -3.73522364, 1.02130441].forEach((c, j) => {
      expect(m.coefficients[j]).toBeCloseTo(c, 5);
    });
  });

  test('standardisation changes the penalty scale but not the unpenalised fit', () => {
    const a = fitLogisticRegression(x, 3, y, { l2: 0, standardize: true });
    const b = fitLogisticRegression(x, 3, y, { l2: 0, standardize: false });
    expect(a.intercept).toBeCloseTo(b.intercept, 7);
    const pa = predictLogistic(a, x, 3);
    const pb = predictLogistic(b, x, 3);
    pa.forEach((v, i) => {
      expect(v).toBeCloseTo(pb[i]!, 7);
    });
  });

  test('constant feature and separable data stay finite with a penalty', () => {
    const xs = Float64Array.from([0, 1, 1, 1, 2, 1, 3, 1]);
    const m = fitLogisticRegression(xs, 2, [0, 0, 1, 1], { l2: 0.1 });
    expect(Number.isFinite(m.intercept)).toBe(true);
    expect(m.coefficients[0]).toBeGreaterThan(0);
    expect(m.coefficients[1]).toBe(0);
  });

  test('invalid shapes throw RangeError', () => {
    expect(() => fitLogisticRegression(Float64Array.from([1, 2, 3]), 2, [0, 1])).toThrow(/fitLogisticRegression/);
    expect(() => predictLogistic({ intercept: 0, coefficients: Float64Array.of(1, 2) }, Float64Array.of(1), 1)).toThrow(
      RangeError,
    );
  });
});
