import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import type { UserActor } from '../auth/actor';
import { recomputeOutcomes } from './attribution';
import { deliverWave } from './delivery';
import { createCampaign, getCampaign, getCampaignResults, scheduleCampaign, uploadOutcomes } from './index';
import { runWave } from './lifecycle';
import { hasOpenssl, startHttpsServer } from '@/lib/testing/webhook-server';

// Adaptive allocation over sending waves, and the signed webhook delivery of the audience.
const tag = `wv${randomBytes(3).toString('hex')}`;
let marketer: UserActor;
let segmentId: number;

beforeAll(async () => {
  const u = await db.user.create({
    data: { email: `m-${tag}@example.com`, name: `Marketer ${tag}`, passwordHash: 'x', role: 'marketer' },
  });
  marketer = { type: 'user', userId: u.id, role: 'marketer', email: u.email, name: u.name, locale: 'en' };
  for (let i = 0; i < 900; i++) {
    await db.customer.create({
      data: {
        externalId: `${tag}-${i}`,
        email: `c${i}-${tag}@example.com`,
        phone: `+861380000${String(i).padStart(4, '0')}`,
        consentEmail: true,
        consentSms: i % 2 === 0,
      },
    });
  }
  segmentId = (
    await db.segment.create({
      data: {
        name: `Waves ${tag}`,
        definition: {
          type: 'group',
          op: 'and',
          children: [{ type: 'attribute', field: 'externalId', op: 'starts_with', value: `${tag}-` }],
        },
        createdById: u.id,
      },
    })
  ).id;
});

const base = (over: Record<string, unknown>) => ({
  name: `Adaptive ${tag}`,
  goal: 'click',
  channel: 'email',
  segmentId,
  holdoutShare: 0.1,
  attributionWindowHours: 24,
  frequencyCap: null,
  scheduledAt: null,
  minimumDetectableEffect: 0.3,
  webhookUrl: null,
  variants: [
    { name: 'Plain', subject: 'Hello' },
    { name: 'Bold', subject: 'HELLO' },
  ],
  ...over,
});

// Leave no user behind: the accounts test expects to create the very first user of the database.
afterAll(async () => {
  const ids = [marketer.userId];
  await db.campaign.deleteMany({ where: { createdById: { in: ids } } });
  await db.segment.deleteMany({ where: { createdById: { in: ids } } });
  await db.user.deleteMany({ where: { id: { in: ids } } });
});

describe('adaptive allocation over waves', () => {
  test('each wave is assigned when it is sent; later waves follow the clicks', async () => {
    const id = (await createCampaign(marketer, base({ allocation: 'thompson', sendDays: 3, minimumShare: 0.1 }))).id;
    await scheduleCampaign(marketer, { id });
    await runWave(id, 0);
    const first = await db.campaignAssignment.findMany({
      where: { campaignId: id },
      select: {
        customerId: true,
        wave: true,
        assignedAt: true,
        variant: { select: { key: true } },
        customer: { select: { externalId: true } },
      },
    });
    expect(first.every((a) => a.wave === 0)).toBe(true);
    expect(first.length).toBeGreaterThan(220);
    expect(first.length).toBeLessThan(380);
    // "Bold" gets many clicks, "Plain" none
    const clicks = first
      .filter((a) => a.variant.key === 'b')
      .map((a) => `${a.customer.externalId},click,${new Date(a.assignedAt.getTime() + 3_600_000).toISOString()}`);
    await uploadOutcomes(marketer, id, Buffer.from(['customer_id,event_type,timestamp', ...clicks].join('\n')));
    await runWave(id, 1);
    const c = (await getCampaign(marketer, id)).campaign;
    expect(c.settings.allocationHistory).toHaveLength(2);
    const shares = c.settings.allocationHistory[1]!.shares;
    expect(shares.b!).toBeGreaterThan(0.85);
    expect(shares.a!).toBeGreaterThanOrEqual(0.1 - 1e-9);
    const second = await db.campaignAssignment.findMany({
      where: { campaignId: id, wave: 1 },
      select: { variant: { select: { key: true } } },
    });
    const count = (k: string) => second.filter((a) => a.variant.key === k).length;
    expect(count('b')).toBeGreaterThan(3 * count('a'));
    expect(count(HOLDOUT_KEY)).toBeGreaterThan(0);
    // the SRM check uses the shares each wave actually had, so adaptive allocation raises no false alarm
    await recomputeOutcomes(id);
    const results = await getCampaignResults(marketer, id);
    expect(results.analysis.srm?.isMismatch ?? false).toBe(false);
    expect(results.analysis.primaryMetric).toBe('clickRate');
  });
});

describe.skipIf(!hasOpenssl())('signed webhook delivery', () => {
  let server: Awaited<ReturnType<typeof startHttpsServer>>;
  beforeAll(async () => {
    server = await startHttpsServer((_r, res) => res.writeHead(204).end());
  });
  afterAll(() => server.close());

  test('the audience of the messages (never the holdout) is posted, signed, with SMS numbers only', async () => {
    const id = (
      await createCampaign(
        marketer,
        base({ name: `Webhook ${tag}`, goal: 'purchase', channel: 'sms', webhookUrl: 'https://hooks.example.com/x' }),
      )
    ).id;
    // Saving refuses local receivers; the test's local one is put in place behind the service's back.
    await db.campaign.update({ where: { id }, data: { webhookUrl: `${server.url}/hook` } });
    await scheduleCampaign(marketer, { id });
    await runWave(id, 0);
    const secret = (await getCampaign(marketer, id)).campaign.webhookSecret!;
    expect(secret).toMatch(/^whsec_/);
    const out = await deliverWave(id, 0, { allowPrivate: true, ca: server.ca });
    const messages = await db.campaignAssignment.count({
      where: { campaignId: id, variant: { key: { not: HOLDOUT_KEY } } },
    });
    expect(out.recipients).toBe(messages);
    const got = server.received.at(-1)!;
    const [t, v1] = String(got.headers['x-precisa-signature'])
      .split(',')
      .map((p) => p.split('=')[1]!);
    expect(createHmac('sha256', secret).update(`${t}.${got.body}`).digest('hex')).toBe(v1);
    const body = JSON.parse(got.body) as {
      recipients: { customerId: string; variant: string; phone?: string; email?: string }[];
      variants: { key: string }[];
    };
    expect(body.recipients.every((r) => r.variant !== HOLDOUT_KEY && r.phone && r.email === undefined)).toBe(true);
    expect(body.variants.map((v) => v.key)).toEqual(['a', 'b']);
    expect((await getCampaign(marketer, id)).campaign.settings.lastDelivery).toMatchObject({ ok: true, status: 204 });
    // without the test switch, the same local receiver is refused and the failure recorded
    await expect(deliverWave(id, 0, { ca: server.ca })).rejects.toThrow(/private|local/);
    expect((await getCampaign(marketer, id)).campaign.settings.lastDelivery).toMatchObject({ ok: false });
  });
});
