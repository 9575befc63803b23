import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { hasOpenssl, startHttpsServer } from '@/lib/testing/webhook-server';
import type { UserActor } from '../auth/actor';
import { saveSmtpSettings } from '../email/smtp';
import { saveEmailTemplate } from '../email/templates';
import { followTrackedLink } from '../email/tracking';
import { createSurvey, getSurveyForm } from '../surveys';
import { previewChannelMessage } from './channel-messages';
import { deliverWave } from './delivery';
import { createCampaign, scheduleCampaign } from './index';
import { runWave } from './lifecycle';

// SMS and push on the signed webhook: each recipient carries its message rendered from the variant's templates.
let marketer: UserActor;
let segmentId: number;
let server: Awaited<ReturnType<typeof startHttpsServer>>;

beforeAll(async () => {
  const u = await db.user.create({ data: { email: 'm@example.com', name: 'M', passwordHash: 'x', role: 'marketer' } });
  marketer = { type: 'user', userId: u.id, role: 'marketer', email: u.email, name: u.name, locale: 'en' };
  for (let i = 0; i < 24; i++)
    await db.customer.create({
      data: {
        externalId: `W${String(i).padStart(3, '0')}`,
        name: i === 0 ? null : i % 2 ? `Ann${i} Lee` : `王${i}`,
        phone: `+8613800000${String(i).padStart(3, '0')}`,
        city: 'Hangzhou',
        consentSms: true,
        consentPush: true,
        attributes: i % 2 ? { locale: 'en' } : { locale: 'zh-CN' },
      },
    });
  segmentId = (
    await db.segment.create({
      data: {
        name: 'W',
        definition: {
          type: 'group',
          op: 'and',
          children: [{ type: 'attribute', field: 'externalId', op: 'starts_with', value: 'W' }],
        },
        createdById: u.id,
      },
    })
  ).id;
  if (hasOpenssl()) server = await startHttpsServer((_r, res) => res.writeHead(204).end());
});
afterAll(() => server?.close());

async function launch(channel: 'sms' | 'push', productCount = 0) {
  const id = (
    await createCampaign(marketer, {
      name: `Channel ${channel}`,
      goal: 'click',
      channel,
      segmentId,
      holdoutShare: 0,
      attributionWindowHours: 24,
      frequencyCap: null,
      scheduledAt: null,
      minimumDetectableEffect: 0.3,
      webhookUrl: 'https://hooks.example.com/x',
      variants: [
        { name: 'One', subject: 'Fallback', content: 'Fallback content' },
        { name: 'Two', subject: 'Fallback', content: 'Fallback content' },
      ],
    })
  ).id;
  for (const variantKey of ['a', 'b']) {
    const common = { campaignId: id, variantKey };
    await saveEmailTemplate(marketer, {
      ...common,
      locale: 'en',
      subject: '{{first_name}}, new in {{city}}',
      body: 'Hi {{first_name}}! Tell us: {{survey_url}}',
      productCount,
    });
    await saveEmailTemplate(marketer, {
      ...common,
      locale: 'zh-CN',
      subject: '{{first_name}}，{{city}}上新',
      body: '{{first_name}}您好！请评价：{{survey_url}}',
      productCount,
    });
  }
  await createSurvey(marketer, { campaignId: id, kind: 'nps' });
  await db.campaign.update({ where: { id }, data: { webhookUrl: `${server.url}/hook` } });
  await scheduleCampaign(marketer, { id });
  await runWave(id, 0);
  await deliverWave(id, 0, { allowPrivate: true, ca: server.ca });
  return JSON.parse(server.received.at(-1)!.body) as {
    campaign: { channel: string };
    recipients: {
      customerId: string;
      message?: Record<string, string> & { products?: Record<string, string>[] };
    }[];
  };
}

