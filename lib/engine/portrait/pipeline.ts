import { computeAffinitiesFromGrouped, type AffinityOptions, type CustomerAffinity } from './affinity';
import { fitBgnbd, type BgnbdFit } from './bgnbd-fit';
import type { CategoryTree } from './category-tree';
import { trainChurnModelFromGrouped, type ChurnModelOptions, type ChurnModelResult } from './churn-model';
import type { ClvOptions } from './clv';
import { orderTotals, type CustomerIndex, type GroupedOrders } from './customer-index';
import { activitySpans, eventSpans, type GroupedEvents } from './event-columns';
import { fitGammaGamma, type GammaGammaFit } from './gamma-gamma';
import { computeHoldoutCalibration, type HoldoutCalibration } from './holdout-calibration';
import { computeInterestTags, type InterestTag, type InterestTagOptions } from './interest-tags';
import { computeLifecycleFromGrouped, type LifecycleOptions, type LifecycleResult } from './lifecycle';
import {
  buildPortraitLayout,
  writePortraitVector,
  type PortraitVectorLayout,
  type PortraitVectorOptions,
} from './portrait-vector';
import { summarizeGroupedForBgnbd } from './rf-summary';
import { computeRfmFromGrouped, type RfmOptions, type RfmResult, type RfmRow } from './rfm';
import { computeRfmGrid, type RfmGrid } from './rfm-grid';
import {
  computeClvBands,
  predictValues,
  VALUE_HORIZON_DAYS,
  VALUE_UNIT_DAYS,
  type ClvBands,
  type CustomerValue,
} from './value';

/** Orders and events grouped by customer (see customer-index.ts, event-columns.ts) with the category tree. */
export type PortraitGroups = {
  index: CustomerIndex;
  tree: CategoryTree;
  orders: GroupedOrders;
  events: GroupedEvents;
  /**
   * dense index of the first customer to portray (default 0): rows before it are reference rows whose events only
   * feed the price bands (the product's catalogue "price reference"); they get no portrait and are left out of the
   * vector layout and the RFM grid
   */
  firstCustomer?: number;
};

export type PortraitOptions = {
  /** reference time for everything, epoch ms */
  asOf: number;
  rfm?: Omit<RfmOptions, 'asOf'>;
  lifecycle?: Omit<LifecycleOptions, 'asOf'>;
  affinity?: Omit<AffinityOptions, 'asOf'>;
  tags?: InterestTagOptions;
  vector?: PortraitVectorOptions;
  /**
   * BG/NBD + Gamma-Gamma value model (unit weeks, 365-day horizon unless set), the hold-out calibration check
   * (default on) and the CLV band quantiles (default medium 0.5, high 0.8)
   */
  value?: Omit<ClvOptions, 'unitDays'> & {
    enabled?: boolean;
    unitDays?: number;
    calibration?: boolean;
    bandQuantiles?: { medium: number; high: number };
  };
  churn?: Omit<ChurnModelOptions, 'asOf'> & { enabled?: boolean };
};

export type CustomerPortrait = {
  customerId: number;
  /** orders and revenue of any time (also after asOf) */
  orderCount: number;
  revenue: number;
  /** first and last order or event of any time (NaN when none) */
  firstSeen: number;
  lastSeen: number;
  rfm: RfmRow;
  lifecycle: LifecycleResult;
  value: CustomerValue | null;
  churnProbability: number | null;
  affinity: CustomerAffinity;
  tags: InterestTag[];
  /** the portrait vector (a view into `PortraitBatch.vectors`), L2-normalised */
  vector: Float32Array;
};

export type ChurnSummary =
  | Omit<Extract<ChurnModelResult, { type: 'ok' }>, 'scores'>
  | Exclude<ChurnModelResult, { type: 'ok' }>;

export type PortraitBatch = {
  asOf: number;
  customers: CustomerPortrait[];
  /** row k is customers[k]'s portrait vector (row-major, layout.dim wide, L2-normalised) */
  vectors: Float32Array;
  layout: PortraitVectorLayout;
  rfmBands: RfmResult['bands'];
  rfmGrid: RfmGrid;
  valueUnitDays: number;
  valueHorizonDays: number;
  /** null when the value model is switched off */
  calibration: HoldoutCalibration | null;
  clvBands: ClvBands | null;
  models: { bgnbd: BgnbdFit | null; gammaGamma: GammaGammaFit | null; churn: ChurnSummary | null };
  /** milliseconds per stage, for monitoring the nightly recompute */
  timings: Record<string, number>;
};

/** The stage about to run and the share of the work done. */
export type PortraitStage = { stage: string; fraction: number };

/**
 * The full portrait recompute over grouped orders and events, one stage at a time: RFM scores and groups (+ grid),
 * lifecycle stage with its rule, BG/NBD P(alive) and expected purchases, Gamma-Gamma spend and CLV (+ hold-out
 * calibration and CLV bands), churn probability from a model trained on the shop's own history, interest
 * affinities and tags with explanations, and the portrait vector for lookalikes. Models that cannot be fitted leave
 * their fields null and report why. Yields the next stage before each one (so a caller can report progress and let
 * its event loop breathe) and returns the batch; `computePortraits` runs it to the end in one go.
 *
 * @example
 * const it = portraitStages(groups, { asOf });
 * for (let r = it.next(); ; r = it.next()) if (r.done) return r.value; else report(r.value.stage);
 */
