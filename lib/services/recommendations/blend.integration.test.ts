import { runJobUntilDone } from '@/lib/testing/db/run-job';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import type { UserActor } from '@/lib/services/auth/actor';
import {
  deviceBundleSummary,
  getRecommendationsOverview,
  recommendationsForCustomerId,
  retrainServing,
  serveRun,
  startTraining,
  TRAIN_JOB,
} from '@/lib/services/recommendations';
import { readArtifact } from '@/lib/services/recommendations/artifact';
import { resetServing, servingBundle } from '@/lib/services/recommendations/serving/state';
import { pairsShop, PAIRS_SHOP } from '@/lib/testing/pairs-shop';

// The hybrid's default components through the training job, on a shop where EASE is clearly the best single model:
// EASE trained in the same job joins the blend, the blend is not below it on validation, the page does not claim a
// gain the blend does not have, the components weighted 0 are neither stored nor served, a retrain considers the same
// candidates, and an admin's own choice is kept.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-blend-it-'));
process.env.PRECISA_DATA_DIR = dataDir;
const tag = `bl${randomBytes(3).toString('hex')}`;
const DAY = 86_400_000;

async function shop(): Promise<UserActor> {
  const u = await db.user.create({
    data: { email: `admin-${tag}@example.com`, name: 'admin', passwordHash: 'x', role: 'admin' },
  });
  const cat = await db.category.create({ data: { path: `P${tag}`, name: `P${tag}`, depth: 0 } });
  const products: number[] = [];
  for (let i = 0; i < PAIRS_SHOP.products; i++)
    products.push(
      (
        await db.product.create({
          data: { sku: `${tag}-p${i}`, title: `Product ${i}`, categoryId: cat.id, price: 10 + i, stock: 9 },
        })
      ).id,
    );
  const customers: number[] = [];
  for (let c = 0; c < PAIRS_SHOP.customers; c++)
    customers.push((await db.customer.create({ data: { externalId: `${tag}-c${c}` } })).id);
  const start = Date.now() - 70 * DAY;
  await db.event.createMany({
    data: pairsShop().map((p, k) => ({
      dedupKey: `${tag}-e${k}`,
      customerId: customers[p.customer]!,
      productId: products[p.product]!,
      type: 'purchase',
      ts: new Date(start + p.day * DAY),
      source: 'import',
    })),
  });
  return { type: 'user', userId: u.id, role: 'admin', email: u.email, name: u.name, locale: 'en' };
}

type Params = {
  options: { components?: string[] };
  components: { kind: string; weight: number }[];
  candidates?: string[];
  validationNdcg: number;
  componentValidationNdcg: Record<string, number>;
};

async function train(admin: UserActor, input: Record<string, unknown>) {
  const started = await startTraining(admin, { k: 10, ...input });
  const job = await runJobUntilDone(TRAIN_JOB, started.jobId);
  expect(job.state, job.lastError ?? '').toBe('succeeded');
  const runs = await db.recModelRun.findMany({ where: { id: { in: started.runIds } } });
  for (const run of runs) expect(run.status, run.error ?? '').toBe('completed');
  return runs.find((r) => r.model === 'hybrid')!;
}

describe('the default blend', () => {
  let admin: UserActor;
  beforeAll(async () => {
    resetServing();
    admin = await shop();
  });
  afterAll(async () => {
    resetServing();
    await closeConnections();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('blends EASE when the job trains it, is not below any component on validation, and claims no gain it lacks', async () => {
    const hybrid = await train(admin, { models: ['popularity', 'item-knn', 'ease', 'hybrid'], serve: true });
    const p = hybrid.params as Params;
    const candidates = ['item-knn', 'user-knn', 'content', 'popularity', 'ease'];
    expect(p.candidates).toEqual(candidates);
    // (sorted: PostgreSQL's jsonb does not keep the keys' order)
    expect(Object.keys(p.componentValidationNdcg).sort()).toEqual([...candidates].sort());
    const scores = p.componentValidationNdcg;
    const { ease, ...others } = scores;
    expect(ease).toBeGreaterThan(Math.max(...Object.values(others)) + 0.05);
    expect(p.validationNdcg).toBeGreaterThanOrEqual(ease!);
    // here no weighting of the others raises EASE's validation NDCG: the blend is EASE alone — the only component
    // recorded, stored and served — and the page says so
    expect(p.components).toEqual([expect.objectContaining({ kind: 'ease', weight: 1 })]);
    const stored = await readArtifact(path.join(dataDir, 'models'), hybrid.artifact!);
    expect(stored.meta.components.map((c) => [c.kind, c.weight])).toEqual([['ease', 1]]);
    expect(stored.components).toHaveLength(1);
    await serveRun(admin, hybrid.id);
    const served = await servingBundle();
    expect([served.model, served.components.map((c) => [c.model.kind, c.weight])]).toEqual(['hybrid', [['ease', 1]]]);
    const customer = await db.customer.findFirstOrThrow({ where: { externalId: `${tag}-c0` } });
    const list = await recommendationsForCustomerId(admin, { customerId: customer.id, k: 5 });
    expect(list.model).toMatchObject({ runId: hybrid.id, name: 'hybrid' });
    expect(list.items).toHaveLength(5);
    for (const item of list.items) expect(item.reasons.length).toBeGreaterThan(0);
    expect((await deviceBundleSummary(admin)).model).toMatchObject({ kind: 'ease', source: 'blend-component' });
    expect((await getRecommendationsOverview(admin)).serving.reason).toEqual({
      key: 'recommendations.serving.whyNoGain',
      component: 'ease',
      ndcg: p.validationNdcg.toFixed(3),
      componentNdcg: ease!.toFixed(3),
    });
    // a retrain of the serving blend considers the same candidates, EASE included though it is not trained beside
    // it, and those weighted 0 this time
    const { runIds } = await retrainServing(admin);
    const queued = await db.recModelRun.findUniqueOrThrow({ where: { id: runIds[0]! } });
    expect((queued.params as Params).options.components).toEqual(candidates);
    await db.recModelRun.update({ where: { id: queued.id }, data: { status: 'cancelled' } });
  }, 120_000);

  test("an admin's own components are kept, also when EASE is trained in the same job", async () => {
    const hybrid = await train(admin, { models: ['ease', 'hybrid'], components: ['item-knn', 'popularity'] });
    const p = hybrid.params as Params;
    expect(p.candidates).toEqual(['item-knn', 'popularity']);
    expect(Object.keys(p.componentValidationNdcg).sort()).toEqual(['item-knn', 'popularity']);
    expect(p.components.length).toBeGreaterThan(0);
    for (const c of p.components) expect(c.weight).toBeGreaterThan(0);
    expect(p.validationNdcg).toBeGreaterThanOrEqual(Math.max(...Object.values(p.componentValidationNdcg)));
  }, 120_000);
});
