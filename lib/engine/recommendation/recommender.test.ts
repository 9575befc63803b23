import { describe, expect, test } from 'vitest';
import { fitContent } from './content';
import { buildCsr } from './csr';
import { fitItemKnn } from './item-knn';
import { fitCategoryPopularity, fitPopularity } from './popularity';
import { createRecommender } from './recommender';
import type { Interactions } from './types';
import { fitUserKnn } from './user-knn';

// 6 items: 0–2 dresses (category 0), 3–4 shoes (category 1), 5 socks (category 2, repurchasable)
const itemCategory = [0, 0, 0, 1, 1, 2];
const train: Interactions = {
  nUsers: 5,
  nItems: 6,
  users: Int32Array.of(0, 0, 1, 1, 1, 2, 2, 3, 3, 3),
  items: Int32Array.of(0, 1, 0, 1, 2, 0, 5, 3, 4, 5),
  values: new Float32Array(10).fill(1),
  timestamps: Float64Array.of(1, 2, 1, 2, 3, 1, 2, 1, 2, 3),
};
const content = fitContent(
  [
    'red silk dress',
    'blue silk dress',
    'green linen dress',
    'black leather boots',
    'brown leather boots',
    'wool socks',
  ].map((text, i) => ({
    text,
    categoryPath: [['dresses', 'shoes', 'socks'][itemCategory[i]!]!],
    brand: i < 3 ? 'Acme' : 'Boot Co',
  })),
);
const itemKnn = fitItemKnn(train, { k: 5 });
const userKnn = fitUserKnn(train, { mode: 'implicit', k: 3 });
const rec = createRecommender({
  models: [
    { model: itemKnn, weight: 1 },
    { model: userKnn, weight: 0.5 },
  ],
  history: buildCsr(train, { aggregate: 'binary' }),
  popularity: fitPopularity(train),
  categoryPopularity: fitCategoryPopularity(train, { itemCategory }),
  content,
  itemCategory,
});

describe('createRecommender', () => {
  test('a customer with history gets collaborative items with item-kNN and user-kNN explanations', () => {
    const r = rec.recommend(0, { n: 3 });
    expect(r.strategy).toBe('collaborative');
    expect(r.items[0]!.item).toBe(2); // bought with 0 and 1 by user 1
    expect(r.items[0]!.explanations.map((e) => e.kind)).toEqual(['because-you-interacted', 'similar-users']);
    expect(r.items.map((i) => i.item)).not.toContain(0); // already bought
    expect(r.items).toHaveLength(3); // topped up from popularity
    expect(r.items[2]!.explanations[0]!.kind).toMatch(/popular|trending/);
  });
  test('repurchasable categories, stock and category filters are respected', () => {
    const r = rec.recommend(3, { n: 6, rules: { repurchasableCategories: [2], outOfStock: [0, 0, 1, 0, 0, 0] } });
    const items = r.items.map((i) => i.item);
    expect(items).toContain(5); // socks again
    expect(items).not.toContain(3);
    expect(items).not.toContain(2); // out of stock
    expect(
      rec.recommend(0, { n: 5, rules: { categoryFilter: [1] } }).items.every((i) => itemCategory[i.item] === 1),
    ).toBe(true);
  });
  test('cold start with a profile uses content attributes', () => {
    const r = rec.recommend(null, { n: 2, profile: { categories: [['shoes']], text: 'leather' } });
    expect(r.strategy).toBe('profile');
    expect(r.items.map((i) => i.item).sort()).toEqual([3, 4]);
    expect(r.items[0]!.explanations[0]).toMatchObject({ kind: 'attributes', anchorItem: -1 });
  });
  test('cold start without anything falls back to popularity', () => {
    const r = rec.recommend(null, { n: 2 });
    expect(r.strategy).toBe('popularity');
    expect(r.items[0]).toMatchObject({ item: 0, explanations: [{ kind: 'popular', count: 3, category: 0 }] });
    // user 4 has no history but a favourite category is unknown too → popularity
    expect(rec.recommend(4, { n: 1 }).strategy).toBe('popularity');
  });
  test('MMR re-ranking diversifies with the content similarity', () => {
    const plain = rec.recommend(null, { n: 3 }).items.map((i) => i.item);
    const diverse = rec.recommend(null, { n: 3, mmrLambda: 0.3 }).items.map((i) => i.item);
    expect(new Set(diverse.map((i) => itemCategory[i])).size).toBeGreaterThanOrEqual(
      new Set(plain.map((i) => itemCategory[i])).size,
    );
    expect(() => rec.recommend(0, { n: 0 })).toThrow(/recommend/);
  });
});
