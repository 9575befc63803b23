import { FUTURE_TOLERANCE_MS } from '../../import/dates';
import { buildCategoryTree } from './category-tree';
import { countingSortByKey, sortSegmentByTime, type CustomerIndex, type GroupedOrders } from './customer-index';
import { EVENT_TYPE_CODE, type GroupedEvents } from './event-columns';
import type { PortraitGroups } from './pipeline';

/**
 * Everything the portrait engine reads, as flat typed columns (unsorted; rows in table order). Times are epoch ms,
 * money in the base currency. Orders are completed ones only (the caller leaves out the others). An event's brand
 * is its product's brand, so it is not a column here: join through `product` → `products`.
 */
export type PortraitColumns = {
  /** every customer considered, ascending */
  customerIds: Int32Array;
  orders: { customer: Int32Array; placedAt: Float64Array; total: Float64Array };
  events: {
    customer: Int32Array;
    /** code into `eventTypes` */
    type: Int32Array;
    ts: Float64Array;
    /** product id or -1 */
    product: Int32Array;
    /** category id or -1 */
    category: Int32Array;
    /** unit price or NaN */
    price: Float64Array;
    /** code into `queries`, or -1 */
    query: Int32Array;
  };
  eventTypes: string[];
  queries: string[];
  products: { id: Int32Array; category: Int32Array; brand: (string | null)[]; price: Float64Array };
  categories: { id: number; path: string[]; name: string; nameZh: string | null }[];
};

/**
 * Columns in the engine's grouped (CSR) form, built straight from typed columns (no per-event objects).
 *
 * Price bands: the engine derives them from the latest price of each product seen in the events. To make them the
 * same in a full recompute and in the incremental refresh of a few customers, one extra "price reference" customer
 * (id PRICE_REFERENCE_ID, dense index 0, so its events are read first) holds one view of every priced catalogue
 * product, dated after every real event: the latest price of every product is then its catalogue price (and its
 * catalogue category, with no fallback to what some customer's event said), so the bands are the terciles of the
 * catalogue within each category. Those views fall after `asOf`, so they carry no interest, are not in anyone's
 * spans, and the reference customer has no orders: it is skipped when results are written.
 */
export const PRICE_REFERENCE_ID = -1;

export type GroupedShop = PortraitGroups & {
  /** real customers: dense indices 1..n (the price reference is 0, so `firstCustomer` is 1) */
  n: number;
  /** latest order or real event time up to now + 24 h (NaN without data): the RFM reference date */
  dataEnd: number;
};

/**
 * id → dense index lookups for non-negative integer ids: a typed array when the ids are reasonably dense (the usual
 * autoincrement case, about 20× faster than a Map over millions of rows), else a Map.
 */
function lookup(ids: ArrayLike<number>): (id: number) => number {
  let max = -1;
  for (let i = 0; i < ids.length; i++) if (ids[i]! > max) max = ids[i]!;
  if (max >= 0 && max <= Math.max(1 << 16, 8 * ids.length)) {
    const table = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < ids.length; i++) if (ids[i]! >= 0) table[ids[i]!] = i;
    return (id) => (id >= 0 && id <= max ? table[id]! : -1);
  }
  const map = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) map.set(ids[i]!, i);
  return (id) => map.get(id) ?? -1;
}

/**
 * Groups a shop's columns by customer, with the price reference customer at dense index 0 whose views are dated just
 * after `now` and after every real event. Rows of unknown customers and non-finite times or totals are dropped.
 *
 * @example
 * const shop = groupPortraitColumns(columns, { now: Date.now() });
 * computePortraits(shop, { asOf }); // portraits of the shop's customers, the price reference left out
 */
