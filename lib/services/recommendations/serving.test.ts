import { describe, expect, test } from 'vitest';
import type { CatalogueCategory, CatalogueProduct } from '@/lib/db/recommendations/catalogue';
import type { InteractionSource } from '@/lib/db/recommendations/source';
import { decodeBundle, encodeBundle } from './artifact';
import { buildShopData } from './data';
import { describe as describeReason } from './explain';
import { historyFromRows } from './history';
import { historyOfUser } from '@/lib/engine/recommendation/models/types';
import { expandCategories } from './serving/bundle';
import { emptyHistory, rankForHistory } from '@/lib/engine/recommendation/serving-core';
import { fallbackBundle } from './serving/fallback';
import { DEFAULT_RECOMMEND_SETTINGS, parseStoredSettings } from './settings-schema';
import { sharedBuffers } from './training-data';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

const categories: CatalogueCategory[] = [
  { id: 1, path: 'Shop', name: 'Shop', nameZh: '商店', parentId: -1 },
  { id: 2, path: 'Shop > Shoes', name: 'Shoes', nameZh: '鞋', parentId: 1 },
  { id: 3, path: 'Shop > Coffee', name: 'Coffee', nameZh: '咖啡', parentId: 1 },
];
const product = (id: number, categoryId: number, extra: Partial<CatalogueProduct> = {}): CatalogueProduct => ({
  id,
  sku: `P${id}`,
  title: `Product ${id}`,
  titleZh: `商品${id}`,
  description: null,
  categoryId,
  categoryPath: categoryId === 2 ? 'Shop > Shoes' : 'Shop > Coffee',
  brand: categoryId === 2 ? 'Stride' : 'Roast',
  price: 10 * id,
  color: null,
  size: null,
  material: null,
  stock: 5,
  active: true,
  imageUrl: null,
  updatedAt: 0,
  otherCategories: [],
  ...extra,
});
// products 10..15 shoes (15 sold out), 20..21 coffee
const products = [10, 11, 12, 13, 14, 15]
  .map((id) => product(id, 2, id === 15 ? { stock: 0 } : {}))
  .concat([20, 21].map((id) => product(id, 3)));

/** customers 100..105 view pairs of shoes (10,11), (11,12) …; 106 buys coffee 20 twice; event of an unknown product 99 */
function source(): InteractionSource {
  const rows: [number, number, number, number][] = [];
  for (let c = 0; c < 5; c++) {
    rows.push([100 + c, 10 + c, 0, T0 + c * DAY], [100 + c, 11 + c, 3, T0 + c * DAY + 1000]);
  }
  rows.push(
    [106, 20, 3, T0],
    [106, 20, 3, T0 + 5 * DAY],
    [106, 10, 0, T0 + 6 * DAY],
    [107, 99, 0, T0],
    [108, 11, 1, T0],
  );
  return {
    customer: Int32Array.from(rows, (r) => r[0]),
    product: Int32Array.from(rows, (r) => r[1]),
    kind: Uint8Array.from(rows, (r) => r[2]),
    ts: Float64Array.from(rows, (r) => r[3]),
    watermark: { eventId: rows.length, lineId: 0, at: T0 + 10 * DAY },
  };
}

describe('shop data', () => {
  test('maps ids to dense indices in time order, dropping unknown products and zero-weight kinds', () => {
    const settings = { eventWeights: { view: 1, click: 0, cart: 4, purchase: 8 } };
    const shop = buildShopData(source(), products, settings);
    expect(Array.from(shop.itemIds)).toEqual(products.map((p) => p.id));
    expect(Array.from(shop.userIds)).toEqual([100, 101, 102, 103, 104, 106]); // 107 (unknown product) and 108 (click, weight 0) dropped
    expect(shop.interactions.users.length).toBe(13);
    const ts = Array.from(shop.interactions.timestamps!);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(Array.from(shop.interactions.values)).toContain(8);
  });

  test('request-time rows aggregate per item with the strongest kind', () => {
    const bundle = fallbackBundle(source(), { products, categories }, DEFAULT_RECOMMEND_SETTINGS);
    const h = historyFromRows(
      bundle,
      [
        { productId: 11, kind: 0, ts: T0 + 9 * DAY },
        { productId: 11, kind: 3, ts: T0 + 8 * DAY },
        { productId: 10, kind: 0, ts: T0 + 7 * DAY },
        { productId: 999, kind: 0, ts: T0 },
      ],
      -1,
    );
    expect(Array.from(h.items)).toEqual([0, 1]);
    expect(Array.from(h.kinds)).toEqual([0, 3]);
    expect(h.values[1]).toBeGreaterThan(8);
    expect(Array.from(h.sequence)).toEqual([0, 1]);
  });
});

