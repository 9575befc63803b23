import { describe, expect, test } from 'vitest';
import { bucketSeries, resolveRange } from './dashboard-range';

const H = 3_600_000;
// 2026-03-10 12:00 UTC = 20:00 in Shanghai (UTC+8 all year), 08:00 in New York (EDT since 2026-03-08 02:00).
const ANCHOR = Date.UTC(2026, 2, 10, 12);

describe('resolveRange', () => {
  test.each([
    [7, '2026-03-04', '2026-02-25', '2026-03-03'],
    [30, '2026-02-09', '2026-01-10', '2026-02-08'],
    [90, '2025-12-11', '2025-09-12', '2025-12-10'],
    [365, '2025-03-11', '2024-03-11', '2025-03-10'],
  ])(
    'the last %i shop days end on the newest data’s day and compare with as many days before',
    (days, fromDay, prevFrom, prevTo) => {
      const { range, problems } = resolveRange({ range: String(days) }, ANCHOR, 'Asia/Shanghai');
      expect(problems).toEqual([]);
      expect(range).toMatchObject({ fromDay, toDay: '2026-03-10', days, preset: days });
      expect(range.previous).toMatchObject({ fromDay: prevFrom, toDay: prevTo });
      // Shanghai midnight is 16:00 UTC the day before.
      const [y, m, d] = fromDay.split('-').map(Number) as [number, number, number];
      expect(range.from).toBe(Date.UTC(y, m - 1, d) - 8 * H);
      expect(range.to).toBe(Date.UTC(2026, 2, 11) - 8 * H - 1);
      expect(range.previous.to).toBe(range.from - 1);
    },
  );

  test('days follow the zone’s clock across a daylight-saving change (New York, 8 March 2026)', () => {
    const { range } = resolveRange({ from: '2026-03-08', to: '2026-03-08' }, ANCHOR, 'America/New_York');
    expect(range.from).toBe(Date.UTC(2026, 2, 8, 5)); // 00:00 EST = 05:00 UTC
    expect(range.to).toBe(Date.UTC(2026, 2, 9, 4) - 1); // 00:00 EDT next day = 04:00 UTC
    expect(range.previous).toMatchObject({ fromDay: '2026-03-07', toDay: '2026-03-07', from: Date.UTC(2026, 2, 7, 5) });
  });

  test('a custom period; `to` defaults to the newest data’s day; long periods go by week', () => {
    expect(resolveRange({ from: '2026-01-01', to: '2026-01-31' }, ANCHOR, 'UTC').range).toMatchObject({
      days: 31,
      preset: null,
      unit: 'day',
      previous: { fromDay: '2025-12-01', toDay: '2025-12-31' },
    });
    expect(resolveRange({ from: '2026-03-01' }, ANCHOR, 'UTC').range).toMatchObject({
      fromDay: '2026-03-01',
      toDay: '2026-03-10',
      days: 10,
    });
    expect(resolveRange({ range: '365' }, ANCHOR, 'UTC').range.unit).toBe('week');
  });

  test.each([
    [{ range: '14' }, { reason: 'preset', value: '14' }],
    [{ range: 'abc' }, { reason: 'preset', value: 'abc' }],
    [
      { from: '2026-02-30', to: '2026-03-01' },
      { reason: 'invalid', value: '2026-02-30' },
    ],
    [{ from: 'yesterday' }, { reason: 'invalid', value: 'yesterday' }],
    [{ to: '2026-03-01' }, { reason: 'invalid', value: '' }],
    [
      { from: '2026-03-05', to: '2026-03-01' },
      { reason: 'order', from: '2026-03-05', to: '2026-03-01' },
    ],
    [{ from: '2020-01-01', to: '2026-03-01' }, { reason: 'tooLong' }],
  ])('%j is reported and the default 90 days used', (input, problem) => {
    const { range, problems } = resolveRange(input, ANCHOR, 'UTC');
    expect(problems).toEqual([problem]);
    expect(range).toMatchObject({ preset: 90, toDay: '2026-03-10', days: 90 });
  });
});

describe('bucketSeries', () => {
  test('quarter-hour rows land on the shop day they belong to; the previous period sits beside them', () => {
    const { range } = resolveRange({ range: '7' }, ANCHOR, 'Asia/Shanghai');
    const current = [
      { t: Date.UTC(2026, 2, 3, 15, 45), orders: 1, revenue: 10 }, // 23:45 on 3 March in Shanghai: before the range
      { t: Date.UTC(2026, 2, 3, 16, 0), orders: 2, revenue: 20 }, // 00:00 on 4 March: day 1
      { t: Date.UTC(2026, 2, 10, 15, 45), orders: 3, revenue: 30 }, // 23:45 on 10 March: day 7
    ];
    const previous = [{ t: Date.UTC(2026, 1, 24, 16, 0), orders: 4, revenue: 40 }]; // 00:00 on 25 February: day 1
    const buckets = bucketSeries(range, 'Asia/Shanghai', current, previous);
    expect(buckets).toHaveLength(7);
    expect(buckets[0]).toEqual({
      start: Date.UTC(2026, 2, 3, 16),
      orders: 2,
      revenue: 20,
      prevOrders: 4,
      prevRevenue: 40,
    });
    expect(buckets[6]).toMatchObject({ start: Date.UTC(2026, 2, 9, 16), orders: 3, revenue: 30 });
    expect(buckets.reduce((s, b) => s + b.orders, 0)).toBe(5);
  });

  test('weeks start on the period’s first day; the last week may be short', () => {
    const { range } = resolveRange({ from: '2026-01-01', to: '2026-04-30' }, ANCHOR, 'UTC');
    const buckets = bucketSeries(range, 'UTC', [{ t: Date.UTC(2026, 3, 30, 23, 45), orders: 1, revenue: 5 }], []);
    expect(buckets).toHaveLength(Math.ceil(120 / 7));
    expect(buckets[1]!.start).toBe(Date.UTC(2026, 0, 8));
    expect(buckets.at(-1)).toMatchObject({ orders: 1, revenue: 5 });
  });
});
