import { runJobUntilDone } from '@/lib/testing/db/run-job';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { SASREC_SETTINGS } from '@/lib/engine/recommendation/models/sasrec';
import type { ApiKeyActor, UserActor } from '@/lib/services/auth/actor';
import { recommendForCustomer, serveRun, startTraining, TRAIN_JOB } from '@/lib/services/recommendations';
import { resetServing, syncServing } from '@/lib/services/recommendations/serving/state';

// SASRec trained by the background job on its own and as a hybrid component, stored as a model file, loaded by the
// serving process and served: a trained customer's precomputed list and a customer newer than the model (live), who
// gets the next product of the planted order first, with a "because you interacted" reason naming an item of their
// history.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-sasrec-it-'));
process.env.PRECISA_DATA_DIR = dataDir;
const tag = `sas${randomBytes(3).toString('hex')}`;
const storefront: ApiKeyActor = { type: 'api_key', keyId: 'sasrec-test', scopes: ['recommendations:read'] };
const DAY = 86_400_000;

/**
 * 80 customers in two taste groups walking through their group's products in a planted order: even ones view
 * A(s), A(s+1), … A(s+5) (mod 10) and buy the last, odd ones the same among B0–B9, from a start s of their own.
 */
async function shop() {
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
        productId: products[`${group}${(c * 3 + j) % 10}`]!,
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
    components: { kind: string; params: Record<string, number> }[];
    validationNdcg?: number;
    componentValidationNdcg?: Record<string, number>;
  };

describe('SASRec training and serving', () => {
  let admin: UserActor, products: Record<string, number>;
  const runIds: number[] = [];
  beforeAll(async () => {
    resetServing();
    ({ admin, products } = await shop());
  });
  afterAll(async () => {
    await db.recModelRun.deleteMany({ where: { id: { in: runIds } } });
    resetServing();
    await closeConnections();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('trains alone and in a blend whose validation-fitted weights decide its share, then serves with reasons', async () => {
    const started = await startTraining(admin, {
      models: ['sasrec', 'hybrid'],
      components: ['item-knn', 'sasrec'],
      serve: false,
      k: 5,
    });
    runIds.push(...started.runIds);
    await runJobUntilDone(TRAIN_JOB, started.jobId, 240);
    const [sas, blend] = await Promise.all(
      started.runIds.map((id) => db.recModelRun.findUniqueOrThrow({ where: { id } })),
    );
    for (const run of [sas!, blend!]) {
      expect(run.status, run.error ?? '').toBe('completed');
      const ndcg = (run.metrics as Record<string, number>)['ndcg@5']!;
      expect(ndcg).toBeGreaterThanOrEqual(0);
      expect(ndcg).toBeLessThanOrEqual(1);
      expect(fs.existsSync(path.join(dataDir, 'models', run.artifact!))).toBe(true);
    }
    expect(sas!.model).toBe('sasrec');
    const fitted = params(sas!).components[0]!;
    expect(fitted.kind).toBe('sasrec');
    // a small shop: 80 sequences, 3 Adam steps an epoch, so 100 epochs for 300 steps
    expect(fitted.params).toEqual({ ...SASREC_SETTINGS, epochs: 100, loss: 'bce' });
    const b = params(blend!);
    expect(Object.keys(b.componentValidationNdcg ?? {}).sort()).toEqual(['item-knn', 'sasrec']);
    expect(b.validationNdcg).toBeGreaterThanOrEqual(Math.max(...Object.values(b.componentValidationNdcg!)));

    // the stored file is loaded by the serving process
    await serveRun(admin, sas!.id);
    await syncServing();
    const known = await recommendForCustomer(storefront, { customer: `${tag}-c4`, k: '3' });
    expect(known).toMatchObject({ known: true, strategy: 'collaborative', source: 'precomputed' });
    expect(known.model).toMatchObject({ runId: sas!.id, name: 'sasrec' });
    expect(known.items).toHaveLength(3);
    // a customer newer than the model who viewed B1, B2, B3 in that order: served live from that sequence
    const fresh = await db.customer.create({ data: { externalId: `${tag}-fresh` } });
    await db.event.createMany({
      data: ['B1', 'B2', 'B3'].map((sku, j) => ({
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
      skus.every((s) => s.startsWith('B') && !['B1', 'B2', 'B3'].includes(s)),
      skus.join(),
    ).toBe(true);
    expect(skus[0]).toBe('B4');
    const reason = live.items[0]!.reasons.find((r) => r.kind === 'because-you-interacted');
    expect(reason?.data).toMatchObject({ anchor: { sku: expect.stringMatching(new RegExp(`^${tag}-B[123]$`)) } });
    expect(reason?.text).toMatch(/^Because you viewed .+ \(similarity 0\.\d\d\)$/);
  }, 300_000);
});
