import { describe, expect, test } from 'vitest';
import { computeLiftByGroup } from './lift';
import { computeExposureReport, longTail, ndcgByGroup } from './recommendation';
import { ageBand, computeSelectionReport } from './selection';

// Reference values: python3 scripts/reference/fairness/fixture.py (numpy; Fairlearn's and RecBole's definitions)
describe('selection parity (Fairlearn demographic_parity_difference / _ratio)', () => {
  const counts = [
    { group: 'F', n: 120, selected: 48 },
    { group: 'M', n: 90, selected: 27 },
    { group: 'X', n: 45, selected: 9 },
  ];

  test('rates, difference and ratio match the reference within 1e-9', () => {
    const r = computeSelectionReport(counts);
    expect(r.groups.map((g) => g.rate)).toEqual([0.4, 0.3, 0.2].map((x) => expect.closeTo(x, 9)));
    expect(r.parityDifference).toBeCloseTo(0.2, 9);
    expect(r.parityRatio).toBeCloseTo(0.5, 9);
    expect(r.isFourFifthsFlagged).toBe(true);
    expect(r.groups.map((g) => g.isBelowFourFifths)).toEqual([false, true, true]);
  });

  test('groups under 30 are too few to judge and stay out of the parity numbers', () => {
    const r = computeSelectionReport([...counts, { group: 'tiny', n: 29, selected: 0 }]);
    expect(r.groups.at(-1)).toMatchObject({ isTooFew: true, ratioToMax: null, isBelowFourFifths: false });
    expect(r.parityRatio).toBeCloseTo(0.5, 9);
    expect(r.judgedGroups).toBe(3);
  });

  test('equal rates pass; one judged group gives no parity', () => {
    const even = computeSelectionReport([
      { group: 'a', n: 50, selected: 10 },
      { group: 'b', n: 100, selected: 20 },
    ]);
    expect(even).toMatchObject({ parityDifference: 0, parityRatio: 1, isFourFifthsFlagged: false });
    expect(computeSelectionReport([{ group: 'a', n: 50, selected: 10 }]).parityRatio).toBeNull();
    expect(() => computeSelectionReport([{ group: 'a', n: 5, selected: 6 }])).toThrow(RangeError);
  });

  test.each([
    [null, 'unknown'],
    [2003, '<25'],
    [2001, '25-34'],
    [1992, '25-34'],
    [1991, '35-44'],
    [1962, '55-64'],
    [1961, '65+'],
    [1800, 'unknown'],
  ])('age band of %s in 2026 is %s', (year, band) => expect(ageBand(year, new Date('2026-06-01'))).toBe(band));
});

describe('campaign lift per group', () => {
  test('flags the group that carries all the lift', () => {
    const r = computeLiftByGroup([
      { group: 'F', control: { n: 500, conversions: 25 }, treatment: { n: 2000, conversions: 200 } },
      { group: 'M', control: { n: 500, conversions: 30 }, treatment: { n: 2000, conversions: 116 } },
      { group: 'tiny', control: { n: 5, conversions: 0 }, treatment: { n: 20, conversions: 1 } },
    ]);
    expect(r.carriedBy).toBe('F');
    expect(r.groups[0]!.lift!.estimate).toBeCloseTo(0.05, 12);
    expect(r.groups[0]!.lift!.lower).toBeGreaterThan(0);
    expect(r.groups[2]!.isTooFew).toBe(true);
  });

  test('no flag when the lift is shared', () => {
    const r = computeLiftByGroup([
      { group: 'F', control: { n: 500, conversions: 25 }, treatment: { n: 2000, conversions: 200 } },
      { group: 'M', control: { n: 500, conversions: 25 }, treatment: { n: 2000, conversions: 190 } },
    ]);
    expect(r.carriedBy).toBeNull();
    expect(r.overall!.estimate).toBeGreaterThan(0);
  });
});

describe('recommendation exposure and accuracy (hand fixture, numpy reference)', () => {
  const pop = [40, 25, 18, 12, 9, 7, 5, 3, 2, 1, 0, 0];
  const lists = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [0, 1, 2, 4, 3, 6, 5, 8, 7, 10],
    [1, 0, 3, 2, 5, 4, 7, 6, 9, 8],
    [0, 2, 1, 3, 9, 4, 5, 6, 7, 8],
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  ];
  const relevant = [new Set([2, 9]), new Set([10]), new Set([0, 5, 11]), new Set([11, 1]), new Set<number>()];

  test('Gini, ARP, APLT and coverage within 1e-9', () => {
    const r = computeExposureReport(lists, pop);
    expect(Math.abs(r.gini - 0.16333333333333333)).toBeLessThan(1e-9);
    expect(Math.abs(r.arp - 12.180000000000001)).toBeLessThan(1e-9);
    expect(Math.abs(r.aplt - 0.7)).toBeLessThan(1e-9);
    expect(Math.abs(r.coverage - 11 / 12)).toBeLessThan(1e-9);
  });

  test('NDCG@10 per group within 1e-9; users without relevant items are skipped', () => {
    const r = ndcgByGroup(lists, relevant, ['a', 'a', 'b', 'b', 'b']);
    expect(r.map((g) => g.users)).toEqual([2, 2]);
    expect(Math.abs(r[0]!.ndcg - 0.3864388547423324)).toBeLessThan(1e-9);
    expect(Math.abs(r[1]!.ndcg - 0.39209864994297355)).toBeLessThan(1e-9);
  });

  test('the long tail leaves out the top 20% (ties by lower index)', () => {
    expect([...longTail([3, 3, 1, 0, 0])]).toEqual([0, 1, 1, 1, 1]);
    expect(computeExposureReport([[0], [0]], [1, 1, 1, 1]).gini).toBeCloseTo(0.75, 12);
  });
});

describe('evaluateGroupFairness', () => {
  test('per-group NDCG averages back to the overall NDCG, and the baseline is popularity', async () => {
    const { evaluateGroupFairness } = await import('./evaluate-groups');
    const { randomSplit } = await import('../recommendation/split');
    const users: number[] = [];
    const items: number[] = [];
    for (let u = 0; u < 60; u++) {
      for (let j = 0; j < 6; j++) {
        users.push(u);
        items.push((u * 7 + j * 3) % 25);
      }
    }
    const data = {
      nUsers: 60,
      nItems: 25,
      users: Int32Array.from(users),
      items: Int32Array.from(items),
      values: new Float32Array(users.length).fill(1),
    };
    const split = randomSplit(data, { testFraction: 0.3, seed: 1 });
    const model = {
      name: 'reverse',
      nItems: 25,
      scoreUser: (_u: number, out: Float32Array) => {
        for (let i = 0; i < out.length; i++) out[i] = i;
      },
    };
    const r = evaluateGroupFairness(model, data, split, {
      k: 10,
      minRelevance: -Infinity,
      groupsOf: (u) => ({ parity: u % 2 ? 'odd' : 'even' }),
    });
    const groups = r.model.byGroup.parity!;
    const users2 = groups.reduce((s, g) => s + g.users, 0);
    const mean = groups.reduce((s, g) => s + g.ndcg * g.users, 0) / users2;
    expect(mean).toBeCloseTo(r.model.ndcg, 12);
    expect(r.baseline.coverage).toBeLessThanOrEqual(r.model.coverage + 1);
    expect(r.baseline.arp).toBeGreaterThan(r.model.arp);
  });
});
