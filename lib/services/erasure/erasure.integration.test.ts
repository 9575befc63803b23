import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { writeAudit } from '@/lib/db/audit';
import { verifyChain } from '@/lib/services/audit';
import type { UserActor } from '@/lib/services/auth/actor';
import { scanDatabase, scanFiles } from '@/lib/testing/db/scan';
import { seedDemoShop, testActors } from '@/lib/testing/db/seed-shop';
import { readArtifact } from '../recommendations/artifact';
import { startTraining, trainRecommenderJob } from '../recommendations/runs';
import { servingBundle, servingStatus } from '../recommendations/serving/state';
import { eraseCustomer, recentReceipts } from './erase';
import { retrainAfterErasure } from './retrain';

const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-erasure-data-'));
process.env.PRECISA_DATA_DIR = DATA_DIR;
const MODELS_DIR = path.join(DATA_DIR, 'models');

/** The customers (internal ids) each stored model file holds rows for, and its per-user buffer sizes. */
async function modelFiles() {
  const names = fs.readdirSync(MODELS_DIR).filter((f) => f.endsWith('.prm'));
  return Promise.all(
    names.map(async (name) => {
      const { shared, meta, components } = await readArtifact(MODELS_DIR, name);
      return {
        name,
        users: [...shared.userIds],
        historyRows: shared.historyRowPtr.length - 1,
        historyEntries: shared.historyColIdx.length,
        seqRows: shared.seqPtr.length - 1,
        preLists: meta.precomputedN > 0 ? shared.preItems.length / meta.precomputedN : null,
        factorRows: components.flatMap((c, m) =>
          c.buffers.userFactors ? [c.buffers.userFactors.length / Number(meta.components[m]!.params.factors)] : [],
        ),
      };
    }),
  );
}

