import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { DEFAULT_PRIVACY, type PrivacySettings } from '@/lib/schemas/privacy';
import type { Role } from '@/lib/security/roles';
import { budgetPeriod } from '@/lib/stats/privacy/budget';
import { seedDemoShop, testActors } from '@/lib/testing/db/seed-shop';
import type { UserActor } from '../auth/actor';
import { getPrivacyOverview } from './overview';
import { type ReleaseRequest, releasePrivately } from './release';
import { getPrivateDashboard, releaseDashboard, sharedResultsCsv } from './reports';
import { savePrivacySettings } from './settings';

let actors: Record<Role, UserActor>;
const period = budgetPeriod(new Date());

beforeAll(async () => {
  await seedDemoShop({ customers: 200, products: 80, events: 6_000, seed: 5 });
  actors = await testActors();
}, 300_000);
afterAll(() => closeConnections());

const request = (i: number, value = 1234): ReleaseRequest => ({
  kind: 'dashboard',
  query: { report: 'test', i },
  dataStamp: 'fixed',
  compute: async () => [{ key: 'n', value, sensitivity: 1 }],
});

describe('the privacy accountant', () => {
  test('with budget for 10 releases, exactly 10 of 50 concurrent requests succeed', async () => {
    await db.privacyBudget.deleteMany({});
    const settings: PrivacySettings = { ...DEFAULT_PRIVACY, enabled: true, epsilonPerReport: 0.5, monthlyBudget: 5 };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => releasePrivately(actors.manager, settings, request(1000 + i))),
    );
    const ok = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(ok).toHaveLength(10);
    expect(refused.every((o) => (o.reason as { code?: string }).code === 'CONFLICT')).toBe(true);
    const budget = await db.privacyBudget.findUniqueOrThrow({ where: { period } });
    expect(budget).toMatchObject({ spentMilli: 5000, limitMilli: 5000, releases: 10 });
    expect(await db.privacyRelease.count({ where: { kind: 'dashboard', period } })).toBe(10);
  });

  test('the same query is re-served from the cache at no cost; the audit entry never holds the true value', async () => {
    await db.privacyBudget.deleteMany({});
    const settings: PrivacySettings = { ...DEFAULT_PRIVACY, enabled: true };
    const first = await releasePrivately(actors.manager, settings, request(1, 987_654));
    const again = await releasePrivately(actors.manager, settings, request(1, 987_654));
    expect(first.isCached).toBe(false);
    expect(again).toMatchObject({ id: first.id, isCached: true, values: first.values });
    const budget = await db.privacyBudget.findUniqueOrThrow({ where: { period } });
    expect(budget).toMatchObject({ spentMilli: 1000, releases: 1 });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: 'privacy.release', targetId: String(first.id) },
    });
    const details = JSON.stringify(audit.details);
    expect(audit.details).toMatchObject({ epsilon: 1, sensitivity: { n: 1 }, query: { report: 'test', i: 1 } });
    expect(details).not.toContain('987654');
  });
});

