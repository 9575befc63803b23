import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import type { ApiKeyActor } from '@/lib/services/auth/actor';
import { receiveEvents } from '@/lib/services/events/api';
import { recommendForCustomer } from './recommend';
import { resetServing, syncServing } from './serving/state';

// The storefront server's answer cache: a known customer's live answer outlives STOREFRONT_CACHE_MS (up to
// liveAnswerMs) while nothing of theirs changed; their events end it, through this process at once and from elsewhere
// at the next poll; so do product changes. Unknown customers keep the short limit.
const tag = `ac${randomBytes(3).toString('hex')}`;
process.env.PRECISA_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-answer-cache-it-'));
const reader: ApiKeyActor = { type: 'api_key', keyId: `${tag}-read`, scopes: ['recommendations:read'] };
const writer: ApiKeyActor = { type: 'api_key', keyId: `${tag}-write`, scopes: ['events:write'] };
const skus: string[] = [];
let customerId = 0;
let seq = 0;

const LONG = { cacheMs: 1, liveAnswerMs: 60_000 };
const ask = (customer: string, opts: { cacheMs?: number; liveAnswerMs?: number }) =>
  recommendForCustomer(reader, { customer, k: '3' }, opts);
const pause = () => new Promise((r) => setTimeout(r, 5));

beforeAll(async () => {
  resetServing();
  const cat = await db.category.create({ data: { path: `AC${tag}`, name: `AC${tag}`, depth: 0 } });
  const ids: number[] = [];
  for (let i = 1; i <= 6; i++) {
    const p = await db.product.create({
      data: { sku: `${tag}-P${i}`, title: `Cup ${i}`, categoryId: cat.id, price: 10 + i, stock: 5 },
    });
    ids.push(p.id);
    skus.push(p.sku);
  }
  customerId = (await db.customer.create({ data: { externalId: `${tag}-A` } })).id;
  for (let i = 0; i < 3; i++)
    await db.event.create({
      data: {
        dedupKey: `${tag}-e${seq++}`,
        customerId,
        productId: ids[i]!,
        type: 'view',
        ts: new Date(Date.now() - (10 - i) * 3_600_000),
        source: 'import',
      },
    });
  await syncServing();
});

afterAll(async () => {
  await closeConnections();
});

test("a known customer's live answer is reused past cacheMs, up to liveAnswerMs", async () => {
  const short = await ask(`${tag}-A`, { cacheMs: 1 });
  expect(short).toMatchObject({ known: true, source: 'live', strategy: 'collaborative' });
  await pause();
  const first = await ask(`${tag}-A`, { cacheMs: 1 });
  expect(first).not.toBe(short); // without liveAnswerMs, 1 ms is the limit
  expect(first).toEqual(short);
  await pause();
  expect(await ask(`${tag}-A`, LONG)).toBe(first);
  // an unknown visitor's answer keeps the short limit
  const visitor = await ask(`${tag}-nobody`, LONG);
  await pause();
  expect(await ask(`${tag}-nobody`, LONG)).not.toBe(visitor);
});

test('their event received by this process ends the cached answer at once', async () => {
  // a customer the loaded model does not know: their history is read from the database at request time
  const id = (await db.customer.create({ data: { externalId: `${tag}-B` } })).id;
  for (const sku of skus.slice(0, 2))
    await db.event.create({
      data: {
        dedupKey: `${tag}-e${seq++}`,
        customerId: id,
        productId: (await db.product.findUniqueOrThrow({ where: { sku } })).id,
        type: 'view',
        ts: new Date(),
        source: 'import',
      },
    });
  await syncServing(); // no poll for a second after this: only the events API can end the answer below
  const before = await ask(`${tag}-B`, LONG);
  expect(before).toMatchObject({ known: true, source: 'live', strategy: 'collaborative' });
  expect(await ask(`${tag}-B`, LONG)).toBe(before);
  const bodyText = JSON.stringify({
    events: [
      {
        event_id: `${tag}-api-${seq++}`,
        customer_id: `${tag}-B`,
        event_type: 'cart',
        timestamp: new Date().toISOString(),
        sku: skus[4],
      },
    ],
  });
  expect((await receiveEvents(writer, { bodyText, idempotencyKey: null })).status).toBe(200);
  const after = await ask(`${tag}-B`, LONG);
  expect(after).not.toBe(before);
  expect(after).not.toEqual(before); // the cart counts
  expect(after).toEqual(await ask(`${tag}-B`, {})); // the same as computed without any cache
});

test('an event stored elsewhere ends it at the next poll (a second later); a product change ends it too', async () => {
  await syncServing();
  const before = await ask(`${tag}-A`, LONG);
  await db.event.create({
    data: {
      dedupKey: `${tag}-e${seq++}`,
      customerId,
      productId: (await db.product.findUniqueOrThrow({ where: { sku: skus[5]! } })).id,
      type: 'purchase',
      ts: new Date(),
      source: 'import',
    },
  });
  expect(await ask(`${tag}-A`, LONG)).toBe(before); // not seen before the poll
  const t0 = Date.now();
  let after = before;
  while (after === before && Date.now() - t0 < 3_000) {
    await new Promise((r) => setTimeout(r, 50));
    after = await ask(`${tag}-A`, LONG); // a request past the poll interval starts the poll
  }
  expect(after).not.toBe(before);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  expect(after).not.toEqual(before);
  expect(after).toEqual(await ask(`${tag}-A`, {}));
  expect(await ask(`${tag}-A`, LONG)).toBe(after);
  await db.product.update({ where: { sku: skus[0]! }, data: { title: 'Cup 1 renamed' } });
  await syncServing();
  expect(await ask(`${tag}-A`, LONG)).not.toBe(after);
});

test('an order whose status changes later (no new line) ends the cached answer at the next poll', async () => {
  const id = (await db.customer.create({ data: { externalId: `${tag}-C` } })).id;
  const product = async (sku: string) => (await db.product.findUniqueOrThrow({ where: { sku } })).id;
  await db.event.create({
    data: {
      dedupKey: `${tag}-e${seq++}`,
      customerId: id,
      productId: await product(skus[0]!),
      type: 'view',
      ts: new Date(),
      source: 'import',
    },
  });
  const order = await db.order.create({
    data: {
      externalId: `${tag}-O1`,
      customerId: id,
      placedAt: new Date(),
      currency: 'CNY',
      total: 12,
      itemCount: 1,
      lines: {
        create: [
          { lineNo: 1, productId: await product(skus[1]!), sku: skus[1]!, quantity: 1, unitPrice: 12, total: 12 },
        ],
      },
    },
  });
  await syncServing();
  const before = await ask(`${tag}-C`, LONG);
  expect(await ask(`${tag}-C`, LONG)).toBe(before);
  await db.order.update({ where: { id: order.id }, data: { status: 'returned' } }); // the purchase no longer counts
  // the regular poll, not syncServing (which re-reads every product and so ends every cached answer)
  const t0 = Date.now();
  let after = before;
  while (after === before && Date.now() - t0 < 3_000) {
    await new Promise((r) => setTimeout(r, 50));
    after = await ask(`${tag}-C`, LONG); // a request past the poll interval starts the poll
  }
  expect(after).not.toBe(before);
  expect(after).toEqual(await ask(`${tag}-C`, {}));
  expect(after).not.toEqual(before);
});
