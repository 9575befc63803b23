import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { GET as getSimilar } from '@/app/api/v1/products/[id]/similar/route';
import { GET as getRecommendations } from '@/app/api/v1/recommendations/route';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { issueApiKey, revokeApiKey } from '@/lib/services/api-keys';
import type { UserActor } from '@/lib/services/auth/actor';
import { resetServing } from '@/lib/services/recommendations/serving/state';
import { storefrontHandler } from '@/lib/storefront/handler';

// The storefront server answers exactly what the Next routes answer (same use-cases, same bodies), refuses what they
// refuse, and its caches behave as documented in scripts/storefront.ts.
const tag = `sf${randomBytes(3).toString('hex')}`;
process.env.PRECISA_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-sf-it-'));
let admin: UserActor;
let readKey = '';
let eventsKey = '';
const servers: http.Server[] = [];
let plain = '';
let cached = '';

async function listen(cacheMs: number) {
  const server = http.createServer(storefrontHandler({ cacheMs }));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const auth = (key: string) => ({ authorization: `Bearer ${key}` });
async function next(handler: (r: NextRequest) => Promise<Response>, url: string, init: RequestInit = {}) {
  const res = await handler(new NextRequest(`http://localhost${url}`, init as never));
  return { status: res.status, body: await res.json() };
}
async function storefront(base: string, url: string, init: RequestInit = {}) {
  const res = await fetch(`${base}${url}`, init);
  return { status: res.status, body: await res.json(), headers: res.headers };
}

beforeAll(async () => {
  resetServing();
  const u = await db.user.create({
    data: { email: `admin-${tag}@example.com`, name: 'admin', passwordHash: 'x', role: 'admin' },
  });
  admin = { type: 'user', userId: u.id, role: 'admin', email: u.email, name: u.name, locale: 'en' };
  readKey = (await issueApiKey(admin, { name: `read ${tag}`, scopes: ['recommendations:read'] })).key;
  eventsKey = (await issueApiKey(admin, { name: `events ${tag}`, scopes: ['events:write'] })).key;
  const cat = await db.category.create({ data: { path: `S${tag}`, name: `S${tag}`, depth: 0 } });
  const products: { id: number }[] = [];
  for (let i = 1; i <= 6; i++)
    products.push(
      await db.product.create({
        data: {
          sku: `${tag}-P${i}`,
          title: `Mug ${i}`,
          titleZh: `杯子 ${i}`,
          categoryId: cat.id,
          price: 10 + i,
          stock: 5,
        },
      }),
    );
  for (let c = 1; c <= 4; c++) {
    const customer = await db.customer.create({ data: { externalId: `${tag}-C${c}` } });
    for (let i = 0; i < c + 1; i++)
      await db.event.create({
        data: {
          dedupKey: `${tag}-e${c}-${i}`,
          customerId: customer.id,
          productId: products[i]!.id,
          type: 'view',
          ts: new Date(Date.now() - (10 - i) * 3_600_000),
          source: 'import',
        },
      });
  }
  plain = await listen(0);
  cached = await listen(60_000);
});

afterAll(async () => {
  for (const s of servers) s.close();
  await closeConnections();
});

describe('answers equal the Next routes', () => {
  test.each(['?customer={tag}-C1&k=3', '?customer={tag}-C4&k=5&lang=zh-CN', '?customer=someone-new&k=4'])(
    'recommendations %s',
    async (q) => {
      const url = `/api/v1/recommendations${q.replace('{tag}', tag)}`;
      const want = await next(getRecommendations as never, url, { headers: auth(readKey) });
      expect(want.status).toBe(200);
      expect(await storefront(plain, url, { headers: auth(readKey) })).toMatchObject(want);
    },
  );

  test('similar items of a product, by sku, in Chinese', async () => {
    const sku = `${tag}-P1`;
    const url = `/api/v1/products/${encodeURIComponent(sku)}/similar?k=3&lang=zh-CN`;
    const res = await getSimilar(new NextRequest(`http://localhost${url}`, { headers: auth(readKey) }), {
      params: Promise.resolve({ id: encodeURIComponent(sku) }),
    });
    const want = { status: res.status, body: await res.json() };
    expect(want.status).toBe(200);
    expect(await storefront(plain, url, { headers: auth(readKey) })).toMatchObject(want);
  });

  test('the same refusal for an invalid k, and 401 / 403 for a missing or unscoped key', async () => {
    const url = `/api/v1/recommendations?customer=${tag}-C1&k=abc`;
    const want = await next(getRecommendations as never, url, { headers: auth(readKey) });
    expect(want.status).toBe(422);
    expect(await storefront(plain, url, { headers: auth(readKey) })).toMatchObject(want);
    const none = await storefront(plain, url);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const unscoped = await storefront(plain, url, { headers: auth(eventsKey) });
    expect(unscoped).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN', params: { scope: 'recommendations:read' } } },
    });
  });
});

