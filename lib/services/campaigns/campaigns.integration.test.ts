import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import { csvChunks } from '@/lib/csv/write';
import type { ApiKeyActor, UserActor } from '../auth/actor';
import { recomputeOutcomes } from './attribution';
import {
  audienceCsv,
  assignmentForStorefront,
  completeCampaign,
  createCampaign,
  deleteCampaign,
  getCampaign,
  getCampaignResults,
  getCampaignsOverview,
  listCampaigns,
  planForForm,
  resultsCsv,
  scheduleCampaign,
  simulateCampaign,
  stopCampaign,
  updateCampaign,
  uploadOutcomes,
} from './index';
import { runWave } from './lifecycle';
import { runSimulation } from './simulation';

// One run shares the database with other integration files: everything here is prefixed with a unique tag.
const tag = `it${randomBytes(3).toString('hex')}`;
const DAY = 86_400_000;
let marketer: UserActor;
let manager: UserActor;
let segmentId: number;
const storefront: ApiKeyActor = { type: 'api_key', keyId: 'test-key', scopes: ['campaigns:read'] };

async function user(role: 'marketer' | 'manager'): Promise<UserActor> {
  const u = await db.user.create({
    data: { email: `${role}-${tag}@example.com`, name: `${role} ${tag}`, passwordHash: 'x', role },
  });
  return { type: 'user', userId: u.id, role, email: u.email, name: u.name, locale: 'en' };
}

const form = (over: Record<string, unknown> = {}) => ({
  name: `Spring sale ${tag}`,
  goal: 'purchase',
  channel: 'email',
  segmentId,
  variants: [
    {
      name: 'Ten percent',
      subject: 'Spring is here',
      content: 'Hello',
      offer: '10% off',
      recommendations: false,
      weight: 1,
    },
    {
      name: 'Free shipping',
      subject: 'Spring, shipped free',
      content: 'Hello',
      offer: 'free shipping',
      recommendations: true,
      weight: 1,
    },
  ],
  holdoutShare: 0.2,
  attributionWindowHours: 72,
  frequencyCap: 3,
  scheduledAt: null,
  allocation: 'fixed',
  minimumDetectableEffect: 0.2,
  webhookUrl: null,
  ...over,
});

beforeAll(async () => {
  marketer = await user('marketer');
  manager = await user('manager');
  const now = Date.now();
  // 600 customers: two thirds may be e-mailed; one in three bought in the last 90 days.
  for (let i = 0; i < 600; i++) {
    const c = await db.customer.create({
      data: {
        externalId: `${tag}-${String(i).padStart(4, '0')}`,
        name: i === 5 ? '=HYPERLINK("http://evil")' : `Customer ${i}`,
        email: `c${i}-${tag}@example.com`,
        consentEmail: i % 3 !== 0,
        gender: i % 2 ? 'female' : 'male',
        signupAt: new Date(now - 400 * DAY),
      },
    });
    if (i % 3 === 1)
      await db.order.create({
        data: {
          externalId: `${tag}-o${i}`,
          customerId: c.id,
          placedAt: new Date(now - (10 + (i % 50)) * DAY),
          currency: 'CNY',
          total: 50 + (i % 7) * 20,
          itemCount: 1,
        },
      });
  }
  const segment = await db.segment.create({
    data: {
      name: `Test audience ${tag}`,
      definition: {
        type: 'group',
        op: 'and',
        children: [{ type: 'attribute', field: 'externalId', op: 'starts_with', value: `${tag}-` }],
      },
      createdById: marketer.userId,
    },
  });
  segmentId = segment.id;
});

// Leave no user behind: the accounts test expects to create the very first user of the database.
afterAll(async () => {
  const ids = [marketer.userId, manager.userId];
  await db.campaign.deleteMany({ where: { createdById: { in: ids } } });
  await db.segment.deleteMany({ where: { createdById: { in: ids } } });
  await db.user.deleteMany({ where: { id: { in: ids } } });
});