export function groupPortraitColumns(src: PortraitColumns, options: { now: number }): GroupedShop {
  const n = src.customerIds.length;
  const ids = [PRICE_REFERENCE_ID, ...src.customerIds];
  const indexOf = new Map<number, number>();
  ids.forEach((id, k) => {
    indexOf.set(id, k);
  });
  const index: CustomerIndex = { ids, indexOf };
  const rowOf = lookup(src.customerIds);
  /** dense index of a customer id (-1 when unknown): the source row + 1 */
  const customerAt = (id: number) => {
    const j = rowOf(id);
    return j < 0 ? -1 : j + 1;
  };
  const tree = buildCategoryTree(
    src.categories.map((c) => ({ id: c.id, path: c.path, name: c.name, nameZh: c.nameZh })),
  );
  // the reference date: the newest order or event, ignoring any dated beyond now + 24 h (not data yet)
  const horizon = options.now + FUTURE_TOLERANCE_MS;
  let dataEnd = -Infinity;
  /** the newest time of all, outliers included: the price reference's views must come after every event */
  let latestAny = -Infinity;

  // orders
  const o = src.orders;
  const oKeys = new Int32Array(o.customer.length);
  let oKept = 0;
  const oRows = new Int32Array(o.customer.length);
  for (let i = 0; i < o.customer.length; i++) {
    const k = customerAt(o.customer[i]!);
    if (k < 0 || !Number.isFinite(o.placedAt[i]!) || !Number.isFinite(o.total[i]!)) continue;
    oKeys[oKept] = k;
    oRows[oKept++] = i;
    const at = o.placedAt[i]!;
    if (at > latestAny) latestAny = at;
    if (at > dataEnd && at <= horizon) dataEnd = at;
  }
  const oSort = countingSortByKey(oKeys.subarray(0, oKept), ids.length);
  const placedAt = new Float64Array(oKept);
  const total = new Float64Array(oKept);
  for (let j = 0; j < oKept; j++) {
    const r = oRows[oSort.order[j]!]!;
    placedAt[j] = o.placedAt[r]!;
    total[j] = o.total[r]!;
  }
  for (let k = 0; k < ids.length; k++) sortSegmentByTime(placedAt, total, oSort.start[k]!, oSort.start[k + 1]!);
  const orders: GroupedOrders = { nCustomers: ids.length, start: oSort.start, placedAt, total };

  // products: brand index (case-insensitive, first spelling kept), category, price
  const brands: string[] = [];
  const brandKey = new Map<string, number>();
  const productAt = lookup(src.products.id);
  const productBrand = new Int32Array(src.products.id.length).fill(-1);
  for (let p = 0; p < src.products.id.length; p++) {
    const name = src.products.brand[p]?.trim();
    if (!name) continue;
    const key = name.toLowerCase();
    let b = brandKey.get(key);
    if (b === undefined) {
      b = brands.length;
      brandKey.set(key, b);
      brands.push(name);
    }
    productBrand[p] = b;
  }
  const categoryAt = lookup(tree.nodes.map((c) => c.id));
  const productCategory = Int32Array.from(src.products.category, (c) => (c >= 0 ? categoryAt(c) : -1));
  const categoryOfProduct = (p: number) => productCategory[p]!;

  // events (+ the price reference's views)
  const e = src.events;
  const typeCode = src.eventTypes.map((t) => (EVENT_TYPE_CODE as Record<string, number>)[t] ?? EVENT_TYPE_CODE.other);
  const m = e.customer.length;
  const eKeys = new Int32Array(m);
  const eRows = new Int32Array(m);
  let eKept = 0;
  for (let i = 0; i < m; i++) {
    const k = customerAt(e.customer[i]!);
    const t = e.ts[i]!;
    if (k < 0 || !Number.isFinite(t)) continue;
    eKeys[eKept] = k;
    eRows[eKept++] = i;
    if (t > latestAny) latestAny = t;
    if (t > dataEnd && t <= horizon) dataEnd = t;
  }
  const priced: number[] = [];
  for (let p = 0; p < src.products.id.length; p++) if (src.products.price[p]! > 0) priced.push(p);
  const refTs = Math.max(Number.isFinite(latestAny) ? latestAny : 0, options.now) + 1;
  const total2 = eKept + priced.length;
  const keys = new Int32Array(total2);
  keys.set(eKeys.subarray(0, eKept));
  keys.fill(0, eKept);
  const { order, start } = countingSortByKey(keys, ids.length);
  const type = new Uint8Array(total2);
  const ts = new Float64Array(total2);
  const category = new Int32Array(total2);
  const brand = new Int32Array(total2);
  const price = new Float64Array(total2);
  const product = new Float64Array(total2);
  const query = new Int32Array(total2);
  const view = EVENT_TYPE_CODE.view;
  for (let j = 0; j < total2; j++) {
    const s = order[j]!;
    if (s >= eKept) {
      const p = priced[s - eKept]!;
      type[j] = view;
      ts[j] = refTs;
      category[j] = categoryOfProduct(p);
      brand[j] = -1;
      price[j] = src.products.price[p]!;
      product[j] = src.products.id[p]!;
      query[j] = -1;
      continue;
    }
    const r = eRows[s]!;
    type[j] = typeCode[e.type[r]!] ?? EVENT_TYPE_CODE.other;
    ts[j] = e.ts[r]!;
    const pid = e.product[r]!;
    const p = pid >= 0 ? productAt(pid) : -1;
    const c = e.category[r]! >= 0 ? categoryAt(e.category[r]!) : -1;
    category[j] = c >= 0 ? c : p >= 0 ? categoryOfProduct(p) : -1;
    brand[j] = p >= 0 ? productBrand[p]! : -1;
    const ep = e.price[r]!;
    price[j] = Number.isFinite(ep) ? ep : p >= 0 ? src.products.price[p]! : NaN;
    product[j] = pid >= 0 ? pid : NaN;
    query[j] = e.query[r]!;
  }
  const events: GroupedEvents = {
    nCustomers: ids.length,
    start,
    type,
    ts,
    category,
    brand,
    price,
    product,
    query,
    brands,
    queries: src.queries,
  };
  return { index, n, tree, orders, events, firstCustomer: 1, dataEnd: Number.isFinite(dataEnd) ? dataEnd : NaN };
}
