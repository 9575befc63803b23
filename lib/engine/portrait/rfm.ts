import { buildCustomerIndex, groupOrders, type GroupedOrders } from './customer-index';
import { rfmGroupOf, type RfmGroup } from './rfm-segments';
import { MS_PER_DAY, type OrderRecord } from './types';

export type RfmOptions = {
  /** reference time (epoch ms); orders after it are ignored. Default: the latest order. */
  asOf?: number;
  /** monetary value: total spend (Shopify's choice, default) or average order value */
  monetary?: 'total' | 'average';
};

/** A scored customer, or one without orders (kept in the output, never scored or counted in the quintiles). */
export type RfmRow =
  | {
      type: 'scored';
      customerId: number;
      /** whole days since the last order at `asOf` */
      recencyDays: number;
      /** number of orders */
      frequency: number;
      monetary: number;
      r: number;
      f: number;
      m: number;
      group: RfmGroup;
    }
  | { type: 'no-orders'; customerId: number };

/** The value range behind each score, for the UI ("R 5 = ordered 0–12 days ago"). */
export type RfmBand = { score: number; min: number; max: number; count: number };

export type RfmResult = {
  asOf: number;
  monetaryKind: 'total' | 'average';
  rows: RfmRow[];
  scoredCount: number;
  bands: { recencyDays: RfmBand[]; frequency: RfmBand[]; monetary: RfmBand[] };
};

/**
 * Quintile score with ties kept together: with n scored customers and `worse` = the number of customers with a
 * strictly worse value, score = 1 + ⌊5 · worse / n⌋. Equal values always get equal scores, the worst value always
 * gets 1, and a score can be skipped when a tie spans a quintile boundary (e.g. when 60 % of customers have one
 * order, all of them get F = 1 and the next frequency gets F = 4). "Worse" is fewer orders, less money, or more
 * days since the last order.
 *
 * @returns scores (1..5) aligned with `values`
 * @example
 * quintileScores(Float64Array.from([10, 20, 20, 30, 40]), 'higher-is-better'); // Uint8Array [1, 2, 2, 4, 5]
 */
export function quintileScores(values: Float64Array, direction: 'higher-is-better' | 'lower-is-better'): Uint8Array {
  const n = values.length;
  const scores = new Uint8Array(n);
  if (n === 0) return scores;
  const sign = direction === 'higher-is-better' ? 1 : -1;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => sign * (values[i]! - values[j]!));
  let groupStart = 0;
  for (let p = 0; p < n; p++) {
    if (p > 0 && values[order[p]!] !== values[order[p - 1]!]) groupStart = p;
    scores[order[p]!] = 1 + Math.floor((5 * groupStart) / n);
  }
  return scores;
}

function bandsOf(values: Float64Array, scores: Uint8Array): RfmBand[] {
  const bands: RfmBand[] = [];
  for (let s = 1; s <= 5; s++) {
    let min = Infinity;
    let max = -Infinity;
    let count = 0;
    for (let i = 0; i < values.length; i++) {
      if (scores[i] !== s) continue;
      count++;
      if (values[i]! < min) min = values[i]!;
      if (values[i]! > max) max = values[i]!;
    }
    if (count > 0) bands.push({ score: s, min, max, count });
  }
  return bands;
}

/**
 * RFM scores and groups from customers' grouped orders (see `groupOrders`). Recency is measured in whole days
 * (⌊(asOf − last order) / 1 day⌋) so that customers who ordered on the same day tie; frequency is the number of
 * orders; monetary is total (default) or average spend. Scores are quintiles over the customers with at least one
 * order up to `asOf` (`quintileScores`); customers without orders come back as `{ type: 'no-orders' }`.
 * The group comes from the R × (F+M)/2 map documented in `rfm-segments.ts`.
 *
 * @example
 * const ix = buildCustomerIndex([[1, 2, 3]]);
 * const res = computeRfmFromGrouped(groupOrders(orders, ix), ix.ids, { asOf });
 */
export function computeRfmFromGrouped(
  grouped: GroupedOrders,
  customerIds: readonly number[],
  options: RfmOptions = {},
): RfmResult {
  const monetaryKind = options.monetary ?? 'total';
  let asOf = options.asOf;
  if (asOf === undefined) {
    asOf = -Infinity;
    for (let i = 0; i < grouped.placedAt.length; i++) asOf = Math.max(asOf, grouped.placedAt[i]!);
    if (asOf === -Infinity) asOf = 0;
  }
  if (!Number.isFinite(asOf)) throw new RangeError('computeRfm: asOf must be a finite epoch-ms number');
  const n = grouped.nCustomers;
  const scoredIdx: number[] = [];
  const rec: number[] = [];
  const freq: number[] = [];
  const mon: number[] = [];
  for (let k = 0; k < n; k++) {
    let count = 0;
    let sum = 0;
    let last = -Infinity;
    for (let j = grouped.start[k]!; j < grouped.start[k + 1]!; j++) {
      const t = grouped.placedAt[j]!;
      if (t > asOf) break; // sorted by time
      count++;
      sum += grouped.total[j]!;
      last = t;
    }
    if (count === 0) continue;
    scoredIdx.push(k);
    rec.push(Math.floor((asOf - last) / MS_PER_DAY));
    freq.push(count);
    mon.push(monetaryKind === 'total' ? sum : sum / count);
  }
  const recA = Float64Array.from(rec);
  const freqA = Float64Array.from(freq);
  const monA = Float64Array.from(mon);
  const rS = quintileScores(recA, 'lower-is-better');
  const fS = quintileScores(freqA, 'higher-is-better');
  const mS = quintileScores(monA, 'higher-is-better');
  const rows: RfmRow[] = customerIds.map((customerId) => ({ type: 'no-orders', customerId }));
  for (let i = 0; i < scoredIdx.length; i++) {
    const k = scoredIdx[i]!;
    rows[k] = {
      type: 'scored',
      customerId: customerIds[k]!,
      recencyDays: recA[i]!,
      frequency: freqA[i]!,
      monetary: monA[i]!,
      r: rS[i]!,
      f: fS[i]!,
      m: mS[i]!,
      group: rfmGroupOf(rS[i]!, fS[i]!, mS[i]!),
    };
  }
  return {
    asOf,
    monetaryKind,
    rows,
    scoredCount: scoredIdx.length,
    bands: { recencyDays: bandsOf(recA, rS), frequency: bandsOf(freqA, fS), monetary: bandsOf(monA, mS) },
  };
}

/**
 * RFM for a shop from plain order records. `customerIds` lists every customer of the shop (so that customers
 * without orders appear as `no-orders`); when omitted, the customers that have orders are used.
 *
 * @example
 * const res = computeRfm({ orders: [{ customerId: 1, placedAt: Date.UTC(2024, 0, 1), total: 30 }] });
 * // res.rows[0] → { type: 'scored', customerId: 1, recencyDays: 0, frequency: 1, monetary: 30, r: 1, f: 1, m: 1, group: 'lost' }
 */
export function computeRfm(
  input: { orders: readonly OrderRecord[]; customerIds?: readonly number[] },
  options: RfmOptions = {},
): RfmResult {
  const index = buildCustomerIndex([input.customerIds ?? [], input.orders]);
  return computeRfmFromGrouped(groupOrders(input.orders, index), index.ids, options);
}
