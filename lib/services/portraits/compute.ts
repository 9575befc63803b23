import { computeAffinitiesFromGrouped, type CustomerAffinity } from '@/lib/engine/portrait/affinity';
import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive, type BgnbdParams } from '@/lib/engine/portrait/bgnbd';
import { fitBgnbd } from '@/lib/engine/portrait/bgnbd-fit';
import { computeCalibrationCheck } from '@/lib/engine/portrait/calibration-check';
import { trainChurnModelFromGrouped } from '@/lib/engine/portrait/churn-model';
import { computeDiscountedPurchases } from '@/lib/engine/portrait/clv';
import type { GroupedOrders } from '@/lib/engine/portrait/customer-index';
import { eventSpans } from '@/lib/engine/portrait/event-columns';
import { fitGammaGamma, gammaGammaExpectedSpend, type GammaGammaParams } from '@/lib/engine/portrait/gamma-gamma';
import { computeInterestTags, type InterestTag } from '@/lib/engine/portrait/interest-tags';
import { computeLifecycleFromGrouped, type LifecycleResult } from '@/lib/engine/portrait/lifecycle';
import { buildPortraitLayout, writePortraitVector } from '@/lib/engine/portrait/portrait-vector';
import { summarizeGroupedForBgnbd, type RfSummary } from '@/lib/engine/portrait/rf-summary';
import { computeRfmFromGrouped, type RfmRow } from '@/lib/engine/portrait/rfm';
import { computeRfmGrid } from '@/lib/engine/portrait/rfm-grid';
import { MS_PER_DAY } from '@/lib/engine/portrait/types';
import type { GroupedShop } from './grouping';
import type { PortraitModelState } from './model-state';
import { CLV_BAND_QUANTILES, type PortraitSettings } from './settings';

/** The model's time unit (weeks, as in the BTYD literature) and the CLV horizon. */
export const VALUE_UNIT_DAYS = 7;
export const VALUE_HORIZON_DAYS = 365;

export type CustomerValue = { pAlive: number; expectedPurchases30: number; expectedPurchases90: number; expectedPurchases365: number; expectedSpend: number; clv: number };

/** One customer's portrait, the same shape from a full recompute and from an incremental refresh. */
export type CustomerPortraitResult = {
  customerId: number;
  orderCount: number;
  revenue: number;
  /** first/last order or event of any time (NaN when none) */
  firstSeen: number;
  lastSeen: number;
  rfm: RfmRow;
  lifecycle: LifecycleResult;
  value: CustomerValue | null;
  churnProbability: number | null;
  interests: InterestTag[];
  vector: Float32Array;
};

export type ModelParts = Omit<PortraitModelState, 'version' | 'computedAt' | 'durationMs' | 'timings' | 'counts' | 'settings' | 'watermark'>;

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Orders of customer k up to asOf: count and sum. */
export function orderTotals(orders: GroupedOrders, k: number, asOf: number) {
  let count = 0;
  let sum = 0;
  for (let j = orders.start[k]!; j < orders.start[k + 1]!; j++) {
    if (orders.placedAt[j]! > asOf) break;
    count++;
    sum += orders.total[j]!;
  }
  return { count, sum };
}

/**
 * Value predictions for every customer of an RF summary from fitted parameters; identical histories (x, tₓ, T) are
 * computed once. Returns dense index → value (null where the expectations are not finite).
 */
export function predictValues(summary: RfSummary, indexOf: ReadonlyMap<number, number>, bg: BgnbdParams, gg: GammaGammaParams | null, size: number): (CustomerValue | null)[] {
  const out: (CustomerValue | null)[] = new Array(size).fill(null);
  const unitDays = VALUE_UNIT_DAYS;
  const cache = new Map<string, { pAlive: number; e30: number; e90: number; e365: number; discounted: number }>();
  for (let i = 0; i < summary.customerIds.length; i++) {
    const c = { x: summary.x[i]!, tx: summary.tx[i]!, T: summary.T[i]! };
    const key = `${c.x}|${c.tx}|${c.T}`;
    let v = cache.get(key);
    if (!v) {
      const clv = computeDiscountedPurchases(bg, c, { horizonDays: VALUE_HORIZON_DAYS, unitDays });
      v = {
        pAlive: bgnbdProbabilityAlive(bg, c),
        e30: bgnbdConditionalExpectedPurchases(bg, c, 30 / unitDays),
        e90: bgnbdConditionalExpectedPurchases(bg, c, 90 / unitDays),
        e365: clv.expectedPurchases,
        discounted: clv.discountedPurchases,
      };
      cache.set(key, v);
    }
    if (![v.pAlive, v.e30, v.e90, v.e365, v.discounted].every(Number.isFinite)) continue;
    const spend = gg ? gammaGammaExpectedSpend(gg, { x: c.x, mx: summary.mx[i]! }) : NaN;
    out[indexOf.get(summary.customerIds[i]!)!] = { pAlive: v.pAlive, expectedPurchases30: v.e30, expectedPurchases90: v.e90, expectedPurchases365: v.e365, expectedSpend: spend, clv: spend * v.discounted };
  }
  return out;
}

