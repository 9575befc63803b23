import { describe, expect, test } from 'vitest';
import { buildCsr, csrFromRows } from './csr';
import { computeNeighbours, fitItemKnn, weightMatrix } from './item-knn';
import type { Interactions } from './types';

// users × items (0/1): u0 {0,1}, u1 {0,1,2}, u2 {1,2}, u3 {3}
const data: Interactions = {
  nUsers: 4,
  nItems: 4,
  users: Int32Array.of(0, 0, 1, 1, 1, 2, 2, 3),
  items: Int32Array.of(0, 1, 0, 1, 2, 1, 2, 3),
  values: new Float32Array(8).fill(1),
};
const cos = (c: number, ni: number, nj: number) => c / Math.sqrt(ni * nj);

describe('fitItemKnn', () => {
  test('cosine neighbours from the sparse co-occurrence, best first, self excluded', () => {
    const m = fitItemKnn(data, { k: 3 });
    // item 1 (3 users) with item 0 (2 users): 2 common; with item 2 (2 users): 2 common
    expect(m.similarItems(1, 3).map((s) => [s.item, +s.score.toFixed(6)])).toEqual([
      [0, +cos(2, 3, 2).toFixed(6)],
      [2, +cos(2, 3, 2).toFixed(6)],
    ]);
    expect(m.similarItems(0, 3).map((s) => s.item)).toEqual([1, 2]);
    expect(m.similarItems(3, 3)).toEqual([]); // nobody else bought item 3
  });
  test('scores sum the similarities of the user’s items; explanation names the strongest anchor', () => {
    const m = fitItemKnn(data, { k: 3 });
    const out = new Float32Array(4);
    m.scoreUser(0, out); // history {0, 1} → item 2 gets s(0,2) + s(1,2)
    expect(out[2]).toBeCloseTo(cos(1, 2, 2) + cos(2, 3, 2), 6);
    expect(out[3]).toBe(0);
    expect(m.explain(0, 2)).toEqual({
      kind: 'because-you-interacted',
      anchorItem: 1,
      similarity: +cos(2, 3, 2).toFixed(3),
    });
  });
  test('shrinkage, jaccard, k, asymmetric cosine and neighbourhood normalisation', () => {
    expect(fitItemKnn(data, { shrink: 1 }).similarItems(0, 1)[0]!.score).toBeCloseTo(2 / (Math.sqrt(6) + 1), 6);
    expect(fitItemKnn(data, { similarity: 'jaccard' }).similarItems(0, 1)[0]!.score).toBeCloseTo(2 / 3, 6);
    expect(fitItemKnn(data, { k: 1 }).neighbours.rowPtr[4]).toBe(3);
    // α = 1: s_ji = c / ‖w_i‖² (candidate side only) → s(0→1) = 2 / 3
    expect(fitItemKnn(data, { alpha: 1 }).similarItems(0, 1)[0]!.score).toBeCloseTo(2 / 3, 6);
    const norm = fitItemKnn(data, { normalizeNeighbourhoods: true });
    for (let j = 0; j < 3; j++) expect(norm.similarItems(j, 5).reduce((a, s) => a + s.score, 0)).toBeCloseTo(1, 6);
  });
  test('matches a dense reference on random data', () => {
    let seed = 11;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const n = 400,
      nUsers = 40,
      nItems = 25;
    const d: Interactions = {
      nUsers,
      nItems,
      users: Int32Array.from({ length: n }, () => Math.floor(rand() * nUsers)),
      items: Int32Array.from({ length: n }, () => Math.floor(rand() * nItems)),
      values: new Float32Array(n).fill(1),
    };
    const X = buildCsr(d, { aggregate: 'binary' });
    const dense = Array.from({ length: nUsers }, (_, u) =>
      Array.from({ length: nItems }, (_, i) => (X.colIdx.subarray(X.rowPtr[u], X.rowPtr[u + 1]).includes(i) ? 1 : 0)),
    );
    const pop = (i: number) => dense.reduce((a, row) => a + row[i]!, 0);
    const co = (i: number, j: number) => dense.reduce((a, row) => a + row[i]! * row[j]!, 0);
    const cases = [
      { similarity: 'cosine', alpha: 0.5, ref: (j: number, i: number) => co(i, j) / Math.sqrt(pop(i) * pop(j)) },
      { similarity: 'cosine', alpha: 0.3, ref: (j: number, i: number) => co(i, j) / (pop(i) ** 0.3 * pop(j) ** 0.7) },
      { similarity: 'jaccard', alpha: 0.5, ref: (j: number, i: number) => co(i, j) / (pop(i) + pop(j) - co(i, j)) },
    ] as const;
    for (const { similarity, alpha, ref } of cases) {
      const k = 5;
      const S = computeNeighbours(X, { k, shrink: 0, similarity, alpha });
      for (let j = 0; j < nItems; j++) {
        // brute force: all i ≠ j with positive similarity, best first, ties → lower index
        const expected = Array.from({ length: nItems }, (_, i) => i)
          .filter((i) => i !== j && ref(j, i) > 0)
          .sort((a, b) => ref(j, b) - ref(j, a) || a - b)
          .slice(0, k);
        // (exact ties may resolve either way after rounding, so compare the similarity values rank by rank)
        const got = Array.from(S.colIdx.subarray(S.rowPtr[j], S.rowPtr[j + 1]));
        expect(got).toHaveLength(expected.length);
        expected.forEach((i, r) => {
          expect(ref(j, got[r]!)).toBeCloseTo(ref(j, i), 9);
          expect(S.values[S.rowPtr[j]! + r]).toBeCloseTo(ref(j, i), 5);
        });
      }
    }
  });
  test('BM25 and TF-IDF weights follow the implicit library’s formulas', () => {
    const X = csrFromRows(2, [
      [
        [0, 1],
        [1, 1],
      ],
      [[0, 2]],
    ]);
    const N = 2; // items are the documents
    const idf = (itemsOfUser: number) => Math.log(N) - Math.log1p(itemsOfUser);
    const tf = weightMatrix(X, 'tfidf');
    expect(tf.values[0]).toBeCloseTo(1 * idf(2), 6);
    expect(tf.values[2]).toBeCloseTo(Math.sqrt(2) * idf(1), 6);
    const bm = weightMatrix(X, 'bm25', 100, 0.8);
    // item lengths: item 0 = 3, item 1 = 1; average 2
    const ln0 = 0.2 + (0.8 * 3) / 2;
    expect(bm.values[0]).toBeCloseTo(((1 * 101) / (100 * ln0 + 1)) * idf(2), 6);
  });
  test('invalid options throw a RangeError naming the function', () => {
    expect(() => fitItemKnn(data, { k: 0 })).toThrow(/fitItemKnn/);
    expect(() => fitItemKnn(data, { alpha: 2 })).toThrow(/fitItemKnn/);
    expect(() => fitItemKnn(data).similarItems(9, 1)).toThrow(/similarItems/);
  });
});
