import type { OrderRecord } from './types';

/**
 * Dense customer index: database ids ↔ 0..n-1. Every per-customer engine works on dense indices so that state can
 * live in typed arrays instead of maps or per-customer filtering.
 */
export type CustomerIndex = {
  /** dense index → customer id */
  ids: number[];
  /** customer id → dense index */
  indexOf: Map<number, number>;
};

/**
 * Builds a dense index over the given customers, in first-seen order. Pass the shop's full customer list first so
 * that customers without orders or events get an index too.
 *
 * @example
 * const ix = buildCustomerIndex([[7, 3], [{ customerId: 3 }, { customerId: 9 }]]);
 * // ix.ids = [7, 3, 9]
 */
export function buildCustomerIndex(sources: Iterable<number | { customerId: number }>[]): CustomerIndex {
  const ids: number[] = [];
  const indexOf = new Map<number, number>();
  for (const source of sources) {
    for (const item of source) {
      const id = typeof item === 'number' ? item : item.customerId;
      if (!Number.isFinite(id))
        throw new RangeError(`buildCustomerIndex: customer id must be a finite number, got ${id}`);
      if (!indexOf.has(id)) {
        indexOf.set(id, ids.length);
        ids.push(id);
      }
    }
  }
  return { ids, indexOf };
}

/**
 * Orders grouped by customer (CSR layout): customer k's orders are rows start[k]..start[k+1]-1, sorted by time.
 */
export type GroupedOrders = {
  nCustomers: number;
  start: Int32Array;
  placedAt: Float64Array;
  total: Float64Array;
};

/**
 * Counting sort of rows by dense key: returns the row order and the segment starts (length nKeys + 1).
 * Stable, O(rows + keys).
 *
 * @example
 * countingSortByKey(Int32Array.from([2, 0, 2, 1, 0]), 3); // { order: [1, 4, 3, 0, 2], start: [0, 2, 3, 5] }
 */
export function countingSortByKey(keys: Int32Array, nKeys: number): { order: Int32Array; start: Int32Array } {
  const start = new Int32Array(nKeys + 1);
  for (let i = 0; i < keys.length; i++) start[keys[i]! + 1]!++;
  for (let k = 0; k < nKeys; k++) start[k + 1]! += start[k]!;
  const cursor = start.slice(0, nKeys);
  const order = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) order[cursor[keys[i]!]!++] = i;
  return { order, start };
}

/**
 * Groups orders by customer with a counting sort, then sorts each customer's orders by time (insertion sort: a
 * customer has few orders). Orders of customers not in the index throw, since that is a caller bug.
 *
 * @example
 * const ix = buildCustomerIndex([[1, 2]]);
 * const g = groupOrders([{ customerId: 2, placedAt: 5, total: 10 }], ix);
 * // g.start = Int32Array [0, 0, 1]; g.total = Float64Array [10]
 */
export function groupOrders(orders: readonly OrderRecord[], index: CustomerIndex): GroupedOrders {
  const n = index.ids.length;
  const keys = new Int32Array(orders.length);
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i]!;
    const k = index.indexOf.get(o.customerId);
    if (k === undefined) throw new RangeError(`groupOrders: order of unknown customer ${o.customerId}`);
    if (!Number.isFinite(o.placedAt) || !Number.isFinite(o.total)) {
      throw new RangeError(`groupOrders: order of customer ${o.customerId} has a non-finite placedAt or total`);
    }
    keys[i] = k;
  }
  const { order, start } = countingSortByKey(keys, n);
  const placedAt = new Float64Array(orders.length);
  const total = new Float64Array(orders.length);
  for (let j = 0; j < order.length; j++) {
    const o = orders[order[j]!]!;
    placedAt[j] = o.placedAt;
    total[j] = o.total;
  }
  for (let k = 0; k < n; k++) sortSegmentByTime(placedAt, total, start[k]!, start[k + 1]!);
  return { nCustomers: n, start, placedAt, total };
}

/** Insertion sort of t[from..to) with v alongside (per-customer runs are short and mostly in order already). */
export function sortSegmentByTime(t: Float64Array, v: Float64Array, from: number, to: number) {
  for (let i = from + 1; i < to; i++) {
    const ti = t[i]!;
    const vi = v[i]!;
    let j = i - 1;
    while (j >= from && t[j]! > ti) {
      t[j + 1] = t[j]!;
      v[j + 1] = v[j]!;
      j--;
    }
    t[j + 1] = ti;
    v[j + 1] = vi;
  }
}

/**
 * Number and sum of customer k's orders placed up to `asOf` (segments are sorted by time).
 *
 * @example
 * orderTotals(groupOrders(orders, ix), ix.indexOf.get(12)!, Infinity); // { count: 3, sum: 417.5 }
 */
export function orderTotals(orders: GroupedOrders, k: number, asOf: number): { count: number; sum: number } {
  let count = 0;
  let sum = 0;
  for (let j = orders.start[k]!; j < orders.start[k + 1]!; j++) {
    if (orders.placedAt[j]! > asOf) break;
    count++;
    sum += orders.total[j]!;
  }
  return { count, sum };
}
