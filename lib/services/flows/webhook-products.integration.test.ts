import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { FLOW_TEMPLATES } from '@/lib/engine/flows';
import { hasOpenssl, startHttpsServer } from '@/lib/testing/webhook-server';
import type { UserActor } from '../auth/actor';
import { saveSmtpSettings } from '../email/smtp';
import { followTrackedLink } from '../email/tracking';
import { createFlowFromTemplate, saveFlow, setFlowEnabled } from './flows';
import { runFlows } from './run';

// A flow's SMS/push step with products: the signed webhook payload carries the serving model's picks for the customer
// (id, title in their language, price in their display currency, tracked url, reason), as e-mail has its block.
let server: Awaited<ReturnType<typeof startHttpsServer>>;
let admin: UserActor;

beforeAll(async () => {
  if (!hasOpenssl()) return;
  server = await startHttpsServer((_r, res) => res.writeHead(204).end());
  const u = await db.user.create({ data: { email: 'a@example.com', name: 'A', passwordHash: 'x', role: 'admin' } });
  admin = { type: 'user', userId: u.id, role: 'admin', email: u.email, name: u.name, locale: 'en' };
  await saveSmtpSettings(admin, {
    host: '127.0.0.1',
    port: 2525,
    security: 'none',
    from: 'Shop <news@shop.example>',
    ratePerMinute: 600,
    publicUrl: 'https://precisa.example',
    shopName: 'Scarf Shop',
    shopUrl: 'https://shop.example',
  });
  for (let i = 0; i < 3; i++)
    await db.product.create({
      data: { sku: `SC-${i}`, title: `Wool scarf ${i}`, titleZh: `羊毛围巾 ${i}`, price: 71 + 71 * i },
    });
  await db.currencyRate.create({ data: { currency: 'USD', rateToBase: 7.1 } });
  const flow = await createFlowFromTemplate(admin, { template: 'abandoned_cart' });
  const cart = FLOW_TEMPLATES.abandoned_cart.definition;
  const sms = {
    kind: 'webhook',
    content: {
      en: { message: 'Still thinking, {{first_name}}?', productCount: 2 },
      'zh-CN': { message: '{{first_name}}，还在考虑吗？', productCount: 2 },
    },
  };
  await saveFlow(admin, {
    id: flow.id,
    name: 'Cart SMS',
    definition: { ...cart, holdoutShare: 0, quietHours: null, frequencyCap: null, steps: [sms] },
    webhookUrl: 'https://hooks.example/sms',
  });
  await db.campaign.update({ where: { id: flow.campaignId }, data: { webhookUrl: `${server.url}/hook` } });
  await setFlowEnabled(admin, { id: flow.id, enabled: true });
});
afterAll(() => server?.close());

async function cartOf(externalId: string, attributes: object) {
  const c = await db.customer.create({
    data: { externalId, name: `${externalId} Lee`, phone: '+8613800000001', consentSms: true, attributes },
  });
  await db.event.create({
    data: { dedupKey: `cart-${externalId}`, customerId: c.id, type: 'cart', ts: new Date(), source: 'api' },
  });
}

describe.skipIf(!hasOpenssl())('flow SMS/push payload', () => {
  test('the message and its products, per customer; clicks go through the tracked redirect', async () => {
    await cartOf('Ann', { locale: 'en', currency: 'USD' });
    await cartOf('Wang', { locale: 'zh-CN' });
    expect(await runFlows({ allowPrivateWebhooks: true, webhookCa: server.ca })).toMatchObject({ sent: 2 });
    const bodies = server.received.map(
      (r) =>
        JSON.parse(r.body) as {
          customer_id: string;
          message: string;
          products?: { id: string; title: string; price: string; url: string; reason: string }[];
        },
    );
    const ann = bodies.find((b) => b.customer_id === 'Ann')!;
    expect(ann.message).toBe('Still thinking, Ann?');
    expect(ann.products).toHaveLength(2);
    for (const p of ann.products!) {
      const n = Number(p.id.slice(3));
      // base prices 71, 142, 213 (CNY) at 7.1 CNY per USD: $10.00, $20.00, $30.00
      expect(p).toMatchObject({ title: `Wool scarf ${n}`, price: `$${10 * (n + 1)}.00` });
      expect(typeof p.reason).toBe('string');
      expect(await followTrackedLink(p.url.split('/r/')[1]!)).toBe(`https://shop.example/products/${p.id}`);
    }
    const wang = bodies.find((b) => b.customer_id === 'Wang')!;
    expect(wang.message).toBe('Wang，还在考虑吗？');
    expect(wang.products![0]!.title).toMatch(/^羊毛围巾 \d$/);
    expect(wang.products![0]!.price).toMatch(/^¥\d+\.00$/);
    // the click counts for the flow's campaign
    const flow = await db.flow.findFirstOrThrow();
    expect(await db.event.count({ where: { type: 'click', campaignId: flow.campaignId } })).toBe(2);
  });
});
