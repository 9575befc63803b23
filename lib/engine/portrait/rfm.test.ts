import { describe, expect, test } from 'vitest';
import { computeRfm, quintileScores } from './rfm';
import { computeRfmGrid } from './rfm-grid';
import { RFM_GROUPS, RFM_SEGMENT_RULES, rfmGroupOf } from './rfm-segments';

const DAY = 86_400_000;
const ASOF = Date.UTC(2024, 5, 30);

describe('quintileScores', () => {
  test('distinct values: plain quintiles', () => {
    const v = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    expect(Array.from(quintileScores(v, 'higher-is-better'))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(Array.from(quintileScores(v, 'lower-is-better'))).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  test('ties share the score of their first position (hand-computed: 1 + ⌊5·worse/n⌋)', () => {
    expect(Array.from(quintileScores(Float64Array.from([10, 20, 20, 30, 40]), 'higher-is-better'))).toEqual([
      1, 2, 2, 4, 5,
    ]);
    // 6 of 10 customers with one order: all F = 1; the next value starts at position 6 → 1 + ⌊30/10⌋ = 4
    const f = Float64Array.from([1, 1, 1, 1, 1, 1, 2, 2, 3, 9]);
    expect(Array.from(quintileScores(f, 'higher-is-better'))).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    expect(Array.from(quintileScores(Float64Array.from([7, 7, 7]), 'higher-is-better'))).toEqual([1, 1, 1]);
  });

  test('scores stay in 1..5 and are monotone in the value', () => {
    const v = Float64Array.from({ length: 997 }, (_, i) => Math.floor((i * 7919) % 101));
    const s = quintileScores(v, 'higher-is-better');
    for (let i = 0; i < v.length; i++) {
      expect(s[i]).toBeGreaterThanOrEqual(1);
      expect(s[i]).toBeLessThanOrEqual(5);
      for (let j = 0; j < 20; j++) if (v[i]! < v[j]!) expect(s[i]).toBeLessThanOrEqual(s[j]!);
    }
  });
});

describe('RFM segment map', () => {
  test('every (R, F, M) in {1..5}³ matches exactly one rule, and all 11 groups occur', () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++)
        for (let m = 1; m <= 5; m++) {
          const fm = (f + m) / 2;
          const matching = RFM_SEGMENT_RULES.filter(
            (x) => r >= x.rMin && r <= x.rMax && fm >= x.fmMin && fm <= x.fmMax,
          );
          expect(matching, `R${r}F${f}M${m}`).toHaveLength(1);
          expect(rfmGroupOf(r, f, m)).toBe(matching[0]!.group);
          seen.add(matching[0]!.group);
        }
    expect([...seen].sort()).toEqual([...RFM_GROUPS].sort());
  });

  test.each([
    [5, 5, 5, 'champions'],
    [4, 4, 4, 'champions'],
    [3, 5, 5, 'loyal'],
    [5, 3, 3, 'loyal'],
    [5, 2, 2, 'potential-loyalists'],
    [5, 1, 1, 'new'],
    [5, 1, 2, 'new'],
    [4, 1, 1, 'promising'],
    [3, 2, 2, 'needs-attention'],
    [3, 1, 1, 'about-to-sleep'],
    [2, 3, 3, 'at-risk'],
    [1, 3, 3, 'at-risk'],
    [1, 5, 5, 'cant-lose'],
    [2, 1, 2, 'hibernating'],
    [1, 1, 1, 'lost'],
  ])('R%d F%d M%d → %s', (r, f, m, group) => expect(rfmGroupOf(r, f, m)).toBe(group));

  test('scores outside 1..5 throw', () => {
    expect(() => rfmGroupOf(0, 1, 1)).toThrow(/rfmGroupOf/);
    expect(() => rfmGroupOf(1, 2.5, 1)).toThrow(RangeError);
  });
});

describe('computeRfm', () => {
  const orders = [
    { customerId: 1, placedAt: ASOF - 1 * DAY, total: 500 },
    { customerId: 1, placedAt: ASOF - 20 * DAY, total: 300 },
    { customerId: 1, placedAt: ASOF - 40 * DAY, total: 200 },
    { customerId: 2, placedAt: ASOF - 300 * DAY, total: 50 },
    { customerId: 3, placedAt: ASOF - 2 * DAY, total: 20 },
    { customerId: 4, placedAt: ASOF - 100 * DAY, total: 120 },
    { customerId: 4, placedAt: ASOF - 200 * DAY, total: 80 },
    { customerId: 5, placedAt: ASOF - 400 * DAY, total: 900 },
    { customerId: 5, placedAt: ASOF - 500 * DAY, total: 900 },
    { customerId: 5, placedAt: ASOF - 600 * DAY, total: 900 },
    { customerId: 1, placedAt: ASOF + 5 * DAY, total: 999 }, // after asOf: ignored
  ];

  test('scores, groups and customers without orders', () => {
    const res = computeRfm({ orders, customerIds: [1, 2, 3, 4, 5, 6] }, { asOf: ASOF });
    expect(res.scoredCount).toBe(5);
    const byId = new Map(res.rows.map((r) => [r.customerId, r]));
    expect(byId.get(6)).toEqual({ type: 'no-orders', customerId: 6 });
    expect(byId.get(1)).toMatchObject({
      type: 'scored',
      recencyDays: 1,
      frequency: 3,
      monetary: 1000,
      r: 5,
      f: 4,
      m: 4,
      group: 'champions',
    });
    expect(byId.get(5)).toMatchObject({ recencyDays: 400, frequency: 3, r: 1, f: 4, m: 5, group: 'cant-lose' });
    expect(byId.get(3)).toMatchObject({
      recencyDays: 2,
      frequency: 1,
      monetary: 20,
      r: 4,
      f: 1,
      m: 1,
      group: 'promising',
    });
    expect(res.bands.frequency).toEqual([
      { score: 1, min: 1, max: 1, count: 2 },
      { score: 3, min: 2, max: 2, count: 1 },
      { score: 4, min: 3, max: 3, count: 2 },
    ]);
  });

  test('average order value as monetary', () => {
    const res = computeRfm({ orders }, { asOf: ASOF, monetary: 'average' });
    const c1 = res.rows.find((r) => r.customerId === 1);
    expect(c1).toMatchObject({ monetary: 1000 / 3 });
  });

  test('grid: 25 cells whose counts and revenue add up', () => {
    const rfm = computeRfm({ orders, customerIds: [1, 2, 3, 4, 5, 6] }, { asOf: ASOF });
    const grid = computeRfmGrid(rfm);
    expect(grid.cells).toHaveLength(25);
    expect(grid.cells[0]).toMatchObject({ r: 5, f: 1 });
    expect(grid.cells.reduce((s, c) => s + c.customers, 0)).toBe(5);
    expect(grid.totalRevenue).toBe(1000 + 50 + 20 + 200 + 2700);
    expect(grid.cells.reduce((s, c) => s + c.revenue, 0)).toBe(grid.totalRevenue);
    expect(grid.customersWithoutOrders).toBe(1);
    expect(grid.groups.reduce((s, g) => s + g.shareOfCustomers, 0)).toBeCloseTo(1, 12);
    expect(grid.groups.reduce((s, g) => s + g.shareOfRevenue, 0)).toBeCloseTo(1, 12);
    expect(grid.groups.map((g) => g.group)).toEqual([...RFM_GROUPS]);
  });
});
