/**
 * A loaded model version ready to serve: the decoded artifact joined with the current catalogue (display fields,
 * availability, categories) and settings. Immutable except for what the serving process refreshes in place —
 * popularity counters, the availability mask, the set of customers with newer events, and settings.
 */
import { fitContent } from '@/lib/engine/recommendation/content';
import type { Csr } from '@/lib/engine/recommendation/types';
import type { CatalogueCategory, CatalogueProduct } from '@/lib/db/recommendations/catalogue';
import type { Watermark } from '@/lib/db/recommendations/source';
import type { DecodedBundle, BundleMeta } from '../artifact';
import { isAvailable, itemAttributes } from '../data';
import type { Sequences } from '@/lib/engine/recommendation/histories';
import { createPopularity } from '@/lib/engine/recommendation/models/popularity';
import { FAMILIES } from '@/lib/engine/recommendation/models/registry';
import type { ModelKind, SharedParts } from '@/lib/engine/recommendation/models/types';
import type { RecommendSettings } from '../settings-schema';
import { memoSimilarity, type ServingCore } from '@/lib/engine/recommendation/serving-core';

export type Bundle = ServingCore & {
  runId: number | null;
  model: ModelKind | 'fallback';
  version: number;
  meta: BundleMeta;
  userIds: Int32Array;
  itemIds: Int32Array;
  /** customer id → training user index */
  userIndex: Map<number, number>;
  /** product id → item index */
  itemIndex: Map<number, number>;
  /** by item index (current display fields and availability) */
  products: CatalogueProduct[];
  categories: Map<number, CatalogueCategory>;
  history: Csr;
  kinds: Csr;
  sequences: Sequences;
  /** "bought together" item → item cosine neighbours, for similar items */
  cooc: Csr;
  precomputed: { n: number; items: Int32Array; scores: Float32Array } | null;
  settings: RecommendSettings;
  repurchasable: Set<number>;
  /** `version` counts changes of availability or content weights (keys caches of customer-independent answers) */
  live: {
    watermark: Watermark;
    /** customers with product interactions newer than the model (served from the database at request time) */
    changed: Set<number>;
    /**
     * customers with new behaviour → the `round` in which it was last seen: by the poll (product interactions) or by
     * this process's events API (any event). A cached answer computed before that round is stale.
     */
    touched: Map<number, number>;
    round: number;
    productsCheckedAt: number;
    /**
     * orders updated after this are looked at next (status changes do not move the line watermark): the model's read
     * time, later 2 s before the last look (a write committed just before it), never earlier than the model's read
     */
    ordersSince: number;
    settingsCheckedAt: number;
    version: number;
  };
};

const placeholder = (id: number): CatalogueProduct => ({
  id,
  sku: `#${id}`,
  title: `#${id}`,
  titleZh: null,
  description: null,
  categoryId: -1,
  categoryPath: null,
  brand: null,
  price: 0,
  color: null,
  size: null,
  material: null,
  stock: null,
  active: false,
  imageUrl: null,
  updatedAt: 0,
  otherCategories: [],
});

/** Category ids under each of `ids` (the categories themselves and every descendant, by path). */
export function expandCategories(categories: Iterable<CatalogueCategory>, ids: Iterable<number>): Set<number> {
  const all = [...categories];
  const byId = new Map(all.map((c) => [c.id, c]));
  const out = new Set<number>();
  for (const id of ids) {
    const root = byId.get(id);
    if (!root) continue;
    for (const c of all) if (c.path === root.path || c.path.startsWith(`${root.path} > `)) out.add(c.id);
  }
  return out;
}

/**
 * Joins a decoded version with the catalogue. The bundle's content model (similar items, cold-start profiles, MMR)
 * uses the settings' attribute weights, which admins edit; a content component keeps the weights it was fitted with.
 */
