import { computeAffinitiesFromGrouped, type AffinityOptions, type CustomerAffinity } from './affinity';
import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive } from './bgnbd';
import { fitBgnbd, type BgnbdFit } from './bgnbd-fit';
import { buildCategoryTree } from './category-tree';
import { trainChurnModelFromGrouped, type ChurnModelOptions, type ChurnModelResult } from './churn-model';
import { computeDiscountedPurchases, type ClvOptions } from './clv';
import { buildCustomerIndex, groupOrders } from './customer-index';
import { eventSpans, groupEvents } from './event-columns';
import { fitGammaGamma, gammaGammaExpectedSpend, type GammaGammaFit } from './gamma-gamma';
import { computeInterestTags, type InterestTag, type InterestTagOptions } from './interest-tags';
import { computeLifecycleFromGrouped, type LifecycleOptions, type LifecycleResult } from './lifecycle';
import { buildPortraitLayout, findLookalikes, writePortraitVector, type PortraitVectorLayout, type PortraitVectorOptions } from './portrait-vector';
import { summarizeGroupedForBgnbd } from './rf-summary';
import { computeRfmFromGrouped, type RfmOptions, type RfmRow } from './rfm';
import { computeRfmGrid, type RfmGrid } from './rfm-grid';
import type { CategoryNode, EventRecord, OrderRecord } from './types';

export type PortraitInput = {
  /** every customer of the shop (those without orders or events included); default: everyone in orders and events */
  customerIds?: readonly number[];
  orders: readonly OrderRecord[];
  events: readonly EventRecord[];
  categories: readonly CategoryNode[];
};

export type PortraitOptions = {
  /** reference time for everything, epoch ms (default: the latest order or event) */
  asOf?: number;
  rfm?: Omit<RfmOptions, 'asOf'>;
  lifecycle?: Omit<LifecycleOptions, 'asOf'>;
  affinity?: Omit<AffinityOptions, 'asOf'>;
  tags?: InterestTagOptions;
  vector?: PortraitVectorOptions;
  /** BG/NBD + Gamma-Gamma value model; the model's unit is weeks (unitDays 7) unless set */
  value?: Omit<ClvOptions, 'unitDays'> & { enabled?: boolean; unitDays?: number };
  churn?: Omit<ChurnModelOptions, 'asOf'> & { enabled?: boolean };
};

/**
 * Model-based value of a customer (null without orders, when the BG/NBD model could not be fitted, or when its
 * expectations are not finite for this history). `expectedSpend` and `clv` are NaN when the Gamma-Gamma model could
 * not be fitted (or has q ≤ 1 for a customer without repeat purchases).
 */
export type CustomerValue = {
  pAlive: number;
  expectedPurchases30: number;
  expectedPurchases90: number;
  expectedPurchases365: number;
  /** Gamma-Gamma expected average order value */
  expectedSpend: number;
  /** discounted CLV over `PortraitBatch.valueHorizonDays` (365 by default) */
  clv: number;
};

export type CustomerPortrait = {
  customerId: number;
  rfm: RfmRow;
  lifecycle: LifecycleResult;
  value: CustomerValue | null;
  churnProbability: number | null;
  affinity: CustomerAffinity;
  tags: InterestTag[];
};

export type PortraitBatch = {
  asOf: number;
  customers: CustomerPortrait[];
  /** row k is customers[k]'s portrait vector (row-major, layout.dim wide, L2-normalised) */
  vectors: Float32Array;
  layout: PortraitVectorLayout;
  rfmGrid: RfmGrid;
  valueHorizonDays: number;
  models: { bgnbd: BgnbdFit | null; gammaGamma: GammaGammaFit | null; churn: Omit<Extract<ChurnModelResult, { type: 'ok' }>, 'scores'> | Exclude<ChurnModelResult, { type: 'ok' }> | null };
  /** milliseconds per stage, for monitoring the nightly recompute */
  timings: Record<string, number>;
};

/**
 * Full portrait recompute for a shop: RFM scores and groups (+ grid chart), lifecycle stage with its rule,
 * BG/NBD P(alive) and expected purchases, Gamma-Gamma spend and 365-day CLV, churn probability from a model trained on
 * the shop's own history, interest affinities and tags with explanations, and the portrait vector for lookalikes.
 * Orders and events are grouped by customer once (counting sort into typed arrays); every stage then runs on dense
 * indices. Models that cannot be fitted leave their fields null and report why in `models`.
 *
 * @example
 * const batch = buildPortraits({ orders, events, categories, customerIds }, { asOf: Date.now() });
 * batch.customers[0].tags[0].label; // { en: 'likes sports', zh: '喜欢运动' }
 */
