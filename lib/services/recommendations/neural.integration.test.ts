import { runJobUntilDone } from '@/lib/testing/db/run-job';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { MULT_VAE_EPOCHS } from '@/lib/engine/recommendation/models/mult-vae';
import { SASREC_SETTINGS } from '@/lib/engine/recommendation/models/sasrec';
import type { ApiKeyActor, UserActor } from '@/lib/services/auth/actor';
import { recommendForCustomer, serveRun, startTraining, TRAIN_JOB } from '@/lib/services/recommendations';
import { resetServing, syncServing } from '@/lib/services/recommendations/serving/state';

// The neural models (Mult-VAE, SASRec) trained by the background job on their own and as a hybrid component, stored
// as a model file, loaded by the serving process and served: a trained customer's precomputed list and a customer
// newer than the model (live), from their own taste group, with a "because you interacted" reason naming an item of
// their history. SASRec's shop walks each group's products in a planted order, and its fresh customer gets the next.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-neural-it-'));
process.env.PRECISA_DATA_DIR = dataDir;
const storefront: ApiKeyActor = { type: 'api_key', keyId: 'neural-test', scopes: ['recommendations:read'] };
const DAY = 86_400_000;

type Params = Record<string, number | string>;
const CASES = [
  {
    model: 'mult-vae' as const,
    // customer c's j-th product in its group: c·3 + j·7 (mod 10), a taste group without an order
    step: 7,
    fresh: ['B1', 'B4', 'B7'],
    next: null,
    settings: (p: Params) => {
      expect(p).toMatchObject({ hidden: 200, latent: 64, batchSize: 500, dropout: 0.5, betaCap: 0.2 });
      expect(MULT_VAE_EPOCHS).toContain(p.epochs);
    },
  },
  {
    model: 'sasrec' as const,
    // c·3 + j: each customer walks its group's products in order from a start of its own
    step: 1,
    fresh: ['B1', 'B2', 'B3'],
    next: 'B4',
    // a small shop: 80 sequences, 3 Adam steps an epoch, so 100 epochs for 300 steps
    settings: (p: Params) => expect(p).toEqual({ ...SASREC_SETTINGS, epochs: 100, loss: 'bce' }),
  },
];

/** 80 customers in two taste groups: even ones view five products among A0–A9 and buy a sixth, odd ones among B0–B9. */
async function shop(tag: string, step: number) {
  const u = await db.user.create({
    data: { email: `admin-${tag}@example.com`, name: 'admin', passwordHash: 'x', role: 'admin' },
  });
  const admin: UserActor = { type: 'user', userId: u.id, role: 'admin', email: u.email, name: u.name, locale: 'en' };
  const cat = await db.category.create({ data: { path: `V${tag}`, name: `V${tag}`, depth: 0 } });
  const products: Record<string, number> = {};
  for (const group of ['A', 'B'])
    for (let i = 0; i < 10; i++)
      products[`${group}${i}`] = (
        await db.product.create({
          data: { sku: `${tag}-${group}${i}`, title: `${group} ${i}`, categoryId: cat.id, price: 5, stock: 9 },
        })
      ).id;
  const start = Date.now() - 60 * DAY;
  for (let c = 0; c < 80; c++) {
    const group = c % 2 === 0 ? 'A' : 'B';
    const customer = await db.customer.create({ data: { externalId: `${tag}-c${c}` } });
    await db.event.createMany({
      data: Array.from({ length: 6 }, (_, j) => ({
        dedupKey: `${tag}-e${c}-${j}`,
        customerId: customer.id,
        productId: products[`${group}${(c * 3 + j * step) % 10}`]!,
        type: j === 5 ? 'purchase' : 'view',
        ts: new Date(start + (c * 0.5 + j * 8) * DAY),
        source: 'import',
      })),
    });
  }
  return { admin, products };
}

type Run = Awaited<ReturnType<typeof db.recModelRun.findUniqueOrThrow>>;
const params = (run: Run) =>
  run.params as {
    components: { kind: string; params: Params }[];
    validationNdcg?: number;
    componentValidationNdcg?: Record<string, number>;
  };

