import { describe, expect, test } from 'vitest';
import { datasetSkipReason, hasDataset } from '@/lib/testing/datasets';
import { computeAuc } from './auc';
import { CDNOW, loadCdnowOrders } from './testing/cdnow';
import { buildChurnFeatures, CHURN_FEATURES, churnLabels } from './churn-features';
import { trainChurnModel, trainChurnModelFromGrouped } from './churn-model';
import { buildCustomerIndex, groupOrders } from './customer-index';
import { groupEvents } from './event-columns';
import { loadOnlineRetailOrders, ONLINE_RETAIL } from './testing/online-retail';
import { makeSyntheticShop } from './testing/synthetic-shop';

const DAY = 86_400_000;

describe('churn features and labels', () => {
  const cut = Date.UTC(2024, 5, 1);
  const orders = [
    { customerId: 1, placedAt: cut - 10 * DAY, total: 50 },
    { customerId: 1, placedAt: cut - 100 * DAY, total: 30 },
    { customerId: 1, placedAt: cut + 5 * DAY, total: 999 }, // after the cut
    { customerId: 2, placedAt: cut - 200 * DAY, total: 20 },
    { customerId: 3, placedAt: cut + 1 * DAY, total: 10 }, // first order after the cut: not in the population
  ];
  const events = [
    { customerId: 1, type: 'view', ts: cut - 2 * DAY },
    { customerId: 1, type: 'cart', ts: cut - 20 * DAY },
    { customerId: 1, type: 'view', ts: cut + 1 * DAY }, // after the cut
    { customerId: 2, type: 'search', ts: cut - 45 * DAY, query: 'x' },
  ];
  const index = buildCustomerIndex([orders, events]);
  const go = groupOrders(orders, index);
  const fm = buildChurnFeatures(go, groupEvents(events, index), cut);
  const col = (row: number, name: (typeof CHURN_FEATURES)[number]) => fm.x[row * fm.d + CHURN_FEATURES.indexOf(name)]!;

  test('only history up to the cut is used', () => {
    expect(Array.from(fm.rows)).toEqual([0, 1]);
    expect(col(0, 'log_recency_days')).toBeCloseTo(Math.log1p(10), 12);
    expect(col(0, 'log_frequency')).toBeCloseTo(Math.log1p(2), 12);
    expect(col(0, 'log_monetary')).toBeCloseTo(Math.log1p(80), 12);
    expect(col(0, 'log_views_7d')).toBeCloseTo(Math.log1p(1), 12);
    expect(col(0, 'log_carts_30d')).toBeCloseTo(Math.log1p(1), 12);
    expect(col(0, 'order_trend_90d')).toBeCloseTo((1 - 1) / 3, 12);
    expect(col(0, 'log_days_since_event')).toBeCloseTo(Math.log1p(2), 12);
    expect(col(1, 'event_trend_30d')).toBeCloseTo(-1 / 2, 12); // one event 31–60 days before, none in the last 30
    expect(col(0, 'rfm_r')).toBe(3); // 1 + ⌊5 · 1 / 2⌋
    expect(col(1, 'rfm_r')).toBe(1);
  });

  test('labels: churned = no order in (cut, cut + horizon]', () => {
    expect(Array.from(churnLabels(go, fm.rows, cut, 30))).toEqual([0, 1]);
    expect(Array.from(churnLabels(go, fm.rows, cut, 3))).toEqual([1, 1]);
  });

  test('too little history is insufficient-data', () => {
    expect(trainChurnModel({ orders }).type).toBe('insufficient-data');
  });
});

describe('churn model on a synthetic shop with events', () => {
  test('time-based validation beats chance and scores every customer with orders', () => {
    const shop = makeSyntheticShop({ customers: 1500, eventsPerCustomer: 40, seed: 7 });
    const index = buildCustomerIndex([shop.customerIds]);
    const res = trainChurnModelFromGrouped(groupOrders(shop.orders, index), groupEvents(shop.events, index), {
      asOf: shop.asOf,
      horizonDays: 60,
    });
    if (res.type !== 'ok') throw new Error(res.reason);
    expect(res.validation.auc).toBeGreaterThan(0.7);
    expect(res.validation.trainCut).toBe(shop.asOf - 120 * DAY);
    for (const p of res.scores.probability) expect(p >= 0 && p <= 1).toBe(true);
  });
});

describe.skipIf(!hasDataset(CDNOW))('churn model on CDNOW (orders only)', () => {
  if (!hasDataset(CDNOW)) test.skip(datasetSkipReason(CDNOW), () => {});
  test('13-week horizon: hold-out AUC ≈ 0.83, better than recency alone', () => {
    const orders = loadCdnowOrders();
    const asOf = Date.UTC(1998, 5, 30);
    const res = trainChurnModel({ orders }, { asOf, horizonDays: 91 });
    if (res.type !== 'ok') throw new Error(res.reason);
    expect(res.validation.validationRows).toBe(2357);
    expect(res.validation.auc).toBeGreaterThan(0.8);
    const index = buildCustomerIndex([orders]);
    const go = groupOrders(orders, index);
    const fm = buildChurnFeatures(go, null, res.validation.validationCut);
    const recency = Array.from(fm.rows, (_, i) => fm.x[i * fm.d]!);
    const baseline = computeAuc(recency, churnLabels(go, fm.rows, fm.cut, 91));
    expect(baseline.type === 'ok' && res.validation.auc).toBeGreaterThan(baseline.type === 'ok' ? baseline.auc : 1);
  });
});

describe.skipIf(!hasDataset(ONLINE_RETAIL))('churn model on UCI Online Retail (orders only)', () => {
  if (!hasDataset(ONLINE_RETAIL)) test.skip(datasetSkipReason(ONLINE_RETAIL), () => {});
  test('90-day horizon: hold-out AUC ≈ 0.74', () => {
    const orders = loadOnlineRetailOrders();
    expect(orders.length).toBe(18_532); // README: 18,532 invoices in the clean subset
    const res = trainChurnModel({ orders }, { horizonDays: 90 });
    if (res.type !== 'ok') throw new Error(res.reason);
    expect(res.validation.auc).toBeGreaterThan(0.7);
  });
});