/** Quantile (type 7) of the finite values. */
function quantile(values: number[], q: number) {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const i = Math.floor(pos);
  return s[i]! + (pos - i) * ((s[Math.min(i + 1, s.length - 1)] ?? s[i]!) - s[i]!);
}

/**
 * Predicted vs actual repeat purchases in a hold-out period (Fader, Hardie & Lee 2005, figure 4) on the shop's own
 * orders: the last third of the order history (whole weeks, 4 to 26 of them) is held out, BG/NBD is fitted on the
 * rest, and its conditional expectations are compared with what each calibration-frequency group really bought.
 */
export function computeCalibration(orders: GroupedOrders, ids: readonly number[], asOf: number): ModelParts['value']['calibration'] {
  let first = Infinity;
  for (let i = 0; i < orders.placedAt.length; i++) if (orders.placedAt[i]! < first) first = orders.placedAt[i]!;
  const spanDays = (asOf - first) / MS_PER_DAY;
  if (!(spanDays >= 84)) return { type: 'insufficient-data', reason: `the order history spans ${Math.max(0, Math.floor(spanDays || 0))} days; a hold-out check needs at least 84` };
  const holdoutDays = Math.min(26, Math.max(4, Math.round(spanDays / 3 / 7))) * 7;
  const calibrationEnd = asOf - holdoutDays * MS_PER_DAY;
  const s = summarizeGroupedForBgnbd(orders, ids, { calibrationEnd, holdoutEnd: asOf, unitDays: VALUE_UNIT_DAYS });
  const fit = fitBgnbd(s);
  if (fit.type !== 'ok') return fit;
  const rows = computeCalibrationCheck(fit.params, s, s.holdout!.x, s.holdout!.length);
  const totalActual = rows.reduce((a, r) => a + r.actual * r.customers, 0);
  const totalPredicted = rows.reduce((a, r) => a + r.predicted * r.customers, 0);
  return { type: 'ok', calibrationEnd, holdoutEnd: asOf, holdoutDays, customers: s.customerIds.length, params: fit.params, rows, totalActual, totalPredicted };
}

export type StageReporter = (stage: string, fraction: number) => Promise<void> | void;

/**
 * The full recompute over a grouped shop: RFM (+ grid and bands), lifecycle, BG/NBD + Gamma-Gamma value and CLV,
 * hold-out calibration, churn model with time-based validation, interest affinities and tags, portrait vectors.
 * Mirrors the engine's `buildPortraits`, on the columns loaded from the database, with the price reference customer
 * (see grouping.ts) and the extras the product stores; yields to the event loop between stages so the job keeps
 * heartbeating.
 */
