import type { ParsedMail } from 'mailparser';
import { emailCampaignInput } from '@/lib/testing/email-campaign';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { pseudonym } from '@/lib/security/pseudonym';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import { addresses, startSmtpCatcher } from '@/lib/testing/smtp-catcher';
import type { UserActor } from '../auth/actor';
import { recomputeOutcomes } from '../campaigns/attribution';
import { audienceCsv, createCampaign, getCampaignResults, scheduleCampaign } from '../campaigns/index';
import { csvChunks } from '@/lib/csv/write';
import { runWave } from '../campaigns/lifecycle';
import { getPreferences, listEmailSuppressions, savePreferences, unsubscribeEmail } from './preferences';
import { sendWaveEmails } from './send';
import { getSmtpSettings, loadSmtp, saveSmtpSettings, sendSmtpTest, transportFor } from './smtp';
import { findPreviewCustomers, previewEmail, saveEmailTemplate, sendTemplateTest } from './templates';
import { followTrackedLink } from './tracking';

// A real SMTP server (smtp-server) on a free port; messages parsed with mailparser. Two recipients of the message
// arms (picked after assignment) get a permanent 550 and a one-time 451.
let BOUNCE = '';
let LATER = '';
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let admin: UserActor;
let marketer: UserActor;
let campaignId: number;
const ids: number[] = [];

/** A raw header line, unfolded (RFC 5322 §2.2.3). */
const header = (m: ParsedMail, key: string) =>
  (m.headerLines.find((h) => h.key === key)?.line ?? '').replace(/\r?\n\s+/g, ' ');

async function user(role: 'admin' | 'marketer'): Promise<UserActor> {
  const u = await db.user.create({ data: { email: `${role}@example.com`, name: role, passwordHash: 'x', role } });
  return { type: 'user', userId: u.id, role, email: u.email, name: u.name, locale: 'en' };
}

beforeAll(async () => {
  smtp = await startSmtpCatcher({
    reply: (to, attempt) =>
      to === BOUNCE
        ? { code: 550, message: 'No such user' }
        : to === LATER && attempt === 1
          ? { code: 451, message: 'Try again later' }
          : null,
  });
  admin = await user('admin');
  marketer = await user('marketer');
  for (let i = 0; i < 5; i++)
    await db.product.create({
      data: {
        sku: `SKU-${i}`,
        title: `Wool scarf ${i}`,
        titleZh: `羊毛围巾 ${i}`,
        price: 100 + i,
        imageUrl: `https://img.example/${i}.jpg`,
      },
    });
  const products = await db.product.findMany({ select: { id: true } });
  for (let i = 0; i < 40; i++) {
    const c = await db.customer.create({
      data: {
        externalId: `C${String(i).padStart(3, '0')}`,
        name: i % 2 ? `Ann${i} Lee` : `王${i}`,
        email: i === 7 ? null : `c${i}@example.com`,
        consentEmail: i !== 5,
        attributes: i % 2 ? { locale: 'en', currency: 'USD' } : { locale: 'zh-CN' },
      },
    });
    ids.push(c.id);
    await db.event.create({
      data: {
        dedupKey: `v${i}`,
        customerId: c.id,
        type: 'purchase',
        ts: new Date(Date.now() - 86_400_000 * (1 + (i % 9))),
        productId: products[i % 5]!.id,
        source: 'import',
      },
    });
  }
  await db.emailSuppression.create({ data: { email: 'c9@example.com', reason: 'complaint' } });
  await db.currencyRate.create({ data: { currency: 'USD', rateToBase: 7.1 } });
  const segment = await db.segment.create({
    data: {
      name: 'Everyone',
      definition: {
        type: 'group',
        op: 'and',
        children: [{ type: 'attribute', field: 'externalId', op: 'starts_with', value: 'C' }],
      },
      createdById: marketer.userId,
    },
  });
  campaignId = (
    await createCampaign(
      marketer,
      emailCampaignInput('Winter scarves', segment.id, {
        names: ['Warm', 'Cosy'],
        recommendations: true,
        holdoutShare: 0.1,
      }),
    )
  ).id;
});

