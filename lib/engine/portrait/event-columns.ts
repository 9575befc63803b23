import { countingSortByKey, type CustomerIndex, type GroupedOrders } from './customer-index';
import type { EventRecord } from './types';

/** Event type codes used in the columnar form; anything not listed is `other`. */
export const EVENT_TYPES = [
  'view',
  'search',
  'cart',
  'purchase',
  'click',
  'exposure',
  'open',
  'feedback',
  'other',
] as const;
export type EventTypeName = (typeof EVENT_TYPES)[number];
export const EVENT_TYPE_CODE: Record<EventTypeName, number> = Object.fromEntries(
  EVENT_TYPES.map((t, i) => [t, i]),
) as Record<EventTypeName, number>;
const OTHER = EVENT_TYPE_CODE.other;
const CODE_OF = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));

/**
 * Events grouped by customer (CSR layout, stable: input order kept inside a customer): customer k's events are rows
 * start[k]..start[k+1]-1. Categories are dense indices of the category tree (-1: none or unknown), brands and
 * queries are indices into `brands` / `queries` (-1: none), missing numbers are NaN.
 */
export type GroupedEvents = {
  nCustomers: number;
  start: Int32Array;
  type: Uint8Array;
  ts: Float64Array;
  category: Int32Array;
  brand: Int32Array;
  price: Float64Array;
  product: Float64Array;
  query: Int32Array;
  /** display names, first spelling seen of each case-insensitive brand */
  brands: string[];
  queries: string[];
};

/**
 * Converts event records to the grouped columnar form in two passes (O(events)). Brands are matched
 * case-insensitively after trimming; identical query strings share one index (so each is tokenised once).
 *
 * @example
 * const g = groupEvents(events, buildCustomerIndex([customerIds, events]), tree.indexOf);
 * // g.start[k]..g.start[k+1] are customer k's events
 */
export function groupEvents(
  events: readonly EventRecord[],
  index: CustomerIndex,
  categoryIndexOf: ReadonlyMap<number, number> = new Map(),
): GroupedEvents {
  const m = events.length;
  const keys = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const e = events[i]!;
    const k = index.indexOf.get(e.customerId);
    if (k === undefined) throw new RangeError(`groupEvents: event of unknown customer ${e.customerId}`);
    if (!Number.isFinite(e.ts)) throw new RangeError(`groupEvents: event ${i} has a non-finite ts`);
    keys[i] = k;
  }
  const { order, start } = countingSortByKey(keys, index.ids.length);
  // dest[i] = row of input event i; filling rows in input order reads the records sequentially
  const dest = new Int32Array(m);
  for (let j = 0; j < m; j++) dest[order[j]!] = j;
  const type = new Uint8Array(m);
  const ts = new Float64Array(m);
  const category = new Int32Array(m);
  const brand = new Int32Array(m);
  const price = new Float64Array(m);
  const product = new Float64Array(m);
  const query = new Int32Array(m);
  const brandIndex = new Map<string, number>();
  const rawBrandIndex = new Map<string, number>();
  const brands: string[] = [];
  const queryIndex = new Map<string, number>();
  const queries: string[] = [];
  for (let i = 0; i < m; i++) {
    const e = events[i]!;
    const j = dest[i]!;
    type[j] = CODE_OF.get(e.type) ?? OTHER;
    ts[j] = e.ts;
    category[j] = e.categoryId == null ? -1 : (categoryIndexOf.get(e.categoryId) ?? -1);
    price[j] = e.price == null || !Number.isFinite(e.price) ? NaN : e.price;
    product[j] = e.productId == null ? NaN : e.productId;
    if (e.brand) {
      let b = rawBrandIndex.get(e.brand);
      if (b === undefined) {
        const key = e.brand.trim().toLowerCase();
        b = key ? brandIndex.get(key) : -1;
        if (b === undefined) {
          b = brands.length;
          brandIndex.set(key, b);
          brands.push(e.brand.trim());
        }
        rawBrandIndex.set(e.brand, b);
      }
      brand[j] = b;
    } else brand[j] = -1;
    if (e.query) {
      let q = queryIndex.get(e.query);
      if (q === undefined) {
        q = queries.length;
        queryIndex.set(e.query, q);
        queries.push(e.query);
      }
      query[j] = q;
    } else query[j] = -1;
  }
  return { nCustomers: index.ids.length, start, type, ts, category, brand, price, product, query, brands, queries };
}

/**
 * First and last event time of every customer (NaN without events), only events at or before `asOf`.
 *
 * @example
 * const { firstSeen, lastSeen } = eventSpans(groupedEvents, asOf); // firstSeen[k] = earliest ts of customer k
 */
export function eventSpans(g: GroupedEvents, asOf = Infinity): { firstSeen: Float64Array; lastSeen: Float64Array } {
  const firstSeen = new Float64Array(g.nCustomers).fill(NaN);
  const lastSeen = new Float64Array(g.nCustomers).fill(NaN);
  for (let k = 0; k < g.nCustomers; k++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = g.start[k]!; j < g.start[k + 1]!; j++) {
      const t = g.ts[j]!;
      if (t > asOf) continue;
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
    if (hi > -Infinity) {
      firstSeen[k] = lo;
      lastSeen[k] = hi;
    }
  }
  return { firstSeen, lastSeen };
}

/**
 * First and last activity of each customer at any time: the earliest and latest of their orders and events
 * (NaN when they have neither).
 *
 * @example
 * activitySpans(orders, events).lastSeen[k]; // epoch ms of customer k's latest order or event
 */
export function activitySpans(
  orders: GroupedOrders,
  events: GroupedEvents,
): { firstSeen: Float64Array; lastSeen: Float64Array } {
  const { firstSeen, lastSeen } = eventSpans(events);
  for (let k = 0; k < orders.nCustomers; k++) {
    for (let j = orders.start[k]!; j < orders.start[k + 1]!; j++) {
      const t = orders.placedAt[j]!;
      if (!Number.isFinite(t)) continue;
      if (!(firstSeen[k]! <= t)) firstSeen[k] = t;
      if (!(lastSeen[k]! >= t)) lastSeen[k] = t;
    }
  }
  return { firstSeen, lastSeen };
}
