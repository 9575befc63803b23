import { describe, expect, test } from 'vitest';
import { summarizeForBgnbd } from './rf-summary';

const DAY = 86_400_000;
const d = (y: number, m: number, day: number, h = 0) => Date.UTC(y, m - 1, day, h);

describe('summarizeForBgnbd', () => {
  const orders = [
    // the README example: 1997-01-01, 01-18, 08-02 → x = 2, tₓ = 30.43, T = 38.86 weeks
    { customerId: 4, placedAt: d(1997, 1, 1), total: 29.33 },
    { customerId: 4, placedAt: d(1997, 1, 18), total: 29.73 },
    { customerId: 4, placedAt: d(1997, 8, 2), total: 14.96 },
    { customerId: 4, placedAt: d(1997, 12, 12), total: 26.48 }, // hold-out
    // same-day purchases merge, values summed; the first day's extras stay with the first purchase
    { customerId: 5, placedAt: d(1997, 2, 1, 9), total: 10 },
    { customerId: 5, placedAt: d(1997, 2, 1, 17), total: 5 },
    { customerId: 5, placedAt: d(1997, 3, 1, 9), total: 20 },
    { customerId: 5, placedAt: d(1997, 3, 1, 18), total: 4 },
    { customerId: 6, placedAt: d(1997, 10, 5), total: 1 }, // first purchase after calibration: not in the cohort
  ];

  test('paper conventions', () => {
    const s = summarizeForBgnbd(orders, { calibrationEnd: d(1997, 9, 30), holdoutEnd: d(1998, 6, 30) });
    expect(s.customerIds).toEqual([4, 5]);
    expect(s.x[0]).toBe(2);
    expect(s.tx[0]).toBeCloseTo(213 / 7, 12);
    expect(s.T[0]).toBeCloseTo(272 / 7, 12);
    expect(s.mx[0]).toBeCloseTo((29.73 + 14.96) / 2, 12);
    expect(s.holdout!.x[0]).toBe(1);
    expect(s.holdout!.length).toBe(39);
    expect(s.x[1]).toBe(1);
    expect(s.tx[1]).toBeCloseTo(28 / 7, 12);
    expect(s.mx[1]).toBe(24);
  });

  test('without merging, exact instants in days', () => {
    const s = summarizeForBgnbd(orders, { calibrationEnd: d(1997, 9, 30), mergeSameDay: false, unitDays: 1 });
    expect(s.x[1]).toBe(3);
    expect(s.tx[1]).toBeCloseTo((d(1997, 3, 1, 18) - d(1997, 2, 1, 9)) / DAY, 12);
    expect(s.holdout).toBeUndefined();
  });

  test('invalid options throw RangeError naming the function', () => {
    expect(() => summarizeForBgnbd(orders, { calibrationEnd: d(1997, 9, 30), holdoutEnd: d(1997, 1, 1) })).toThrow(
      /summarizeForBgnbd/,
    );
    expect(() => summarizeForBgnbd(orders, { calibrationEnd: Number.NaN })).toThrow(RangeError);
  });
});
