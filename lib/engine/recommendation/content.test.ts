import { describe, expect, test } from 'vitest';
import { attributeSimilarity, contentNeighbours, fitContent, type ItemAttributes } from './content';
import { fitContentWeights, itemPairs } from './content-fit';
import { explainProfile, fitContentRanking, scoreProfile } from './content-profile';
import type { Interactions } from './types';

const items: ItemAttributes[] = [
  {
    categoryPath: ['women', 'dresses', 'maxi'],
    brand: 'Acme',
    price: 40,
    colour: 'red',
    material: 'silk',
    text: 'red silk maxi dress',
  },
  {
    categoryPath: ['women', 'dresses', 'mini'],
    brand: 'ACME ',
    price: 80,
    colour: 'navy blue',
    material: 'silk',
    text: 'navy silk mini dress',
  },
  { categoryPath: ['men', 'shirts'], brand: 'Other', price: 40, colour: 'red', text: 'red cotton shirt' },
  { categoryPath: ['women', 'dresses', 'maxi'], text: '红色真丝连衣裙' },
];
const content = fitContent(items);
const f = content.features;

describe('attribute similarities (hand-computed)', () => {
  test.each([
    ['category', 0, 1, 2 / 3], // women/dresses shared, depth 3
    ['category', 0, 2, 0],
    ['category', 0, 3, 1],
    ['brand', 0, 1, 1], // case and spaces ignored
    ['brand', 0, 2, 0],
    ['price', 0, 1, 0.5], // one octave apart, 2 octaves → 0
    ['price', 0, 2, 1],
    ['colour', 0, 1, 0], // {red} vs {navy, blue}
    ['colour', 0, 2, 1],
    ['material', 0, 1, 1],
  ] as const)('%s(%i, %i) = %d', (attribute, i, j, expected) => {
    expect(attributeSimilarity(f, attribute, i, j)).toBeCloseTo(expected, 6);
  });
  test('missing attributes are NaN and drop out of the weighted mean', () => {
    expect(attributeSimilarity(f, 'brand', 0, 3)).toBeNaN();
    // items 0 and 3 share only category (1) and text (Chinese vs English: 0)
    const w = content.weights;
    expect(content.similarity(0, 3)).toBeCloseTo((w.category * 1 + w.text * 0) / (w.category + w.text), 6);
  });
  test('the seed formula Σ w_k sim_k / Σ w_k, with editable weights', () => {
    const only = content.withWeights({
      category: 1,
      brand: 1,
      price: 0,
      colour: 0,
      size: 0,
      material: 0,
      tags: 0,
      text: 0,
    });
    expect(only.similarity(0, 1)).toBeCloseTo((2 / 3 + 1) / 2, 6);
    expect(() => content.withWeights({ brand: -1 })).toThrow(/fitContent/);
  });
  test('similar items carry the per-attribute breakdown ("same brand and category as Y")', () => {
    const top = content.similarItems(0, 2);
    expect(top.map((t) => t.item).sort()).toEqual([1, 3]);
    expect(top[0]!.score).toBeGreaterThanOrEqual(top[1]!.score);
    const b1 = content.similarItems(0, 3).find((s) => s.item === 1)!.breakdown;
    expect(b1).toEqual(
      expect.arrayContaining([
        { attribute: 'brand', weight: 2, similarity: 1 },
        { attribute: 'category', weight: 3, similarity: 0.667 },
      ]),
    );
    expect(content.explain(0, 1)).toMatchObject({ kind: 'attributes', anchorItem: 0 });
  });
  test('neighbour lists agree with similarityRow', () => {
    const S = contentNeighbours(content, 2);
    expect(S.values[0]).toBeCloseTo(content.similarity(S.colIdx[0]!, 0), 6);
  });
});

describe('profiles and cold start', () => {
  test('a stated profile scores matching items higher', () => {
    const out = new Float32Array(4);
    scoreProfile(content, { categories: [['women', 'dresses']], brands: ['acme'], price: 45 }, out);
    expect(out[0]!).toBeGreaterThan(out[2]!);
    expect(out[1]!).toBeGreaterThan(out[2]!);
    const e = explainProfile(content, { brands: ['acme'] }, 1);
    expect(e).toEqual({
      kind: 'attributes',
      anchorItem: -1,
      similarity: 1,
      breakdown: [{ attribute: 'brand', weight: 2, similarity: 1 }],
    });
  });
  test('a few interactions work as a profile too', () => {
    const out = new Float32Array(4);
    scoreProfile(content, { items: [0] }, out);
    expect(out[3]!).toBeGreaterThan(out[2]!);
    expect(explainProfile(content, { items: [0] }, 3)).toMatchObject({ kind: 'attributes', anchorItem: 0 });
  });
  test('content ranking from history', () => {
    const train: Interactions = {
      nUsers: 1,
      nItems: 4,
      users: Int32Array.of(0),
      items: Int32Array.of(0),
      values: Float32Array.of(1),
    };
    const m = fitContentRanking(content, train, { k: 3 });
    const out = new Float32Array(4);
    m.scoreUser(0, out);
    expect(out[3]!).toBeCloseTo(content.similarity(0, 3), 6);
    expect(m.explain(0, 3)).toMatchObject({ kind: 'attributes', anchorItem: 0 });
  });
});

describe('fitting the weights on behaviour', () => {
  test('itemPairs: next-item and basket pairs', () => {
    const d: Interactions = {
      nUsers: 2,
      nItems: 4,
      users: Int32Array.of(0, 0, 0, 1, 1),
      items: Int32Array.of(2, 0, 1, 3, 2),
      values: new Float32Array(5).fill(1),
      timestamps: Float64Array.of(3, 1, 1, 5, 5),
    };
    expect(itemPairs(d, { mode: 'next' })).toEqual([
      { anchor: 0, target: 1 },
      { anchor: 1, target: 2 },
      { anchor: 3, target: 2 },
    ]);
    expect(itemPairs(d, { mode: 'basket' })).toEqual([
      { anchor: 0, target: 1 },
      { anchor: 1, target: 0 },
      { anchor: 3, target: 2 },
      { anchor: 2, target: 3 },
    ]);
  });
  test('coordinate ascent raises the pair NDCG when behaviour follows one attribute', () => {
    // 12 items in 4 brands; buyers move between items of the same brand, categories are noise
    const cat: ItemAttributes[] = Array.from({ length: 12 }, (_, i) => ({
      brand: `b${i % 4}`,
      categoryPath: [`c${(i * 7) % 3}`],
      price: 10 + i,
    }));
    const m = fitContent(cat, { weights: { brand: 0.5, category: 4, price: 4 } });
    const pairs = Array.from({ length: 12 }, (_, i) => ({ anchor: i, target: (i + 4) % 12 }));
    const r = fitContentWeights(m, pairs, { grid: [0, 0.5, 1, 4], k: 3 });
    expect(r.ndcg).toBeGreaterThan(r.initialNdcg);
    expect(r.weights.brand).toBeGreaterThan(r.weights.category);
    expect(() => fitContentWeights(m, [])).toThrow(/fitContentWeights/);
  });
});
