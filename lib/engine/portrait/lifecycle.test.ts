import { describe, expect, test } from 'vitest';
import { computeLifecycle } from './lifecycle';

const DAY = 86_400_000;
const ASOF = Date.UTC(2024, 5, 30, 12);
const at = (daysAgo: number) => ASOF - daysAgo * DAY;

describe('computeLifecycle', () => {
  const orders = [
    { customerId: 1, placedAt: at(10), total: 1 }, // new: first purchase 10 days ago
    { customerId: 2, placedAt: at(200), total: 1 },
    { customerId: 2, placedAt: at(20), total: 1 }, // active
    { customerId: 3, placedAt: at(300), total: 1 },
    { customerId: 3, placedAt: at(95), total: 1 }, // at risk
    { customerId: 4, placedAt: at(400), total: 1 },
    { customerId: 4, placedAt: at(181), total: 1 }, // churned
    { customerId: 5, placedAt: at(500), total: 1 },
    { customerId: 5, placedAt: at(15), total: 1 }, // reactivated: 485-day gap, back 15 days ago
    { customerId: 6, placedAt: at(500), total: 1 },
    { customerId: 6, placedAt: at(80), total: 1 },
    { customerId: 6, placedAt: at(5), total: 1 }, // came back 80 days ago (> 60): active again
  ];
  const events = [
    { customerId: 7, ts: at(3) }, // browsing only, first seen 3 days ago → new
    { customerId: 8, ts: at(120) },
    { customerId: 8, ts: at(100) }, // browsing only, last seen 100 days ago → at risk
    { customerId: 1, ts: at(1) },
  ];
  const res = new Map(
    computeLifecycle({ orders, events, customerIds: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, { asOf: ASOF }).map((r) => [
      r.customerId,
      r.result,
    ]),
  );

  test.each([
    [1, 'new', { code: 'newByOrders', params: { first: 10, threshold: 30 } }],
    [2, 'active', { code: 'activeByOrders', params: { days: 20, threshold: 90 } }],
    [3, 'at-risk', { code: 'atRiskByOrders', params: { days: 95, threshold: 90 } }],
    [4, 'churned', { code: 'churnedByOrders', params: { days: 181, threshold: 180 } }],
    [5, 'reactivated', { code: 'reactivated', params: { back: 15, gap: 485, threshold: 180 } }],
    [6, 'active', { code: 'activeByOrders', params: { days: 5, threshold: 90 } }],
    [7, 'new', { code: 'newByEvents', params: { first: 3, threshold: 30 } }],
    [8, 'at-risk', { code: 'atRiskByEvents', params: { days: 100, threshold: 90 } }],
  ])('customer %d is %s by the rule %o', (id, stage, rule) => {
    const r = res.get(id)!;
    expect(r.type).toBe('ok');
    if (r.type !== 'ok') return;
    expect(r.stage).toBe(stage);
    expect(r.rule).toEqual(rule);
  });

  test('no orders and no events is insufficient-data', () => {
    expect(res.get(9)).toEqual({ type: 'insufficient-data', reason: 'noActivity' });
  });

  test('windows are configurable and validated', () => {
    const r = computeLifecycle(
      { orders: [{ customerId: 1, placedAt: at(95), total: 1 }] },
      { asOf: ASOF, atRiskDays: 120, churnDays: 365 },
    );
    expect(r[0]!.result).toMatchObject({ stage: 'active' });
    expect(() => computeLifecycle({ orders }, { asOf: ASOF, atRiskDays: 200, churnDays: 100 })).toThrow(
      /computeLifecycle/,
    );
  });

  test('orders after asOf are ignored', () => {
    const r = computeLifecycle(
      {
        orders: [
          { customerId: 1, placedAt: at(100), total: 1 },
          { customerId: 1, placedAt: at(-3), total: 1 },
        ],
      },
      { asOf: ASOF },
    );
    expect(r[0]!.result).toMatchObject({ stage: 'at-risk', recencyDays: 100 });
  });
});
