import type { GroupedOrders } from './customer-index';
import { EVENT_TYPE_CODE, type GroupedEvents } from './event-columns';
import { quintileScores } from './rfm';
import { MS_PER_DAY } from './types';

/** Feature names, in column order. Counts and amounts enter as log1p; trends are in [-1, 1]. */
export const CHURN_FEATURES = [
  'log_recency_days',
  'log_frequency',
  'log_monetary',
  'log_avg_order_value',
  'log_tenure_days',
  'log_orders_30d',
  'log_orders_90d',
  'order_trend_90d',
  'log_recency_over_mean_gap',
  'rfm_r',
  'rfm_f',
  'rfm_m',
  'log_views_7d',
  'log_views_30d',
  'log_clicks_30d',
  'log_carts_30d',
  'log_searches_30d',
  'log_days_since_event',
  'event_trend_30d',
  'has_events',
] as const;

export type ChurnFeatureMatrix = {
  /** the cut τ: features use history up to τ only */
  cut: number;
  /** dense customer index of each row: the customers with at least one order at or before τ */
  rows: Int32Array;
  /** row-major rows.length × CHURN_FEATURES.length */
  x: Float64Array;
  d: number;
};

const EMPTY_EVENTS: GroupedEvents = {
  nCustomers: 0,
  start: new Int32Array(1),
  type: new Uint8Array(0),
  ts: new Float64Array(0),
  category: new Int32Array(0),
  brand: new Int32Array(0),
  price: new Float64Array(0),
  product: new Float64Array(0),
  query: new Int32Array(0),
  brands: [],
  queries: [],
};

/** Trend between a recent and a previous window of equal length: (recent − previous) / (recent + previous + 1). */
const trend = (recent: number, previous: number) => (recent - previous) / (recent + previous + 1);

/**
 * Churn features at a cut τ from behaviour and RFM, using only history at or before τ (no leakage): recency,
 * frequency, monetary, average order value, tenure (since the first order or first event, whichever is earlier),
 * orders in the last 30/90 days and their trend against the 90 days before, recency relative to the customer's
 * mean gap between orders, RFM quintile scores over the customers present at τ, event counts by type in recent
 * windows (views 7/30 days, clicks, carts, searches 30 days), days since the last event and the 30-day event trend.
 *
 * @example
 * const fm = buildChurnFeatures(groupedOrders, groupedEvents, asOf - 90 * DAY);
 * // fm.x row i describes customer fm.rows[i]; columns are CHURN_FEATURES
 */