describe('campaign services', () => {
  let id: number;

  test('roles: managers read but cannot create; anonymous callers are refused', async () => {
    await expect(createCampaign(manager, form())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createCampaign(null, form())).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    id = (await createCampaign(marketer, form())).id;
    expect((await getCampaign(manager, id)).canEdit).toBe(false);
    expect((await listCampaigns(manager)).some((c) => c.id === id)).toBe(true);
    await expect(scheduleCampaign(manager, { id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(simulateCampaign(manager, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(planForForm(manager, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('validation explains what is wrong, field by field', async () => {
    const bad = async (over: Record<string, unknown>) => {
      try {
        await createCampaign(marketer, form(over));
      } catch (e) {
        const fieldErrors = (e as { details: { fieldErrors: Record<string, { key: string }[]> } }).details.fieldErrors;
        return Object.fromEntries(Object.entries(fieldErrors).map(([field, refs]) => [field, refs.map((r) => r.key)]));
      }
      throw new Error('accepted');
    };
    expect(await bad({ name: '' })).toHaveProperty('name', ['campaigns.errors.name']);
    expect(await bad({ variants: [form().variants[0]], holdoutShare: 0 })).toHaveProperty('holdoutShare', [
      'campaigns.errors.needComparison',
    ]);
    expect(await bad({ goal: 'click', variants: [form().variants[0]] })).toHaveProperty('goal');
    expect(await bad({ webhookUrl: 'http://example.com/hook' })).toHaveProperty('webhookUrl', [
      'campaigns.errors.webhookHttps',
    ]);
    for (const url of ['https://[::127.0.0.1]/hook', 'https://[::ffff:10.0.0.1]/hook', 'https://localhost/hook'])
      expect(await bad({ webhookUrl: url })).toHaveProperty('webhookUrl', ['campaigns.errors.webhookPrivate']);
    expect(await bad({ variants: Array.from({ length: 6 }, (_, i) => ({ name: `v${i}` })) })).toHaveProperty(
      'variants',
      ['campaigns.errors.variantsMax'],
    );
    expect(await bad({ holdoutShare: 0.9 })).toHaveProperty('holdoutShare');
  });

  test('the plan uses the audience reachable by e-mail and is stored with the campaign', async () => {
    // one order dated 2099 (a typo at import) must not slide the baseline windows into empty years
    const future = await db.order.create({
      data: {
        externalId: `${tag}-future`,
        customerId: (await db.customer.findFirstOrThrow({ where: { externalId: `${tag}-0001` } })).id,
        placedAt: new Date('2099-01-01T00:00:00Z'),
        currency: 'CNY',
        total: 80,
        itemCount: 1,
      },
    });
    const plan = await planForForm(marketer, {
      segmentId,
      channel: 'email',
      goal: 'purchase',
      variants: 2,
      holdoutShare: 0.2,
      attributionWindowHours: 72,
      minimumDetectableEffect: 0.2,
    });
    expect(plan.audience).toMatchObject({ members: 600, eligible: 400 });
    expect(plan.baseline.source).toBe('shop');
    expect(plan.baseline.purchaseRate).toBeGreaterThan(0);
    expect(plan.plan.type).toBe('ok');
    await db.order.delete({ where: { id: future.id } });
    const c = (await getCampaign(marketer, id)).campaign;
    expect(c.plannedSampleSize).toBeGreaterThan(0);
    expect(c.variants.map((v) => v.key)).toEqual([HOLDOUT_KEY, 'a', 'b']);
  });

  test('lifecycle: launch assigns only customers with consent, records exposures, and logs who did what', async () => {
    await updateCampaign(marketer, id, form({ name: `Spring sale ${tag} v2` }));
    await scheduleCampaign(marketer, { id });
    await expect(updateCampaign(marketer, id, form())).rejects.toMatchObject({ code: 'CONFLICT' });
    await runWave(id, 0);
    const c = (await getCampaign(manager, id)).campaign;
    expect(c.status).toBe('running');
    const assignments = await db.campaignAssignment.findMany({
      where: { campaignId: id },
      select: { exposures: true, variant: { select: { key: true } }, customer: { select: { consentEmail: true } } },
    });
    expect(assignments).toHaveLength(400);
    expect(assignments.every((a) => a.customer.consentEmail)).toBe(true);
    expect(assignments.filter((a) => a.variant.key === HOLDOUT_KEY).every((a) => a.exposures === 0)).toBe(true);
    expect(assignments.filter((a) => a.variant.key !== HOLDOUT_KEY).every((a) => a.exposures === 1)).toBe(true);
    const holdout = assignments.filter((a) => a.variant.key === HOLDOUT_KEY).length;
    expect(holdout).toBeGreaterThan(40);
    expect(holdout).toBeLessThan(120);
    await runWave(id, 0); // a re-run after a crash changes nothing
    expect(await db.campaignAssignment.count({ where: { campaignId: id } })).toBe(400);
    const trail = (await getCampaign(marketer, id)).trail.map((t) => `${t.action}:${t.who}`);
    expect(trail).toEqual(
      expect.arrayContaining([
        `campaign.create:${marketer.name}`,
        `campaign.update:${marketer.name}`,
        `campaign.launch.request:${marketer.name}`,
        'campaign.launch:system',
      ]),
    );
    await expect(deleteCampaign(marketer, id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  test('the storefront assignment API is stable, idempotent and respects consent and scope', async () => {
    const someone = await db.campaignAssignment.findFirstOrThrow({
      where: { campaignId: id },
      select: { customer: { select: { externalId: true } }, variant: { select: { key: true } } },
    });
    const first = await assignmentForStorefront(storefront, { campaignId: id, customer: someone.customer.externalId });
    const again = await assignmentForStorefront(storefront, { campaignId: id, customer: someone.customer.externalId });
    expect(again).toEqual(first);
    expect(first.eligible && (first.isHoldout ? HOLDOUT_KEY : first.variant?.key)).toBe(someone.variant.key);
    // a new member with consent, arriving after the launch, is assigned once and recorded
    const late = await db.customer.create({
      data: { externalId: `${tag}-late`, email: `late-${tag}@example.com`, consentEmail: true },
    });
    const a1 = await assignmentForStorefront(storefront, { campaignId: id, customer: late.externalId });
    const a2 = await assignmentForStorefront(storefront, { campaignId: id, customer: late.externalId });
    expect(a1.eligible).toBe(true);
    expect(a2).toEqual(a1);
    expect(await db.campaignAssignment.count({ where: { campaignId: id, customerId: late.id } })).toBe(1);
    const noConsent = await assignmentForStorefront(storefront, { campaignId: id, customer: `${tag}-0000` });
    expect(noConsent).toMatchObject({ eligible: false, reason: 'no_consent' });
    expect(await assignmentForStorefront(storefront, { campaignId: id, customer: 'nobody' })).toMatchObject({
      eligible: false,
      reason: 'unknown_customer',
    });
    await expect(
      assignmentForStorefront(
        { ...storefront, scopes: ['events:write'] },
        { campaignId: id, customer: late.externalId },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      assignmentForStorefront(marketer, { campaignId: id, customer: late.externalId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('outcome upload and attribution within the window; results and exports', async () => {
    const assigned = await db.campaignAssignment.findMany({
      where: { campaignId: id },
      select: { customer: { select: { externalId: true } }, variant: { select: { key: true } }, assignedAt: true },
    });
    const at = (a: (typeof assigned)[number], hours: number) =>
      new Date(a.assignedAt.getTime() + hours * 3_600_000).toISOString();
    const lines = ['customer_id,event_type,timestamp,value,order_id'];
    assigned.forEach((a, i) => {
      if (a.variant.key !== HOLDOUT_KEY && i % 4 === 0) lines.push(`${a.customer.externalId},click,${at(a, 1)},,`);
      if (i % 5 === 0) lines.push(`${a.customer.externalId},purchase,${at(a, 10)},120,${tag}-p${i}`);
      if (i % 7 === 0) lines.push(`${a.customer.externalId},purchase,${at(a, 80)},999,${tag}-late${i}`); // after the 72 h window
    });
    lines.push('nobody,click,2026-01-01T00:00:00Z,,', `${tag}-0001,teleport,2026-01-01T00:00:00Z,,`);
    await expect(uploadOutcomes(manager, id, Buffer.from(lines.join('\n')))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const report = await uploadOutcomes(marketer, id, Buffer.from(lines.join('\n')));
    expect(report.rejected).toBe(2);
    expect(report.problems.map((p) => [p.code, p.params, p.reason])).toEqual([
      [
        'notOutcome',
        { value: 'teleport' },
        'event_type "teleport" is not an outcome (open, click, purchase, exposure, feedback)',
      ],
      ['outcomeUnknownCustomer', { value: 'nobody' }, 'unknown customer_id "nobody"'],
    ]);
    expect((await uploadOutcomes(marketer, id, Buffer.from(lines.join('\n')))).inserted).toBe(0);
    await recomputeOutcomes(id);
    const outcomes = await db.campaignOutcome.findMany({ where: { campaignId: id } });
    expect(outcomes).toHaveLength(401);
    expect(outcomes.filter((o) => o.converted).length).toBe(assigned.filter((_, i) => i % 5 === 0).length);
    expect(outcomes.every((o) => o.revenue === 0 || o.revenue === 120)).toBe(true); // the 999 purchases fell outside the window
    const results = await getCampaignResults(manager, id);
    expect(results.arms.map((a) => a.key)).toEqual([HOLDOUT_KEY, 'a', 'b']);
    expect(['significant', 'promising', 'inconclusive', 'srm']).toContain(results.analysis.verdict.kind);
    expect(results.analysis.comparisons).toHaveLength(3);
    expect(results.breakdown?.rows.some((r) => r.dimension === 'recentBuyer')).toBe(true);
    // exports: manager may not download contact details; the marketer's file leaves out the holdout and neutralises formulas
    await expect(audienceCsv(manager, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const file = await audienceCsv(marketer, id);
    let text = '';
    for await (const chunk of csvChunks(file.header, file.rows)) text += chunk;
    expect(text).not.toMatch(/,holdout,/);
    expect(text.split('\r\n').length - 2).toBe(assigned.filter((a) => a.variant.key !== HOLDOUT_KEY).length);
    expect(text).not.toMatch(/,=HYPERLINK/);
    const five = assigned.find((a) => a.customer.externalId === `${tag}-0005`);
    if (five && five.variant.key !== HOLDOUT_KEY) expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const csv = await resultsCsv(manager, id);
    expect(csv.rows.some((r) => r[0] === 'verdict')).toBe(true);
    // both exports are in the audit log, with who downloaded them
    const exports = await db.auditLog.findMany({
      where: { targetType: 'campaign', targetId: String(id), action: { startsWith: 'campaign.export.' } },
      select: { action: true, actorId: true },
    });
    expect(exports).toEqual(
      expect.arrayContaining([
        { action: 'campaign.export.audience', actorId: marketer.userId },
        { action: 'campaign.export.results', actorId: manager.userId },
      ]),
    );
  });

  test('consent withdrawn after launch drops the customer from the download', async () => {
    const one = await db.campaignAssignment.findFirstOrThrow({
      where: { campaignId: id, variant: { key: 'a' } },
      select: { customerId: true, customer: { select: { externalId: true } } },
    });
    await db.customer.update({ where: { id: one.customerId }, data: { consentEmail: false } });
    const file = await audienceCsv(marketer, id);
    let text = '';
    for await (const chunk of csvChunks(file.header, file.rows)) text += chunk;
    expect(text).not.toContain(`${one.customer.externalId},`);
  });

  test('stop then complete; wrong transitions are refused', async () => {
    await expect(completeCampaign(manager, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await stopCampaign(marketer, id);
    await expect(stopCampaign(marketer, id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await completeCampaign(marketer, id);
    const page = await getCampaign(manager, id);
    expect(page.campaign.status).toBe('completed');
    expect(page.trail.map((t) => t.action)).toEqual(expect.arrayContaining(['campaign.stop', 'campaign.complete']));
  });

  test('simulation mode: a labelled, completed campaign with results recovered from simulated events', async () => {
    const sim = (await createCampaign(marketer, form({ name: `Simulated ${tag}`, holdoutShare: 0.2 }))).id;
    await simulateCampaign(marketer, sim);
    const out = await runSimulation(sim);
    expect(out).toMatchObject({ assigned: 400 });
    const page = await getCampaign(manager, sim);
    expect(page.campaign).toMatchObject({ status: 'completed', isSimulated: true });
    expect(page.trail.map((t) => t.action)).toEqual(
      expect.arrayContaining(['campaign.simulate', 'campaign.simulation.complete']),
    );
    // every message recipient has a simulated exposure; outcomes come on top
    const sent = await db.campaignAssignment.count({ where: { campaignId: sim, exposures: { gt: 0 } } });
    expect(
      await db.event.count({
        where: { source: 'simulation', type: 'exposure', dedupKey: { startsWith: `sim:${sim}:` } },
      }),
    ).toBe(sent);
    expect(
      await db.event.count({ where: { source: 'simulation', dedupKey: { startsWith: `sim:${sim}:` } } }),
    ).toBeGreaterThan(sent);
    const results = await getCampaignResults(manager, sim);
    expect(results.simulation).not.toBeNull();
    expect(results.customers).toBe(400);
    expect(results.arms.find((a) => a.key === HOLDOUT_KEY)!.exposed).toBe(0);
    expect(results.cumulative.length).toBeGreaterThan(2);
    // the seed is never sent to the page
    expect(JSON.stringify(results)).not.toContain('seed');
    expect(JSON.stringify(page)).not.toContain('seed');
    // a second run (after a crash) starts over instead of doubling the data
    await db.campaign.update({ where: { id: sim }, data: { status: 'scheduled' } });
    await runSimulation(sim);
    expect(await db.campaignAssignment.count({ where: { campaignId: sim } })).toBe(400);
    const overview = await getCampaignsOverview(manager);
    const row = overview.rows.find((r) => r.id === sim);
    expect(row).toMatchObject({ isSimulated: true, hasHoldout: true });
    // the league table shows the results page's verdict, and a lift only with its interval
    const again = await getCampaignResults(manager, sim);
    expect(row?.verdict).toEqual({
      kind: again.analysis.verdict.kind,
      direction: again.analysis.verdict.direction,
      isFinal: again.analysis.verdict.isFinal,
    });
    if (again.campaign.status === 'completed') expect(row?.verdict?.isFinal).toBe(true);
    const lift = row?.incremental?.lift;
    if (lift) expect(lift.lower).toBeLessThanOrEqual(lift.estimate);
  });
});
