// The shop the multi-instance test starts from, written through the app's own client and services in the test
// process (the instances are started afterwards against the same database).
import { createTwoVariantEmailCampaign } from '@/lib/testing/email-campaign-setup';
import { db } from '@/lib/db/client';
import type { UserActor } from '@/lib/services/auth/actor';
import { issueApiKey } from '@/lib/services/api-keys';
import { startTraining } from '@/lib/services/recommendations/runs';
import { seeded } from '../faults/child';
import { insertRows } from '../faults/setup';

export const PRODUCTS = 150;
export const SHOPPERS = 300;
export const RECIPIENTS = 60;

const startsWith = (value: string) => ({
  type: 'group' as const,
  op: 'and' as const,
  children: [{ type: 'attribute' as const, field: 'externalId', op: 'starts_with' as const, value }],
});

/** Customers who put something in their cart in the last 30 days (the shop's history is older: none at first). */
export const RECENT_CARTS = {
  type: 'group' as const,
  op: 'and' as const,
  children: [
    { type: 'behaviour' as const, op: 'did' as const, event: 'cart' as const, window: { type: 'last_days', days: 30 } },
  ],
};

/** An events API batch: a cart a minute ago for each of shoppers T`from`…T`to - 1`. */
export const carts = (from: number, to: number) => ({
  events: Array.from({ length: to - from }, (_, i) => ({
    event_id: `cart-${from + i}`,
    customer_id: `T${from + i}`,
    event_type: 'cart',
    timestamp: new Date(Date.now() - 60_000).toISOString(),
    sku: `P${(from + i) % 100}`,
  })),
});

/**
 * An admin; 150 products and 300 shoppers T0…T299 with ~8,000 views, carts and purchases from September and October
 * 2026 (each shopper leans to a tenth of the catalogue); two trainings queued (ALS and item-kNN, neither served); 60
 * consenting recipients K0…K59 and a draft e-mail campaign to them through the SMTP server at `smtpPort`; API keys.
 */
export async function seedShop(smtpPort: number) {
  const u = await db.user.create({
    data: { email: 'multi@test.local', name: 'Multi', passwordHash: 'x', role: 'admin' },
  });
  const admin: UserActor = { type: 'user', userId: u.id, role: 'admin', email: u.email, name: u.name, locale: 'en' };
  const rnd = seeded(13);
  await insertRows(
    'Product',
    Array.from({ length: PRODUCTS }, (_, i) => ({ sku: `P${i}`, title: `Product ${i}`, price: 10 + (i % 50) })),
  );
  await insertRows(
    'Customer',
    Array.from({ length: SHOPPERS }, (_, i) => ({ externalId: `T${i}` })),
  );
  const products = await db.product.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const customers = await db.customer.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const t0 = Date.UTC(2026, 8, 1);
  const events = [];
  const slice = PRODUCTS / 10;
  for (const [c, customer] of customers.entries()) {
    for (let k = 0; k < 8 + Math.floor(rnd() * 40); k++) {
      const lean = (c % 10) * slice + Math.floor(rnd() * slice);
      const p = products[(lean + (rnd() < 0.2 ? Math.floor(rnd() * PRODUCTS) : 0)) % PRODUCTS]!;
      const r = rnd();
      events.push({
        dedupKey: `t${events.length}`,
        customerId: customer.id,
        productId: p.id,
        type: r < 0.7 ? 'view' : r < 0.9 ? 'cart' : 'purchase',
        ts: new Date(t0 + Math.floor(rnd() * 60 * 86_400_000)),
        source: 'import',
      });
    }
  }
  await insertRows('Event', events);
  const als = await startTraining(admin, { models: ['als'], serve: false, seed: 13 });
  const knn = await startTraining(admin, { models: ['item-knn'], serve: false, seed: 13 });

  await insertRows(
    'Customer',
    Array.from({ length: RECIPIENTS }, (_, i) => ({
      externalId: `K${i}`,
      name: `Kim ${i}`,
      email: `k${i}@example.com`,
      consentEmail: true,
    })),
  );
  const recipients = await db.segment.create({
    data: { name: 'Recipients', definition: startsWith('K'), createdById: u.id },
  });
  await db.segment.create({ data: { name: 'Recent carts', definition: RECENT_CARTS, createdById: u.id } });
  const campaignId = await createTwoVariantEmailCampaign(admin, {
    name: 'Multi send',
    segmentId: recipients.id,
    smtpPort,
    ratePerMinute: 6000,
  });
  const keys = {
    read: (await issueApiKey(admin, { name: 'read', scopes: ['recommendations:read', 'campaigns:read'] })).key,
    events: (await issueApiKey(admin, { name: 'events', scopes: ['events:write'] })).key,
  };
  const definitions = {
    recipients: startsWith('K'),
    purchased: {
      type: 'group' as const,
      op: 'and' as const,
      children: [{ type: 'behaviour' as const, op: 'did' as const, event: 'purchase' as const }],
    },
  };
  return {
    admin,
    keys,
    campaignId,
    definitions,
    trainings: [als, knn].map((t) => ({ jobId: t.jobId, runId: t.runIds[0]! })),
  };
}
