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
    [1, 'new', 'first purchase 10 days ago ≤ new window 30 days'],
    [2, 'active', 'last purchase 20 days ago ≤ at-risk threshold 90 days'],
    [3, 'at-risk', 'last purchase 95 days ago > at-risk threshold 90 days'],
    [4, 'churned', 'last purchase 181 days ago > churn threshold 180 days'],
    [5, 'reactivated', 'returned 15 days ago after a 485-day gap > churn threshold 180 days'],
    [6, 'active', 'last purchase 5 days ago ≤ at-risk threshold 90 days'],
    [7, 'new', 'no purchase yet; first seen 3 days ago ≤ new window 30 days'],
    [8, 'at-risk', 'no purchase; last visit 100 days ago > at-risk threshold 90 days'],
  ])('customer %d is %s: "%s"', (id, stage, rule) => {
    const r = res.get(id)!;
    expect(r.type).toBe('ok');
    if (r.type !== 'ok') return;
    expect(r.stage).toBe(stage);
    expect(r.rule.en).toBe(rule);
    expect(r.rule.zh.length).toBeGreaterThan(0);
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
