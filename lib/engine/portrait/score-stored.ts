import { computeAffinitiesFromGrouped } from './affinity';
import type { BgnbdParams } from './bgnbd';
import type { CategoryTree } from './category-tree';
import { buildChurnFeatures, CHURN_FEATURES } from './churn-features';
import { orderTotals } from './customer-index';
import { activitySpans, eventSpans } from './event-columns';
import type { GammaGammaParams } from './gamma-gamma';
import { computeInterestTags } from './interest-tags';
import { lifecycleOf, resolveLifecycleOptions } from './lifecycle';
import { predictLogistic } from './logistic-regression';
import type { CustomerPortrait, PortraitGroups, PortraitOptions } from './pipeline';
import { writePortraitVector, type PortraitVectorLayout } from './portrait-vector';
import { summarizeGroupedForBgnbd } from './rf-summary';
import type { RfmBand, RfmResult, RfmRow } from './rfm';
import { rfmGroupOf } from './rfm-segments';
import { MS_PER_DAY } from './types';
import { predictValues, VALUE_UNIT_DAYS } from './value';

/**
 * The incremental side: portraits of a few customers scored with what the last full recompute stored, so a
 * customer's portrait can follow a new event within a second without refitting anything.
 */

/** A model the last recompute could not fit (its stored reason is not needed for scoring; older states hold words). */
type NotFitted = { type: 'insufficient-data' };

/** What a full recompute (`computePortraits`) leaves behind for scoring customers later without refitting. */
export type StoredPortraitModels = {
  rfm: { bands: RfmResult['bands'] };
  value: {
    bgnbd: { type: 'ok'; params: BgnbdParams } | NotFitted;
    gammaGamma: { type: 'ok'; params: GammaGammaParams } | NotFitted;
  };
  churn:
    | { type: 'ok'; featureNames: readonly string[]; intercept: number; coefficients: readonly number[] }
    | NotFitted;
  vector: { labels: readonly string[]; blockWeights: PortraitVectorLayout['blockWeights'] };
};

/**
 * A score from stored quintile bands, exactly as `quintileScores` would give the value among the stored
 * population: score = 1 + ⌊5 · (customers strictly worse) / n⌋. For "higher is better" that is the score of the
 * lowest band whose max is ≥ v (a value in the gap below a band gets that band's score; above every band, 5); for
 * "lower is better" (recency) the score of the lowest band whose min is ≤ v.
 *
 * @example
 * scoreFromBands(3, [{ score: 1, min: 1, max: 1, count: 60 }, { score: 4, min: 2, max: 2, count: 25 }, { score: 5, min: 3, max: 9, count: 15 }], 'higher-is-better'); // 5
 */
export function scoreFromBands(
  value: number,
  bands: readonly RfmBand[],
  direction: 'higher-is-better' | 'lower-is-better',
): number {
  const sorted = [...bands].sort((a, b) => a.score - b.score);
  for (const b of sorted) {
    if (direction === 'higher-is-better' ? b.max >= value : b.min <= value) return b.score;
  }
  return 5;
}

/** A portrait-vector layout for this grouping's dense indices, from the stored dimension labels. */
export function layoutFromLabels(
  labels: readonly string[],
  blockWeights: PortraitVectorLayout['blockWeights'],
  tree: CategoryTree,
  brands: readonly string[],
): PortraitVectorLayout {
  const categoryDim = new Int32Array(tree.nodes.length).fill(-1);
  const brandDim = new Int32Array(brands.length).fill(-1);
  const brandIndex = new Map(brands.map((b, i) => [b.toLowerCase(), i]));
  let priceBandOffset = -1;
  let rfmOffset = -1;
  labels.forEach((label, d) => {
    if (label.startsWith('category:')) {
      const k = tree.indexOf.get(Number(label.slice(9)));
      if (k !== undefined) categoryDim[k] = d;
    } else if (label.startsWith('brand:')) {
      const b = brandIndex.get(label.slice(6).toLowerCase());
      if (b !== undefined) brandDim[b] = d;
    } else if (label === 'price:budget') priceBandOffset = d;
    else if (label === 'rfm:r') rfmOffset = d;
  });
  return { dim: labels.length, categoryDim, brandDim, priceBandOffset, rfmOffset, blockWeights, labels: [...labels] };
}

/**
 * Portraits of the grouped customers at `asOf` with the stored models: RFM scores against the stored quintile
 * bands, lifecycle by the given windows, value from the stored BG/NBD and Gamma-Gamma parameters, churn from the
 * stored logistic model (its RFM features from the same bands), interest tags with the given decay and weights,
 * and the vector in the stored layout. With no new data and the recompute's options it reproduces the recompute's
 * portraits.
 *
 * @example
 * scoreWithModels(groups, stored, { asOf: Date.now(), lifecycle, affinity })[0].rfm; // { type: 'scored', r: 5, … }
 */