export function buildChurnFeatures(
  orders: GroupedOrders,
  events: GroupedEvents | null,
  cut: number,
): ChurnFeatureMatrix {
  if (!Number.isFinite(cut)) throw new RangeError('buildChurnFeatures: cut must be finite');
  const ev = events ?? EMPTY_EVENTS;
  if (events && events.nCustomers !== orders.nCustomers)
    throw new RangeError('buildChurnFeatures: orders and events must share one customer index');
  const d = CHURN_FEATURES.length;
  const rows: number[] = [];
  const values: number[] = [];
  const rec: number[] = [];
  const freq: number[] = [];
  const mon: number[] = [];
  const { view, click, cart, search } = EVENT_TYPE_CODE;
  for (let k = 0; k < orders.nCustomers; k++) {
    const s = orders.start[k]!;
    let e = orders.start[k + 1]!;
    while (e > s && orders.placedAt[e - 1]! > cut) e--;
    if (e === s) continue;
    const first = orders.placedAt[s]!;
    const last = orders.placedAt[e - 1]!;
    let sum = 0;
    let o30 = 0;
    let o90 = 0;
    let oPrev90 = 0;
    for (let j = s; j < e; j++) {
      const age = (cut - orders.placedAt[j]!) / MS_PER_DAY;
      sum += orders.total[j]!;
      if (age <= 30) o30++;
      if (age <= 90) o90++;
      else if (age <= 180) oPrev90++;
    }
    const count = e - s;
    let firstEvent = Infinity;
    let lastEvent = -Infinity;
    let v7 = 0;
    let v30 = 0;
    let c30 = 0;
    let ca30 = 0;
    let s30 = 0;
    let e30 = 0;
    let ePrev30 = 0;
    if (k < ev.nCustomers) {
      for (let j = ev.start[k]!; j < ev.start[k + 1]!; j++) {
        const t = ev.ts[j]!;
        if (t > cut) continue;
        if (t < firstEvent) firstEvent = t;
        if (t > lastEvent) lastEvent = t;
        const age = (cut - t) / MS_PER_DAY;
        if (age > 60) continue;
        if (age > 30) {
          ePrev30++;
          continue;
        }
        e30++;
        const ty = ev.type[j]!;
        if (ty === view) {
          v30++;
          if (age <= 7) v7++;
        } else if (ty === click) c30++;
        else if (ty === cart) ca30++;
        else if (ty === search) s30++;
      }
    }
    const recencyDays = (cut - last) / MS_PER_DAY;
    const tenureDays = (cut - Math.min(first, firstEvent)) / MS_PER_DAY;
    const meanGap = count > 1 ? (last - first) / MS_PER_DAY / (count - 1) : tenureDays;
    const hasEvents = lastEvent > -Infinity;
    const daysSinceEvent = hasEvents ? (cut - lastEvent) / MS_PER_DAY : 3650;
    rows.push(k);
    rec.push(Math.floor(recencyDays));
    freq.push(count);
    mon.push(sum);
    values.push(
      Math.log1p(recencyDays),
      Math.log1p(count),
      Math.log1p(Math.max(sum, 0)),
      Math.log1p(Math.max(sum / count, 0)),
      Math.log1p(tenureDays),
      Math.log1p(o30),
      Math.log1p(o90),
      trend(o90, oPrev90),
      Math.log1p(recencyDays / Math.max(meanGap, 1)),
      0,
      0,
      0,
      Math.log1p(v7),
      Math.log1p(v30),
      Math.log1p(c30),
      Math.log1p(ca30),
      Math.log1p(s30),
      Math.log1p(Math.min(daysSinceEvent, 3650)),
      trend(e30, ePrev30),
      hasEvents ? 1 : 0,
    );
  }
  const x = Float64Array.from(values);
  const r = quintileScores(Float64Array.from(rec), 'lower-is-better');
  const f = quintileScores(Float64Array.from(freq), 'higher-is-better');
  const m = quintileScores(Float64Array.from(mon), 'higher-is-better');
  const col = CHURN_FEATURES.indexOf('rfm_r');
  for (let i = 0; i < rows.length; i++) {
    x[i * d + col] = r[i]!;
    x[i * d + col + 1] = f[i]!;
    x[i * d + col + 2] = m[i]!;
  }
  return { cut, rows: Int32Array.from(rows), x, d };
}

/**
 * Churn labels for the rows of a feature matrix: 1 when the customer places no order in (τ, τ + horizonDays].
 *
 * @example
 * churnLabels(groupedOrders, fm.rows, fm.cut, 90); // Uint8Array, 1 = churned
 */
export function churnLabels(orders: GroupedOrders, rows: Int32Array, cut: number, horizonDays: number): Uint8Array {
  if (!(horizonDays > 0)) throw new RangeError(`churnLabels: horizonDays must be > 0, got ${horizonDays}`);
  const end = cut + horizonDays * MS_PER_DAY;
  const y = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const k = rows[i]!;
    let bought = false;
    for (let j = orders.start[k]!; j < orders.start[k + 1]!; j++) {
      const t = orders.placedAt[j]!;
      if (t > cut && t <= end) {
        bought = true;
        break;
      }
    }
    y[i] = bought ? 0 : 1;
  }
  return y;
}
