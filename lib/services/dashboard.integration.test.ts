import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import type { Role } from '@/lib/security/roles';
import type { UserActor } from './auth/actor';
import { getDashboard } from './dashboard';
import { seedDemoShop, testActors } from '@/lib/testing/db/seed-shop';

const H = 3_600_000;
const DAY = 24 * H;
let actors: Record<Role, UserActor>;
let orders: { at: number; total: number }[];
let signups: number[];
let anchor: number;

// The seeded shop's zone is Asia/Shanghai: UTC+8 all year, so a shop day D runs from D 00:00 UTC − 8 h for 24 h.
const shanghaiDay = (ms: number) => new Date(ms + 8 * H).toISOString().slice(0, 10);
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`) - 8 * H;

function sums(from: number, to: number) {
  const inside = orders.filter((o) => o.at >= from && o.at <= to);
  return {
    orders: inside.length,
    revenue: inside.reduce((s, o) => s + o.total, 0),
    signups: signups.filter((t) => t >= from && t <= to).length,
  };
}

beforeAll(async () => {
  await seedDemoShop({ customers: 300, products: 80, events: 10_000, seed: 33 });
  actors = await testActors();
  const rows = await db.order.findMany({ where: { status: 'completed' }, select: { placedAt: true, total: true } });
  orders = rows.map((r) => ({ at: r.placedAt.getTime(), total: r.total }));
  signups = (await db.customer.findMany({ where: { signupAt: { not: null } }, select: { signupAt: true } })).map((c) =>
    c.signupAt!.getTime(),
  );
  const lastEvent = await db.event.aggregate({ _max: { ts: true } });
  anchor = Math.min(Date.now(), Math.max(...orders.map((o) => o.at), lastEvent._max.ts?.getTime() ?? 0));
}, 300_000);

afterAll(async () => {
  await closeConnections();
  await db.$disconnect();
});

describe('dashboard period', () => {
  test.each([7, 30, 90, 365])(
    'the last %i shop days and the same number of days before, summed independently',
    async (days) => {
      const d = await getDashboard(actors.manager, { range: String(days) });
      if (d.empty) throw new Error('the seeded shop has data');
      const lastDay = shanghaiDay(anchor);
      const from = dayStart(lastDay) - (days - 1) * DAY;
      const to = dayStart(lastDay) + DAY - 1;
      const prevFrom = from - days * DAY;
      expect(d.range).toMatchObject({ from, to, days, previous: { from: prevFrom, to: from - 1 } });
      const now = sums(from, to);
      const before = sums(prevFrom, from - 1);
      // Non-trivial sums: the generated shop has about a year of orders, so the year before the last 365 days is empty.
      if (days >= 30 && days <= 90) expect(now.orders * before.orders).toBeGreaterThan(0);
      expect(d.totals.orders).toBe(now.orders);
      expect(d.totals.revenue).toBeCloseTo(now.revenue, 4);
      expect(d.prevTotals.orders).toBe(before.orders);
      expect(d.prevTotals.revenue).toBeCloseTo(before.revenue, 4);
      expect(d.newCustomers).toBe(now.signups);
      expect(d.prevNewCustomers).toBe(before.signups);
      expect(d.series.reduce((s, b) => s + b.orders, 0)).toBe(now.orders);
      expect(d.series.reduce((s, b) => s + b.prevOrders, 0)).toBe(before.orders);
      const step = days <= 92 ? DAY : 7 * DAY;
      expect(d.series).toHaveLength(Math.ceil((days * DAY) / step));
      d.series.forEach((b, k) => {
        expect(b.start).toBe(from + k * step);
        const bucket = sums(b.start, Math.min(b.start + step, to + 1) - 1);
        expect(b.orders).toBe(bucket.orders);
        expect(b.revenue).toBeCloseTo(bucket.revenue, 4);
      });
    },
  );

  test('a custom period of shop days; a bad one is reported and the default used', async () => {
    const lastDay = shanghaiDay(anchor);
    const fromDay = shanghaiDay(dayStart(lastDay) - 20 * DAY);
    const d = await getDashboard(actors.marketer, { from: fromDay, to: lastDay });
    if (d.empty) throw new Error('the seeded shop has data');
    expect(d.problems).toEqual([]);
    expect(d.range).toMatchObject({ days: 21, preset: null, from: dayStart(fromDay) });
    expect(d.totals.orders).toBe(sums(dayStart(fromDay), dayStart(lastDay) + DAY - 1).orders);
    const bad = await getDashboard(actors.marketer, { from: lastDay, to: fromDay });
    if (bad.empty) throw new Error('the seeded shop has data');
    expect(bad.problems).toEqual([{ reason: 'order', from: lastDay, to: fromDay }]);
    expect(bad.range).toMatchObject({ preset: 90, days: 90 });
  });

  test('anonymous callers are refused', async () => {
    await expect(getDashboard(null)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
