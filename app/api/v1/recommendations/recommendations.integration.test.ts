import { runJobUntilDone } from '@/lib/testing/db/run-job';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GET as getRecommendations } from './route';
import { GET as getSimilar } from '@/app/api/v1/products/[id]/similar/route';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { db } from '@/lib/db/client';
import { issueApiKey } from '@/lib/services/api-keys';
import type { ApiKeyActor, UserActor } from '@/lib/services/auth/actor';
import {
  cancelTraining,
  getRecommendationsOverview,
  recommendForCustomer,
  recommendationsForCustomerId,
  retrainServing,
  saveRecommendationSettings,
  serveRun,
  startTraining,
  TRAIN_JOB,
} from '@/lib/services/recommendations';
import { resetServing, syncServing } from '@/lib/services/recommendations/serving/state';
import { runTrainingJob } from '@/lib/services/recommendations/train';
import type { RecommendationFairness } from '@/lib/engine/fairness/evaluate-groups';
import { closeConnections } from '@/lib/db/connections';
import { runImport } from '@/lib/services/imports/run-import';
import { createImportJob } from '@/lib/testing/db/scratch';

// The database is shared with other integration files: everything here carries a unique tag, and assertions only
// look at this file's customers and products.
const tag = `rec${randomBytes(3).toString('hex')}`;
const DAY = 86_400_000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-rec-it-'));
process.env.PRECISA_DATA_DIR = dataDir;

let admin: UserActor, marketer: UserActor, manager: UserActor;
const storefront: ApiKeyActor = { type: 'api_key', keyId: 'storefront-cache-test', scopes: ['recommendations:read'] };
let readKey = '',
  writeOnlyKey = '';
const product: Record<string, number> = {};
const category: Record<string, number> = {};
const customer: Record<string, number> = {};

async function user(role: 'admin' | 'marketer' | 'manager'): Promise<UserActor> {
  const u = await db.user.create({
    data: { email: `${role}-${tag}@example.com`, name: `${role} ${tag}`, passwordHash: 'x', role },
  });
  return { type: 'user', userId: u.id, role, email: u.email, name: u.name, locale: 'en' };
}

let eventSeq = 0;
async function event(cust: string, sku: string, type: 'view' | 'cart' | 'purchase', ts: number, source = 'import') {
  await db.event.create({
    data: {
      dedupKey: `${tag}-e${eventSeq++}`,
      customerId: customer[cust]!,
      productId: product[sku]!,
      categoryId: null,
      type,
      ts: new Date(ts),
      source,
    },
  });
}
let orderSeq = 0;
async function order(cust: string, skus: string[], ts: number) {
  await db.order.create({
    data: {
      externalId: `${tag}-o${orderSeq++}`,
      customerId: customer[cust]!,
      placedAt: new Date(ts),
      currency: 'CNY',
      total: 10 * skus.length,
      itemCount: skus.length,
      lines: {
        create: skus.map((sku, i) => ({
          lineNo: i + 1,
          productId: product[sku]!,
          sku: `${tag}-${sku}`,
          quantity: 1,
          unitPrice: 10,
          total: 10,
        })),
      },
    },
  });
}

function api(query: Record<string, string>, key: string | null = readKey) {
  const url = new URL('http://localhost/api/v1/recommendations');
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return getRecommendations(new NextRequest(url, { headers: key ? { authorization: `Bearer ${key}` } : {} }));
}
async function recommend(query: Record<string, string>) {
  const res = await api(query);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as {
    known: boolean;
    strategy: string;
    source: string;
    model: { runId: number | null; name: string; version: number };
    items: {
      sku: string;
      productId: number;
      reasons: { kind: string; text: string; data: Record<string, unknown> }[];
    }[];
  };
}
const skus = (r: { items: { sku: string }[] }) => r.items.map((i) => i.sku.replace(`${tag}-`, ''));