export function* portraitStages(
  groups: PortraitGroups,
  options: PortraitOptions,
): Generator<PortraitStage, PortraitBatch, void> {
  const { index, tree, orders, events } = groups;
  const { asOf } = options;
  const first = groups.firstCustomer ?? 0;
  const ids = index.ids;
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  /** records the stage just finished, yields the next one and restarts the clock when resumed */
  function* lap(name: string, fraction: number, next: string): Generator<PortraitStage, void, void> {
    timings[name] = Math.round(performance.now() - t0);
    yield { stage: next, fraction };
    t0 = performance.now();
  }
  yield { stage: 'rfm+lifecycle', fraction: 0 };
  t0 = performance.now();
  const rfm = computeRfmFromGrouped(orders, ids, { ...options.rfm, asOf });
  const spans = eventSpans(events, asOf);
  const lifecycle = computeLifecycleFromGrouped(orders, spans.firstSeen, spans.lastSeen, {
    ...options.lifecycle,
    asOf,
  });
  yield* lap('rfm+lifecycle', 0.15, 'value-fit');

  const valueOptions = options.value ?? {};
  const unitDays = valueOptions.unitDays ?? VALUE_UNIT_DAYS;
  const horizonDays = valueOptions.horizonDays ?? VALUE_HORIZON_DAYS;
  const isValueOn = valueOptions.enabled !== false;
  const summary = isValueOn ? summarizeGroupedForBgnbd(orders, ids, { calibrationEnd: asOf, unitDays }) : null;
  const bgnbd = summary ? fitBgnbd(summary) : null;
  const gammaGamma = summary ? fitGammaGamma(summary) : null;
  yield* lap('value-fit', 0.3, 'value-predict');
  const { enabled: _enabled, calibration: _calibration, bandQuantiles, ...clvOptions } = valueOptions;
  const fitted =
    bgnbd?.type === 'ok'
      ? { bgnbd: bgnbd.params, gammaGamma: gammaGamma?.type === 'ok' ? gammaGamma.params : null }
      : null;
  const values =
    summary && fitted
      ? predictValues(summary, index.indexOf, fitted, { ...clvOptions, horizonDays, unitDays, size: ids.length })
      : new Array<CustomerValue | null>(ids.length).fill(null);
  yield* lap('value-predict', 0.4, 'calibration');
  const isCalibrationOn = isValueOn && valueOptions.calibration !== false;
  const calibration = isCalibrationOn ? computeHoldoutCalibration(orders, ids, { asOf, unitDays }) : null;
  yield* lap('calibration', 0.5, 'churn');

  const churnProbability: (number | null)[] = new Array(ids.length).fill(null);
  let churn: ChurnSummary | null = null;
  if (options.churn?.enabled !== false) {
    const res = trainChurnModelFromGrouped(orders, events, { ...options.churn, asOf });
    if (res.type === 'ok') {
      res.scores.rows.forEach((k, i) => {
        churnProbability[k] = res.scores.probability[i]!;
      });
      const { scores: _scores, ...rest } = res;
      churn = rest;
    } else churn = res;
  }
  yield* lap('churn', 0.65, 'affinity');

  const affinity = computeAffinitiesFromGrouped(events, tree, { ...options.affinity, asOf });
  yield* lap('affinity', 0.85, 'tags+vectors');

  const portrayed = affinity.customers.slice(first);
  const layout = buildPortraitLayout(portrayed, tree, events.brands, options.vector);
  const ctx = { tree, brands: events.brands, weights: affinity.weights, lookbackDays: affinity.lookbackDays };
  const activity = activitySpans(orders, events);
  const n = ids.length - first;
  const vectors = new Float32Array(n * layout.dim);
  const customers: CustomerPortrait[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const k = first + i;
    const row = rfm.rows[k]!;
    const aff = portrayed[i]!;
    const vector = vectors.subarray(i * layout.dim, (i + 1) * layout.dim);
    writePortraitVector(layout, aff, row.type === 'scored' ? row : null, vector);
    const { count, sum } = orderTotals(orders, k, Infinity);
    customers[i] = {
      customerId: ids[k]!,
      orderCount: count,
      revenue: sum,
      firstSeen: activity.firstSeen[k]!,
      lastSeen: activity.lastSeen[k]!,
      rfm: row,
      lifecycle: lifecycle[k]!,
      value: values[k] ?? null,
      churnProbability: churnProbability[k] ?? null,
      affinity: aff,
      tags: computeInterestTags(aff, ctx, options.tags),
      vector,
    };
  }
  const clvBands = computeClvBands(
    customers.map((c) => c.value?.clv ?? NaN),
    bandQuantiles,
  );
  timings['tags+vectors'] = Math.round(performance.now() - t0);
  return {
    asOf,
    customers,
    vectors,
    layout,
    rfmBands: rfm.bands,
    rfmGrid: computeRfmGrid({ ...rfm, rows: rfm.rows.slice(first) }),
    valueUnitDays: unitDays,
    valueHorizonDays: horizonDays,
    calibration,
    clvBands,
    models: { bgnbd, gammaGamma, churn },
    timings,
  };
}

/** `portraitStages` run to the end. */
export function computePortraits(groups: PortraitGroups, options: PortraitOptions): PortraitBatch {
  const it = portraitStages(groups, options);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
