import { describe, expect, test } from 'vitest';
import { predictValues } from './value';

// Golden values: `python3 scripts/reference/portrait/btyd_reference.py` (the CLV of FHL's worked customer, as in
// clv.test.ts): published BG/NBD and Gamma-Gamma parameters, 365 days, monthly periods, 10 % a year.
const MODELS = {
  bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
};

describe('predictValues', () => {
  test('the worked customer (x=2, tx=30.43, T=38.86, mx=22.35) gets the reference P(alive) and CLV', () => {
    const summary = {
      customerIds: [12, 40],
      x: Float64Array.of(2, 2),
      tx: Float64Array.of(30.43, 30.43),
      T: Float64Array.of(38.86, 38.86),
      mx: Float64Array.of(22.35, 22.35),
    };
    const indexOf = new Map([
      [12, 0],
      [40, 2],
    ]);
    const out = predictValues(summary, indexOf, MODELS, { size: 3 });
    expect(out[1]).toBeNull(); // a customer without an RF summary
    const v = out[0]!;
    expect(v.pAlive).toBeCloseTo(0.726579, 5);
    expect(v.expectedPurchases365).toBeCloseTo(1.562224, 5);
    expect(v.expectedSpend).toBeCloseTo(24.663714, 5);
    expect(v.clv).toBeCloseTo(36.728511, 4);
    expect(out[2]).toEqual(v); // same history, same value (computed once)
    const noSpend = predictValues(summary, indexOf, { ...MODELS, gammaGamma: null }, { size: 3 })[0]!;
    expect(noSpend.pAlive).toBeCloseTo(0.726579, 5);
    expect(noSpend.clv).toBeNaN();
  });
});