/** Sends behaviour through the events API, as a storefront does (unknown customers are created). */
async function sendEvents(events: { customer: string; sku: string; type: 'view' | 'cart' | 'purchase' }[]) {
  const body = {
    events: events.map((e) => ({
      event_id: `${tag}-api-${eventSeq++}`,
      customer_id: `${tag}-${e.customer}`,
      event_type: e.type,
      timestamp: new Date().toISOString(),
      sku: `${tag}-${e.sku}`,
      ...(e.type === 'purchase' ? { quantity: 1, price: 30 } : {}),
    })),
  };
  const res = await postEvents(
    new NextRequest('http://localhost/api/v1/events', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { authorization: `Bearer ${writeOnlyKey}`, 'content-type': 'application/json' },
    }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
}

const work = (jobId: string) => runJobUntilDone(TRAIN_JOB, jobId);

beforeAll(async () => {
  resetServing();
  [admin, marketer, manager] = [await user('admin'), await user('marketer'), await user('manager')];
  readKey = (await issueApiKey(admin, { name: `shop ${tag}`, scopes: ['recommendations:read'] })).key;
  writeOnlyKey = (await issueApiKey(admin, { name: `events ${tag}`, scopes: ['events:write'] })).key;
  const root = await db.category.create({ data: { path: `T${tag}`, name: `T${tag}`, depth: 0 } });
  for (const [name, zh] of [
    ['Shoes', '鞋'],
    ['Books', '书'],
    ['Coffee', '咖啡'],
  ] as const) {
    category[name] = (
      await db.category.create({ data: { path: `T${tag} > ${name}`, name, nameZh: zh, parentId: root.id, depth: 1 } })
    ).id;
  }
  const make = async (
    sku: string,
    cat: string,
    brand: string,
    price: number,
    extra: { stock?: number; active?: boolean } = {},
  ) => {
    product[sku] = (
      await db.product.create({
        data: {
          sku: `${tag}-${sku}`,
          title: `${cat} ${sku} by ${brand}`,
          titleZh: `${sku} 号商品`,
          categoryId: category[cat]!,
          brand,
          price,
          color: sku.endsWith('1') ? 'red' : 'blue',
          stock: extra.stock ?? 10,
          active: extra.active ?? true,
        },
      })
    ).id;
  };
  for (let i = 1; i <= 8; i++)
    await make(`A${i}`, 'Shoes', 'Stride', 100 + i * 10, i === 8 ? { stock: 0 } : i === 7 ? { active: false } : {});
  for (let i = 1; i <= 8; i++) await make(`B${i}`, 'Books', 'Inkwell', 20 + i);
  for (let i = 1; i <= 3; i++) await make(`C${i}`, 'Coffee', 'Roast', 30);
  const now = Date.now();
  // 24 shoe lovers and 24 readers: each views 4–5 items of their group over 60 days and buys one; some buy coffee.
  for (let c = 0; c < 48; c++) {
    const group = c < 24 ? 'A' : 'B';
    const id = `${group}c${c}`;
    customer[id] = (await db.customer.create({ data: { externalId: `${tag}-${id}`, name: `Customer ${id}` } })).id;
    const items = [1, 2, 3, 4, 5, 6, 7, 8].filter((i) => (i + c) % 3 !== 0).slice(0, 5);
    for (const [k, i] of items.entries()) await event(id, `${group}${i}`, 'view', now - (60 - c - k * 3) * DAY);
    await order(id, [`${group}${items[0]}`, ...(c % 4 === 0 ? ['C1'] : [])], now - (20 - (c % 15)) * DAY);
  }
  // a cold customer who only searched for books, and a shopper who bought A1 and coffee
  customer.cold = (await db.customer.create({ data: { externalId: `${tag}-cold`, name: 'Cold' } })).id;
  await db.event.create({
    data: {
      dedupKey: `${tag}-search`,
      customerId: customer.cold,
      type: 'search',
      query: 'Books Inkwell',
      ts: new Date(now - DAY),
      source: 'import',
      categoryId: category.Books,
    },
  });
  customer.buyer = (await db.customer.create({ data: { externalId: `${tag}-buyer`, name: 'Buyer' } })).id;
  await event('buyer', 'A2', 'view', now - 30 * DAY);
  await order('buyer', ['A1', 'C1'], now - 25 * DAY);
});

afterAll(async () => {
  resetServing();
  await closeConnections();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('recommendations', () => {
  test('roles: everyone views; only admins train, serve and change settings', async () => {
    await expect(getRecommendationsOverview(manager)).resolves.toMatchObject({ canManage: false });
    await expect(getRecommendationsOverview(null)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(startTraining(marketer, { models: ['popularity'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(serveRun(manager, 1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(saveRecommendationSettings(marketer, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(startTraining(admin, { models: [] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  test('the API needs a key with recommendations:read and validates its query', async () => {
    expect((await api({ customer: 'x' }, null)).status).toBe(401);
    expect((await api({ customer: 'x' }, 'pk_00000000_notakey')).status).toBe(401);
    expect((await api({ customer: 'x' }, writeOnlyKey)).status).toBe(403);
    expect((await api({ k: '5' })).status).toBe(422);
    expect((await api({ customer: 'x', k: '1000' })).status).toBe(422);
    expect((await api({ customer: 'x', category: 'No > Such > Category' })).status).toBe(422);
  });

  test('before any training the API serves trending items, also to unknown customers', async () => {
    const r = await recommend({ customer: `${tag}-nobody`, k: '5' });
    expect(r).toMatchObject({ known: false, strategy: 'popularity', model: { runId: null } });
    expect(r.items).toHaveLength(5);
    for (const item of r.items) expect(item.reasons[0]!.text.length).toBeGreaterThan(3);
  });

  let firstRun = 0;
  test('an admin trains models in the background; versions, metrics and protocol are recorded and the best serves', async () => {
    const { jobId, runIds } = await startTraining(admin, {
      models: ['popularity', 'item-knn', 'hybrid'],
      components: ['item-knn', 'popularity'],
      serve: true,
      k: 5,
    });
    expect(runIds).toHaveLength(3);
    const job = await work(jobId);
    expect(job.state, job.lastError ?? '').toBe('succeeded');
    const runs = await db.recModelRun.findMany({ where: { id: { in: runIds } }, orderBy: { id: 'asc' } });
    for (const run of runs) {
      expect(run.status, run.error ?? '').toBe('completed');
      expect(run.protocol).toMatch(/temporal/);
      expect(run.trainingMs).toBeGreaterThanOrEqual(0);
      const m = run.metrics as Record<string, number>;
      expect(m['ndcg@5']).toBeGreaterThanOrEqual(0);
      expect(m['ndcg@5']).toBeLessThanOrEqual(1);
      expect(fs.existsSync(path.join(dataDir, 'models', run.artifact!))).toBe(true);
      // Fairness measured on the same holdout: the model's NDCG matches the run's metric, beside the baseline.
      const fairness = (run.params as { fairness: RecommendationFairness }).fairness;
      expect(fairness.model.ndcg).toBeCloseTo(m['ndcg@5']!, 9);
      expect(fairness.baseline.gini).toBeGreaterThanOrEqual(0);
      // (key order is not kept by PostgreSQL's jsonb)
      expect(Object.keys(fairness.model.byGroup).sort()).toEqual(['age', 'gender', 'lifecycle', 'region']);
    }
    // the blend records why it serves: its validation NDCG, never below its best component's
    const blend = runs.find((r) => r.model === 'hybrid')!.params as {
      validationNdcg: number;
      componentValidationNdcg: Record<string, number>;
    };
    expect(Object.keys(blend.componentValidationNdcg).sort()).toEqual(['item-knn', 'popularity']);
    expect(blend.validationNdcg).toBeGreaterThanOrEqual(Math.max(...Object.values(blend.componentValidationNdcg)));
    const serving = await db.recModelRun.findMany({ where: { isServing: true } });
    expect(serving).toHaveLength(1);
    const best = runs.reduce((a, b) =>
      (b.metrics as Record<string, number>)['ndcg@5']! > (a.metrics as Record<string, number>)['ndcg@5']! ? b : a,
    );
    expect(serving[0]!.id).toBe(best.id);
    firstRun = runs.find((r) => r.model === 'item-knn')!.id;
    await serveRun(admin, firstRun);
  });

  test('a known customer gets explained item-based recommendations from their own group, without what they saw', async () => {
    const r = await recommend({ customer: `${tag}-Ac1`, k: '4' });
    expect(r).toMatchObject({ known: true, strategy: 'collaborative', model: { runId: firstRun, name: 'item-knn' } });
    const seen = (
      await db.event.findMany({ where: { customerId: customer.Ac1 }, select: { product: { select: { sku: true } } } })
    ).map((e) => e.product!.sku.replace(`${tag}-`, ''));
    for (const sku of skus(r)) expect(seen).not.toContain(sku);
    // what item-kNN found is what shoe lovers chose (shoes, and the coffee some of them buy), never books; the rest
    // of the list is topped up with trending items
    const explained = r.items.filter((i) => i.reasons[0]!.kind === 'because-you-interacted');
    expect(explained.length).toBeGreaterThan(0);
    expect(explained[0]!.sku).toMatch(new RegExp(`^${tag}-A`));
    for (const item of explained) expect(item.sku).toMatch(new RegExp(`^${tag}-[AC]`));
    expect(
      r.items.every(
        (i) => i.reasons[0]!.kind === 'because-you-interacted' || i.reasons[0]!.kind.startsWith('trending'),
      ),
    ).toBe(true);
    const reason = r.items[0]!.reasons[0]!;
    expect(reason.kind).toBe('because-you-interacted');
    expect(reason.text).toMatch(/^Because you (viewed|bought) .+ \(similarity 0\.\d\d\)$/);
    expect(reason.data).toMatchObject({
      anchor: { sku: expect.stringContaining(tag) },
      similarity: expect.any(Number),
    });
    const zh = await recommend({ customer: `${tag}-Ac1`, k: '4', lang: 'zh-CN' });
    expect(zh.items[0]!.reasons[0]!.text).toMatch(/^因为您(浏览|购买)了 .+号商品（相似度 0\.\d\d）$/);
  });

  test('business rules: sold-out, inactive, excluded and bought items never appear; repurchasable categories do', async () => {
    const many = await recommend({ customer: `${tag}-Ac2`, k: '20' });
    expect(skus(many)).not.toContain('A7');
    expect(skus(many)).not.toContain('A8');
    const excluded = skus(many)[0]!;
    expect(skus(await recommend({ customer: `${tag}-Ac2`, k: '20', exclude: `${tag}-${excluded}` }))).not.toContain(
      excluded,
    );
    const onlyBooks = await recommend({ customer: `${tag}-Ac2`, k: '5', category: String(category.Books) });
    expect(onlyBooks.items.length).toBeGreaterThan(0);
    for (const sku of skus(onlyBooks)) expect(sku.startsWith('B')).toBe(true);
    expect(skus(await recommend({ customer: `${tag}-buyer`, k: '30' }))).not.toContain('C1');
    await saveRecommendationSettings(admin, { repurchasableCategoryIds: [category.Coffee] });
    await syncServing();
    expect(skus(await recommend({ customer: `${tag}-buyer`, k: '30', category: `T${tag} > Coffee` }))).toContain('C1');
    await saveRecommendationSettings(admin, { repurchasableCategoryIds: [] });
  });

  test('a customer without product history gets a profile (cold-start) list; an unknown one trending, never an error', async () => {
    const cold = await recommend({ customer: `${tag}-cold`, k: '3' });
    expect(cold).toMatchObject({ known: true, strategy: 'profile' });
    expect(skus(cold).every((s) => s.startsWith('B'))).toBe(true);
    const unknown = await recommend({ customer: 'never-seen-before', k: '3' });
    expect(unknown).toMatchObject({ known: false, strategy: 'popularity' });
    expect(unknown.items).toHaveLength(3);
  });

  test('events received through the events API change item-based results at once', async () => {
    const before = await recommend({ customer: `${tag}-fresh`, k: '3' });
    expect(before).toMatchObject({ known: false, strategy: 'popularity' });
    await sendEvents([{ customer: 'fresh', sku: 'B3', type: 'view' }]);
    const after = await recommend({ customer: `${tag}-fresh`, k: '3' });
    expect(after).toMatchObject({ known: true, strategy: 'collaborative', source: 'live' });
    expect(skus(after).every((s) => s.startsWith('B') && s !== 'B3')).toBe(true);
    expect(after.items[0]!.reasons.find((r) => r.kind === 'because-you-interacted')?.data).toMatchObject({
      anchor: { sku: `${tag}-B3` },
      action: 'view',
    });
    // a trained customer's precomputed list gives way to their live history once the poll sees their new event
    const knownBefore = await recommend({ customer: `${tag}-Bc30`, k: '5' });
    expect(knownBefore.source).toBe('precomputed');
    // The storefront server's answer cache (1 ms here) keeps a precomputed list past its time limit while nothing it
    // depends on changed; a product change (title, price, stock) makes it stale.
    const cached = (customer: string) => recommendForCustomer(storefront, { customer, k: '5' }, { cacheMs: 1 });
    const first = await cached(`${tag}-Bc30`);
    await new Promise((r) => setTimeout(r, 5));
    expect(await cached(`${tag}-Bc30`)).toBe(first);
    await db.product.update({ where: { id: product.B1! }, data: { title: 'Books B1 renamed' } });
    await syncServing();
    expect(await cached(`${tag}-Bc30`)).not.toBe(first);
    await sendEvents([{ customer: 'Bc30', sku: skus(knownBefore)[0]!, type: 'cart' }]);
    await syncServing();
    const knownAfter = await recommend({ customer: `${tag}-Bc30`, k: '5' });
    expect(knownAfter.source).toBe('live');
    expect(skus(knownAfter)).not.toContain(skus(knownBefore)[0]);
    // the customer's new behaviour ends the cached precomputed list too
    await new Promise((r) => setTimeout(r, 5));
    expect(await cached(`${tag}-Bc30`)).toMatchObject({ source: 'live' });
  });

  test('trending counters are updated incrementally from new purchases', async () => {
    const trendingBefore = await recommend({ customer: 'someone-new', k: '3', category: String(category.Coffee) });
    expect(skus(trendingBefore)[0]).toBe('C1');
    await sendEvents(
      Array.from({ length: 30 }, (_, i) => ({ customer: `late${i}`, sku: 'C3', type: 'purchase' as const })),
    );
    await syncServing();
    expect(skus(await recommend({ customer: 'someone-new', k: '3', category: String(category.Coffee) }))[0]).toBe('C3');
  });

  test('switching the serving version is one atomic flip, picked up by the serving process', async () => {
    const other = await db.recModelRun.findFirstOrThrow({
      where: { status: 'completed', model: 'popularity', params: { not: undefined } },
      orderBy: { id: 'desc' },
    });
    await serveRun(admin, other.id);
    expect(await db.recModelRun.count({ where: { isServing: true } })).toBe(1);
    expect((await recommend({ customer: `${tag}-Ac1`, k: '3' })).model).toMatchObject({
      runId: other.id,
      name: 'popularity',
    });
    await serveRun(admin, firstRun);
    expect((await recommend({ customer: `${tag}-Ac1`, k: '3' })).model).toMatchObject({ runId: firstRun });
    // concurrent flips still leave exactly one serving version
    await Promise.all([serveRun(admin, other.id), serveRun(admin, firstRun), serveRun(admin, other.id)]);
    expect(await db.recModelRun.count({ where: { isServing: true } })).toBe(1);
    await serveRun(admin, firstRun);
  });

  test('a failed or cancelled training leaves the serving model untouched', async () => {
    const { runIds } = await startTraining(admin, { models: ['item-knn'], serve: true });
    const runs = await db.recModelRun.findMany({ where: { id: { in: runIds } } });
    const notADir = path.join(dataDir, 'not-a-directory');
    fs.writeFileSync(notADir, 'x');
    const result = await runTrainingJob(runs, {
      db,
      signal: new AbortController().signal,
      progress: () => undefined,
      modelsDir: notADir,
    });
    expect(result.runs[0]).toMatchObject({ status: 'failed' });
    expect(await db.recModelRun.findUnique({ where: { id: runIds[0]! } })).toMatchObject({
      status: 'failed',
      isServing: false,
    });
    expect((await db.recModelRun.findFirst({ where: { isServing: true } }))?.id).toBe(firstRun);

    const second = await startTraining(admin, { models: ['ease'], serve: true });
    const aborted = new AbortController();
    aborted.abort(new Error('cancelled by user'));
    await expect(
      runTrainingJob(await db.recModelRun.findMany({ where: { id: { in: second.runIds } } }), {
        db,
        signal: aborted.signal,
        progress: () => undefined,
        modelsDir: path.join(dataDir, 'models'),
      }),
    ).rejects.toThrow();
    expect(await db.recModelRun.findUnique({ where: { id: second.runIds[0]! } })).toMatchObject({
      status: 'cancelled',
      isServing: false,
    });
    expect((await db.recModelRun.findFirst({ where: { isServing: true } }))?.id).toBe(firstRun);
    await db.job.updateMany({ where: { id: second.jobId }, data: { state: 'cancelled' } });

    // cancelling a queued training from the page ends it right away
    const third = await startTraining(admin, { models: ['popularity'] });
    await cancelTraining(admin, third.runIds[0]);
    expect(await db.recModelRun.findUnique({ where: { id: third.runIds[0]! } })).toMatchObject({ status: 'cancelled' });
    expect((await recommend({ customer: `${tag}-Ac1`, k: '3' })).model.runId).toBe(firstRun);
  });

  test('similar items come with the attribute breakdown; unknown products are 404', async () => {
    const res = await getSimilar(
      new NextRequest(`http://localhost/api/v1/products/${tag}-A1/similar?k=3`, {
        headers: { authorization: `Bearer ${readKey}` },
      }),
      { params: Promise.resolve({ id: `${tag}-A1` }) },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: {
        sku: string;
        breakdown: { attribute: string; similarity: number }[];
        reasons: { kind: string; text: string }[];
      }[];
    };
    expect(body.items).toHaveLength(3);
    expect(body.items[0]!.sku).toMatch(new RegExp(`^${tag}-A`));
    expect(body.items[0]!.breakdown.find((b) => b.attribute === 'category')?.similarity).toBe(1);
    expect(body.items[0]!.reasons[0]!.text).toMatch(/^Similar to this product: .*category/);
    // The path names the product; a productId in the query cannot point the answer at another one.
    const overridden = await getSimilar(
      new NextRequest(`http://localhost/api/v1/products/${tag}-A1/similar?k=3&productId=${product.B1}`, {
        headers: { authorization: `Bearer ${readKey}` },
      }),
      { params: Promise.resolve({ id: `${tag}-A1` }) },
    );
    expect(((await overridden.json()) as { product: { sku: string } }).product.sku).toBe(`${tag}-A1`);
    const missing = await getSimilar(
      new NextRequest('http://localhost/api/v1/products/nope/similar', {
        headers: { authorization: `Bearer ${readKey}` },
      }),
      { params: Promise.resolve({ id: 'nope' }) },
    );
    expect(missing.status).toBe(404);
  });

  test('a product added after training gets content neighbours from the whole catalogue, worded for a product page', async () => {
    const furniture = await db.category.create({
      data: { path: `T${tag} > Furniture`, name: 'Furniture', depth: 1 },
    });
    const make = async (sku: string, path: string, title: string, parentId: number) => {
      const c = await db.category.upsert({
        where: { path: `T${tag} > Furniture > ${path}` },
        create: { path: `T${tag} > Furniture > ${path}`, name: path, depth: 2, parentId },
        update: {},
      });
      product[sku] = (
        await db.product.create({
          data: {
            sku: `${tag}-${sku}`,
            title,
            description: title,
            categoryId: c.id,
            brand: 'Ikea',
            price: 99,
            stock: 5,
          },
        })
      ).id;
    };
    await make('T1', 'Tables', 'Bar table, black', furniture.id);
    await make('T2', 'Tables', 'Dining table, black', furniture.id);
    await make('T3', 'Tables', 'Side table, white', furniture.id);
    await make('L1', 'Lamps', 'Table lamp, white', furniture.id);
    const res = await getSimilar(
      new NextRequest(`http://localhost/api/v1/products/${tag}-T1/similar?k=3`, {
        headers: { authorization: `Bearer ${readKey}` },
      }),
      { params: Promise.resolve({ id: `${tag}-T1` }) },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { sku: string; reasons: { text: string }[] }[] };
    expect(
      body.items
        .slice(0, 2)
        .map((i) => i.sku.replace(`${tag}-`, ''))
        .sort(),
    ).toEqual(['T2', 'T3']);
    expect(body.items[0]!.reasons[0]!.text).toMatch(/^Similar to this product: .*category/);
    expect(body.items.every((i) => !/interests/.test(i.reasons[0]!.text))).toBe(true);
    // the page says the serving model is older than the catalogue; only admins may retrain
    const overview = await getRecommendationsOverview(admin);
    expect(overview.serving.catalogue?.added).toBeGreaterThanOrEqual(4);
    await expect(retrainServing(marketer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('products a catalogue import adds get same-category neighbours at once, and the page counts them', async () => {
    const before = (await getRecommendationsOverview(admin)).serving.catalogue!;
    const root = `I${tag} > Home`;
    const rows = [
      ['iB1', 'Bar table, oak', 'Tables'],
      ['iB2', 'Bar table, black', 'Tables'],
      ['iB3', 'Dining table, oak', 'Tables'],
      ['iL1', 'Table lamp, oak base', 'Lamps'],
      ['iL2', 'Floor lamp, black', 'Lamps'],
      ['iV1', 'TV bench, oak', 'TV benches'],
      ['iV2', 'TV bench, white', 'TV benches'],
      ['iW1', 'Smartwatch, black', 'Watches'],
    ];
    const csv = [
      'sku,title,description,category,brand,price,stock',
      ...rows.map(([sku, title, leaf]) => `${tag}-${sku},"${title}","${title}",${root} > ${leaf},Ikea,99,5`),
    ].join('\n');
    const file = path.join(dataDir, `catalogue-${tag}.csv`);
    fs.writeFileSync(file, csv);
    const url = process.env.DATABASE_URL!;
    const summary = await runImport(await createImportJob(url, { kind: 'catalogue', filePath: file }), { url });
    expect(summary).toMatchObject({ status: 'completed', inserted: rows.length });
    const similar = async (sku: string) => {
      const res = await getSimilar(
        new NextRequest(`http://localhost/api/v1/products/${tag}-${sku}/similar?k=3`, {
          headers: { authorization: `Bearer ${readKey}` },
        }),
        { params: Promise.resolve({ id: `${tag}-${sku}` }) },
      );
      expect(res.status).toBe(200);
      return (
        (await res.json()) as {
          items: { sku: string; breakdown: { attribute: string; similarity: number }[]; reasons: { text: string }[] }[];
        }
      ).items;
    };
    // the issue's shop: a bar table's neighbours were table lamps, a TV bench's smartwatches (category similarity 0)
    const bar = await similar('iB1');
    expect(
      bar
        .slice(0, 2)
        .map((i) => i.sku.replace(`${tag}-`, ''))
        .sort(),
    ).toEqual(['iB2', 'iB3']);
    expect(bar[0]!.breakdown.find((b) => b.attribute === 'category')?.similarity).toBe(1);
    expect(bar[0]!.reasons[0]!.text).toMatch(/^Similar to this product: category/);
    const bench = await similar('iV1');
    expect(bench[0]!.sku).toBe(`${tag}-iV2`);
    expect(bench.some((i) => i.sku === `${tag}-iW1`)).toBe(false);
    const after = (await getRecommendationsOverview(admin)).serving.catalogue!;
    expect(after.total - before.total).toBe(rows.length);
    expect(after.added - before.added).toBe(rows.length);
    // the size the serving model was trained on, recorded by the training job, plus what came since is the catalogue
    expect(after.trained! + after.added).toBe(after.total);
  });

  test("the portrait block and the preview show a customer's recommendations with reasons", async () => {
    const r = await recommendationsForCustomerId(marketer, { customerId: customer.Ac3, k: 3, lang: 'en' });
    expect(r.items.length).toBeGreaterThan(0);
    expect(r.items.every((i) => i.reasons.length > 0)).toBe(true);
    expect(r.recent.length).toBeGreaterThan(0);
  });
});