export function scoreWithModels(
  groups: PortraitGroups,
  model: StoredPortraitModels,
  options: Pick<PortraitOptions, 'asOf' | 'lifecycle' | 'affinity'>,
): CustomerPortrait[] {
  const { index, tree, orders, events } = groups;
  const { asOf } = options;
  const first = groups.firstCustomer ?? 0;
  const { bands } = model.rfm;
  const rfm: RfmRow[] = index.ids.slice(0, first).map((customerId) => ({ type: 'no-orders', customerId })); // reference rows
  for (let k = first; k < index.ids.length; k++) {
    const { count, sum } = orderTotals(orders, k, asOf);
    const customerId = index.ids[k]!;
    if (count === 0) {
      rfm.push({ type: 'no-orders', customerId });
      continue;
    }
    let last = -Infinity;
    for (let j = orders.start[k]!; j < orders.start[k + 1]!; j++)
      if (orders.placedAt[j]! <= asOf) last = orders.placedAt[j]!;
    const recencyDays = Math.floor((asOf - last) / MS_PER_DAY);
    const r = scoreFromBands(recencyDays, bands.recencyDays, 'lower-is-better');
    const f = scoreFromBands(count, bands.frequency, 'higher-is-better');
    const m = scoreFromBands(sum, bands.monetary, 'higher-is-better');
    rfm.push({
      type: 'scored',
      customerId,
      recencyDays,
      frequency: count,
      monetary: sum,
      r,
      f,
      m,
      group: rfmGroupOf(r, f, m),
    });
  }

  const spans = eventSpans(events, asOf);
  const lo = resolveLifecycleOptions({ ...options.lifecycle, asOf }, asOf);
  const lifecycle = Array.from({ length: index.ids.length }, (_, k) =>
    lifecycleOf(
      orders.placedAt.subarray(orders.start[k]!, orders.start[k + 1]!),
      spans.firstSeen[k]!,
      spans.lastSeen[k]!,
      lo,
    ),
  );

  const v = model.value;
  let values: ReturnType<typeof predictValues> = new Array(index.ids.length).fill(null);
  if (v.bgnbd.type === 'ok') {
    const summary = summarizeGroupedForBgnbd(orders, index.ids, { calibrationEnd: asOf, unitDays: VALUE_UNIT_DAYS });
    values = predictValues(
      summary,
      index.indexOf,
      { bgnbd: v.bgnbd.params, gammaGamma: v.gammaGamma.type === 'ok' ? v.gammaGamma.params : null },
      { size: index.ids.length },
    );
  }

  const churn: (number | null)[] = new Array(index.ids.length).fill(null);
  const cm = model.churn;
  if (cm.type === 'ok' && cm.featureNames.join() === CHURN_FEATURES.join()) {
    const fm = buildChurnFeatures(orders, events, asOf);
    const col = CHURN_FEATURES.indexOf('rfm_r');
    for (let i = 0; i < fm.rows.length; i++) {
      const row = rfm[fm.rows[i]!];
      if (row?.type !== 'scored') continue;
      fm.x[i * fm.d + col] = row.r;
      fm.x[i * fm.d + col + 1] = row.f;
      fm.x[i * fm.d + col + 2] = row.m;
    }
    const p = predictLogistic(
      { intercept: cm.intercept, coefficients: Float64Array.from(cm.coefficients) },
      fm.x,
      fm.d,
    );
    fm.rows.forEach((k, i) => {
      churn[k] = p[i]!;
    });
  }

  const affinity = computeAffinitiesFromGrouped(events, tree, { ...options.affinity, asOf });
  const ctx = { tree, brands: events.brands, weights: affinity.weights, lookbackDays: affinity.lookbackDays };
  const activity = activitySpans(orders, events);
  const layout = layoutFromLabels(model.vector.labels, model.vector.blockWeights, tree, events.brands);
  return Array.from({ length: index.ids.length - first }, (_, i) => {
    const k = first + i;
    const row = rfm[k]!;
    const vector = new Float32Array(layout.dim);
    if (layout.dim > 0) writePortraitVector(layout, affinity.customers[k], row.type === 'scored' ? row : null, vector);
    const totals = orderTotals(orders, k, Infinity);
    return {
      customerId: index.ids[k]!,
      orderCount: totals.count,
      revenue: totals.sum,
      firstSeen: activity.firstSeen[k]!,
      lastSeen: activity.lastSeen[k]!,
      rfm: row,
      lifecycle: lifecycle[k]!,
      value: values[k] ?? null,
      churnProbability: churn[k] ?? null,
      affinity: affinity.customers[k]!,
      tags: computeInterestTags(affinity.customers[k]!, ctx),
      vector,
    };
  });
}
