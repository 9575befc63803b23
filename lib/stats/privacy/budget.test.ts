import { expect, test } from 'vitest';
import { budgetMeter, budgetPeriod, splitEpsilon, toMilli } from './budget';

test('the period is the UTC month', () => {
  expect(budgetPeriod(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12');
  expect(budgetPeriod(new Date('2027-01-01T00:00:00Z'))).toBe('2027-01');
});

test('ε in thousandths rounds up and is exact for decimal settings', () => {
  expect(toMilli(1)).toBe(1000);
  expect(toMilli(0.1)).toBe(100);
  expect(toMilli(0.0001)).toBe(1);
  expect(() => toMilli(0)).toThrow(RangeError);
});

test('split parts never add up to more than the report ε', () => {
  for (const parts of [1, 3, 4, 7, 12]) expect(splitEpsilon(1, parts) * parts).toBeLessThanOrEqual(1);
  expect(splitEpsilon(1, 4)).toBe(0.25);
});

test('meter: used, remaining and the releases that still fit', () => {
  const m = budgetMeter({ period: '2026-12', limitMilli: 10_000, spentMilli: 3_000, releases: 3 }, 1);
  expect(m).toEqual({ period: '2026-12', limit: 10, used: 3, remaining: 7, releases: 3, releasesLeft: 7 });
  expect(budgetMeter({ period: 'p', limitMilli: 1000, spentMilli: 1500, releases: 2 }, 0.5).remaining).toBe(0);
});
