import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { csvChunks } from '@/lib/csv/write';
import { db } from '@/lib/db/client';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import { emailCampaignInput } from '@/lib/testing/email-campaign';
import type { UserActor } from '../auth/actor';
import { createCampaign, scheduleCampaign } from '../campaigns/index';
import { runWave } from '../campaigns/lifecycle';
import { adAudienceCsv } from './audience-export';

let marketer: UserActor;
let manager: UserActor;
let segmentId: number;
let campaignId: number;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

async function user(role: 'marketer' | 'manager'): Promise<UserActor> {
  const u = await db.user.create({ data: { email: `${role}@example.com`, name: role, passwordHash: 'x', role } });
  return { type: 'user', userId: u.id, role, email: u.email, name: u.name, locale: 'en' };
}

async function lines(file: Awaited<ReturnType<typeof adAudienceCsv>>) {
  let text = '';
  for await (const chunk of csvChunks(file.header, file.rows)) text += chunk;
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
}

beforeAll(async () => {
  marketer = await user('marketer');
  manager = await user('manager');
  for (let i = 0; i < 40; i++)
    await db.customer.create({
      data: {
        externalId: `A${String(i).padStart(3, '0')}`,
        email: `Person.${i}@GMail.com`,
        phone: i % 2 ? `138 0013 ${String(8000 + i)}` : null,
        consentAds: i !== 3,
        consentEmail: true,
        erasedAt: i === 4 ? new Date() : null,
      },
    });
  await db.emailSuppression.create({ data: { email: 'person.5@gmail.com', reason: 'complaint' } });
  segmentId = (
    await db.segment.create({
      data: {
        name: 'All A',
        definition: {
          type: 'group',
          op: 'and',
          children: [{ type: 'attribute', field: 'externalId', op: 'starts_with', value: 'A' }],
        },
        createdById: marketer.userId,
      },
    })
  ).id;
  const input = emailCampaignInput('Ads', segmentId, {
    names: ['One', 'Two'],
    recommendations: false,
    holdoutShare: 0.2,
  });
  campaignId = (await createCampaign(marketer, input)).id;
  await scheduleCampaign(marketer, { id: campaignId });
  await runWave(campaignId, 0);
});

describe('ad-platform audience exports', () => {
  test('segment → Google Customer Match: documented headers, normalised SHA-256, consent and suppression applied', async () => {
    const rows = await lines(await adAudienceCsv(marketer, { segmentId }, { platform: 'google', countryCode: '86' }));
    expect(rows[0]).toBe('Email,Phone');
    // 40 customers − no ads consent (3) − erased (4) − suppressed (5)
    expect(rows).toHaveLength(1 + 37);
    expect(rows).toContain(`${sha('person1@gmail.com')},${sha('+8613800138001')}`);
    expect(rows).toContain(`${sha('person0@gmail.com')},`);
    for (const i of [3, 4, 5]) expect(rows.some((r) => r.startsWith(sha(`person${i}@gmail.com`)))).toBe(false);
    expect(await db.auditLog.count({ where: { action: 'audience.ad_export', targetType: 'segment' } })).toBe(1);
  });

  test('campaign → Meta: lower-case headers, dots kept, digits-only phone, never the holdout', async () => {
    const rows = await lines(await adAudienceCsv(marketer, { campaignId }, { platform: 'meta' }));
    expect(rows[0]).toBe('email,phone');
    const holdout = await db.campaignAssignment.findMany({
      where: { campaignId, variant: { key: HOLDOUT_KEY } },
      select: { customer: { select: { email: true } } },
    });
    expect(holdout.length).toBeGreaterThan(0);
    for (const h of holdout) expect(rows.some((r) => r.startsWith(sha(h.customer.email!.toLowerCase())))).toBe(false);
    expect(rows.some((r) => r === `${sha('person.1@gmail.com')},${sha('8613800138001')}`)).toBe(
      !holdout.some((h) => h.customer.email === 'Person.1@GMail.com'),
    );
  });

  test('managers may not export; bad platform or country code is 422; unknown segment 404', async () => {
    await expect(adAudienceCsv(manager, { segmentId }, { platform: 'google' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    for (const bad of [{ platform: 'tiktok' }, { platform: 'google', countryCode: '0' }, {}, null])
      await expect(adAudienceCsv(marketer, { segmentId }, bad)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(adAudienceCsv(marketer, { segmentId: 99999 }, { platform: 'meta' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