describe.skipIf(!hasOpenssl())('SMS and push messages in the webhook payload', () => {
  test('SMS: text in the customer’s language, merge fields filled, a working survey link', async () => {
    const body = await launch('sms');
    expect(body.recipients).toHaveLength(24);
    const ann = body.recipients.find((r) => r.customerId === 'W001')!;
    expect(ann.message).toMatchObject({ locale: 'en' });
    expect(ann.message!.text).toMatch(/^Hi Ann1! Tell us: \S*\/s\/\S+$/);
    const token = ann.message!.text!.split('/s/')[1]!;
    expect((await getSurveyForm(token)).kind).toBe('nps');
    const wang = body.recipients.find((r) => r.customerId === 'W002')!;
    expect(wang.message!.text).toMatch(/^王2您好！请评价：/);
    // no name on file: the catalogue's default first name in the customer's language
    const anonymous = body.recipients.find((r) => r.customerId === 'W000')!;
    expect(anonymous.message!.text).not.toContain('{{');
    expect(anonymous.message).toMatchObject({ locale: 'zh-CN' });
  });

  test('push: title from the subject, body from the body', async () => {
    const body = await launch('push');
    const ann = body.recipients.find((r) => r.customerId === 'W003')!;
    expect(ann.message).toMatchObject({ locale: 'en', title: 'Ann3, new in Hangzhou' });
    expect(ann.message!.body).toMatch(/^Hi Ann3! Tell us: /);
    expect(body.recipients.find((r) => r.customerId === 'W004')!.message).toMatchObject({ title: '王4，Hangzhou上新' });
  });

  test('products: the serving model’s picks per customer (id, title in their language, price in their currency, tracked url, reason)', async () => {
    const admin = await db.user.create({
      data: { email: 'a@example.com', name: 'A', passwordHash: 'x', role: 'admin' },
    });
    await saveSmtpSettings(
      { type: 'user', userId: admin.id, role: 'admin', email: admin.email, name: admin.name, locale: 'en' },
      {
        host: '127.0.0.1',
        port: 2525,
        security: 'none',
        from: 'Shop <news@shop.example>',
        ratePerMinute: 600,
        publicUrl: 'https://precisa.example',
        shopName: 'Scarf Shop',
        shopUrl: 'https://shop.example',
      },
    );
    for (let i = 0; i < 3; i++)
      await db.product.create({
        data: { sku: `SC-${i}`, title: `Wool scarf ${i}`, titleZh: `羊毛围巾 ${i}`, price: 71 + 71 * i },
      });
    await db.currencyRate.create({ data: { currency: 'USD', rateToBase: 7.1 } });
    await db.customer.update({
      where: { externalId: 'W001' },
      data: { attributes: { locale: 'en', currency: 'USD' } },
    });
    const body = await launch('sms', 2);
    const ann = body.recipients.find((r) => r.customerId === 'W001')!.message!;
    expect(ann.text).toMatch(/^Hi Ann1! Tell us: /);
    expect(ann.products).toHaveLength(2);
    for (const p of ann.products!) {
      const n = Number(p.id!.slice(3));
      // base prices 71, 142, 213 (CNY) at 7.1 CNY per USD: $10.00, $20.00, $30.00
      expect(p).toMatchObject({ title: `Wool scarf ${n}`, price: `$${10 * (n + 1)}.00` });
      expect(typeof p.reason).toBe('string');
      expect(p.url).toMatch(/^https:\/\/precisa\.example\/r\//);
      expect(await followTrackedLink(p.url!.split('/r/')[1]!)).toBe(`https://shop.example/products/${p.id}`);
    }
    // the click counts for the campaign, variant and customer
    const click = await db.event.findFirstOrThrow({ where: { type: 'click', customer: { externalId: 'W001' } } });
    expect(click.campaignId).not.toBeNull();
    // a Chinese-speaking customer: Chinese titles, the shop's currency (CNY)
    const wang = body.recipients.find((r) => r.customerId === 'W002')!.message!;
    expect(wang.products![0]!.title).toMatch(/^羊毛围巾 \d$/);
    expect(wang.products![0]!.price).toMatch(/^¥\d+\.00$/);
    // a template without products: no block
    const plain = await launch('push');
    expect(plain.recipients[0]!.message).not.toHaveProperty('products');
  });
});

describe('the message tab: SMS/push templates saved and previewed for a real customer', () => {
  async function draft(channel: 'sms' | 'push' | 'email') {
    return (
      await createCampaign(marketer, {
        name: `Draft ${channel}`,
        goal: 'click',
        channel,
        segmentId,
        holdoutShare: 0,
        attributionWindowHours: 24,
        frequencyCap: null,
        scheduledAt: null,
        minimumDetectableEffect: 0.3,
        webhookUrl: channel === 'email' ? null : 'https://hooks.example.com/x',
        variants: [
          { name: 'One', subject: 'Fallback', content: 'Fallback content' },
          { name: 'Two', subject: 'Fallback', content: 'Fallback content' },
        ],
      })
    ).id;
  }
  const customer = async (externalId: string) => (await db.customer.findUniqueOrThrow({ where: { externalId } })).id;

  test('SMS: the text only (no subject), rendered in the chosen language as the webhook would', async () => {
    const campaignId = await draft('sms');
    const common = { campaignId, variantKey: 'b', productCount: 0 };
    await saveEmailTemplate(marketer, { ...common, locale: 'en', body: 'Hi {{first_name}} in {{city}}' });
    await saveEmailTemplate(marketer, { ...common, locale: 'zh-CN', body: '{{first_name}}您好' });
    const input = { campaignId, variantKey: 'b', customerId: await customer('W001') };
    expect(await previewChannelMessage(marketer, { ...input, locale: 'en' })).toEqual({
      locale: 'en',
      text: 'Hi Ann1 in Hangzhou',
    });
    expect(await previewChannelMessage(marketer, { ...input, locale: 'zh-CN' })).toEqual({
      locale: 'zh-CN',
      text: 'Ann1您好',
    });
    // no template in this language for the other message
    await expect(previewChannelMessage(marketer, { ...input, variantKey: 'a', locale: 'en' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'This message has no English text yet: write it and save first.',
    });
  });

  test('push needs its title; an e-mail campaign has no text message to preview', async () => {
    const push = await draft('push');
    const common = { campaignId: push, variantKey: 'a', locale: 'en', body: 'Hi', productCount: 0 };
    await expect(saveEmailTemplate(marketer, common)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      key: 'email.errors.subjectRequired',
    });
    await saveEmailTemplate(marketer, { ...common, subject: '{{first_name}}, hello' });
    const customerId = await customer('W003');
    expect(
      await previewChannelMessage(marketer, { campaignId: push, variantKey: 'a', locale: 'en', customerId }),
    ).toEqual({ locale: 'en', title: 'Ann3, hello', body: 'Hi' });
    const email = await draft('email');
    await expect(saveEmailTemplate(marketer, { ...common, campaignId: email })).rejects.toMatchObject({
      key: 'email.errors.subjectRequired',
    });
    await expect(
      previewChannelMessage(marketer, { campaignId: email, variantKey: 'a', locale: 'en', customerId }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', key: 'email.errors.notMessageChannel' });
  });
});
