import { describe, expect, test } from 'vitest';
import { fitUserKnn } from '@/lib/engine/recommend/user-knn';
import { searchParams } from '@/lib/engine/recommend/tune';
import type { CatalogueCategory, CatalogueProduct } from '@/lib/db/recommend/catalogue';
import type { InteractionSource } from '@/lib/db/recommend/source';
import { decodeBundle, encodeBundle } from './artifact';
import { buildShopData, decayFactor, lastSequences } from './data';
import { describe as describeReason } from './explain';
import { historyFromRows } from './history';
import { solveSpd } from './models/factors';
import { searchParamsAsync } from './models/tuning';
import { historyOfUser } from './models/types';
import { userKnnModel } from './models/user-knn';
import { expandCategories } from './serving/bundle';
import { emptyHistory, rankForHistory } from './serving/core';
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
  id, sku: `P${id}`, title: `Product ${id}`, titleZh: `商品${id}`, description: null, categoryId, categoryPath: categoryId === 2 ? 'Shop > Shoes' : 'Shop > Coffee',
  brand: categoryId === 2 ? 'Stride' : 'Roast', price: 10 * id, color: null, size: null, material: null, stock: 5, active: true, imageUrl: null, updatedAt: 0, ...extra,
});
// products 10..15 shoes (15 sold out), 20..21 coffee
const products = [10, 11, 12, 13, 14, 15].map((id) => product(id, 2, id === 15 ? { stock: 0 } : {})).concat([20, 21].map((id) => product(id, 3)));

/** customers 100..105 view pairs of shoes (10,11), (11,12) …; 106 buys coffee 20 twice; event of an unknown product 99 */
function source(): InteractionSource {
  const rows: [number, number, number, number][] = [];
  for (let c = 0; c < 5; c++) {
    rows.push([100 + c, 10 + c, 0, T0 + c * DAY], [100 + c, 11 + c, 3, T0 + c * DAY + 1000]);
  }
  rows.push([106, 20, 3, T0], [106, 20, 3, T0 + 5 * DAY], [106, 10, 0, T0 + 6 * DAY], [107, 99, 0, T0], [108, 11, 1, T0]);
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

  test('decay halves the weight per half-life and never grows it', () => {
    expect(decayFactor(T0 - 30 * DAY, T0, 30)).toBeCloseTo(0.5, 10);
    expect(decayFactor(T0 - 60 * DAY, T0, 30)).toBeCloseTo(0.25, 10);
    expect(decayFactor(T0 + DAY, T0, 30)).toBe(1);
    expect(decayFactor(T0 - 999 * DAY, T0, 0)).toBe(1);
  });

  test('sequences collapse immediate repeats and keep the latest items, oldest first', () => {
    const data = { nUsers: 2, nItems: 5, users: Int32Array.of(0, 0, 0, 0, 1), items: Int32Array.of(1, 1, 2, 3, 4), values: new Float32Array(5).fill(1) };
    const s = lastSequences(data, 2);
    expect(Array.from(s.items.subarray(s.ptr[0]!, s.ptr[1]!))).toEqual([2, 3]);
    expect(Array.from(s.items.subarray(s.ptr[1]!, s.ptr[2]!))).toEqual([4]);
  });

  test('request-time rows aggregate per item with the strongest kind', () => {
    const bundle = fallbackBundle(source(), { products, categories }, DEFAULT_RECOMMEND_SETTINGS);
    const h = historyFromRows(bundle, [{ productId: 11, kind: 0, ts: T0 + 9 * DAY }, { productId: 11, kind: 3, ts: T0 + 8 * DAY }, { productId: 10, kind: 0, ts: T0 + 7 * DAY }, { productId: 999, kind: 0, ts: T0 }], -1);
    expect(Array.from(h.items)).toEqual([0, 1]);
    expect(Array.from(h.kinds)).toEqual([0, 3]);
    expect(h.values[1]).toBeGreaterThan(8);
    expect(Array.from(h.sequence)).toEqual([0, 1]);
  });
});