const runIds: number[] = [];
const tags: string[] = [];
beforeAll(() => resetServing());
// each case trains on its own shop only (SASRec's epochs follow the shop's size)
afterEach(async () => {
  for (const tag of tags.splice(0)) {
    await db.customer.deleteMany({ where: { externalId: { startsWith: `${tag}-` } } });
    await db.product.deleteMany({ where: { sku: { startsWith: `${tag}-` } } });
  }
});
afterAll(async () => {
  await db.recModelRun.deleteMany({ where: { id: { in: runIds } } });
  resetServing();
  await closeConnections();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.each(CASES)('$model training and serving', ({ model, step, fresh: history, next, settings }) => {
  test('trains alone and in a blend whose validation-fitted weights decide its share, then serves with reasons', async () => {
    const tag = `${model.replace('-', '')}${randomBytes(3).toString('hex')}`;
    tags.push(tag);
    const { admin, products } = await shop(tag, step);
    const started = await startTraining(admin, {
      models: [model, 'hybrid'],
      components: ['item-knn', model],
      serve: false,
      k: 5,
    });
    runIds.push(...started.runIds);
    await runJobUntilDone(TRAIN_JOB, started.jobId, 240);
    const [single, blend] = await Promise.all(
      started.runIds.map((id) => db.recModelRun.findUniqueOrThrow({ where: { id } })),
    );
    for (const run of [single!, blend!]) {
      expect(run.status, run.error ?? '').toBe('completed');
      const ndcg = (run.metrics as Record<string, number>)['ndcg@5']!;
      expect(ndcg).toBeGreaterThanOrEqual(0);
      expect(ndcg).toBeLessThanOrEqual(1);
      expect(fs.existsSync(path.join(dataDir, 'models', run.artifact!))).toBe(true);
    }
    expect(single!.model).toBe(model);
    const fitted = params(single!).components[0]!;
    expect(fitted.kind).toBe(model);
    settings(fitted.params);
    const b = params(blend!);
    expect(Object.keys(b.componentValidationNdcg ?? {}).sort()).toEqual(['item-knn', model]);
    expect(b.validationNdcg).toBeGreaterThanOrEqual(Math.max(...Object.values(b.componentValidationNdcg!)));

    // the stored file is loaded by the serving process
    await serveRun(admin, single!.id);
    await syncServing();
    const known = await recommendForCustomer(storefront, { customer: `${tag}-c4`, k: '3' });
    expect(known).toMatchObject({ known: true, strategy: 'collaborative', source: 'precomputed' });
    expect(known.model).toMatchObject({ runId: single!.id, name: model });
    expect(known.items).toHaveLength(3);
    // a customer newer than the model, with a history in group B: served live from that history
    const fresh = await db.customer.create({ data: { externalId: `${tag}-fresh` } });
    await db.event.createMany({
      data: history.map((sku, j) => ({
        dedupKey: `${tag}-fresh-${j}`,
        customerId: fresh.id,
        productId: products[sku]!,
        type: 'view',
        ts: new Date(Date.now() - (3 - j) * 60_000),
        source: 'api',
      })),
    });
    await syncServing();
    const live = await recommendForCustomer(storefront, { customer: `${tag}-fresh`, k: '3' });
    expect(live).toMatchObject({ known: true, strategy: 'collaborative', source: 'live' });
    const skus = live.items.map((i) => i.sku.replace(`${tag}-`, ''));
    expect(
      skus.every((s) => s.startsWith('B') && !history.includes(s)),
      skus.join(),
    ).toBe(true);
    if (next) expect(skus[0]).toBe(next);
    const reason = live.items[0]!.reasons.find((r) => r.kind === 'because-you-interacted');
    const anchors = history.map((s) => `${tag}-${s}`);
    expect(anchors).toContain((reason?.data as { anchor?: { sku?: string } } | undefined)?.anchor?.sku);
    expect(reason?.text).toMatch(/^Because you viewed .+ \(similarity 0\.\d\d\)$/);
  }, 300_000);
});