describe('serving', () => {
  const settings = DEFAULT_RECOMMEND_SETTINGS;
  const bundle = () => fallbackBundle(source(), { products, categories }, settings);

  test('history items, sold-out items and excluded items are never recommended; the category filter holds', () => {
    const b = bundle();
    const h = historyOfUser(b, b.userIndex.get(100)!, b.kinds); // viewed 10, bought 11
    const ranked = rankForHistory(b, h, true, { n: 5, exclude: [b.itemIndex.get(12)!] });
    const ids = ranked.items.map((r) => b.products[r.item]!.id);
    expect(ranked.strategy).toBe('collaborative');
    for (const id of [10, 11, 12, 15]) expect(ids).not.toContain(id);
    const coffee = rankForHistory(b, h, true, { n: 5, categoryFilter: expandCategories(categories, [3]) });
    expect(coffee.items.map((r) => b.products[r.item]!.categoryId).every((c) => c === 3)).toBe(true);
    expect(coffee.items.map((r) => b.products[r.item]!.id)).not.toContain(13);
    for (const r of ranked.items) expect(r.explanations.length).toBeGreaterThan(0);
  });

  test('a product listed in a second category passes a filter on either and is similar to the items there', () => {
    const listed = products.map((p) =>
      p.id === 13 ? { ...p, otherCategories: [{ id: 3, path: 'Shop > Coffee' }] } : p,
    );
    const b = fallbackBundle(source(), { products: listed, categories }, settings);
    const h = historyOfUser(b, b.userIndex.get(100)!, b.kinds);
    const coffee = rankForHistory(b, h, true, { n: 5, categoryFilter: expandCategories(categories, [3]) });
    expect(coffee.items.map((r) => b.products[r.item]!.id).sort()).toEqual([13, 20, 21]);
    const shoes = rankForHistory(b, h, true, { n: 8, categoryFilter: expandCategories(categories, [2]) });
    expect(shoes.items.map((r) => b.products[r.item]!.id)).toContain(13);
    const [shoe, coffeeShoe, bean] = [12, 13, 20].map((id) => b.itemIndex.get(id)!);
    const category = (i: number, j: number) =>
      b.content.breakdown(i, j).find((x) => x.attribute === 'category')!.similarity;
    expect(category(coffeeShoe!, bean!)).toBe(1); // both in Shop > Coffee
    expect(category(shoe!, bean!)).toBe(0.5); // only Shop in common
  });

  test('a repurchasable category lets a bought item back', () => {
    const b = bundle();
    const h = historyOfUser(b, b.userIndex.get(106)!, b.kinds); // bought coffee 20
    const coffee = b.itemIndex.get(20)!;
    expect(rankForHistory(b, h, true, { n: 8 }).items.map((r) => r.item)).not.toContain(coffee);
    b.repurchasable = expandCategories(categories, [3]);
    expect(rankForHistory(b, h, true, { n: 8 }).items.map((r) => r.item)).toContain(coffee);
  });

  test('an unknown visitor gets trending items with words in both languages', () => {
    const b = bundle();
    const ranked = rankForHistory(b, emptyHistory(), false, { n: 3 });
    expect(ranked.strategy).toBe('popularity');
    expect(b.products[ranked.items[0]!.item]!.id).toBe(20); // two purchases (weight 8 each) outweigh the shoes
    const ctx = { bundle: b, history: emptyHistory(), favouriteCategory: -1 };
    expect(describeReason(ranked.items[0]!.explanations[0]!, { ...ctx, locale: 'en' }).text).toBe('Trending in Coffee');
    expect(describeReason(ranked.items[0]!.explanations[0]!, { ...ctx, locale: 'zh-CN' }).text).toBe(
      '在“咖啡”中正流行',
    );
  });

  test('explanations name the anchor product and what the customer did with it', () => {
    const b = bundle();
    const h = historyOfUser(b, b.userIndex.get(100)!, b.kinds);
    const ctx = { bundle: b, history: h, favouriteCategory: -1 };
    const because = { kind: 'because-you-interacted' as const, anchorItem: b.itemIndex.get(11)!, similarity: 0.8234 };
    expect(describeReason(because, { ...ctx, locale: 'en' })).toMatchObject({
      text: 'Because you bought Product 11 (similarity 0.82)',
      data: { action: 'purchase', anchor: { sku: 'P11' } },
    });
    expect(describeReason(because, { ...ctx, locale: 'zh-CN' }).text).toBe('因为您购买了 商品11（相似度 0.82）');
    const attrs = {
      kind: 'attributes' as const,
      anchorItem: b.itemIndex.get(10)!,
      similarity: 0.7,
      breakdown: [
        { attribute: 'category', weight: 3, similarity: 1 },
        { attribute: 'brand', weight: 2, similarity: 1 },
        { attribute: 'price', weight: 1, similarity: 0.4 },
      ],
    };
    expect(describeReason(attrs, { ...ctx, locale: 'en' }).text).toBe(
      'Same category and brand as Product 10 (similarity 0.70)',
    );
    // similar items of one product (product page): the reason speaks of that product, never of "your interests"
    const subject = { productId: 10, sku: 'P10', title: 'Product 10' };
    for (const e of [attrs, { ...attrs, anchorItem: -1 }]) {
      expect(describeReason(e, { ...ctx, locale: 'en', subject })).toMatchObject({
        kind: 'attributes',
        text: 'Similar to this product: category and brand (similarity 0.70)',
        data: { anchor: subject },
      });
      expect(describeReason(e, { ...ctx, locale: 'zh-CN', subject }).text).toBe(
        '与此商品相似：品类和品牌（相似度 0.70）',
      );
    }
    const textOnly = { ...attrs, breakdown: [{ attribute: 'category', weight: 3, similarity: 0.2 }] };
    expect(describeReason(textOnly, { ...ctx, locale: 'en', subject }).text).toBe(
      'Similar to this product (similarity 0.70)',
    );
    expect(describeReason({ kind: 'similar-users', neighbours: 12, support: 3.2 }, { ...ctx, locale: 'en' }).text).toBe(
      'Customers like you (12 neighbours) chose it',
    );
  });

  test('a bundle survives encoding to its file format', () => {
    const b = bundle();
    const buffers = sharedBuffers(
      { userIds: b.userIds, itemIds: b.itemIds } as never,
      {
        data: { nUsers: 0, nItems: 0, users: new Int32Array(0), items: new Int32Array(0), values: new Float32Array(0) },
        kinds: new Uint8Array(0),
      },
      {
        nItems: b.nItems,
        history: b.history,
        sequences: b.sequences,
        popularity: b.popularity,
        content: b.content,
        itemCategory: b.itemCategory,
      },
      b.cooc,
    );
    const comps = [{ buffers: { w: Float32Array.of(1, 2, 3) }, params: { lambda: 5 } }];
    const decoded = decodeBundle(
      encodeBundle({ ...b.meta, components: [{ kind: 'ease', weight: 1, params: {} }] }, buffers, comps),
    );
    expect(decoded.meta.components[0]).toMatchObject({ kind: 'ease', params: { lambda: 5 } });
    expect(Array.from(decoded.components[0]!.buffers.w!)).toEqual([1, 2, 3]);
    expect(Array.from(decoded.shared.itemIds)).toEqual(Array.from(b.itemIds));
    expect(Array.from(decoded.shared.coocColIdx)).toEqual(Array.from(b.cooc.colIdx));
  });

  test('an empty shop serves an empty list, not an error', () => {
    const empty = fallbackBundle(
      {
        customer: new Int32Array(0),
        product: new Int32Array(0),
        kind: new Uint8Array(0),
        ts: new Float64Array(0),
        watermark: { eventId: 0, lineId: 0, at: 0 },
      },
      { products: [], categories: [] },
      settings,
    );
    expect(rankForHistory(empty, emptyHistory(), false, { n: 5, mmrLambda: 0.8 }).items).toEqual([]);
  });

  test('stored settings that no longer validate fall back to defaults field by field', () => {
    const s = parseStoredSettings({
      halfLifeDays: 30,
      mmrLambda: 7,
      eventWeights: { view: 2, click: 2, cart: 5, purchase: 9 },
    });
    expect(s.halfLifeDays).toBe(30);
    expect(s.mmrLambda).toBe(DEFAULT_RECOMMEND_SETTINGS.mmrLambda);
    expect(s.eventWeights.purchase).toBe(9);
    expect(parseStoredSettings(null)).toEqual(DEFAULT_RECOMMEND_SETTINGS);
  });
});