describe('models', () => {
  test('sparse user-kNN scores training users exactly like the engine\'s implicit user-kNN', () => {
    const data = { nUsers: 4, nItems: 5, users: Int32Array.of(0, 0, 1, 1, 1, 2, 2, 3, 3), items: Int32Array.of(0, 1, 0, 1, 2, 1, 3, 3, 4), values: new Float32Array(9).fill(1) };
    const engine = fitUserKnn(data, { mode: 'implicit', k: 2, similarity: 'cosine-full' });
    const history = { nRows: 4, nCols: 5, rowPtr: Int32Array.of(0, 2, 5, 7, 9), colIdx: data.items, values: data.values };
    const ours = userKnnModel(history, 2);
    const a = new Float32Array(5), b = new Float32Array(5);
    for (let u = 0; u < 4; u++) {
      engine.scoreUser(u, a);
      ours.score(historyOfUser({ history, sequences: { ptr: new Int32Array(5), items: new Int32Array(0) } }, u), b);
      for (let i = 0; i < 5; i++) expect(b[i]).toBeCloseTo(a[i]!, 5);
    }
  });

  test('Cholesky solve of a symmetric positive-definite system', () => {
    // A = [[4,2,0],[2,5,1],[0,1,3]], x = [1,-1,2] → b = [2,-1,5]
    const x = solveSpd(Float64Array.of(4, 2, 0, 2, 5, 1, 0, 1, 3), Float64Array.of(2, -1, 5), 3);
    expect(Array.from(x).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([1, -1, 2]);
  });

  test('the asynchronous parameter search finds what the engine\'s synchronous search finds', async () => {
    const grid = { k: [10, 50, 100, 200], shrink: [0, 10, 100] };
    const f = (p: { k: number; shrink: number }) => -((Math.log(p.k) - 4) ** 2) - ((p.shrink - 10) / 50) ** 2;
    const sync = searchParams(grid, (p) => f(p as { k: number; shrink: number }), { start: { k: 10, shrink: 0 } });
    const async = await searchParamsAsync(grid, async (p: { k: number; shrink: number }) => f(p), { k: 10, shrink: 0 });
    expect(async.best).toEqual(sync.best);
    expect(async.score).toBe(sync.score);
    expect(async.trials).toBe(sync.trials.length);
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
    for (const r of ranked.items) expect(r.explanations.length).toBeGreaterThan(0);
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
    expect(describeReason(ranked.items[0]!.explanations[0]!, { ...ctx, locale: 'zh-CN' }).text).toBe('在“咖啡”中正流行');
  });

  test('explanations name the anchor product and what the customer did with it', () => {
    const b = bundle();
    const h = historyOfUser(b, b.userIndex.get(100)!, b.kinds);
    const ctx = { bundle: b, history: h, favouriteCategory: -1 };
    const because = { kind: 'because-you-interacted' as const, anchorItem: b.itemIndex.get(11)!, similarity: 0.8234 };
    expect(describeReason(because, { ...ctx, locale: 'en' })).toMatchObject({ text: 'Because you bought Product 11 (similarity 0.82)', data: { action: 'purchase', anchor: { sku: 'P11' } } });
    expect(describeReason(because, { ...ctx, locale: 'zh-CN' }).text).toBe('因为您购买了 商品11（相似度 0.82）');
    const attrs = { kind: 'attributes' as const, anchorItem: b.itemIndex.get(10)!, similarity: 0.7, breakdown: [{ attribute: 'category', weight: 3, similarity: 1 }, { attribute: 'brand', weight: 2, similarity: 1 }, { attribute: 'price', weight: 1, similarity: 0.4 }] };
    expect(describeReason(attrs, { ...ctx, locale: 'en' }).text).toBe('Same category and brand as Product 10 (similarity 0.70)');
    expect(describeReason({ kind: 'similar-users', neighbours: 12, support: 3.2 }, { ...ctx, locale: 'en' }).text).toBe('Customers like you (12 neighbours) chose it');
  });

  test('a bundle survives encoding to its file format', () => {
    const b = bundle();
    const buffers = sharedBuffers({ userIds: b.userIds, itemIds: b.itemIds } as never, { data: { nUsers: 0, nItems: 0, users: new Int32Array(0), items: new Int32Array(0), values: new Float32Array(0) }, kinds: new Uint8Array(0) }, { nItems: b.nItems, history: b.history, sequences: b.sequences, popularity: b.popularity, content: b.content, itemCategory: b.itemCategory }, b.cooc);
    const comps = [{ buffers: { w: Float32Array.of(1, 2, 3) }, params: { lambda: 5 } }];
    const decoded = decodeBundle(encodeBundle({ ...b.meta, components: [{ kind: 'ease', weight: 1, params: {} }] }, buffers, comps));
    expect(decoded.meta.components[0]).toMatchObject({ kind: 'ease', params: { lambda: 5 } });
    expect(Array.from(decoded.components[0]!.buffers.w!)).toEqual([1, 2, 3]);
    expect(Array.from(decoded.shared.itemIds)).toEqual(Array.from(b.itemIds));
    expect(Array.from(decoded.shared.coocColIdx)).toEqual(Array.from(b.cooc.colIdx));
  });

  test('an empty shop serves an empty list, not an error', () => {
    const empty = fallbackBundle({ customer: new Int32Array(0), product: new Int32Array(0), kind: new Uint8Array(0), ts: new Float64Array(0), watermark: { eventId: 0, lineId: 0, at: 0 } }, { products: [], categories: [] }, settings);
    expect(rankForHistory(empty, emptyHistory(), false, { n: 5, mmrLambda: 0.8 }).items).toEqual([]);
  });

  test('stored settings that no longer validate fall back to defaults field by field', () => {
    const s = parseStoredSettings({ halfLifeDays: 30, mmrLambda: 7, eventWeights: { view: 2, click: 2, cart: 5, purchase: 9 } });
    expect(s.halfLifeDays).toBe(30);
    expect(s.mmrLambda).toBe(DEFAULT_RECOMMEND_SETTINGS.mmrLambda);
    expect(s.eventWeights.purchase).toBe(9);
    expect(parseStoredSettings(null)).toEqual(DEFAULT_RECOMMEND_SETTINGS);
  });
});
