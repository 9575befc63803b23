import { describe, expect, test } from 'vitest';
import { discreteGaussianHalfWidth, releaseVector, rhoForEpsilon, zcdpToEpsilon } from './gaussian';

// Reference values computed independently with python3 + scipy 1.17 (not with this module):
//   eps = lambda rho, d: rho + 2*math.sqrt(rho*math.log(1/d))
//   eps(0.5, 1e-6) = 5.756521769756932; eps(0.01, 1e-5) = 0.6886140424415113; eps(0.125, 1e-6) = 2.753260884878466
//   scipy.optimize.brentq(lambda r: eps(r, 1e-6) - 1, 1e-12, 1, xtol=1e-18, rtol=1e-15) = 0.017468904769123373
//   σ² for Δ₂ = √12, ε = 1, δ = 1e-6, rounded up to 6 decimals: 343.46744 (ρ = 0.017468904767217526,
//   ε = 0.9999999999444972); for Δ₂ = √2: 57.244574
//   numpy: the smallest w with Σ_{|x|≤w} e^(−x²/(2·343.46744)) / Σ_x … ≥ 0.95 is 36

describe('zCDP → (ε, δ) conversion', () => {
  test('ε = ρ + 2√(ρ ln 1/δ) matches the independent computation to 1e-12', () => {
    expect(zcdpToEpsilon(0.5, 1e-6)).toBeCloseTo(5.756521769756932, 12);
    expect(zcdpToEpsilon(0.01, 1e-5)).toBeCloseTo(0.6886140424415113, 12);
    expect(zcdpToEpsilon(0.125, 1e-6)).toBeCloseTo(2.753260884878466, 12);
  });

  test('ρ for a target ε is the root scipy finds, and converts back to ε', () => {
    expect(rhoForEpsilon(1, 1e-6)).toBeCloseTo(0.017468904769123373, 12);
    for (const [e, d] of [
      [1, 1e-6],
      [0.1, 1e-6],
      [5, 1e-9],
    ] as const)
      expect(zcdpToEpsilon(rhoForEpsilon(e, d), d)).toBeCloseTo(e, 12);
  });

  test('bad parameters are refused', () => {
    expect(() => zcdpToEpsilon(0, 1e-6)).toThrow(RangeError);
    expect(() => zcdpToEpsilon(0.1, 1)).toThrow(RangeError);
    expect(() => rhoForEpsilon(-1, 1e-6)).toThrow(RangeError);
    expect(() => releaseVector({ values: [1], l2Sensitivity: 0, epsilon: 1, delta: 1e-6 })).toThrow(RangeError);
  });
});

describe('releaseVector', () => {
  test('calibrates σ² to the L2 sensitivity and charges an ε no larger than asked', () => {
    const r = releaseVector({ values: Array(12).fill(500), l2Sensitivity: Math.sqrt(12), epsilon: 1, delta: 1e-6 });
    expect(r.sigma2).toBeCloseTo(343.46744, 9);
    expect(r.rho).toBeCloseTo(0.017468904767217526, 12);
    expect(r.epsilon).toBeCloseTo(0.9999999999444972, 12);
    expect(r.epsilon).toBeLessThanOrEqual(1);
    expect(r.margin95).toBe(36);
    expect(r.values).toHaveLength(12);
    expect(r.values.every(Number.isInteger)).toBe(true);
    // noise of σ ≈ 18.5: twelve cells all within ±150 of the truth (a failure chance below 1e-14)
    expect(r.values.every((v) => Math.abs(v - 500) < 150)).toBe(true);
    expect(releaseVector({ values: [120, 80], l2Sensitivity: Math.SQRT2, epsilon: 1, delta: 1e-6 }).sigma2).toBeCloseTo(
      57.244574,
      9,
    );
  });

  test('the 95% half-width matches the exact pmf', () => {
    expect(discreteGaussianHalfWidth(343.46744)).toBe(36);
  });
});
