import { buildCustomerIndex, groupOrders, type GroupedOrders } from './customer-index';
import { MS_PER_DAY, type EventRecord, type OrderRecord } from './types';

export const LIFECYCLE_STAGES = ['new', 'active', 'at-risk', 'churned', 'reactivated'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export type LifecycleOptions = {
  /** reference time, epoch ms (default: latest order or event) */
  asOf?: number;
  /** a customer whose first purchase is at most this many days old is "new" (default 30) */
  newDays?: number;
  /** more days than this since the last purchase → "at risk" (default 90) */
  atRiskDays?: number;
  /** more days than this since the last purchase → "churned"; a gap this long between purchases is a churn (default 180) */
  churnDays?: number;
  /** a customer who came back after a churn-length gap stays "reactivated" this many days after the return (default 60) */
  reactivatedDays?: number;
};

/**
 * The rule that placed a customer, as a code and its numbers (the words live in the message catalogue under
 * `portraits.lifecycle.rules.<code>`). `days`: days since the last purchase (or visit); `first`: days since the first
 * purchase (or visit); `back`: days since the return; `gap`: the gap before it; `threshold`: the window compared with.
 */
export type LifecycleRule =
  | { code: 'newByOrders' | 'newByEvents'; params: { first: number; threshold: number } }
  | { code: 'reactivated'; params: { back: number; gap: number; threshold: number } }
  | {
      code:
        | 'activeByOrders'
        | 'activeByEvents'
        | 'atRiskByOrders'
        | 'atRiskByEvents'
        | 'churnedByOrders'
        | 'churnedByEvents';
      params: { days: number; threshold: number };
    };

export type LifecycleResult =
  | {
      type: 'ok';
      stage: LifecycleStage;
      /** orders when the customer has any, else events (browsing activity) */
      basis: 'orders' | 'events';
      /** the rule that placed the customer, e.g. { code: 'atRiskByOrders', params: { days: 95, threshold: 90 } } */
      rule: LifecycleRule;
      recencyDays: number;
    }
  | { type: 'insufficient-data'; reason: 'noActivity' };

/** Options with every default filled in. */
export type ResolvedLifecycleOptions = Required<Omit<LifecycleOptions, 'asOf'>> & { asOf: number };
type Resolved = ResolvedLifecycleOptions;

/** Fills in the defaults and checks the windows (RangeError naming computeLifecycle). */
export function resolveLifecycleOptions(options: LifecycleOptions, fallbackAsOf: number): Resolved {
  const r = {
    newDays: 30,
    atRiskDays: 90,
    churnDays: 180,
    reactivatedDays: 60,
    ...options,
    asOf: options.asOf ?? fallbackAsOf,
  };
  for (const key of ['newDays', 'atRiskDays', 'churnDays', 'reactivatedDays'] as const) {
    if (!(r[key] >= 0)) throw new RangeError(`computeLifecycle: ${key} must be ≥ 0, got ${r[key]}`);
  }
  if (!(r.atRiskDays < r.churnDays))
    throw new RangeError('computeLifecycle: atRiskDays must be smaller than churnDays');
  if (!Number.isFinite(r.asOf)) throw new RangeError('computeLifecycle: asOf must be finite');
  return r;
}

const days = (ms: number) => Math.floor(ms / MS_PER_DAY);

/**
 * Lifecycle stage of one customer from the times of their purchases (sorted ascending, only those ≤ asOf are used)
 * and, for customers who never purchased, their first/last event time. Rules, first match wins (d = whole days
 * since the last purchase):
 *
 * | stage       | rule (orders)                                                                  |
 * |-------------|--------------------------------------------------------------------------------|
 * | churned     | d > churnDays                                                                  |
 * | at-risk     | atRiskDays < d ≤ churnDays                                                     |
 * | new         | first purchase ≤ newDays ago                                                   |
 * | reactivated | the latest purchase that followed a gap > churnDays is ≤ reactivatedDays ago   |
 * | active      | otherwise (d ≤ atRiskDays)                                                     |
 *
 * Without purchases the same thresholds apply to browsing: first seen ≤ newDays ago → new; otherwise churned /
 * at-risk / active by days since the last event (basis 'events'). No purchases and no events → insufficient-data.
 *
 * @example
 * lifecycleOf([asOf - 95 * DAY, asOf - 400 * DAY].reverse(), NaN, NaN, { asOf, newDays: 30, atRiskDays: 90, churnDays: 180, reactivatedDays: 60 });
 * // { type: 'ok', stage: 'at-risk', basis: 'orders', recencyDays: 95,
 * //   rule: { code: 'atRiskByOrders', params: { days: 95, threshold: 90 } } }
 */
export function lifecycleOf(
  purchaseTimes: ArrayLike<number>,
  firstSeen: number,
  lastSeen: number,
  o: Resolved,
): LifecycleResult {
  let n = purchaseTimes.length;
  while (n > 0 && purchaseTimes[n - 1]! > o.asOf) n--;
  if (n === 0) {
    if (!Number.isFinite(lastSeen)) return { type: 'insufficient-data', reason: 'noActivity' };
    const first = days(o.asOf - firstSeen);
    const d = days(o.asOf - lastSeen);
    if (first <= o.newDays) {
      return ok('new', 'events', d, { code: 'newByEvents', params: { first, threshold: o.newDays } });
    }
    return byRecency('events', d, o);
  }
  const d = days(o.asOf - purchaseTimes[n - 1]!);
  if (d > o.atRiskDays) return byRecency('orders', d, o);
  const first = days(o.asOf - purchaseTimes[0]!);
  if (first <= o.newDays) {
    return ok('new', 'orders', d, { code: 'newByOrders', params: { first, threshold: o.newDays } });
  }
  for (let i = n - 1; i >= 1; i--) {
    const gap = days(purchaseTimes[i]! - purchaseTimes[i - 1]!);
    if (gap > o.churnDays) {
      const back = days(o.asOf - purchaseTimes[i]!);
      if (back <= o.reactivatedDays) {
        return ok('reactivated', 'orders', d, {
          code: 'reactivated',
          params: { back, gap, threshold: o.churnDays },
        });
      }
      break;
    }
  }
  return ok('active', 'orders', d, { code: 'activeByOrders', params: { days: d, threshold: o.atRiskDays } });
}

function byRecency(basis: 'orders' | 'events', d: number, o: Resolved): LifecycleResult {
  const by = basis === 'orders' ? 'ByOrders' : 'ByEvents';
  if (d > o.churnDays)
    return ok('churned', basis, d, { code: `churned${by}`, params: { days: d, threshold: o.churnDays } });
  if (d > o.atRiskDays)
    return ok('at-risk', basis, d, { code: `atRisk${by}`, params: { days: d, threshold: o.atRiskDays } });
  return ok('active', basis, d, { code: `active${by}`, params: { days: d, threshold: o.atRiskDays } });
}

function ok(
  stage: LifecycleStage,
  basis: 'orders' | 'events',
  recencyDays: number,
  rule: LifecycleRule,
): LifecycleResult {
  return { type: 'ok', stage, basis, rule, recencyDays };
}

/**
 * Lifecycle stages for all customers from grouped orders and per-customer first/last event times (NaN when a
 * customer has no events). See `lifecycleOf` for the rules.
 */
export function computeLifecycleFromGrouped(
  grouped: GroupedOrders,
  firstSeen: Float64Array,
  lastSeen: Float64Array,
  options: LifecycleOptions = {},
): LifecycleResult[] {
  let latest = 0;
  for (let i = 0; i < grouped.placedAt.length; i++) latest = Math.max(latest, grouped.placedAt[i]!);
  for (let k = 0; k < lastSeen.length; k++) if (lastSeen[k]! > latest) latest = lastSeen[k]!;
  const o = resolveLifecycleOptions(options, latest);
  const out: LifecycleResult[] = new Array(grouped.nCustomers);
  for (let k = 0; k < grouped.nCustomers; k++) {
    out[k] = lifecycleOf(
      grouped.placedAt.subarray(grouped.start[k]!, grouped.start[k + 1]!),
      firstSeen[k] ?? NaN,
      lastSeen[k] ?? NaN,
      o,
    );
  }
  return out;
}

/**
 * Lifecycle stages from plain records. Returns one entry per customer, in the order of `customerIds` (or of first
 * appearance in orders, then events).
 *
 * @example
 * computeLifecycle({ orders: [{ customerId: 1, placedAt: asOf - 95 * 86_400_000, total: 20 }] }, { asOf })[0];
 * // { customerId: 1, result: { type: 'ok', stage: 'at-risk', … } }
 */
export function computeLifecycle(
  input: {
    orders: readonly OrderRecord[];
    events?: readonly Pick<EventRecord, 'customerId' | 'ts'>[];
    customerIds?: readonly number[];
  },
  options: LifecycleOptions = {},
): { customerId: number; result: LifecycleResult }[] {
  const events = input.events ?? [];
  const index = buildCustomerIndex([input.customerIds ?? [], input.orders, events]);
  const n = index.ids.length;
  const firstSeen = new Float64Array(n).fill(NaN);
  const lastSeen = new Float64Array(n).fill(NaN);
  for (const e of events) {
    if (options.asOf !== undefined && e.ts > options.asOf) continue;
    const k = index.indexOf.get(e.customerId)!;
    if (!(firstSeen[k]! <= e.ts)) firstSeen[k] = e.ts;
    if (!(lastSeen[k]! >= e.ts)) lastSeen[k] = e.ts;
  }
  const results = computeLifecycleFromGrouped(groupOrders(input.orders, index), firstSeen, lastSeen, options);
  return results.map((result, k) => ({ customerId: index.ids[k]!, result }));
}
