import { describe, expect, test } from 'vitest';
import {
  averageRecommendationPopularity,
  catalogueCoverage,
  gini,
  giniOfExposure,
  intraListDiversity,
  novelty,
} from './metrics-beyond';

describe('beyond-accuracy metrics on hand-computed fixtures', () => {
  const lists = [Int32Array.of(0, 1), Int32Array.of(1, 2)];
  test('catalogue coverage', () => {
    expect(catalogueCoverage(lists, 10)).toBeCloseTo(0.3, 12);
    expect(catalogueCoverage([], 5)).toBe(0);
  });
  test('novelty = mean self-information', () => {
    // pop = [50, 25, 100] of 100 users: −log2 .5 = 1, −log2 .25 = 2, −log2 1 = 0 → slots 1,2,2,0 → 1.25
    expect(novelty(lists, Int32Array.of(50, 25, 100), 100)).toBeCloseTo(1.25, 12);
    // an item nobody had counts as one user
    expect(novelty([[0]], Int32Array.of(0), 8)).toBeCloseTo(3, 12);
  });
  test('intra-list diversity', () => {
    const sim = (a: number, b: number) => (a + b === 1 ? 0.2 : a + b === 3 ? 0.6 : 0);
    // list 1: 1 − 0.2 = 0.8; list 2: 1 − 0.6 = 0.4 → mean 0.6
    expect(intraListDiversity(lists, sim)).toBeCloseTo(0.6, 12);
    // three items: pairs (0,1)=.2 (0,2)=0 (1,2)=.6 → mean dissimilarity (0.8 + 1 + 0.4)/3
    expect(intraListDiversity([[0, 1, 2]], sim)).toBeCloseTo(2.2 / 3, 12);
  });
  test('average recommendation popularity', () => {
    expect(averageRecommendationPopularity(lists, Int32Array.of(10, 30, 50))).toBeCloseTo((20 + 40) / 2, 12);
  });
  test('Gini of exposure', () => {
    expect(
      giniOfExposure(
        [
          [0, 1],
          [1, 0],
        ],
        2,
      ),
    ).toBe(0);
    expect(giniOfExposure([[0], [0]], 2)).toBeCloseTo(0.5, 12);
    expect(gini([0, 0, 0, 1])).toBeCloseTo(0.75, 12);
    // numpy: scripts/reference/recommend/metrics_reference.py
    expect(gini([0, 0, 1, 1, 2, 3, 5, 8, 13, 21])).toBeCloseTo(0.6074074074, 9);
  });
  test('invalid input throws RangeError naming the function', () => {
    expect(() => catalogueCoverage(lists, 0)).toThrow(/catalogueCoverage/);
    expect(() => gini([-1, 2])).toThrow(/gini/);
    expect(() => novelty(lists, [1, 1, 1], 0)).toThrow(/novelty/);
  });
});
