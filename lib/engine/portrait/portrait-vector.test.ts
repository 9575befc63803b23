import { describe, expect, test } from 'vitest';
import type { CustomerAffinity } from './affinity';
import { buildCategoryTree } from './category-tree';
import { buildPortraitLayout, cosineSimilarity, findLookalikes, writePortraitVector } from './portrait-vector';

const zero = { purchase: 0, cart: 0, click: 0, view: 0, search: 0 };
const entry = (index: number, share: number) => ({ index, score: share * 10, share, counts: zero, lastEventAt: 0 });
const tree = buildCategoryTree([
  { id: 1, path: ['A'], name: 'A' },
  { id: 2, path: ['A', 'A1'], name: 'A1' },
  { id: 3, path: ['A', 'A1', 'A1x'], name: 'A1x' },
  { id: 4, path: ['B'], name: 'B' },
]);
const aff = (
  cats: [number, number][],
  brands: [number, number][] = [],
  bands: [number, number][] = [],
): CustomerAffinity => ({
  categories: cats.map(([i, s]) => entry(i, s)),
  brands: brands.map(([i, s]) => entry(i, s)),
  priceBands: bands.map(([i, s]) => entry(i, s)),
  categoryTotal: 10,
  brandTotal: 10,
  priceBandTotal: 10,
});

describe('cosineSimilarity', () => {
  test('hand-computed values', () => {
    expect(cosineSimilarity([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(/cosineSimilarity/);
  });
});

describe('portrait vectors and lookalikes', () => {
  const customers = [
    aff(
      [
        [0, 1],
        [1, 0.8],
        [2, 0.8],
      ],
      [[0, 1]],
      [[0, 1]],
    ),
    aff(
      [
        [0, 0.9],
        [1, 0.7],
        [3, 0.1],
      ],
      [[0, 0.9]],
      [[0, 1]],
    ),
    aff([[3, 1]], [[1, 1]], [[2, 1]]),
    aff([
      [0, 0.5],
      [3, 0.5],
    ]),
    aff([]),
  ];
  const layout = buildPortraitLayout(customers, tree, ['Nike', 'Zara']);

  test('layout: categories to depth 1 (the depth-2 node is left out), brands, 3 price bands, R F M', () => {
    expect(layout.labels).toEqual([
      'category:1',
      'category:4',
      'category:2',
      'brand:Nike',
      'brand:Zara',
      'price:budget',
      'price:mid',
      'price:premium',
      'rfm:r',
      'rfm:f',
      'rfm:m',
    ]);
    expect(layout.categoryDim[2]).toBe(-1);
  });

  test('vectors are unit length (or zero) and follow the block weights', () => {
    const v = writePortraitVector(layout, customers[0], { r: 5, f: 1, m: 3 }, new Float32Array(layout.dim));
    const raw = [1, 0, 0.8, 0.5, 0, 0.5, 0, 0, 0.5, 0, 0.25];
    const norm = Math.hypot(...raw);
    raw.forEach((x, i) => {
      expect(v[i]).toBeCloseTo(x / norm, 6);
    });
    expect(
      Array.from(writePortraitVector(layout, customers[4], null, new Float32Array(layout.dim))).every((x) => x === 0),
    ).toBe(true);
    expect(() => writePortraitVector(layout, customers[0], null, new Float32Array(3))).toThrow(RangeError);
  });

  test('lookalikes: most similar non-seeds first, seeds and empty portraits excluded', () => {
    const vectors = new Float32Array(customers.length * layout.dim);
    customers.forEach((c, k) => {
      writePortraitVector(layout, c, null, vectors.subarray(k * layout.dim, (k + 1) * layout.dim));
    });
    const res = findLookalikes(vectors, layout.dim, [0], { topN: 10 });
    expect(res.map((r) => r.row)).toEqual([1, 3, 2]);
    const v0 = vectors.subarray(0, layout.dim);
    expect(res[0]!.similarity).toBeCloseTo(cosineSimilarity(v0, vectors.subarray(layout.dim, 2 * layout.dim)), 6);
    expect(findLookalikes(vectors, layout.dim, [0], { topN: 1 })).toHaveLength(1);
    expect(() => findLookalikes(vectors, layout.dim, [99])).toThrow(/findLookalikes/);
  });
});
