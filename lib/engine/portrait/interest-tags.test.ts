import { describe, expect, test } from 'vitest';
import { computeAffinitiesFromGrouped } from './affinity';
import { buildCategoryTree } from './category-tree';
import { buildCustomerIndex } from './customer-index';
import { groupEvents } from './event-columns';
import { computeInterestTags } from './interest-tags';
import { buildPriceBands, priceBandOf } from './price-bands';
import type { EventRecord } from './types';

const DAY = 86_400_000;
const ASOF = Date.UTC(2024, 5, 30);
const categories = [
  { id: 1, path: ['Sports'], name: 'Sports', nameZh: '运动' },
  { id: 2, path: ['Sports', 'Running'], name: 'Running', nameZh: '跑步' },
  { id: 3, path: ['Sports', 'Running', 'Shoes'], name: 'Shoes', nameZh: '跑鞋' },
  { id: 4, path: ['Fashion'], name: 'Fashion', nameZh: '时尚' },
  { id: 5, path: ['Fashion', 'Dresses'], name: 'Dresses', nameZh: '连衣裙' },
];
const events: EventRecord[] = [
  { customerId: 1, type: 'purchase', ts: ASOF, productId: 1, categoryId: 3, brand: 'Nike', price: 15 },
  { customerId: 1, type: 'view', ts: ASOF - 30 * DAY, productId: 2, categoryId: 3, brand: ' nike ', price: 12 },
  { customerId: 1, type: 'view', ts: ASOF - 30 * DAY, productId: 2, categoryId: 3, brand: 'Nike', price: 12 },
  { customerId: 1, type: 'view', ts: ASOF, productId: 3, categoryId: 5, brand: 'Zara', price: 200 },
  { customerId: 1, type: 'search', ts: ASOF, query: 'running shoes' },
  { customerId: 1, type: 'exposure', ts: ASOF, productId: 3, categoryId: 5 }, // weight 0: ignored
  ...[10, 20, 30, 40, 50, 60].map((price, i) => ({
    customerId: 2,
    type: 'view',
    ts: ASOF - 200 * DAY,
    productId: 100 + i,
    categoryId: 3,
    price,
  })),
];

function setup() {
  const tree = buildCategoryTree(categories);
  const index = buildCustomerIndex([[1, 2, 3], events]);
  const grouped = groupEvents(events, index, tree.indexOf);
  return { tree, grouped, aff: computeAffinitiesFromGrouped(grouped, tree, { asOf: ASOF }) };
}

describe('price bands', () => {
  test('per-category terciles of distinct products (type-7 quantiles), shop-wide fallback', () => {
    const { tree, grouped } = setup();
    const table = buildPriceBands(grouped, tree);
    const shoes = tree.indexOf.get(3)!;
    // Shoes: [10, 12, 15, 20, 30, 40, 50, 60] → 16.67 / 36.67
    expect(table.low[shoes]).toBeCloseTo(15 + 5 / 3, 10);
    expect(table.high[shoes]).toBeCloseTo(30 + 20 / 3, 10);
    expect(priceBandOf(table, shoes, 15)).toBe('budget');
    expect(priceBandOf(table, shoes, 25)).toBe('mid');
    expect(priceBandOf(table, shoes, 40)).toBe('premium');
    // Dresses has one product: shop-wide thresholds over all 9 products
    expect(priceBandOf(table, tree.indexOf.get(5)!, 200)).toBe('premium');
    expect(priceBandOf(table, -1, Number.NaN)).toBeNull();
  });
});

