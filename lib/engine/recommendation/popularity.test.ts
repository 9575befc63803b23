import { describe, expect, test } from 'vitest';
import { fitCategoryPopularity, fitPopularity } from './popularity';
import type { Interactions } from './types';

const DAY = 86_400_000;
const train: Interactions = {
  nUsers: 3,
  nItems: 4,
  users: Int32Array.of(0, 0, 0, 1, 1, 2),
  items: Int32Array.of(1, 1, 2, 1, 3, 3),
  values: Float32Array.of(2, 3, 1, 1, 5, 1),
  timestamps: Float64Array.of(0, 10 * DAY, 10 * DAY, 0, 10 * DAY, 10 * DAY),
};

describe('fitPopularity', () => {
  test.each([
    ['users', [0, 2, 1, 2]],
    ['interactions', [0, 3, 1, 2]],
    ['sum', [0, 6, 1, 6]],
  ] as const)('weight %s', (weight, expected) => {
    expect(Array.from(fitPopularity(train, { weight }).scores)).toEqual(expected);
  });
  test('trending halves the weight of an interaction one half-life old', () => {
    // now = day 10, half-life 10 days: item 1 = user 0 (latest at day 10 → 1) + user 1 (day 0 → 0.5)
    const hot = fitPopularity(train, { halfLifeDays: 10 });
    expect(hot.scores[1]).toBeCloseTo(1.5, 12);
    expect(hot.scores[3]).toBeCloseTo(2, 12);
    expect(hot.explain(3)).toEqual({ kind: 'trending', score: 2 });
    expect(hot.topItems(2).map((s) => s.item)).toEqual([3, 1]);
  });
  test('topItems per category and scoreUser', () => {
    const pop = fitPopularity(train);
    expect(pop.topItems(3, { category: 1, itemCategory: [0, 1, 1, 0] })).toEqual([
      { item: 1, score: 2 },
      { item: 2, score: 1 },
    ]);
    const out = new Float32Array(4);
    pop.scoreUser(2, out);
    expect(Array.from(out)).toEqual([0, 2, 1, 2]);
    expect(pop.explain(1, 1)).toEqual({ kind: 'popular', count: 2, category: 1 });
  });
  test('invalid options throw a RangeError naming the function', () => {
    expect(() => fitPopularity(train, { halfLifeDays: 0 })).toThrow(/fitPopularity/);
    const { timestamps: _t, ...noTime } = train;
    expect(() => fitPopularity(noTime, { halfLifeDays: 3 })).toThrow(/needs timestamps/);
  });
});

describe('fitCategoryPopularity', () => {
  test('ranks the favourite category first, by popularity inside it', () => {
    const model = fitCategoryPopularity(train, { itemCategory: [0, 1, 1, 0] });
    expect(model.favouriteCategory(0)).toBe(1);
    expect(model.favouriteCategory(2)).toBe(0);
    const out = new Float32Array(4);
    model.scoreUser(2, out); // user 2 only bought item 3 (category 0)
    expect(out[3]!).toBeGreaterThan(out[0]!);
    expect(out[0]!).toBeGreaterThan(out[1]!);
  });
});
