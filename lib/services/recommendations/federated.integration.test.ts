import { runJobUntilDone } from '@/lib/testing/db/run-job';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { listRuns } from '@/lib/db/recommendations/runs';
import { AppError } from '@/lib/errors';
import type { UserActor } from '@/lib/services/auth/actor';
import { getPrivacySettings } from '@/lib/services/privacy/settings';
import { federatedComparison, startTraining, TRAIN_JOB } from '@/lib/services/recommendations';

// Federated ALS trained by the background job beside ALS, on the same split: both complete, the federated run
// records its protocol and privacy, and the page's comparison pairs the two.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-federated-it-'));
process.env.PRECISA_DATA_DIR = dataDir;
const tag = `fed${randomBytes(3).toString('hex')}`;
const runIds: number[] = [];

async function shop() {
  const u = await db.user.create({
    data: { email: `admin-${tag}@example.com`, name: 'admin', passwordHash: 'x', role: 'admin' },
  });
  const admin: UserActor = { type: 'user', userId: u.id, role: 'admin', email: u.email, name: u.name, locale: 'en' };
  const cat = await db.category.create({ data: { path: `F${tag}`, name: `F${tag}`, depth: 0 } });
  const products: { id: number }[] = [];
  for (let i = 0; i < 30; i++)
    products.push(
      await db.product.create({
        data: { sku: `${tag}-p${i}`, title: `P ${i}`, categoryId: cat.id, price: 5, stock: 9 },
      }),
    );
  const day = 86_400_000;
  const start = Date.now() - 60 * day;
  for (let c = 0; c < 50; c++) {
    const customer = await db.customer.create({ data: { externalId: `${tag}-c${c}` } });
    await db.event.createMany({
      data: Array.from({ length: 10 }, (_, j) => ({
        dedupKey: `${tag}-e${c}-${j}`,
        customerId: customer.id,
        productId: products[((c % 3) * 10 + j * 3 + c) % products.length]!.id,
        type: j % 4 === 0 ? 'purchase' : 'view',
        ts: new Date(start + (c + j * 4) * day * 0.9),
        source: 'import',
      })),
    });
  }
  return admin;
}

describe('federated ALS training', () => {
  let admin: UserActor;
  beforeAll(async () => {
    admin = await shop();
  });
  afterAll(async () => {
    await db.recModelRun.deleteMany({ where: { id: { in: runIds } } });
    await closeConnections();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('an ε outside the offered levels is refused as bad input', async () => {
    const e = await startTraining(admin, { models: ['federated-als'], federatedEpsilon: '3' }).catch((x) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('INVALID_INPUT');
  });

  test('trains beside ALS, records rounds, bytes, ε, δ and noise, and is compared with ALS on the same split', async () => {
    const started = await startTraining(admin, {
      models: ['als', 'federated-als'],
      federatedEpsilon: '4',
      serve: false,
      k: 5,
    });
    runIds.push(...started.runIds);
    await runJobUntilDone(TRAIN_JOB, started.jobId, 240);
    const [als, fed] = await Promise.all(
      started.runIds.map((id) => db.recModelRun.findUniqueOrThrow({ where: { id } })),
    );
    expect(als!.status, als!.error ?? '').toBe('completed');
    expect(fed!.status, fed!.error ?? '').toBe('completed');
    const params = fed!.params as {
      data: { products: number };
      components: { kind: string; params: Record<string, number> }[];
    };
    const p = params.components[0]!.params;
    expect(params.components[0]!.kind).toBe('federated-als');
    expect(p.rounds).toBe(20);
    expect(p.bytesSentPerClient).toBe(20 * params.data.products * 64 * 4);
    expect(p.epsilon).toBeCloseTo(4, 9);
    expect(p.delta).toBe((await getPrivacySettings()).delta);
    expect(p.noiseMultiplier).toBeGreaterThan(1);
    expect((fed!.metrics as Record<string, number>)['ndcg@5']).toBeGreaterThanOrEqual(0);

    const comparison = federatedComparison(await listRuns(db));
    expect(comparison?.centralised?.runId).toBe(als!.id);
    expect(comparison?.federated[0]).toMatchObject({ runId: fed!.id, rounds: 20, epsilon: p.epsilon });
    expect(comparison?.k).toBe(5);
  }, 300_000);
});