describe('affinities', () => {
  test('decayed weights, ancestors credited, search split to the most specific named category', () => {
    const { tree, aff } = setup();
    const c1 = aff.customers[0]!;
    // 8 (purchase) + 2 × 0.5 (views 30 days old, half-life 30) + 1 (dress view) + 0.5 (search)
    expect(c1.categoryTotal).toBeCloseTo(10.5, 12);
    const byId = new Map(c1.categories.map((e) => [tree.nodes[e.index]!.id, e]));
    for (const id of [1, 2, 3]) expect(byId.get(id)!.score).toBeCloseTo(9.5, 12);
    expect(byId.get(1)!.share).toBeCloseTo(9.5 / 10.5, 12);
    expect(byId.get(3)!.counts).toEqual({ purchase: 1, cart: 0, click: 0, view: 2, search: 1 });
    expect(byId.get(3)!.lastEventAt).toBe(ASOF);
    expect(byId.get(5)!.score).toBeCloseTo(1, 12);
    // brands match case-insensitively: Nike 8 + 0.5 + 0.5, Zara 1
    expect(c1.brands[0]).toMatchObject({ score: 9, share: 0.9 });
    expect(c1.priceBands.map((e) => [e.index, e.score])).toEqual([
      [0, 9],
      [2, 1],
    ]);
  });

  test('events outside the look-back window are ignored; weights are configurable and validated', () => {
    const { tree, grouped } = setup();
    expect(setup().aff.customers[1]!.categories).toEqual([]);
    const noPurchase = computeAffinitiesFromGrouped(grouped, tree, { asOf: ASOF, weights: { purchase: 0 } });
    expect(noPurchase.customers[0]!.categoryTotal).toBeCloseTo(2.5, 12);
    expect(() => computeAffinitiesFromGrouped(grouped, tree, { halfLifeDays: 0 })).toThrow(/computeAffinities/);
  });
});

describe('interest tags', () => {
  test('labels, drivers and explanations', () => {
    const { tree, grouped, aff } = setup();
    const tags = computeInterestTags(aff.customers[0]!, {
      tree,
      brands: grouped.brands,
      weights: aff.weights,
      lookbackDays: aff.lookbackDays,
    });
    expect(tags.map((t) => t.key)).toEqual([
      'interest:likes:category:3',
      'interest:likes:brand:nike',
      'interest:price:budget',
    ]);
    expect(tags[0]!.label).toEqual({ en: 'likes shoes', zh: '喜欢跑鞋' });
    expect(tags[0]!.explanation.text).toEqual({
      en: '1 purchase, 2 views and 1 search in Shoes in the last 180 days',
      zh: '近180天在跑鞋：购买1次、浏览2次、搜索1次',
    });
    expect(tags[1]!.label).toEqual({ en: 'loves Nike', zh: '钟爱Nike' });
    expect(tags[2]!.label).toEqual({ en: 'bargain hunter', zh: '价格敏感' });
    expect(tags[2]!.explanation.text.en).toBe(
      '1 purchase and 2 views of budget-priced items (bottom third of their category) in the last 180 days',
    );
  });

  test('browse-driven interest is "follows"; specificity keeps the tag at the parent when children split', () => {
    const tree = buildCategoryTree(categories);
    const browse: EventRecord[] = [
      ...Array.from({ length: 4 }, () => ({ customerId: 9, type: 'view', ts: ASOF, categoryId: 5 })),
      ...Array.from({ length: 3 }, () => ({ customerId: 9, type: 'view', ts: ASOF, categoryId: 2 })),
      ...Array.from({ length: 3 }, () => ({ customerId: 9, type: 'click', ts: ASOF, categoryId: 1 })),
    ];
    const g = groupEvents(browse, buildCustomerIndex([browse]), tree.indexOf);
    const aff = computeAffinitiesFromGrouped(g, tree, { asOf: ASOF });
    const tags = computeInterestTags(aff.customers[0]!, {
      tree,
      brands: g.brands,
      weights: aff.weights,
      lookbackDays: 180,
    });
    // Sports 9 (3 views of Running + 3 clicks on Sports itself): Running holds 3/9 < 0.6, so the tag stays at Sports
    expect(tags.map((t) => [t.key, t.label.en, t.label.zh])).toEqual([
      ['interest:follows:category:1', 'follows sports', '关注运动'],
      ['interest:follows:category:5', 'follows dresses', '关注连衣裙'],
    ]);
  });
});
