import { describe, expect, test } from 'vitest';
import { calibrateNoise, privacyAccount, zcdpEpsilon, zcdpRhoFor } from './federated-privacy';

// Reference values: `python3 scripts/reference/recommend/zcdp_reference.py` (calibration by scipy brentq, not the
// closed form used here).
describe('zCDP accountant', () => {
  test('ε matches the reference for two settings', () => {
    // by hand: ρ = 20/(2·100) = 0.1, ε = 0.1 + 2·sqrt(0.1·ln 1e5) = 0.1 + 2·1.07298 = 2.24597
    expect(privacyAccount(10, 20, 1e-5).epsilon).toBeCloseTo(2.245966, 5);
    expect(zcdpEpsilon(20 / (2 * 10 ** 2), 1e-5)).toBeCloseTo(2.245966, 5);
    const a = privacyAccount(1.5, 30, 1 / 943);
    expect(a.rhoPerRound).toBeCloseTo(1 / 4.5, 12);
    expect(a.rho).toBeCloseTo(30 / 4.5, 12);
    expect(a.epsilon).toBeCloseTo(20.181169, 5);
  });

  test('calibrated noise matches the reference and spends exactly the budget', () => {
    expect(calibrateNoise(1, 1e-5, 20)).toBeCloseTo(21.915949, 5);
    expect(calibrateNoise(4, 1 / 943, 30)).toBeCloseTo(5.72317, 5);
    expect(calibrateNoise(8, 1 / 943, 30)).toBeCloseTo(3.132527, 5);
    for (const [eps, rounds] of [
      [1, 20],
      [4, 30],
      [8, 5],
    ] as const) {
      const z = calibrateNoise(eps, 1 / 943, rounds);
      expect(privacyAccount(z, rounds, 1 / 943).epsilon).toBeCloseTo(eps, 10);
      // a little less noise overspends
      expect(privacyAccount(z * 0.99, rounds, 1 / 943).epsilon).toBeGreaterThan(eps);
    }
  });

  test('noise grows as sqrt(rounds) for a fixed budget', () => {
    expect(calibrateNoise(4, 1e-5, 40) / calibrateNoise(4, 1e-5, 10)).toBeCloseTo(2, 10);
    expect(zcdpRhoFor(4, 1e-5)).toBeCloseTo((Math.sqrt(Math.log(1e5) + 4) - Math.sqrt(Math.log(1e5))) ** 2, 14);
  });

  test('bad input throws', () => {
    expect(() => zcdpEpsilon(-1, 1e-5)).toThrow(RangeError);
    expect(() => zcdpEpsilon(1, 1)).toThrow(RangeError);
    expect(() => zcdpRhoFor(0, 1e-5)).toThrow(RangeError);
    expect(() => privacyAccount(0, 10, 1e-5)).toThrow(RangeError);
    expect(() => calibrateNoise(1, 1e-5, 0)).toThrow(RangeError);
  });
});
