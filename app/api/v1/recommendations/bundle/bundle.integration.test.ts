import { runJobUntilDone } from '@/lib/testing/db/run-job';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GET as getBundle } from './route';
import { GET as getRecommendations } from '../route';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { DEVICE_BUNDLE_BUDGET } from '@/lib/engine/recommendation/device/export';
import { describe as sentence, parseBundle, recommend } from '@/lib/engine/recommendation/device/scorer';
import { issueApiKey } from '@/lib/services/api-keys';
import type { UserActor } from '@/lib/services/auth/actor';
import {
  deviceBundleSummary,
  saveRecommendationSettings,
  startTraining,
  TRAIN_JOB,
} from '@/lib/services/recommendations';
import { resetServing, syncServing } from '@/lib/services/recommendations/serving/state';

const tag = `dev${randomBytes(3).toString('hex')}`;
const DAY = 86_400_000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-device-it-'));
process.env.PRECISA_DATA_DIR = dataDir;

let admin: UserActor;
let readKey = '',
  writeKey = '';
const product: Record<string, number> = {};

function get(headers: Record<string, string> = {}, key: string | null = readKey) {
  return getBundle(
    new NextRequest('http://localhost/api/v1/recommendations/bundle', {
      headers: { ...headers, ...(key ? { authorization: `Bearer ${key}` } : {}) },
    }),
  );
}

beforeAll(async () => {
  resetServing();
  const u = await db.user.create({
    data: { email: `admin-${tag}@example.com`, name: 'Admin', passwordHash: 'x', role: 'admin' },
  });
  admin = { type: 'user', userId: u.id, role: 'admin', email: u.email, name: u.name, locale: 'en' };
  readKey = (await issueApiKey(admin, { name: `shop ${tag}`, scopes: ['recommendations:read'] })).key;
  writeKey = (await issueApiKey(admin, { name: `ev ${tag}`, scopes: ['events:write'] })).key;
  const root = await db.category.create({ data: { path: `T${tag}`, name: `T${tag}`, depth: 0 } });
  const now = Date.now();
  for (const group of ['A', 'B']) {
    const cat = await db.category.create({
      data: { path: `T${tag} > ${group}`, name: group, parentId: root.id, depth: 1 },
    });
    for (let i = 1; i <= 6; i++)
      product[`${group}${i}`] = (
        await db.product.create({
          data: { sku: `${tag}-${group}${i}`, title: `${group}${i}`, categoryId: cat.id, price: 10, stock: 5 },
        })
      ).id;
  }
  let seq = 0;
  for (let c = 0; c < 30; c++) {
    const group = c < 15 ? 'A' : 'B';
    const cust = await db.customer.create({ data: { externalId: `${tag}-c${c}`, name: `C${c}` } });
    for (const i of [1, 2, 3, 4, 5, 6].filter((i) => (i + c) % 3 !== 0))
      await db.event.create({
        data: {
          dedupKey: `${tag}-${seq++}`,
          customerId: cust.id,
          productId: product[`${group}${i}`]!,
          type: i % 2 ? 'view' : 'cart',
          ts: new Date(now - (40 - c - i) * DAY),
          source: 'import',
        },
      });
  }
});

afterAll(async () => {
  resetServing();
  await closeConnections();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /api/v1/recommendations/bundle', () => {
  test('needs a key with recommendations:read', async () => {
    expect((await get({}, null)).status).toBe(401);
    expect((await get({}, 'pk_00000000_notakey')).status).toBe(401);
    expect((await get({}, writeKey)).status).toBe(403);
  });

  test("before training: the fallback's bought-together lists with trending", async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-precisa-model')).toMatch(/^item-knn; source=fallback/);
    const model = parseBundle(await res.arrayBuffer());
    expect(recommend(model, [], { n: 3 }).strategy).toBe('popularity');
  });

  test('serves the trained item-kNN: ETag → 304, gzip when asked for, and ranks like the API', async () => {
    await saveRecommendationSettings(admin, { mmrLambda: 1 });
    const { jobId } = await startTraining(admin, { models: ['item-knn'], serve: true });
    expect((await runJobUntilDone(TRAIN_JOB, jobId)).state).toBe('succeeded');
    await syncServing();

    const plain = await get();
    expect(plain.status).toBe(200);
    expect(plain.headers.get('x-precisa-model')).toMatch(/^item-knn; source=model/);
    expect(plain.headers.get('content-type')).toBe('application/octet-stream');
    const etag = plain.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const bytes = new Uint8Array(await plain.arrayBuffer());

    const zipped = await get({ accept: 'application/gzip, */*;q=0.1' });
    expect(zipped.headers.get('content-type')).toBe('application/gzip');
    expect(zipped.headers.get('etag')).toBe(`${etag.slice(0, -1)}-gz"`);
    const zbytes = new Uint8Array(await zipped.arrayBuffer());
    expect(zbytes.length).toBeLessThan(bytes.length);
    expect(Buffer.from(gunzipSync(zbytes)).equals(Buffer.from(bytes))).toBe(true);

    const again = await get({ 'if-none-match': `W/"other", ${etag}` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await get({ 'if-none-match': '"other"' })).status).toBe(200);
    // the raw ETag does not validate the gzipped representation
    expect((await get({ accept: 'application/gzip', 'if-none-match': etag })).status).toBe(200);

    // a new shopper's views sent to the server rank the same on the device
    const at = Date.now();
    const viewed = ['A1', 'A2'];
    const events = viewed.map((sku, k) => ({
      event_id: `${tag}-new-${k}`,
      customer_id: `${tag}-newbie`,
      event_type: 'view',
      timestamp: new Date(at - k * 1000).toISOString(),
      sku: `${tag}-${sku}`,
    }));
    const sent = await postEvents(
      new NextRequest('http://localhost/api/v1/events', {
        method: 'POST',
        body: JSON.stringify({ events }),
        headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' },
      }),
    );
    expect(sent.status).toBe(200);
    const url = new URL('http://localhost/api/v1/recommendations');
    url.search = new URLSearchParams({ customer: `${tag}-newbie`, k: '4', lang: 'en' }).toString();
    const server = (await (
      await getRecommendations(new NextRequest(url, { headers: { authorization: `Bearer ${readKey}` } }))
    ).json()) as { items: { productId: number; reasons: { kind: string; text: string }[] }[] };
    const model = parseBundle(bytes.buffer);
    // a catalogue this small fits the gzip budget with every list whole (rebuilt after the events, at the same k)
    let longest = 0;
    for (let i = 0; i < model.nItems; i++) longest = Math.max(longest, model.ptr[i + 1]! - model.ptr[i]!);
    const summary = await deviceBundleSummary(admin);
    expect([summary.k, model.header.model.k]).toEqual([longest, longest]);
    expect(summary.gzipBytes).toBeLessThanOrEqual(DEVICE_BUNDLE_BUDGET);
    const device = recommend(
      model,
      viewed.map((sku, k) => ({ id: product[sku]!, kind: 'view' as const, at: at - k * 1000 })),
      { n: 4 },
    );
    expect(device.items.map((i) => i.productId)).toEqual(server.items.map((i) => i.productId));
    expect(device.items.map((i) => i.reasons[0]!.kind)).toEqual(server.items.map((i) => i.reasons[0]!.kind));
    expect(device.items.map((i) => sentence(model, i.reasons[0]!))).toEqual(
      server.items.map((i) => i.reasons[0]!.text),
    );
  });
});
