import { computeAffinitiesFromGrouped } from '@/lib/engine/portrait/affinity';
import { buildChurnFeatures, CHURN_FEATURES } from '@/lib/engine/portrait/churn-features';
import { orderTotals } from '@/lib/engine/portrait/customer-index';
import { activitySpans, eventSpans } from '@/lib/engine/portrait/event-columns';
import { computeInterestTags } from '@/lib/engine/portrait/interest-tags';
import { lifecycleOf, resolveLifecycleOptions } from '@/lib/engine/portrait/lifecycle';
import { predictLogistic } from '@/lib/engine/portrait/logistic-regression';
import { writePortraitVector, type PortraitVectorLayout } from '@/lib/engine/portrait/portrait-vector';
import { summarizeGroupedForBgnbd } from '@/lib/engine/portrait/rf-summary';
import type { RfmBand, RfmRow } from '@/lib/engine/portrait/rfm';
import { rfmGroupOf } from '@/lib/engine/portrait/rfm-segments';
import type { CategoryTree } from '@/lib/engine/portrait/category-tree';
import { MS_PER_DAY } from '@/lib/engine/portrait/types';
import type { CustomerPortrait } from '@/lib/engine/portrait/pipeline';
import { predictValues, VALUE_UNIT_DAYS } from '@/lib/engine/portrait/value';
import type { GroupedShop } from './grouping';
import type { PortraitModelState } from './model-state';

/**
 * The incremental side: portraits of a few customers scored with what the last full recompute stored, so a
 * customer's portrait can follow a new event within a second without refitting anything.
 */

/**
 * A score from stored quintile bands, exactly as `quintileScores` would give the value among the stored
 * population: score = 1 + ⌊5 · (customers strictly worse) / n⌋. For "higher is better" that is the score of the
 * lowest band whose max is ≥ v (a value in the gap below a band gets that band's score; above every band, 5); for
 * "lower is better" (recency) the score of the lowest band whose min is ≤ v.
 *
 * @example
 * scoreFromBands(3, [{ score: 1, min: 1, max: 1, count: 60 }, { score: 4, min: 2, max: 2, count: 25 }, { score: 5, min: 3, max: 9, count: 15 }], 'higher-is-better'); // 5
 */
export function scoreFromBands(value: number, bands: readonly RfmBand[], direction: 'higher-is-better' | 'lower-is-better'): number {
  const sorted = [...bands].sort((a, b) => a.score - b.score);
  for (const b of sorted) {
    if (direction === 'higher-is-better' ? b.max >= value : b.min <= value) return b.score;
  }
  return 5;
}

/** A portrait-vector layout for this grouping's dense indices, from the stored dimension labels. */
export function layoutFromLabels(labels: readonly string[], blockWeights: PortraitVectorLayout['blockWeights'], tree: CategoryTree, brands: readonly string[]): PortraitVectorLayout {
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
 * bands, lifecycle by the stored windows, value from the stored BG/NBD and Gamma-Gamma parameters, churn from the
 * stored logistic model (its RFM features from the same bands), interest tags with the stored decay and weights,
 * and the vector in the stored layout.
 */
export function scoreWithModels(shop: GroupedShop, model: PortraitModelState, asOf: number): CustomerPortrait[] {
  const { index, n, tree, orders, events } = shop;
  const settings = model.settings;
  const { bands } = model.rfm;
  const rfm: RfmRow[] = [{ type: 'no-orders', customerId: index.ids[0]! }]; // dense index 0: the price reference
  for (let k = 1; k <= n; k++) {
    const { count, sum } = orderTotals(orders, k, asOf);
    const customerId = index.ids[k]!;
    if (count === 0) {
      rfm.push({ type: 'no-orders', customerId });
      continue;
    }
    let last = -Infinity;
    for (let j = orders.start[k]!; j < orders.start[k + 1]!; j++) if (orders.placedAt[j]! <= asOf) last = orders.placedAt[j]!;
    const recencyDays = Math.floor((asOf - last) / MS_PER_DAY);
    const r = scoreFromBands(recencyDays, bands.recencyDays, 'lower-is-better');
    const f = scoreFromBands(count, bands.frequency, 'higher-is-better');
    const m = scoreFromBands(sum, bands.monetary, 'higher-is-better');
    rfm.push({ type: 'scored', customerId, recencyDays, frequency: count, monetary: sum, r, f, m, group: rfmGroupOf(r, f, m) });
  }

  const spans = eventSpans(events, asOf);
  const lo = resolveLifecycleOptions({ ...settings.lifecycle, asOf }, asOf);
  const lifecycle = Array.from({ length: n + 1 }, (_, k) => lifecycleOf(orders.placedAt.subarray(orders.start[k]!, orders.start[k + 1]!), spans.firstSeen[k]!, spans.lastSeen[k]!, lo));

  const v = model.value;
  let values: ReturnType<typeof predictValues> = new Array(index.ids.length).fill(null);
  if (v.bgnbd.type === 'ok') {
    const summary = summarizeGroupedForBgnbd(orders, index.ids, { calibrationEnd: asOf, unitDays: VALUE_UNIT_DAYS });
    values = predictValues(summary, index.indexOf, { bgnbd: v.bgnbd.params, gammaGamma: v.gammaGamma.type === 'ok' ? v.gammaGamma.params : null }, { size: index.ids.length });
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
    const p = predictLogistic({ intercept: cm.intercept, coefficients: Float64Array.from(cm.coefficients) }, fm.x, fm.d);
    fm.rows.forEach((k, i) => (churn[k] = p[i]!));
  }

  const affinity = computeAffinitiesFromGrouped(events, tree, { asOf, halfLifeDays: settings.halfLifeDays, lookbackDays: settings.lookbackDays, weights: settings.weights });
  const ctx = { tree, brands: events.brands, weights: affinity.weights, lookbackDays: affinity.lookbackDays };
  const activity = activitySpans(orders, events);
  const layout = layoutFromLabels(model.vector.labels, model.vector.blockWeights, tree, events.brands);
  return Array.from({ length: n }, (_, i) => {
    const k = i + 1;
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
