/**
 * From database rows to the engine's shapes (pure): id maps (customer id ↔ user index, product id ↔ item index),
 * `Interactions` whose values are the event weight of each row, and the content attributes of each product. Decay,
 * histories and sequences are the engine's (lib/engine/recommendation/histories.ts).
 */
import type { ItemAttributes } from '@/lib/engine/recommendation/content';
import { KIND_NAMES } from '@/lib/engine/recommendation/histories';
import type { KindedInteractions } from '@/lib/engine/recommendation/models/training-parts';
import type { CatalogueProduct } from '@/lib/db/recommendations/catalogue';
import type { InteractionSource, Watermark } from '@/lib/db/recommendations/source';
import type { RecommendSettings } from './settings-schema';

/** The shop's interactions (values = the event weight of each row, no decay; timestamps in epoch ms) and id maps. */
export type ShopData = KindedInteractions & {
  /** user index → customer id (customers with at least one interaction, ascending) */
  userIds: Int32Array;
  /** item index → product id (every product, ascending) */
  itemIds: Int32Array;
  products: CatalogueProduct[];
  watermark: Watermark;
};

export function eventWeightOf(settings: Pick<RecommendSettings, 'eventWeights'>, kind: number): number {
  return settings.eventWeights[KIND_NAMES[kind] ?? 'view'];
}

/**
 * Maps a snapshot to dense indices. Products are the whole catalogue (so inactive or sold-out items keep their
 * history; serving masks them); interactions with unknown products or a zero event weight are dropped.
 *
 * @example
 * buildShopData(source, products, settings).interactions.nItems === products.length;
 */
export function buildShopData(
  source: InteractionSource,
  products: readonly CatalogueProduct[],
  settings: Pick<RecommendSettings, 'eventWeights'>,
): ShopData {
  const itemIds = Int32Array.from(products, (p) => p.id);
  const itemIndex = new Map<number, number>();
  itemIds.forEach((id, i) => {
    itemIndex.set(id, i);
  });
  const n = source.customer.length;
  const keep = new Uint8Array(n);
  const customers = new Set<number>();
  for (let k = 0; k < n; k++) {
    if (!itemIndex.has(source.product[k]!) || !(eventWeightOf(settings, source.kind[k]!) > 0)) continue;
    keep[k] = 1;
    customers.add(source.customer[k]!);
  }
  const userIds = Int32Array.from(customers).sort();
  const userIndex = new Map<number, number>();
  userIds.forEach((id, u) => {
    userIndex.set(id, u);
  });
  let m = 0;
  for (let k = 0; k < n; k++) m += keep[k]!;
  // time order (stable), so sequences and temporal splits read naturally
  const order = Int32Array.from({ length: n }, (_, k) => k).filter((k) => keep[k] === 1);
  order.sort((a, b) => source.ts[a]! - source.ts[b]! || a - b);
  const users = new Int32Array(m),
    items = new Int32Array(m),
    values = new Float32Array(m),
    timestamps = new Float64Array(m),
    kinds = new Uint8Array(m);
  order.forEach((k, t) => {
    users[t] = userIndex.get(source.customer[k]!)!;
    items[t] = itemIndex.get(source.product[k]!)!;
    kinds[t] = source.kind[k]!;
    values[t] = eventWeightOf(settings, source.kind[k]!);
    timestamps[t] = source.ts[k]!;
  });
  return {
    interactions: { nUsers: userIds.length, nItems: itemIds.length, users, items, values, timestamps },
    kinds,
    userIds,
    itemIds,
    products: [...products],
    watermark: source.watermark,
  };
}

/** Content attributes of a product: category path, brand, price, colour/size/material and its text in both languages. */
export function itemAttributes(p: CatalogueProduct): ItemAttributes {
  const text = [p.title, p.titleZh, p.description].filter((s): s is string => !!s && s.trim().length > 0).join(' \n');
  return {
    ...(p.categoryPath ? { categoryPath: p.categoryPath.split(' > ') } : {}),
    ...(p.otherCategories.length ? { otherCategoryPaths: p.otherCategories.map((c) => c.path.split(' > ')) } : {}),
    ...(p.brand ? { brand: p.brand } : {}),
    ...(p.price > 0 ? { price: p.price } : {}),
    ...(p.color ? { colour: p.color } : {}),
    ...(p.size ? { size: p.size } : {}),
    ...(p.material ? { material: p.material } : {}),
    ...(text ? { text } : {}),
  };
}

/** Whether a product can be recommended now: active and not sold out (unknown stock counts as available). */
export function isAvailable(p: Pick<CatalogueProduct, 'active' | 'stock'>): boolean {
  return p.active && (p.stock === null || p.stock > 0);
}