afterAll(async () => {
  await smtp.close();
});

const settings = (over: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port: smtp.port,
  security: 'none',
  user: 'shop',
  password: 's3cret-pass',
  from: 'Scarf Shop <news@shop.example>',
  replyTo: 'help@shop.example',
  ratePerMinute: 60_000,
  publicUrl: 'https://precisa.example/',
  shopUrl: 'https://shop.example',
  shopName: 'Scarf Shop',
  trackOpens: false,
  ...over,
});

describe('e-mail channel against a real SMTP server', () => {
  test('SMTP settings: admins only, password encrypted at rest and never read back; a test e-mail arrives', async () => {
    await expect(saveSmtpSettings(marketer, settings())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(saveSmtpSettings(admin, settings({ publicUrl: 'ftp://x' }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await saveSmtpSettings(admin, settings());
    const stored = await loadSmtp();
    expect(JSON.stringify(stored)).not.toContain('s3cret-pass');
    expect(stored?.publicUrl).toBe('https://precisa.example');
    const shown = await getSmtpSettings(admin);
    expect(shown).toMatchObject({ hasPassword: true, host: '127.0.0.1' });
    expect(JSON.stringify(shown)).not.toContain('passwordBox');
    await saveSmtpSettings(admin, settings({ password: '' }));
    expect((await loadSmtp())?.passwordBox).toBe(stored?.passwordBox);
    await sendSmtpTest(admin, { to: 'owner@shop.example' });
    expect(smtp.to('owner@shop.example')).toHaveLength(1);
    expect(await db.auditLog.count({ where: { action: 'smtp.update' } })).toBe(2);
  });

  test('connections at once: 1–32 or unset (4); the transport pools as many', async () => {
    for (const connections of [0, 33, 2.5, 'many'])
      await expect(saveSmtpSettings(admin, settings({ connections }))).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        key: 'email.errors.connections',
      });
    const pooled = async () => {
      const transport = transportFor((await loadSmtp())!);
      const n = (transport.transporter as unknown as { options: { maxConnections: number } }).options.maxConnections;
      transport.close();
      return n;
    };
    await saveSmtpSettings(admin, settings({ connections: '12' }));
    expect((await loadSmtp())?.connections).toBe(12);
    expect(await pooled()).toBe(12);
    await saveSmtpSettings(admin, settings({ connections: '' }));
    expect((await loadSmtp())?.connections).toBeUndefined();
    expect(await pooled()).toBe(4);
  });

  test('templates in both languages; unknown merge fields refused; preview with a real customer', async () => {
    for (const variantKey of ['a', 'b']) {
      await saveEmailTemplate(marketer, {
        campaignId,
        variantKey,
        locale: 'en',
        subject: `{{first_name|Friend}}, warm scarves (${variantKey})`,
        preheader: 'New in at {{shop_name}}',
        body: 'Hi {{first_name}},\n\nOur winter range is here: https://shop.example/winter',
        productCount: 3,
      });
      await saveEmailTemplate(marketer, {
        campaignId,
        variantKey,
        locale: 'zh-CN',
        subject: `{{first_name}}，冬季围巾 (${variantKey})`,
        preheader: '{{shop_name}} 新品',
        body: '{{first_name}} 您好：\n\n冬季新品上市：https://shop.example/winter',
        productCount: 3,
      });
    }
    await expect(
      saveEmailTemplate(marketer, { campaignId, variantKey: 'a', locale: 'en', subject: '{{coupon}}', body: 'x' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      key: 'email.errors.unknownFields',
      details: { fieldErrors: { subject: [{ key: 'email.errors.unknownFields', params: { fields: 'coupon' } }] } },
    });
    const en = await previewEmail(marketer, { campaignId, variantKey: 'a', locale: 'en', customerId: ids[1] });
    expect(en.subject).toBe('Ann1, warm scarves (a)');
    expect(en.html).toContain('Picked for you');
    // a preview is untracked: links go straight to the shop, nothing signed for the customer, no open pixel
    expect(en.html).toContain('href="https://shop.example/winter"');
    expect(en.html).not.toContain('https://precisa.example/r/');
    expect(en.html).not.toContain('https://precisa.example/o/');
    expect(en.html).toContain('https://precisa.example/preferences/preview');
    // 104 CNY in the customer's display currency at 7.1 CNY per USD
    expect(en.html).toContain('$14.65');
    expect(en.text).toContain('Hi Ann1');
    const zh = await previewEmail(marketer, { campaignId, variantKey: 'a', locale: 'zh-CN', customerId: ids[0] });
    expect(zh.subject).toBe('王0，冬季围巾 (a)');
    expect(zh.html).toContain('为您精选');
    expect(zh.html).toContain('羊毛围巾');
    await expect(
      sendTemplateTest(marketer, {
        campaignId,
        variantKey: 'a',
        locale: 'en',
        customerId: ids[1],
        to: 'not-an-address',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', key: 'email.errors.to' });
    await expect(
      previewEmail(marketer, { campaignId, variantKey: 'zz', locale: 'en', customerId: ids[1] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await sendTemplateTest(marketer, {
      campaignId,
      variantKey: 'a',
      locale: 'zh-CN',
      customerId: ids[0],
      to: 'qa@shop.example',
    });
    const [test] = smtp.to('qa@shop.example');
    expect(test?.subject).toBe('[TEST] 王0，冬季围巾 (a)');
    // a test send unsubscribes nobody: no one-click header
    expect(test?.headers.has('list-unsubscribe')).toBe(false);
    expect(await db.event.count({ where: { campaignId } })).toBe(0);
    expect(await findPreviewCustomers(marketer, 'C001')).toEqual([expect.objectContaining({ id: ids[1] })]);
    await expect(findPreviewCustomers(marketer, '')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  test('launch: one e-mail per eligible customer, none to the holdout, unconsented, suppressed or bounced', async () => {
    await scheduleCampaign(marketer, { id: campaignId });
    await runWave(campaignId, 0);
    expect(await db.job.count({ where: { type: 'campaign.email' } })).toBe(1);
    const reachable = await db.campaignAssignment.findMany({
      where: {
        campaignId,
        variant: { key: { not: HOLDOUT_KEY } },
        customer: { consentEmail: true, email: { not: null } },
      },
      select: { customer: { select: { email: true } } },
    });
    const spare = reachable.map((r) => r.customer.email!).filter((e) => e !== 'c9@example.com');
    BOUNCE = spare[0]!;
    LATER = spare[1]!;
    // c9 may fall in the holdout (the split's salt is random): suppress one message-arm customer too
    const COMPLAINED = spare[2]!;
    await db.emailSuppression.create({ data: { email: COMPLAINED, reason: 'complaint' } });
    const stats = await sendWaveEmails(campaignId, 0, { retryDelayMs: 10 });
    const assigned = await db.campaignAssignment.findMany({
      where: { campaignId },
      select: { customerId: true, variant: { select: { key: true } }, customer: { select: { email: true } } },
    });
    const messageArm = assigned.filter((a) => a.variant.key !== HOLDOUT_KEY);
    const expected = messageArm
      .map((a) => a.customer.email)
      .filter((e): e is string => e !== null && e !== 'c9@example.com' && e !== BOUNCE && e !== COMPLAINED);
    const campaignMail = smtp.messages.filter(
      (m) => m.subject !== 'Test e-mail from Precisa' && !m.subject?.startsWith('[TEST]'),
    );
    expect(campaignMail.map((m) => addresses(m)[0]).sort()).toEqual([...expected].sort());
    expect(stats.sent).toBe(expected.length);
    for (const a of assigned.filter((x) => x.variant.key === HOLDOUT_KEY && x.customer.email))
      expect(smtp.to(a.customer.email!)).toHaveLength(0);
    // 550: failed for good and suppressed as a hard bounce; 451: retried and delivered
    expect(stats.failed).toBe(1);
    expect(await db.emailSuppression.findUnique({ where: { email: BOUNCE } })).toMatchObject({ reason: 'hard_bounce' });
    expect(await db.emailSend.findFirst({ where: { status: 'failed' } })).toMatchObject({
      error: expect.stringContaining('550'),
    });
    expect(smtp.to(LATER)).toHaveLength(1);
    expect(stats.suppressed).toBeGreaterThanOrEqual(1);
    const m = campaignMail[0]!;
    expect(header(m, 'list-unsubscribe')).toMatch(
      /^List-Unsubscribe: <https:\/\/precisa\.example\/u\/[\w-]+\.[\w-]+>$/,
    );
    expect(header(m, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(m.text).toBeTruthy();
    expect(m.html).toContain('/preferences/');
    // a second run (a retried job) sends nobody again
    const before = smtp.received();
    expect((await sendWaveEmails(campaignId, 0)).sent).toBe(0);
    expect(smtp.received()).toBe(before);
  });

  test('tracked links redirect only to the signed URL and record a click that reaches the results', async () => {
    const m = smtp.messages.find((x) => x.subject?.includes('warm scarves'))!;
    const link = /https:\/\/precisa\.example\/r\/([\w.-]+)/.exec(String(m.html))!;
    const token = link[1]!;
    expect(await followTrackedLink(token)).toMatch(/^https:\/\/shop\.example\//);
    await followTrackedLink(token);
    const [payload, mac] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), url: 'https://evil.example' }),
    ).toString('base64url');
    await expect(followTrackedLink(`${forged}.${mac}`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const clicks = await db.event.findMany({ where: { type: 'click', campaignId } });
    expect(clicks).toHaveLength(1);
    expect(clicks[0]!.variantId).not.toBeNull();
    await recomputeOutcomes(campaignId);
    const results = await getCampaignResults(admin, campaignId);
    expect(results.arms.reduce((s, a) => s + a.clicked, 0)).toBe(1);
  });

  test('one-click unsubscribe and the preference page update consent at once, audit-logged, suppressing', async () => {
    const m = smtp.messages.find((x) => x.subject?.includes('warm scarves'))!;
    const token = /\/u\/([\w.-]+)>/.exec(header(m, 'list-unsubscribe'))![1]!;
    const to = addresses(m)[0]!;
    await unsubscribeEmail(token);
    const customer = await db.customer.findFirstOrThrow({ where: { email: to } });
    expect(customer.consentEmail).toBe(false);
    expect(await db.emailSuppression.findUnique({ where: { email: to } })).toMatchObject({ reason: 'unsubscribed' });
    // Settings → E-mail shows it to admins only
    expect(await listEmailSuppressions(admin)).toContainEqual(
      expect.objectContaining({ email: to, reason: 'unsubscribed' }),
    );
    await expect(listEmailSuppressions(marketer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await getPreferences(token)).consent.email).toBe(false);
    await savePreferences(token, { email: true, sms: false, push: true });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).consentPush).toBe(true);
    expect(await db.emailSuppression.findUnique({ where: { email: to } })).toBeNull();
    const log = await db.auditLog.findMany({
      where: { action: 'consent.update', targetId: pseudonym('customer', customer.id, process.env.PRECISA_PEPPER!) },
    });
    expect(log.map((l) => (l.details as { via: string }).via)).toEqual(['one-click', 'preference-page']);
    await expect(getPreferences('bad.token')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // ads consent (ad-platform audiences): switched on the same page; a form without the field leaves it as it is
    const ads = async () => (await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).consentAds;
    await savePreferences(token, { email: true, sms: false, push: true, ads: true });
    expect(await ads()).toBe(true);
    await savePreferences(token, { email: true, sms: false, push: true });
    expect(await ads()).toBe(true);
    expect((await getPreferences(token)).consent.ads).toBe(true);
  });

  test('the audience export leaves out suppressed addresses', async () => {
    const csv = async () => {
      const file = await audienceCsv(marketer, campaignId);
      let text = '';
      for await (const chunk of csvChunks(file.header, file.rows)) text += chunk;
      return text;
    };
    const before = await csv();
    expect(before).toContain(LATER);
    await db.emailSuppression.create({ data: { email: LATER, reason: 'complaint' } });
    const after = await csv();
    expect(after).not.toContain(LATER);
    expect(after.split('\n').length).toBe(before.split('\n').length - 1);
  });
});
