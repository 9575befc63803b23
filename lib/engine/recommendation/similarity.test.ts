import { describe, expect, test } from 'vitest';
import { fitBaselines } from './baselines';
import { csrFromRows } from './csr';
import { computeSimilarities, type SimilarityMeasure } from './similarity';

// a = {0: 5, 1: 3, 2: 4}, b = {0: 4, 1: 1, 3: 2}: common items 0 and 1
const m = csrFromRows(4, [
  [
    [0, 5],
    [1, 3],
    [2, 4],
  ],
  [
    [0, 4],
    [1, 1],
    [3, 2],
  ],
  [[3, 5]],
]);
const ab = (measure: SimilarityMeasure, extra = {}) => computeSimilarities(m, { measure, ...extra }).values[1]!;

describe('computeSimilarities (hand-computed)', () => {
  test.each([
    ['msd', 1 / ((1 + 4) / 2 + 1)], // mean squared difference 2.5 → 1/3.5
    ['cosine', 23 / Math.sqrt(34 * 17)], // over common items only (Surprise)
    ['pearson', 1], // two points are always perfectly correlated
    ['cosine-full', 23 / Math.sqrt(50 * 21)],
    ['jaccard', 2 / 4],
  ] as const)('%s', (measure, expected) => {
    expect(ab(measure)).toBeCloseTo(expected, 6);
  });
  test('diagonal is 1, rows without common items are 0, matrix is symmetric', () => {
    const s = computeSimilarities(m, { measure: 'cosine' });
    expect(s.values[0]).toBe(1);
    expect(s.values[2]).toBe(0); // a and c share nothing
    expect(s.values[1]).toBeCloseTo(s.values[3]!, 7);
  });
  test('minimum support and shrinkage', () => {
    expect(ab('msd', { minSupport: 3 })).toBe(0);
    expect(ab('msd', { shrinkage: 10 })).toBeCloseTo((1 / 3.5) * (1 / 11), 6);
    expect(ab('cosine-full', { shrinkage: 5 })).toBeCloseTo(23 / (Math.sqrt(50 * 21) + 5), 6);
  });
  test('pearson-baseline centres by the baselines and shrinks by (n−1)/(n−1+100)', () => {
    const b = fitBaselines(m);
    const base = (u: number, i: number) => b.globalMean + b.userBias[u]! + b.itemBias[i]!;
    const da = [5 - base(0, 0), 3 - base(0, 1)],
      db = [4 - base(1, 0), 1 - base(1, 1)];
    const rho =
      (da[0]! * db[0]! + da[1]! * db[1]!) / Math.sqrt((da[0]! ** 2 + da[1]! ** 2) * (db[0]! ** 2 + db[1]! ** 2));
    expect(computeSimilarities(m, { measure: 'pearson-baseline', baselines: b }).values[1]).toBeCloseTo(
      rho * (1 / 101),
      6,
    );
    expect(() => computeSimilarities(m, { measure: 'pearson-baseline' })).toThrow(/needs baselines/);
  });
});
