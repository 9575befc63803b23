import { describe, expect, test } from 'vitest';
import type { Interactions } from './types';
import { fitUserKnn } from './user-knn';

// users A=0, B=1, C=2; items X=0, Y=1, Z=2
const seedExample: Interactions = {
  nUsers: 2,
  nItems: 3,
  users: Int32Array.of(0, 0, 1, 1, 1),
  items: Int32Array.of(0, 1, 0, 1, 2),
  values: Float32Array.of(5, 3, 5, 3, 4),
};

describe('fitUserKnn — explicit (Surprise KNNBasic / KNNWithMeans)', () => {
  test.each(['msd', 'cosine', 'pearson', 'cosine-full', 'jaccard'] as const)(
    'seed §4.1 worked example: A and B rated X 5 and Y 3, B rated Z 4 → A is predicted 4 for Z (%s)',
    (similarity) => {
      // pearson of two identical 2-point profiles is 1; every measure gives B a positive weight
      expect(fitUserKnn(seedExample, { similarity }).predict(0, 2)).toBeCloseTo(4, 6);
    },
  );
  test('mean-centring: μ_A + (R(B,Z) − μ_B) = 4 + (4 − 4)', () => {
    expect(fitUserKnn(seedExample, { centring: 'mean' }).predict(0, 2)).toBeCloseTo(4, 6);
  });

  // C disagrees with A: X 1, Y 5 → pearson(A, C) = −1; C rated Z 2
  const withC: Interactions = {
    nUsers: 3,
    nItems: 3,
    users: Int32Array.of(0, 0, 1, 1, 1, 2, 2, 2),
    items: Int32Array.of(0, 1, 0, 1, 2, 0, 1, 2),
    values: Float32Array.of(5, 3, 5, 3, 4, 1, 5, 2),
  };
  test('positive weights ignore a dissimilar neighbour; "all" uses Σ w·R / Σ|w| (then clips)', () => {
    expect(fitUserKnn(withC, { similarity: 'pearson' }).predict(0, 2)).toBeCloseTo(4, 6);
    // (1·4 + (−1)·2) / (1 + 1) = 1
    expect(fitUserKnn(withC, { similarity: 'pearson', weights: 'all' }).predict(0, 2)).toBeCloseTo(1, 6);
  });
  test('k limits the neighbours among those who rated the item; minK falls back', () => {
    // msd(A,B) = 1, msd(A,C) = 1/((16+4)/2+1) = 1/11: with k = 1 only B counts
    expect(fitUserKnn(withC, { k: 1 }).predict(0, 2)).toBeCloseTo(4, 6);
    expect(fitUserKnn(withC, { k: 2 }).predict(0, 2)).toBeCloseTo((4 + 2 / 11) / (1 + 1 / 11), 6);
    // with minK 3 there are too few neighbours → KNNBasic falls back to the global mean
    expect(fitUserKnn(withC, { minK: 3 }).predict(0, 2)).toBeCloseTo(28 / 8, 6);
    expect(fitUserKnn(withC, { minK: 3, centring: 'mean' }).predict(0, 2)).toBeCloseTo(4, 6);
  });
  test('unknown user or item → global mean; explanation counts neighbours', () => {
    const m = fitUserKnn(withC);
    expect(m.predict(9, 0)).toBeCloseTo(3.5, 6);
    expect(m.explain(0, 2)).toEqual({ kind: 'similar-users', neighbours: 2, support: 1.091 });
    expect(m.similarity(0, 1)).toBe(1);
  });
  test('invalid options throw a RangeError naming the function', () => {
    expect(() => fitUserKnn(seedExample, { k: 0 })).toThrow(/fitUserKnn/);
    expect(() => fitUserKnn(seedExample, { mode: 'implicit', similarity: 'msd' })).toThrow(/fitUserKnn: implicit/);
  });
});

describe('fitUserKnn — implicit ranking', () => {
  // A had {0, 1}; B had {0, 1, 2}; C had {3}
  const data: Interactions = {
    nUsers: 3,
    nItems: 4,
    users: Int32Array.of(0, 0, 1, 1, 1, 2),
    items: Int32Array.of(0, 1, 0, 1, 2, 3),
    values: Float32Array.of(1, 1, 1, 1, 1, 1),
  };
  test.each(['global', 'per-item'] as const)('score = Σ w(u,v)·R(v,i) over neighbours (%s)', (neighbourhood) => {
    const m = fitUserKnn(data, { mode: 'implicit', neighbourhood });
    const out = new Float32Array(4);
    m.scoreUser(0, out);
    const w = 2 / Math.sqrt(2 * 3); // cosine of {0,1} and {0,1,2}
    expect(Array.from(out).map((x) => +x.toFixed(6))).toEqual([w, w, w, 0].map((x) => +x.toFixed(6)));
    expect(m.explain(0, 2)).toEqual({ kind: 'similar-users', neighbours: 1, support: 0.816 });
  });
});