describe('erasure of one customer', () => {
  let admin: UserActor;
  let target: { id: number; externalId: string; email: string; phone: string; name: string };
  let modelsBefore: Awaited<ReturnType<typeof modelFiles>> = [];

  beforeAll(async () => {
    const { dir, imports } = await seedDemoShop({ customers: 150, products: 100, events: 4000, seed: 7 });
    // the uploads live under the data directory, as they do in the app
    const uploads = path.join(DATA_DIR, 'uploads');
    fs.mkdirSync(uploads, { recursive: true });
    for (const id of imports) {
      const job = await db.importJob.findUniqueOrThrow({ where: { id } });
      const copy = path.join(uploads, path.basename(job.filePath));
      fs.copyFileSync(job.filePath, copy);
      await db.importJob.update({ where: { id }, data: { filePath: copy } });
    }
    fs.rmSync(dir, { recursive: true, force: true });
    admin = (await testActors()).admin;
    const candidates = await db.customer.findMany({
      where: { email: { not: null }, phone: { not: null }, name: { not: null } },
      select: { id: true, externalId: true, email: true, phone: true, name: true },
    });
    // a customer whose name no other customer shares (names are not identifiers: only this person's must vanish)
    const c = candidates.find(
      (x) => candidates.filter((y) => y.name!.includes(x.name!) || x.name!.includes(y.name!)).length === 1,
    )!;
    target = c as typeof target;
    // ≥ 10,000 events, a campaign, an outcome, a tag, a job, an idempotency record, an import error, audit entries
    const base = Date.UTC(2025, 0, 1);
    await db.event.createMany({
      data: Array.from({ length: 10_000 }, (_, i) => ({
        dedupKey: `erasure-test-${i}`,
        customerId: c.id,
        type: 'view',
        ts: new Date(base + i * 60_000),
        source: 'api',
      })),
    });
    const campaign = await db.campaign.create({
      data: { name: 'Erasure test', channel: 'email', goal: 'click', salt: 's', createdById: admin.userId },
    });
    const variant = await db.campaignVariant.create({
      data: { campaignId: campaign.id, key: 'a', name: 'A', weight: 1 },
    });
    await db.campaignAssignment.create({ data: { campaignId: campaign.id, customerId: c.id, variantId: variant.id } });
    await db.campaignOutcome.create({ data: { campaignId: campaign.id, customerId: c.id, variantId: variant.id } });
    await db.job.create({
      data: { type: 'webhook', payload: { customer: c.externalId, email: c.email }, state: 'succeeded' },
    });
    const key = await db.apiKey.create({
      data: { name: 'k', prefix: 'pk_erasure', secretHash: 'x', scopes: 'events:write', createdById: admin.userId },
    });
    await db.idempotencyRecord.create({
      data: { apiKeyId: key.id, key: 'k1', requestHash: 'h', status: 200, response: { customer: c.externalId } },
    });
    await db.importError.create({
      data: { importId: imports[1]!, line: 9, reason: 'test', raw: `${c.externalId},${c.name},${c.email},${c.phone}` },
    });
    // a trained, served model (ALS: user factors, and everyone's history) that includes the customer; not a blend,
    // whose file keeps only the components its validation fit weights, so ALS's factors might not be in it
    const products = await db.product.findMany({ select: { id: true }, take: 5, orderBy: { id: 'asc' } });
    await db.event.createMany({
      data: products.map((p, i) => ({
        dedupKey: `erasure-test-view-${i}`,
        customerId: c.id,
        productId: p.id,
        type: 'purchase',
        ts: new Date(base - (i + 1) * 86_400_000),
        source: 'api',
      })),
    });
    const training = await startTraining(admin, {
      models: ['als'],
      serve: true,
      k: 5,
    });
    const trained = await trainRecommenderJob(
      { runIds: training.runIds },
      { signal: new AbortController().signal, progress: () => undefined },
    );
    expect(JSON.stringify(trained)).not.toMatch(/"failed"/);
    await writeAudit(db, {
      actorType: 'user',
      actorId: admin.userId,
      action: 'customer.consent',
      targetType: 'customer',
      targetId: c.id,
      details: { email: c.email, phone: c.phone, name: c.name, customer: c.externalId },
    });
  }, 300_000);

  afterAll(async () => {
    await closeConnections();
    fs.rmSync(DATA_DIR, { recursive: true, force: true });
  });

  test('the customer is found in the database and the files before', async () => {
    const needles = [target.externalId, target.email, target.phone, target.name];
    expect((await scanDatabase(needles, target.id)).length).toBeGreaterThan(0);
    expect(scanFiles(DATA_DIR, needles).length).toBeGreaterThan(0);
    const [model] = await modelFiles();
    expect(model!.users).toContain(target.id);
  });

  test('after erasure by e-mail no table or file holds the id, e-mail, phone or name; revenue stays', async () => {
    const revenueBefore = await db.order.aggregate({ _sum: { total: true }, _count: true });
    const orders = await db.order.count({ where: { customerId: target.id } });
    modelsBefore = await modelFiles();
    const [receipt] = await eraseCustomer(admin, { by: 'email', value: target.email.toUpperCase() });
    expect(receipt!.counts.modelFilesRewritten).toBe(modelsBefore.length);
    expect(receipt!.counts).toMatchObject({ customer: 1, events: expect.any(Number), ordersAnonymised: orders });
    expect(receipt!.counts.events).toBeGreaterThanOrEqual(10_000);
    expect(receipt!.counts.campaignAssignments).toBe(1);
    expect(receipt!.counts.campaignOutcomes).toBe(1);
    expect(receipt!.counts.idempotencyRecords).toBe(1);
    expect(receipt!.counts.importErrors).toBeGreaterThanOrEqual(1);
    expect(receipt!.counts.fileLinesRemoved).toBeGreaterThan(1);

    const needles = [target.externalId, target.email, target.phone, target.name];
    expect(await scanDatabase(needles, target.id)).toEqual([]);
    expect(scanFiles(DATA_DIR, needles)).toEqual([]);
    const revenueAfter = await db.order.aggregate({ _sum: { total: true }, _count: true });
    expect(revenueAfter._count).toBe(revenueBefore._count);
    expect(revenueAfter._sum.total).toBeCloseTo(revenueBefore._sum.total ?? 0, 6);

    // the receipt carries no personal data and is listed; the audit chain is intact
    expect(JSON.stringify(receipt)).not.toMatch(new RegExp(`${target.externalId}|${target.email}`, 'i'));
    expect((await recentReceipts(admin)).map((r) => r.id)).toContain(receipt!.id);
    expect(await verifyChain()).toMatchObject({ ok: true });
    expect(await db.job.count({ where: { type: 'erasure-retrain', state: 'queued' } })).toBe(1);
  });

  test('every model file is rewritten without the customer’s rows, and the rewritten model still serves', async () => {
    const after = await modelFiles();
    expect(after.map((m) => m.name)).toEqual(modelsBefore.map((m) => m.name));
    for (const [i, m] of after.entries()) {
      const before = modelsBefore[i]!;
      expect(m.users).not.toContain(target.id);
      expect(m.users).toEqual(before.users.filter((u) => u !== target.id));
      expect(m.historyEntries).toBeLessThan(before.historyEntries);
      const n = m.users.length;
      expect([m.historyRows, m.seqRows, m.preLists ?? n, ...m.factorRows]).toEqual(
        Array(3 + m.factorRows.length).fill(n),
      );
      expect(m.factorRows.length).toBe(1);
    }
    const status = servingStatus();
    const bundle = await servingBundle();
    expect(servingStatus().lastError).toBeNull();
    expect(bundle.runId ?? status.runId).not.toBeNull();
  });

  test('the queued retrain is due within the 7-day window and trains and serves a new version without them', async () => {
    const job = await db.job.findFirstOrThrow({ where: { type: 'erasure-retrain', state: 'queued' } });
    expect(job.runAt.getTime()).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000);
    const stale = () => db.setting.findUnique({ where: { key: 'erasureRetrain.modelsStale' } });
    expect((await stale())?.value).toMatchObject({ dueBy: job.runAt.getTime() });
    const served = await db.recModelRun.findFirstOrThrow({ where: { isServing: true } });
    const retrain = await retrainAfterErasure();
    if (retrain.retrained === null) throw new Error('a served model must be retrained');
    const { retrained, jobId } = retrain;
    expect((await stale())?.value).toEqual({});
    const train = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    await trainRecommenderJob(train.payload, { signal: new AbortController().signal, progress: () => undefined });
    const run = await db.recModelRun.findUniqueOrThrow({ where: { id: retrained } });
    expect(run).toMatchObject({ model: served.model, version: served.version + 1, status: 'completed' });
    expect(run.isServing).toBe(true);
    const { shared } = await readArtifact(MODELS_DIR, path.basename(run.artifact!));
    expect(shared.userIds.length).toBeGreaterThan(100);
    expect([...shared.userIds]).not.toContain(target.id);
  }, 120_000);

  test('a second erasure finds nobody; bad input and other roles are refused', async () => {
    await expect(eraseCustomer(admin, { by: 'email', value: target.email })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(eraseCustomer(admin, { by: 'id', value: 'abc' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(eraseCustomer(admin, { by: 'nickname', value: 'x' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const { marketer } = await testActors();
    await expect(eraseCustomer(marketer, { by: 'id', value: '1' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
