import { describe, expect, test } from 'vitest';
import { csrFromRows } from './csr';
import { evaluateRanking } from './evaluate';
import { fitPairwiseLogistic, fitStackWeights, selectStack, solveSpd, stackedModel } from './hybrid-stack';
import { createRng } from './random';
import type { RankingModel } from './types';

describe('solveSpd', () => {
  test('solves a 3 × 3 system (x = [1, −2, 0.5])', () => {
    const A = Float64Array.from([4, 1, 2, 1, 3, 0, 2, 0, 5]);
    const x = solveSpd(A, Float64Array.from([4 - 2 + 1, 1 - 6, 2 + 2.5]), 3);
    expect(Array.from(x).map((v) => Number(v.toFixed(12)))).toEqual([1, -2, 0.5]);
  });
  test('rejects a matrix that is not positive definite', () => {
    expect(() => solveSpd(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2)).toThrow(RangeError);
  });
});

describe('fitPairwiseLogistic', () => {
  test('recovers the weights that generated the pair orders', () => {
    // P(pair ordered as stored) = σ(w*·d) with w* = (2, −1): the maximum-likelihood fit comes back to w*
    const rng = createRng(3);
    const n = 20000,
      diffs = new Float64Array(n * 2);
    for (let p = 0; p < n; p++) {
      const a = rng.normal(),
        b = rng.normal();
      const sign = rng.next() < 1 / (1 + Math.exp(-(2 * a - b))) ? 1 : -1;
      diffs[2 * p] = sign * a;
      diffs[2 * p + 1] = sign * b;
    }
    const w = fitPairwiseLogistic(diffs, 2, 1e-3, 30);
    expect(w[0]).toBeCloseTo(2, 0);
    expect(w[1]).toBeCloseTo(-1, 0);
    expect(Math.abs(w[0]! - 2)).toBeLessThan(0.15);
    expect(Math.abs(w[1]! + 1)).toBeLessThan(0.1);
  });
});

/** 40 users × 30 items: `oracle` ranks each user's validation items first, `noise` is random */
function synthetic() {
  const rng = createRng(11);
  const nUsers = 40,
    nItems = 30;
  const trainRows: number[][] = [],
    validRows: number[][] = [];
  const truth = Array.from({ length: nUsers }, () => Float32Array.from({ length: nItems }, () => rng.next()));
  const noise = Array.from({ length: nUsers }, () => Float32Array.from({ length: nItems }, () => rng.next()));
  for (let u = 0; u < nUsers; u++) {
    const order = Array.from({ length: nItems }, (_, i) => i).sort((a, b) => truth[u]![b]! - truth[u]![a]!);
    validRows.push(order.slice(0, 3).sort((a, b) => a - b));
    trainRows.push(order.slice(-2 - (u % 4)).sort((a, b) => a - b)); // 2–5 least-liked items as history
  }
  const model = (name: string, s: Float32Array[]): RankingModel => ({
    name,
    nItems,
    scoreUser: (u, out) => out.set(s[u]!),
  });
  return {
    oracle: model('oracle', truth),
    noise: model('noise', noise),
    train: csrFromRows(
      nItems,
      trainRows.map((r) => r.map((i) => [i, 1] as const)),
    ),
    validation: csrFromRows(
      nItems,
      validRows.map((r) => r.map((i) => [i, 1] as const)),
    ),
  };
}

describe('fitStackWeights / stackedModel', () => {
  test('puts the weight on the model that ranks the validation items and ranks them first', () => {
    const { oracle, noise, train, validation } = synthetic();
    const fit = fitStackWeights([noise, oracle], train, validation, {
      features: ['score'],
      depth: 30,
      l2: 0.01,
      seed: 5,
    });
    expect(fit.names).toEqual(['noise:score', 'oracle:score']);
    expect(fit.weights[1]!).toBeGreaterThan(2);
    expect(Math.abs(fit.weights[0]!)).toBeLessThan(fit.weights[1]! / 5);
    const stacked = stackedModel([noise, oracle], fit, train);
    expect(evaluateRanking(stacked, train, validation, { k: 3 }).metrics.ndcg).toBe(1);
    expect(evaluateRanking(noise, train, validation, { k: 3 }).metrics.ndcg).toBeLessThan(0.5);
  });

  test('feature names follow the groups; the same seed gives the same weights', () => {
    const { oracle, noise, train, validation } = synthetic();
    const a = fitStackWeights([noise, oracle], train, validation, { depth: 10, seed: 9 });
    const b = fitStackWeights([noise, oracle], train, validation, { depth: 10, seed: 9 });
    expect(a.names).toEqual([
      'noise:score',
      'noise:rank',
      'noise:activity',
      'oracle:score',
      'oracle:rank',
      'oracle:activity',
      'popularity',
    ]);
    expect(a.weights).toEqual(b.weights);
    expect(a.pairs).toBeGreaterThan(0);
  });

  test('training items score −∞; a fit for other models is refused', () => {
    const { oracle, noise, train, validation } = synthetic();
    const fit = fitStackWeights([noise, oracle], train, validation, { features: ['score', 'rank'], seed: 1 });
    const out = new Float32Array(30);
    stackedModel([noise, oracle], fit, train).scoreUser(0, out);
    for (let k = train.rowPtr[0]!; k < train.rowPtr[1]!; k++) expect(out[train.colIdx[k]!]).toBe(-Infinity);
    expect(out.filter((v) => Number.isFinite(v)).length).toBe(30 - (train.rowPtr[1]! - train.rowPtr[0]!));
    expect(() => stackedModel([oracle], fit, train)).toThrow(RangeError);
  });

  test('bad input throws a RangeError', () => {
    const { oracle, train, validation } = synthetic();
    expect(() => fitStackWeights([], train, validation)).toThrow(RangeError);
    expect(() => fitStackWeights([oracle], train, validation, { l2: 0 })).toThrow(RangeError);
    const empty = csrFromRows(
      30,
      Array.from({ length: 40 }, () => []),
    );
    expect(() => fitStackWeights([oracle], train, empty)).toThrow(RangeError);
  });
});

describe('selectStack', () => {
  test('chooses by cross-fitted validation NDCG: the candidates with the oracle win', () => {
    const { oracle, noise, train, validation } = synthetic();
    const s = selectStack([noise, oracle], train, validation, [
      { models: [0], features: ['score'], depth: 30 },
      { models: [1], features: ['score'], depth: 30 },
    ]);
    expect(s.tried.map((t) => t.candidate.models)).toEqual([[0], [1]]);
    expect(s.candidate.models).toEqual([1]);
    expect(s.ndcg).toBe(1);
    expect(s.tried[0]!.ndcg).toBeLessThan(0.5);
    expect(s.fit.names).toEqual(['oracle:score']);
  });
  test('an unknown model index or no candidate throws a RangeError', () => {
    const { oracle, train, validation } = synthetic();
    expect(() => selectStack([oracle], train, validation, [])).toThrow(RangeError);
    expect(() => selectStack([oracle], train, validation, [{ models: [3], features: ['score'], depth: 10 }])).toThrow(
      RangeError,
    );
  });
});
