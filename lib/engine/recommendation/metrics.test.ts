import { describe, expect, test } from 'vitest';
import {
  averagePrecisionAtK,
  hitRateAtK,
  mae,
  metricsFromHits,
  ndcgAtK,
  precisionAtK,
  rankingMetrics,
  recallAtK,
  reciprocalRankAtK,
  rmse,
} from './metrics';
import { topK } from './top-k';

describe('ranking metrics on hand-computed fixtures', () => {
  // list [3, 1, 7], relevant {1, 9}, K = 3: one hit at rank 2
  test('one hit at rank 2 of 3', () => {
    const m = rankingMetrics([3, 1, 7], [1, 9], 3);
    expect(m.precision).toBeCloseTo(1 / 3, 12);
    expect(m.recall).toBeCloseTo(0.5, 12);
    // DCG = 1/log2(3); IDCG = 1 + 1/log2(3) (min(|R|, K) = 2 ideal hits)
    expect(m.ndcg).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)), 12);
    expect(m.ndcg).toBeCloseTo(0.386853, 6);
    expect(m.map).toBeCloseTo(0.5 / 2, 12); // precision@2 = 1/2, divided by min(2, 3)
    expect(m.mrr).toBeCloseTo(0.5, 12);
    expect(m.hitRate).toBe(1);
  });

  test.each([
    // list, relevant, k, precision, recall, ndcg, ap, rr
    [
      [1, 2, 3, 4],
      [2, 4],
      4,
      0.5,
      1,
      (1 / Math.log2(3) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3)),
      (1 / 2 + 2 / 4) / 2,
      0.5,
    ],
    [[1, 2, 3], [1, 3], 3, 2 / 3, 1, (1 + 0.5) / (1 + 1 / Math.log2(3)), (1 + 2 / 3) / 2, 1],
    [[4, 5, 6], [6], 3, 1 / 3, 1, 0.5, 1 / 3, 1 / 3],
    [[4, 5, 6], [9], 3, 0, 0, 0, 0, 0],
    // more relevant items than K: IDCG and AP use min(|R|, K) = 2
    [[1, 2, 3], [1, 2, 5, 6, 7], 2, 1, 0.4, 1, 1, 1],
    // list shorter than K: the precision denominator stays K
    [[8], [8], 5, 0.2, 1, 1, 1, 1],
  ] as const)('list %j, relevant %j, K=%i', (list, relevant, k, p, r, ndcg, ap, rr) => {
    expect(precisionAtK(list, relevant, k)).toBeCloseTo(p, 12);
    expect(recallAtK(list, relevant, k)).toBeCloseTo(r, 12);
    expect(ndcgAtK(list, relevant, k)).toBeCloseTo(ndcg, 12);
    expect(averagePrecisionAtK(list, relevant, k)).toBeCloseTo(ap, 12);
    expect(reciprocalRankAtK(list, relevant, k)).toBeCloseTo(rr, 12);
    expect(hitRateAtK(list, relevant, k)).toBe(rr > 0 ? 1 : 0);
  });

  test('empty relevant set scores zero everywhere', () => {
    expect(metricsFromHits([1, 1], 0, 2)).toEqual({ precision: 0, recall: 0, ndcg: 0, map: 0, mrr: 0, hitRate: 0 });
  });

  test('perfect list has every metric at 1', () => {
    expect(rankingMetrics([1, 2], [2, 1], 2)).toEqual({ precision: 1, recall: 1, ndcg: 1, map: 1, mrr: 1, hitRate: 1 });
  });

  test('invalid k throws a RangeError naming the function', () => {
    expect(() => rankingMetrics([1], [1], 0)).toThrow(/hitVector/);
  });
});

describe('golden values from scikit-learn / numpy', () => {
  // /usr/bin/python3 scripts/reference/recommend/metrics_reference.py  (sklearn.metrics.ndcg_score for NDCG)
  const golden = {
    ndcg: [0.5078961547, 0.1510196182, 0.2640681226, 0.0874717141, 0.2640681226, 0.0],
    precision: [0.2, 0.1, 0.1, 0.1, 0.1, 0.0],
    recall: [0.5, 0.25, 0.5, 0.1666666667, 0.5, 0.0],
    map: [0.3055555556, 0.05, 0.125, 0.0166666667, 0.125, 0.0],
    mrr: [1.0, 0.2, 0.25, 0.1, 0.25, 0.0],
    hitRate: [1, 1, 1, 1, 1, 0],
  };
  // the same LCG as the Python script
  function* lcg(seed: bigint) {
    let state = seed;
    for (;;) {
      state = (1103515245n * state + 12345n) % 2n ** 31n;
      yield state;
    }
  }
  const g = lcg(7n);
  const next = () => g.next().value as bigint;
  const nItems = 30;
  const users = Array.from({ length: 6 }, () => {
    const scores = Float64Array.from({ length: nItems }, () => Number(next()) / 2 ** 31);
    const count = 1 + Number((next() * 8n) / 2n ** 31n);
    const rel = new Set<number>();
    for (let t = 0; t < count; t++) rel.add(Number((next() * BigInt(nItems)) / 2n ** 31n));
    return { scores, rel };
  });
  test.each(users.map((u, idx) => [idx, u] as const))('user %i', (idx, { scores, rel }) => {
    const m = rankingMetrics(topK(scores, 10), rel, 10);
    for (const name of Object.keys(golden) as (keyof typeof golden)[])
      expect(m[name]).toBeCloseTo(golden[name][idx]!, 9);
  });
});

describe('rating metrics', () => {
  test('rmse and mae on a fixture', () => {
    expect(rmse([3, 4, 5], [4, 4, 3])).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(mae([3, 4, 5], [4, 4, 3])).toBeCloseTo(1, 12);
  });
  test('mismatched or empty input throws', () => {
    expect(() => rmse([1], [1, 2])).toThrow(RangeError);
    expect(() => mae([], [])).toThrow(/mae/);
  });
});
