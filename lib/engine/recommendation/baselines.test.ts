import { describe, expect, test } from 'vitest';
import { fitBaselines } from './baselines';
import { csrFromRows } from './csr';

describe('fitBaselines (Surprise BaselineOnly, ALS)', () => {
  // ratings: u0 = {i0: 5, i1: 3}, u1 = {i0: 4}; μ = 4
  const m = csrFromRows(2, [
    [
      [0, 5],
      [1, 3],
    ],
    [[0, 4]],
  ]);
  test('one epoch by hand: items first, then users', () => {
    const b = fitBaselines(m, { epochs: 1, regUser: 1, regItem: 1 });
    expect(b.globalMean).toBe(4);
    // b_i0 = ((5−4) + (4−4)) / (1 + 2) = 1/3; b_i1 = (3−4) / (1 + 1) = −1/2
    expect(b.itemBias[0]).toBeCloseTo(1 / 3, 12);
    expect(b.itemBias[1]).toBeCloseTo(-0.5, 12);
    // b_u0 = ((5−4−1/3) + (3−4+1/2)) / (1 + 2) = (2/3 − 1/2)/3 = 1/18; b_u1 = (4−4−1/3)/(1+1) = −1/6
    expect(b.userBias[0]).toBeCloseTo(1 / 18, 12);
    expect(b.userBias[1]).toBeCloseTo(-1 / 6, 12);
    expect(b.predict(1, 1)).toBeCloseTo(4 - 1 / 6 - 0.5, 12);
  });
  test('predictions are clipped to the training scale and unknown ids fall back to μ', () => {
    const b = fitBaselines(m, { epochs: 5, regUser: 0, regItem: 0 });
    for (const [u, i] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ])
      expect(b.predict(u!, i!)).toBeLessThanOrEqual(5);
    expect(b.predict(7, 9)).toBe(4);
  });
  test('invalid input throws a RangeError naming the function', () => {
    expect(() => fitBaselines(csrFromRows(2, [[]]))).toThrow(/fitBaselines: no ratings/);
    expect(() => fitBaselines(m, { regUser: -1 })).toThrow(/fitBaselines/);
  });
});