export function buildBundle(
  decoded: DecodedBundle,
  catalogue: { products: CatalogueProduct[]; categories: CatalogueCategory[] },
  settings: RecommendSettings,
): Bundle {
  const { meta, shared: b } = decoded;
  const byId = new Map(catalogue.products.map((p) => [p.id, p]));
  const products = Array.from(b.itemIds, (id) => byId.get(id) ?? placeholder(id));
  const nItems = products.length;
  const itemCategory = Int32Array.from(products, (p) => p.categoryId);
  const itemOtherCategories = new Map(
    products.flatMap((p, i) => (p.otherCategories.length ? [[i, p.otherCategories.map((c) => c.id)] as const] : [])),
  );
  const unavailable = Uint8Array.from(products, (p) => (isAvailable(p) ? 0 : 1));
  const content = fitContent(products.map(itemAttributes), { weights: settings.contentWeights });
  const history: Csr = {
    nRows: b.historyRowPtr.length - 1,
    nCols: nItems,
    rowPtr: b.historyRowPtr,
    colIdx: b.historyColIdx,
    values: b.historyValues,
  };
  const kinds: Csr = { ...history, values: b.historyKinds };
  const sequences = { ptr: b.seqPtr, items: b.seqItems };
  const popularity = createPopularity(
    Float64Array.from(b.popTrend),
    Float64Array.from(b.popPurchases),
    meta.settings.trendingHalfLifeDays,
    meta.tRef,
    Date.now,
  );
  const shared: SharedParts = { nItems, history, sequences, popularity, content, itemCategory };
  const components = meta.components.map((c, m) => ({
    model: FAMILIES[c.kind].load(decoded.components[m]!, shared),
    weight: c.weight,
  }));
  const userIndex = new Map<number, number>();
  b.userIds.forEach((id, u) => {
    userIndex.set(id, u);
  });
  const itemIndex = new Map<number, number>();
  b.itemIds.forEach((id, i) => {
    itemIndex.set(id, i);
  });
  const categories = new Map(catalogue.categories.map((c) => [c.id, c]));
  return {
    nItems,
    components,
    popularity,
    content,
    similarity: memoSimilarity(content, nItems),
    itemCategory,
    itemOtherCategories,
    unavailable,
    repurchasable: expandCategories(catalogue.categories, settings.repurchasableCategoryIds),
    runId: meta.run.id > 0 ? meta.run.id : null,
    model: meta.run.id > 0 ? meta.run.model : 'fallback',
    version: meta.run.version,
    meta,
    userIds: b.userIds,
    itemIds: b.itemIds,
    userIndex,
    itemIndex,
    products,
    categories,
    history,
    kinds,
    sequences,
    cooc: {
      nRows: b.coocRowPtr.length - 1,
      nCols: nItems,
      rowPtr: b.coocRowPtr,
      colIdx: b.coocColIdx,
      values: b.coocValues,
    },
    precomputed: meta.precomputedN > 0 ? { n: meta.precomputedN, items: b.preItems, scores: b.preScores } : null,
    settings,
    live: {
      watermark: { ...meta.watermark },
      changed: new Set(),
      touched: new Map(),
      round: 0,
      productsCheckedAt: Date.now(),
      ordersSince: meta.watermark.at || Date.now(),
      settingsCheckedAt: Date.now(),
      version: 0,
    },
  };
}

/**
 * Applies changed products (title, price, stock, active) to the bundle; returns how many items changed availability.
 * Any change to a product the bundle holds moves `live.version`: cached answers show titles and prices too.
 */
export function applyProductChanges(bundle: Bundle, changed: readonly CatalogueProduct[]): number {
  let n = 0;
  let touched = false;
  for (const p of changed) {
    const i = bundle.itemIndex.get(p.id);
    if (i === undefined) continue;
    touched = true;
    bundle.products[i] = p;
    bundle.itemCategory[i] = p.categoryId;
    const blocked = isAvailable(p) ? 0 : 1;
    if (bundle.unavailable[i] !== blocked) {
      bundle.unavailable[i] = blocked;
      n++;
    }
  }
  if (touched) bundle.live.version++;
  return n;
}