export async function computeFull(shop: GroupedShop, settings: PortraitSettings, options: { asOf: number; onStage?: StageReporter }): Promise<{ results: CustomerPortraitResult[]; models: ModelParts; timings: Record<string, number> }> {
  const { index, n, tree, orders, events } = shop;
  const asOf = options.asOf;
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  /** records the stage just finished and reports the next one */
  const lap = async (name: string, fraction: number, next: string) => {
    timings[name] = Math.round(performance.now() - t0);
    await options.onStage?.(next, fraction);
    await tick();
    t0 = performance.now();
  };
  const ids = index.ids;
  await options.onStage?.('rfm+lifecycle', 0);
  const rfm = computeRfmFromGrouped(orders, ids, { asOf });
  const spans = eventSpans(events, asOf);
  const lifecycle = computeLifecycleFromGrouped(orders, spans.firstSeen, spans.lastSeen, { ...settings.lifecycle, asOf });
  await lap('rfm+lifecycle', 0.15, 'value-fit');

  const summary = summarizeGroupedForBgnbd(orders, ids, { calibrationEnd: asOf, unitDays: VALUE_UNIT_DAYS });
  const bgnbd = fitBgnbd(summary);
  const gammaGamma = fitGammaGamma(summary);
  await lap('value-fit', 0.3, 'value-predict');
  const values = bgnbd.type === 'ok' ? predictValues(summary, index.indexOf, bgnbd.params, gammaGamma.type === 'ok' ? gammaGamma.params : null, ids.length) : new Array<CustomerValue | null>(ids.length).fill(null);
  await lap('value-predict', 0.4, 'calibration');
  const calibration = computeCalibration(orders, ids, asOf);
  await lap('calibration', 0.5, 'churn');

  const churnProbability: (number | null)[] = new Array(ids.length).fill(null);
  const churnRes = trainChurnModelFromGrouped(orders, events, { asOf, horizonDays: settings.churnHorizonDays });
  if (churnRes.type === 'ok') churnRes.scores.rows.forEach((k, i) => (churnProbability[k] = churnRes.scores.probability[i]!));
  await lap('churn', 0.65, 'affinity');

  const affinity = computeAffinitiesFromGrouped(events, tree, { asOf, halfLifeDays: settings.halfLifeDays, lookbackDays: settings.lookbackDays, weights: settings.weights });
  await lap('affinity', 0.85, 'tags+vectors');

  const real: CustomerAffinity[] = affinity.customers.slice(1); // dense 1..n → 0..n-1
  const layout = buildPortraitLayout(real, tree, events.brands);
  const ctx = { tree, brands: events.brands, weights: affinity.weights, lookbackDays: affinity.lookbackDays };
  const results: CustomerPortraitResult[] = new Array(n);
  for (let k = 1; k <= n; k++) {
    const row = rfm.rows[k]!;
    const vector = new Float32Array(layout.dim);
    writePortraitVector(layout, real[k - 1], row.type === 'scored' ? row : null, vector);
    const { count, sum } = orderTotals(orders, k, Infinity);
    results[k - 1] = {
      customerId: ids[k]!,
      orderCount: count,
      revenue: sum,
      firstSeen: shop.firstSeen[k]!,
      lastSeen: shop.lastSeen[k]!,
      rfm: row,
      lifecycle: lifecycle[k]!,
      value: values[k] ?? null,
      churnProbability: churnProbability[k] ?? null,
      interests: computeInterestTags(real[k - 1]!, ctx),
      vector,
    };
  }
  await lap('tags+vectors', 1, 'write');

  const clvs = results.map((r) => r.value?.clv ?? NaN).filter(Number.isFinite);
  const clvBands = clvs.length >= 10 ? { medium: quantile(clvs, CLV_BAND_QUANTILES.medium), high: quantile(clvs, CLV_BAND_QUANTILES.high) } : null;
  const grid = computeRfmGrid({ ...rfm, rows: rfm.rows.slice(1) });
  const models: ModelParts = {
    asOf,
    rfm: { bands: rfm.bands, grid },
    value: {
      unitDays: VALUE_UNIT_DAYS,
      horizonDays: VALUE_HORIZON_DAYS,
      bgnbd: bgnbd.type === 'ok' ? { type: 'ok', params: bgnbd.params, logLikelihood: bgnbd.logLikelihood, customers: bgnbd.customers, converged: bgnbd.converged } : bgnbd,
      gammaGamma: gammaGamma.type === 'ok' ? { type: 'ok', params: gammaGamma.params, customers: gammaGamma.customers } : gammaGamma,
      calibration,
      clvBands,
    },
    churn:
      churnRes.type === 'ok'
        ? { type: 'ok', horizonDays: settings.churnHorizonDays, featureNames: [...churnRes.model.featureNames], intercept: churnRes.model.intercept, coefficients: [...churnRes.model.coefficients], ...churnRes.validation }
        : { ...churnRes, horizonDays: settings.churnHorizonDays },
    vector: { labels: layout.labels, blockWeights: layout.blockWeights },
  };
  return { results, models, timings };
}