export function buildPortraits(input: PortraitInput, options: PortraitOptions = {}): PortraitBatch {
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    const t = performance.now();
    timings[name] = t - t0;
    t0 = t;
  };
  const index = buildCustomerIndex([input.customerIds ?? [], input.orders, input.events]);
  const tree = buildCategoryTree(input.categories);
  const orders = groupOrders(input.orders, index);
  const events = groupEvents(input.events, index, tree.indexOf);
  lap('group');
  let asOf = options.asOf ?? -Infinity;
  if (options.asOf === undefined) {
    for (let i = 0; i < orders.placedAt.length; i++) asOf = Math.max(asOf, orders.placedAt[i]!);
    for (let i = 0; i < events.ts.length; i++) asOf = Math.max(asOf, events.ts[i]!);
    if (!Number.isFinite(asOf)) asOf = 0;
  }
  const n = index.ids.length;
  const rfm = computeRfmFromGrouped(orders, index.ids, { ...options.rfm, asOf });
  const spans = eventSpans(events, asOf);
  const lifecycle = computeLifecycleFromGrouped(orders, spans.firstSeen, spans.lastSeen, { ...options.lifecycle, asOf });
  lap('rfm+lifecycle');
  const value: (CustomerValue | null)[] = new Array(n).fill(null);
  let bgnbd: BgnbdFit | null = null;
  let gammaGamma: GammaGammaFit | null = null;
  if (options.value?.enabled !== false) {
    const unitDays = options.value?.unitDays ?? 7;
    const summary = summarizeGroupedForBgnbd(orders, index.ids, { calibrationEnd: asOf, unitDays });
    bgnbd = fitBgnbd(summary);
    gammaGamma = fitGammaGamma(summary);
    lap('value-fit');
    if (bgnbd.type === 'ok') {
      const bg = bgnbd.params;
      const gg = gammaGamma.type === 'ok' ? gammaGamma.params : null;
      const horizonDays = options.value?.horizonDays ?? 365;
      const cache = new Map<string, { pAlive: number; e30: number; e90: number; e365: number; discounted: number }>();
      for (let i = 0; i < summary.customerIds.length; i++) {
        const c = { x: summary.x[i]!, tx: summary.tx[i]!, T: summary.T[i]! };
        const key = `${c.x}|${c.tx}|${c.T}`;
        let v = cache.get(key);
        if (!v) {
          const clv = computeDiscountedPurchases(bg, c, { ...options.value, horizonDays, unitDays });
          v = {
            pAlive: bgnbdProbabilityAlive(bg, c),
            e30: bgnbdConditionalExpectedPurchases(bg, c, 30 / unitDays),
            e90: bgnbdConditionalExpectedPurchases(bg, c, 90 / unitDays),
            e365: horizonDays === 365 ? clv.expectedPurchases : bgnbdConditionalExpectedPurchases(bg, c, 365 / unitDays),
            discounted: clv.discountedPurchases,
          };
          cache.set(key, v);
        }
        const spend = gg ? gammaGammaExpectedSpend(gg, { x: c.x, mx: summary.mx[i]! }) : NaN;
        // a history where no closed form of the ₂F₁ is finite (huge x and huge a, b together) gets no value at all
        if (![v.pAlive, v.e30, v.e90, v.e365, v.discounted].every(Number.isFinite)) continue;
        value[index.indexOf.get(summary.customerIds[i]!)!] = {
          pAlive: v.pAlive,
          expectedPurchases30: v.e30,
          expectedPurchases90: v.e90,
          expectedPurchases365: v.e365,
          expectedSpend: spend,
          clv: (options.value?.margin ?? 1) * spend * v.discounted,
        };
      }
    }
  }
  lap('value-predict');
  const churnProbability: (number | null)[] = new Array(n).fill(null);
  let churn: PortraitBatch['models']['churn'] = null;
  if (options.churn?.enabled !== false) {
    const res = trainChurnModelFromGrouped(orders, events, { ...options.churn, asOf });
    if (res.type === 'ok') {
      res.scores.rows.forEach((k, i) => (churnProbability[k] = res.scores.probability[i]!));
      const { scores: _scores, ...rest } = res;
      churn = rest;
    } else churn = res;
  }
  lap('churn');
  const affinity = computeAffinitiesFromGrouped(events, tree, { ...options.affinity, asOf });
  lap('affinity');
  const ctx = { tree, brands: events.brands, weights: affinity.weights, lookbackDays: affinity.lookbackDays };
  const layout = buildPortraitLayout(affinity.customers, tree, events.brands, options.vector);
  const vectors = new Float32Array(n * layout.dim);
  const customers: CustomerPortrait[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const row = rfm.rows[k]!;
    const aff = affinity.customers[k]!;
    writePortraitVector(layout, aff, row.type === 'scored' ? row : null, vectors.subarray(k * layout.dim, (k + 1) * layout.dim));
    customers[k] = {
      customerId: index.ids[k]!,
      rfm: row,
      lifecycle: lifecycle[k]!,
      value: value[k]!,
      churnProbability: churnProbability[k]!,
      affinity: aff,
      tags: computeInterestTags(aff, ctx, options.tags),
    };
  }
  lap('tags+vectors');
  return { asOf, customers, vectors, layout, rfmGrid: computeRfmGrid(rfm), valueHorizonDays: options.value?.horizonDays ?? 365, models: { bgnbd, gammaGamma, churn }, timings };
}

/**
 * Lookalike expansion over a portrait batch by customer id: the `topN` customers outside the seed set whose portrait
 * vectors are most similar (cosine) to the seeds' centroid. Seed ids not in the batch are ignored.
 *
 * @example
 * findLookalikeCustomers(batch, [12, 40, 77], { topN: 500 }); // [{ customerId: 981, similarity: 0.96 }, …]
 */
export function findLookalikeCustomers(batch: Pick<PortraitBatch, 'customers' | 'vectors' | 'layout'>, seedCustomerIds: readonly number[], options: { topN?: number } = {}): { customerId: number; similarity: number }[] {
  const rowOf = new Map(batch.customers.map((c, k) => [c.customerId, k]));
  const seeds = seedCustomerIds.flatMap((id) => (rowOf.has(id) ? [rowOf.get(id)!] : []));
  return findLookalikes(batch.vectors, batch.layout.dim, seeds, options).map((l) => ({ customerId: batch.customers[l.row]!.customerId, similarity: l.similarity }));
}
