/**
 * From database rows to the engine's shapes (pure): id maps (customer id ↔ user index, product id ↔ item index),
 * `Interactions` whose values are the event weight of each row, time decay, per-user histories and sequences, and
 * the content attributes of each product.
 */
import { buildCsr } from '@/lib/engine/recommend/csr';
import type { ItemAttributes } from '@/lib/engine/recommend/content';
import type { Csr, Interactions } from '@/lib/engine/recommend/types';
import type { CatalogueProduct } from '@/lib/db/recommend/catalogue';
import type { InteractionSource, Watermark } from '@/lib/db/recommend/source';
import type { RecommendSettings } from './settings-schema';

export const KIND_NAMES = ['view', 'click', 'cart', 'purchase'] as const;
export type KindName = (typeof KIND_NAMES)[number];
export const PURCHASE = 3;
const DAY_MS = 86_400_000;

export type ShopData = {
  /** values = the event weight of each row (no decay), timestamps in epoch ms */
  interactions: Interactions;
  /** interaction kind per row (0 view, 1 click, 2 cart, 3 purchase) */
  kinds: Uint8Array;
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
export function buildShopData(source: InteractionSource, products: readonly CatalogueProduct[], settings: Pick<RecommendSettings, 'eventWeights'>): ShopData {
  const itemIds = Int32Array.from(products, (p) => p.id);
  const itemIndex = new Map<number, number>();
  itemIds.forEach((id, i) => itemIndex.set(id, i));
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
  userIds.forEach((id, u) => userIndex.set(id, u));
  let m = 0;
  for (let k = 0; k < n; k++) m += keep[k]!;
  // time order (stable), so sequences and temporal splits read naturally
  const order = Int32Array.from({ length: n }, (_, k) => k).filter((k) => keep[k] === 1);
  order.sort((a, b) => source.ts[a]! - source.ts[b]! || a - b);
  const users = new Int32Array(m), items = new Int32Array(m), values = new Float32Array(m), timestamps = new Float64Array(m), kinds = new Uint8Array(m);
  order.forEach((k, t) => {
    users[t] = userIndex.get(source.customer[k]!)!;
    items[t] = itemIndex.get(source.product[k]!)!;
    kinds[t] = source.kind[k]!;
    values[t] = eventWeightOf(settings, source.kind[k]!);
    timestamps[t] = source.ts[k]!;
  });
  return { interactions: { nUsers: userIds.length, nItems: itemIds.length, users, items, values, timestamps }, kinds, userIds, itemIds, products: [...products], watermark: source.watermark };
}

/** 2^(−age/halfLife) for an interaction at `ts` seen from `reference` (1 at or after the reference; no decay when halfLifeDays ≤ 0). */
export function decayFactor(ts: number, reference: number, halfLifeDays: number): number {
  if (!(halfLifeDays > 0) || ts >= reference) return 1;
  return Math.pow(2, -(reference - ts) / (halfLifeDays * DAY_MS));
}

/** The latest timestamp of some interactions (−∞ when empty). */
export function latestTime(data: Interactions): number {
  let t = -Infinity;
  const ts = data.timestamps;
  if (ts) for (let k = 0; k < ts.length; k++) if (ts[k]! > t) t = ts[k]!;
  return t;
}

/**
 * The interactions with values = event weight × time decay relative to their latest timestamp — the input every
 * model is fitted on.
 */
export function decayed(data: Interactions, halfLifeDays: number, reference = latestTime(data)): Interactions {
  const values = Float32Array.from(data.values, (v, k) => v * decayFactor(data.timestamps?.[k] ?? reference, reference, halfLifeDays));
  return { ...data, values };
}

/** Per-user histories: user × item sums of the (decayed) values. */
export function historyCsr(data: Interactions): Csr {
  return buildCsr(data, { aggregate: 'sum' });
}

/** Each user's strongest interaction kind per item (user × item, values = kind code), for "because you bought X". */
export function kindCsr(data: Interactions, kinds: Uint8Array): Csr {
  return buildCsr({ ...data, values: Float32Array.from(kinds) }, { aggregate: 'max' });
}

export type Sequences = { ptr: Int32Array; items: Int32Array };

/** Each user's last `max` distinct-in-a-row items, oldest first (interactions must be in time order). */
export function lastSequences(data: Interactions, max = 30): Sequences {
  const per: number[][] = Array.from({ length: data.nUsers }, () => []);
  for (let k = 0; k < data.users.length; k++) {
    const seq = per[data.users[k]!]!;
    const item = data.items[k]!;
    if (seq[seq.length - 1] === item) continue;
    seq.push(item);
    if (seq.length > 2 * max) seq.splice(0, seq.length - max);
  }
  const ptr = new Int32Array(data.nUsers + 1);
  const flat: number[] = [];
  per.forEach((seq, u) => {
    for (const i of seq.slice(-max)) flat.push(i);
    ptr[u + 1] = flat.length;
  });
  return { ptr, items: Int32Array.from(flat) };
}

/** Content attributes of a product: category path, brand, price, colour/size/material and its text in both languages. */
export function itemAttributes(p: CatalogueProduct): ItemAttributes {
  const text = [p.title, p.titleZh, p.description].filter((s): s is string => !!s && s.trim().length > 0).join(' \n');
  return {
    ...(p.categoryPath ? { categoryPath: p.categoryPath.split(' > ') } : {}),
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
