import { afterAll, beforeAll, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { DEFAULT_PRIVACY } from '@/lib/schemas/privacy';
import type { Role } from '@/lib/security/roles';
import { seedDemoShop, testActors } from '@/lib/testing/db/seed-shop';
import type { UserActor } from '../auth/actor';
import { savePrivacySettings } from '../privacy/settings';
import { createSegment } from '../segments';
import { getCampaignFairness, getFairnessOverview, getSegmentFairness, saveFairnessSettings } from './index';

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

test('a campaign: its audience per group, the lift per group against the holdout, and the group carrying it', async () => {
  const customers = await db.customer.findMany({
    where: { erasedAt: null },
    select: { id: true, gender: true },
    orderBy: { id: 'asc' },
  });
  const byGender = new Map<string, number[]>();
  for (const c of customers) {
    const g = c.gender?.trim().toLowerCase() || 'unknown';
    byGender.set(g, [...(byGender.get(g) ?? []), c.id]);
  }
  const [carrier, other] = [...byGender].filter(([g]) => g !== 'unknown').sort((a, b) => b[1].length - a[1].length);
  expect(other![1].length).toBeGreaterThanOrEqual(60);
  const campaign = await db.campaign.create({
    data: { name: 'Fairness lift', channel: 'email', goal: 'purchase', salt: 'f', createdById: actors.admin.userId },
  });
  const [holdout, message] = await Promise.all([
    db.campaignVariant.create({
      data: { campaignId: campaign.id, key: 'holdout', name: 'Holdout', isControl: true, weight: 1 },
    }),
    db.campaignVariant.create({ data: { campaignId: campaign.id, key: 'a', name: 'A', weight: 1 } }),
  ]);
  // every other customer of a group in the holdout; the carrier group converts 1 in 2 when messaged and 1 in 10 in
  // the holdout; the other group converts only in the holdout (1 in 5): all the lift is in the carrier group
  const expected = new Map<string, { control: [number, number]; treatment: [number, number] }>();
  for (const [group, ids, converts] of [
    [carrier![0], carrier![1], (j: number, control: boolean) => (control ? j % 20 === 0 : j % 4 === 1)],
    [other![0], other![1], (j: number, control: boolean) => control && j % 10 === 0],
  ] as const) {
    const counts = { control: [0, 0] as [number, number], treatment: [0, 0] as [number, number] };
    for (const [j, customerId] of ids.entries()) {
      const control = j % 2 === 0;
      const converted = converts(j, control);
      const variantId = control ? holdout.id : message.id;
      await db.campaignAssignment.create({ data: { campaignId: campaign.id, customerId, variantId } });
      await db.campaignOutcome.create({ data: { campaignId: campaign.id, customerId, variantId, converted } });
      const arm = counts[control ? 'control' : 'treatment'];
      arm[0]++;
      if (converted) arm[1]++;
    }
    expected.set(group, counts);
  }

  const report = await getCampaignFairness(actors.manager, campaign.id);
  expect(report.selected).toBe(carrier![1].length + other![1].length);
  const selection = report.dimensions.find((d) => d.dimension === 'gender')!.report;
  expect(selection.groups.find((g) => g.group === carrier![0])).toMatchObject({
    n: carrier![1].length,
    selected: carrier![1].length,
  });
  const lift = report.lift!.find((d) => d.dimension === 'gender')!.report;
  expect(lift.groups.map((g) => g.group).sort()).toEqual([carrier![0], other![0]].sort());
  for (const g of lift.groups) {
    const e = expected.get(g.group)!;
    expect([g.control.n, g.control.conversions, g.treatment.n, g.treatment.conversions]).toEqual([
      ...e.control,
      ...e.treatment,
    ]);
    const estimate = e.treatment[1] / e.treatment[0] - e.control[1] / e.control[0];
    expect(g.lift!.estimate).toBeCloseTo(estimate, 12);
    expect(g.lift!.lower).toBeLessThan(estimate);
    expect(g.lift!.upper).toBeGreaterThan(estimate);
  }
  expect(lift.groups.find((g) => g.group === carrier![0])!.lift!.lower).toBeGreaterThan(0);
  expect(lift.carriedBy).toBe(carrier![0]);

  // the campaign belongs to the admin: a marketer neither opens nor lists it
  await expect(getCampaignFairness(actors.marketer, campaign.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  expect((await getFairnessOverview(actors.marketer)).campaigns.some((c) => c.id === campaign.id)).toBe(false);
  await expect(getCampaignFairness(actors.manager, 'x')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
});

test('under differential privacy a manager gets no exact segment breakdown; admins still do', async () => {
  await savePrivacySettings(actors.admin, { ...DEFAULT_PRIVACY, enabled: true });
  try {
    await expect(getSegmentFairness(actors.manager, segmentId)).rejects.toMatchObject({
      code: 'CONFLICT',
      key: 'fairness.errors.privateSegment',
    });
    const overview = await getFairnessOverview(actors.manager);
    expect(overview).toMatchObject({ segmentsHidden: true, segments: [] });
    expect((await getSegmentFairness(actors.admin, segmentId)).selected).toBeGreaterThan(0);
    expect((await getFairnessOverview(actors.admin)).segmentsHidden).toBe(false);
  } finally {
    await savePrivacySettings(actors.admin, DEFAULT_PRIVACY);
  }
  expect((await getFairnessOverview(actors.manager)).segmentsHidden).toBe(false);
});
