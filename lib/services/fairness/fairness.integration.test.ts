import { afterAll, beforeAll, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import type { Role } from '@/lib/security/roles';
import { seedDemoShop, testActors } from '@/lib/testing/db/seed-shop';
import type { UserActor } from '../auth/actor';
import { createSegment } from '../segments';
import { getFairnessOverview, getSegmentFairness, saveFairnessSettings } from './index';

let actors: Record<Role, UserActor>;
let segmentId: number;

beforeAll(async () => {
  await seedDemoShop({ customers: 300, products: 80, events: 5_000, seed: 9 });
  actors = await testActors();
  const created = await createSegment(actors.admin, {
    name: 'E-mail consent',
    definition: { type: 'group', op: 'and', children: [{ type: 'consent', channel: 'email', op: 'granted' }] },
  });
  segmentId = created.id;
}, 300_000);
afterAll(() => closeConnections());

test('selection rates per gender match a direct count of the members among all customers', async () => {
  const report = await getSegmentFairness(actors.manager, segmentId);
  const customers = await db.customer.findMany({
    where: { erasedAt: null },
    select: { gender: true, consentEmail: true },
  });
  expect(report.population).toBe(customers.length);
  expect(report.selected).toBe(customers.filter((c) => c.consentEmail).length);
  const gender = report.dimensions.find((d) => d.dimension === 'gender')!.report;
  for (const g of gender.groups) {
    const inGroup = customers.filter((c) => (c.gender?.trim().toLowerCase() || 'unknown') === g.group);
    expect(g.n).toBe(inGroup.length);
    expect(g.selected).toBe(inGroup.filter((c) => c.consentEmail).length);
  }
  expect(report.dimensions.map((d) => d.dimension)).toEqual(['gender', 'age', 'region', 'lifecycle']);
});

test('a marketer sees only their own segments; an admin can add a sensitive attribute dimension', async () => {
  await expect(getSegmentFairness(actors.marketer, segmentId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  const overview = await getFairnessOverview(actors.marketer);
  expect(overview.segments.some((s) => s.id === segmentId)).toBe(false);
  expect(overview.models).toEqual([]);
  await saveFairnessSettings(actors.admin, { sensitiveAttributes: ['loyalty'] });
  const report = await getSegmentFairness(actors.admin, segmentId);
  expect(report.dimensions.map((d) => d.dimension)).toContain('attr:loyalty');
  await expect(saveFairnessSettings(actors.manager, { sensitiveAttributes: [] })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
});