describe('reports', () => {
  test('dashboard KPIs: released once per period and data state, counts of customers, sums clipped', async () => {
    await db.privacyBudget.deleteMany({});
    await savePrivacySettings(actors.admin, { enabled: true, epsilonPerReport: 1, monthlyBudget: 10, revenueClip: 50 });
    const before = await getPrivateDashboard(actors.manager, { range: '365' });
    expect(before?.release).toBeNull();
    const release = await releaseDashboard(actors.manager, { range: '365' });
    expect(release.values.map((v) => [v.key, v.sensitivity, v.epsilon])).toEqual([
      ['customers', 1, 0.25],
      ['buyers', 1, 0.25],
      ['revenue', 50, 0.25],
      ['newCustomers', 1, 0.25],
    ]);
    const after = await getPrivateDashboard(actors.manager, { range: '365' });
    expect(after?.release?.id).toBe(release.id);
    expect(after?.meter).toMatchObject({ used: 1, remaining: 9, releases: 1, releasesLeft: 9 });
    const overview = await getPrivacyOverview(actors.manager);
    expect(overview.releases[0]?.id).toBe(release.id);
    await expect(getPrivacyOverview(actors.marketer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('a campaign results table for sharing: noisy counts per variant, "< 10" for small ones, cached, audited', async () => {
    await db.privacyBudget.deleteMany({});
    // ε = 10 over 6 cells: noise of scale ≈ 0.6, so P[|noise| ≥ 7] ≈ 1.4e-5 per cell (scipy: 2 · dlaplace.sf(6, 1/0.6))
    await savePrivacySettings(actors.admin, {
      enabled: true,
      epsilonPerReport: 10,
      monthlyBudget: 100,
      revenueClip: 1,
    });
    const customers = await db.customer.findMany({ select: { id: true }, take: 200, orderBy: { id: 'asc' } });
    const campaign = await db.campaign.create({
      data: { name: 'Shared', channel: 'email', goal: 'purchase', salt: 's', createdById: actors.marketer.userId },
    });
    const holdout = await db.campaignVariant.create({
      data: { campaignId: campaign.id, key: 'holdout', name: 'Holdout', isControl: true, weight: 1 },
    });
    const message = await db.campaignVariant.create({
      data: { campaignId: campaign.id, key: 'a', name: 'Message A', weight: 1 },
    });
    // holdout: 100 assigned, 3 converted; message: 100 assigned, 20 converted; revenue 5 each, clipped to 1
    for (const [i, c] of customers.entries()) {
      const variantId = i % 2 === 0 ? holdout.id : message.id;
      const converted = i % 2 === 0 ? i < 6 : i % 5 === 1;
      await db.campaignAssignment.create({ data: { campaignId: campaign.id, customerId: c.id, variantId } });
      await db.campaignOutcome.create({
        data: { campaignId: campaign.id, customerId: c.id, variantId, converted, revenue: converted ? 5 : 0 },
      });
    }
    const file = await sharedResultsCsv(actors.manager, campaign.id);
    expect(file.header).toEqual([
      'variant',
      'customers assigned',
      'customers converted',
      'revenue (clipped at 1 per customer)',
    ]);
    const [h, a, note] = file.rows;
    expect(h![0]).toBe('Holdout');
    expect(h![2]).toBe('< 10');
    expect(h![3]).toBe('< 10');
    for (const [cell, truth] of [
      [h![1], 100],
      [a![1], 100],
      [a![2], 20],
      [a![3], 20],
    ] as const) {
      expect(Number.isInteger(cell)).toBe(true);
      expect(Math.abs((cell as number) - truth)).toBeLessThan(7);
    }
    expect(note![0]).toMatch(/ε = 10 \(1\.6+7? per cell\), sensitivity 1 per count and 1 per revenue/);
    const spent = await db.privacyBudget.findUniqueOrThrow({ where: { period } });
    expect(spent).toMatchObject({ spentMilli: 10_000, releases: 1 });
    // the same export again is the same release, at no cost
    expect((await sharedResultsCsv(actors.manager, campaign.id)).rows).toEqual(file.rows);
    expect(await db.privacyBudget.findUniqueOrThrow({ where: { period } })).toMatchObject({ spentMilli: 10_000 });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'privacy.release' }, orderBy: { id: 'desc' } });
    expect(audit.details).toMatchObject({ epsilon: 10, query: { campaignId: campaign.id, revenueClip: 1 } });
    expect(audit.details).not.toHaveProperty('values');
  });

  test('a shared campaign export is refused while the setting is off', async () => {
    await savePrivacySettings(actors.admin, { ...DEFAULT_PRIVACY, enabled: false });
    // the settings change is in the audit log; only admins may make it
    const logged = await db.auditLog.findFirstOrThrow({
      where: { action: 'privacy.settings' },
      orderBy: { id: 'desc' },
    });
    expect(logged).toMatchObject({ actorId: actors.admin.userId, details: { ...DEFAULT_PRIVACY, enabled: false } });
    await expect(savePrivacySettings(actors.manager, DEFAULT_PRIVACY)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(sharedResultsCsv(actors.manager, 1)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(releaseDashboard(actors.manager, { range: '30' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

test('contribution bounding: buyers are distinct customers and revenue is clipped per customer', async () => {
  const { boundedOrderTotals } = await import('@/lib/db/analytics/private');
  const orders = await db.order.findMany({ where: { status: 'completed' }, select: { customerId: true, total: true } });
  const perCustomer = new Map<number, number>();
  for (const o of orders) perCustomer.set(o.customerId, (perCustomer.get(o.customerId) ?? 0) + o.total);
  const clip = 50;
  const expected = [...perCustomer.values()].reduce((s, v) => s + Math.min(Math.max(v, 0), clip), 0);
  const got = await boundedOrderTotals(db, { from: 0, to: Date.now() + 86_400_000 }, clip);
  expect(got.buyers).toBe(perCustomer.size);
  expect(got.revenue).toBeCloseTo(expected, 6);
  expect(got.buyers).toBeLessThan(orders.length);
});
