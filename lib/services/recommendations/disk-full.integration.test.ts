import { runJobUntilDone } from '@/lib/testing/db/run-job';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { messageIn } from '@/lib/i18n/message-ref';
import type { UserActor } from '@/lib/services/auth/actor';
import { startTraining, TRAIN_JOB } from '@/lib/services/recommendations';
import { TRAINING_DISK_FULL } from './train';

// Disk full while a trained model is saved: the data folder sits on a small tmpfs that is full. The run fails with a
// message the reader can act on, leaves no half-written file and serves nothing new; after space is freed the same
// training succeeds. Needs root to mount the tmpfs.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-train-diskfull-'));
const mnt = path.join(root, 'data');
fs.mkdirSync(mnt);
const canMount =
  process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mnt]).status === 0;
process.env.PRECISA_DATA_DIR = mnt;
const tag = `df${randomBytes(3).toString('hex')}`;
const runIds: number[] = [];

const work = (jobId: string) => runJobUntilDone(TRAIN_JOB, jobId, 60);

async function shop() {
  const u = await db.user.create({
    data: { email: `admin-${tag}@example.com`, name: 'admin', passwordHash: 'x', role: 'admin' },
  });
  const admin: UserActor = { type: 'user', userId: u.id, role: 'admin', email: u.email, name: u.name, locale: 'en' };
  const cat = await db.category.create({ data: { path: `D${tag}`, name: `D${tag}`, depth: 0 } });
  const products: { id: number }[] = [];
  for (let i = 0; i < 40; i++)
    products.push(
      await db.product.create({
        data: { sku: `${tag}-p${i}`, title: `P ${i}`, categoryId: cat.id, price: 5, stock: 9 },
      }),
    );
  const day = 86_400_000;
  const start = Date.now() - 60 * day;
  for (let c = 0; c < 60; c++) {
    const customer = await db.customer.create({ data: { externalId: `${tag}-c${c}` } });
    await db.event.createMany({
      data: Array.from({ length: 12 }, (_, j) => ({
        dedupKey: `${tag}-e${c}-${j}`,
        customerId: customer.id,
        productId: products[(c * 7 + j * 3) % products.length]!.id,
        type: 'view',
        ts: new Date(start + (c + j * 4) * day * 0.9),
        source: 'import',
      })),
    });
  }
  return admin;
}

describe.skipIf(!canMount)('disk full while a trained model is saved (needs root to mount a tmpfs)', () => {
  afterAll(async () => {
    await db.recModelRun.deleteMany({ where: { id: { in: runIds } } });
    await closeConnections();
    spawnSync('umount', [mnt]);
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('the run fails with an actionable message and no partial file; after space is freed it succeeds', async () => {
    const admin = await shop();
    const serving = await db.recModelRun.findFirst({ where: { isServing: true }, select: { id: true } });
    // fill the data folder: what is left is far less than a model
    const filler = path.join(mnt, 'filler');
    spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k', 'count=1000']);
    const options = { models: ['item-knn'], serve: false, k: 5 };
    const first = await startTraining(admin, options);
    runIds.push(...first.runIds);
    await work(first.jobId);
    const failed = await db.recModelRun.findUniqueOrThrow({ where: { id: first.runIds[0]! } });
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe(TRAINING_DISK_FULL);
    expect(messageIn('zh-CN', { key: TRAINING_DISK_FULL })).toMatch(/磁盘已满/);
    expect(fs.readdirSync(path.join(mnt, 'models')).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect((await db.recModelRun.findFirst({ where: { isServing: true }, select: { id: true } }))?.id).toBe(
      serving?.id,
    );

    fs.rmSync(filler);
    const second = await startTraining(admin, options);
    runIds.push(...second.runIds);
    await work(second.jobId);
    const done = await db.recModelRun.findUniqueOrThrow({ where: { id: second.runIds[0]! } });
    expect(done.status, done.error ?? '').toBe('completed');
    expect(fs.existsSync(path.join(mnt, 'models', done.artifact!))).toBe(true);
  }, 120_000);
});