describe('HTTP edges are 4xx, never 500', () => {
  test('unknown path 404, wrong method 405 with Allow, broken %-encoding 400', async () => {
    expect(await storefront(plain, '/api/v1/nothing-here')).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });
    const put = await storefront(plain, '/api/v1/recommendations', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET');
    expect(await storefront(plain, '/api/v1/products/%E4%B8/similar', { headers: auth(readKey) })).toMatchObject({
      status: 400,
      body: { error: { key: 'errors.badUrl' } },
    });
  });

  test('security headers on answers and errors', async () => {
    for (const url of ['/api/health', '/api/v1/nothing-here']) {
      const { headers } = await storefront(plain, url);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(headers.get('cache-control')).toBe('no-store');
    }
  });

  test('a body over 2 MB is refused with 413, declared or streamed, by both servers', async () => {
    const big = `[${'"x",'.repeat(600_000)}"x"]`;
    const res = await storefront(plain, '/api/v1/events', { method: 'POST', headers: auth(eventsKey), body: big });
    expect(res).toMatchObject({ status: 413, body: { error: { key: 'errors.bodyTooLarge' } } });
    const viaNext = await next(postEvents as never, '/api/v1/events', {
      method: 'POST',
      headers: auth(eventsKey),
      body: big,
    });
    expect(viaNext).toMatchObject({ status: 413, body: res.body });
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const streamed = await fetch(`${plain}/api/v1/events`, {
      method: 'POST',
      headers: auth(eventsKey),
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });
});

describe('events', () => {
  test('a batch is stored once; a replay with its Idempotency-Key and a resend of its events add nothing', async () => {
    const batch = JSON.stringify({
      events: [1, 2, 3].map((i) => ({
        event_id: `${tag}-api-${i}`,
        customer_id: `${tag}-C1`,
        event_type: 'view',
        timestamp: new Date(Date.now() - i * 60_000).toISOString(),
        sku: `${tag}-P${i}`,
      })),
    });
    const count = () => db.event.count({ where: { dedupKey: { startsWith: `${tag}-api-` } } });
    const headers = { ...auth(eventsKey), 'content-type': 'application/json', 'idempotency-key': `${tag}-k1` };
    const first = await storefront(plain, '/api/v1/events', { method: 'POST', headers, body: batch });
    expect(first.status).toBeLessThan(300);
    expect(await count()).toBe(3);
    const replay = await storefront(plain, '/api/v1/events', { method: 'POST', headers, body: batch });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const resend = await next(postEvents as never, '/api/v1/events', {
      method: 'POST',
      headers: { ...auth(eventsKey), 'content-type': 'application/json' },
      body: batch,
    });
    expect(resend.status).toBeLessThan(300);
    expect(await count()).toBe(3);
  });
});

describe('caches', () => {
  test('an answer is reused within the cache time and recomputed when a new model is served', async () => {
    const url = `/api/v1/recommendations?customer=${tag}-new-visitor&k=6`;
    const before = await storefront(cached, url, { headers: auth(readKey) });
    // Purchases make P6 the most popular product, but the cached answer stays until a new bundle is served.
    const buyer = await db.customer.create({ data: { externalId: `${tag}-buyer` } });
    const p6 = await db.product.findUniqueOrThrow({ where: { sku: `${tag}-P6` } });
    for (let i = 0; i < 30; i++) {
      const other = await db.customer.create({ data: { externalId: `${tag}-b${i}` } });
      await db.event.create({
        data: {
          dedupKey: `${tag}-buy-${i}`,
          customerId: i ? other.id : buyer.id,
          productId: p6.id,
          type: 'purchase',
          ts: new Date(),
          source: 'import',
        },
      });
    }
    expect((await storefront(cached, url, { headers: auth(readKey) })).body).toEqual(before.body);
    resetServing(); // what serving a new model does to the state: the bundle object is replaced
    const after = await storefront(cached, url, { headers: auth(readKey) });
    expect(after.body).toEqual((await storefront(plain, url, { headers: auth(readKey) })).body);
    expect(after.body).not.toEqual(before.body);
  });

  test('a revoked key: refused at once without a cache, within the cache time with one', async () => {
    const { key } = await issueApiKey(admin, { name: `revoke ${tag}`, scopes: ['recommendations:read'] });
    const url = `/api/v1/recommendations?customer=${tag}-C1&k=2`;
    expect((await storefront(cached, url, { headers: auth(key) })).status).toBe(200);
    const row = await db.apiKey.findFirstOrThrow({ where: { name: `revoke ${tag}` } });
    await revokeApiKey(admin, row.id);
    expect((await storefront(plain, url, { headers: auth(key) })).status).toBe(401);
    expect((await storefront(cached, url, { headers: auth(key) })).status).toBe(200);
  });
});
