// The database side of the memory benchmark (bench/memory.ts), run as its own process with DATABASE_URL set and
// --conditions=react-server, in one of three steps:
//   prepare --out f  what `npm start`'s bootstrap does on a migrated database (first admin from PRECISA_ADMIN_*, the
//                    nightly job), plus an API key, a nested segment and a draft campaign for the warm-up to open
//   queue --out f    the worker's work, as the app's buttons queue it: train and serve an item-kNN model, simulate the
//                    campaign, recompute all portraits and tags
//   wait --out f     waits until no job is runnable (also those the first jobs queue), and writes each job's outcome
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { db } from '../lib/db/client';
import { closeConnections } from '../lib/db/connections';
import { enqueuePortraitJob } from '../lib/db/portraits/state';
import { issueApiKey } from '../lib/services/api-keys';
import type { UserActor } from '../lib/services/auth/actor';
import { ensureFirstAdmin, ensureNightlyQuality } from '../lib/services/bootstrap';
import { createCampaign, simulateCampaign } from '../lib/services/campaigns';
import { startTraining } from '../lib/services/recommendations/runs';
import { createSegment } from '../lib/services/segments';
import { CASES } from './segments-cases';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, campaign: { type: 'string' }, timeout: { type: 'string', default: '1800' } },
});
const step = positionals[0];
if (!values.out || !['prepare', 'queue', 'wait'].includes(step ?? ''))
  throw new Error('usage: memory-shop.ts prepare|queue|wait --out file');

async function adminActor(): Promise<UserActor> {
  const admin = await db.user.findFirstOrThrow({ where: { role: 'admin' }, orderBy: { createdAt: 'asc' } });
  return { type: 'user', userId: admin.id, role: 'admin', email: admin.email, name: admin.name, locale: 'en' };
}

async function prepare() {
  await ensureFirstAdmin(db);
  await ensureNightlyQuality(db);
  const admin = await adminActor();
  const { key } = await issueApiKey(admin, { name: 'memory bench', scopes: ['recommendations:read', 'events:write'] });
  const nested = CASES.find((c) => c.name.startsWith('nested'))!;
  const segmentId = (await createSegment(admin, { name: nested.name, definition: nested.definition })).id;
  const variant = (name: string) => ({ name, subject: name, content: 'Hello', offer: '', recommendations: false });
  const campaignId = (
    await createCampaign(admin, {
      name: 'Memory bench campaign',
      goal: 'purchase',
      channel: 'email',
      segmentId,
      variants: [
        { ...variant('Ten percent'), weight: 1 },
        { ...variant('Free shipping'), weight: 1 },
      ],
      holdoutShare: 0.2,
      attributionWindowHours: 72,
      frequencyCap: 3,
      scheduledAt: null,
      allocation: 'fixed',
      minimumDetectableEffect: 0.2,
      webhookUrl: null,
    })
  ).id;
  // customers of every activity level (ids spread over the shop) and products the storefront is asked about
  const customers = (
    await db.customer.findMany({
      where: { erasedAt: null },
      select: { id: true, externalId: true },
      orderBy: { id: 'asc' },
    })
  ).filter((_, i) => i % 25 === 0);
  const products = await db.product.findMany({ select: { sku: true }, take: 1000, orderBy: { id: 'asc' } });
  return {
    key,
    segmentId,
    segmentName: nested.name,
    campaignId,
    campaignName: 'Memory bench campaign',
    customerIds: customers.map((c) => c.id),
    externalIds: customers.map((c) => c.externalId),
    skus: products.map((p) => p.sku),
  };
}

async function queue() {
  const admin = await adminActor();
  const training = await startTraining(admin, { models: ['item-knn'], serve: true });
  await simulateCampaign(admin, values.campaign);
  const portraits = await enqueuePortraitJob(db, { reason: 'memory bench' });
  return { jobIds: [training.jobId, portraits.id] };
}

async function wait() {
  const started = new Date();
  const until = Date.now() + Number(values.timeout) * 1000;
  const runnable = () => db.job.count({ where: { state: { in: ['queued', 'running'] }, runAt: { lte: new Date() } } });
  while ((await runnable()) > 0) {
    if (Date.now() > until) throw new Error(`jobs still runnable after ${values.timeout} s`);
    await new Promise((r) => setTimeout(r, 2000));
  }
  const jobs = await db.job.findMany({
    where: { state: { notIn: ['queued'] } },
    select: { type: true, state: true, attempts: true, lastError: true, startedAt: true, finishedAt: true },
    orderBy: { createdAt: 'asc' },
  });
  const failed = jobs.filter((j) => j.state !== 'succeeded');
  if (failed.length) throw new Error(`jobs did not succeed: ${JSON.stringify(failed)}`);
  const run = await db.recModelRun.findFirst({ where: { isServing: true }, select: { id: true, model: true } });
  if (!run) throw new Error('no served model after training');
  return {
    waitedSeconds: (Date.now() - started.getTime()) / 1000,
    served: run,
    jobs: jobs.map((j) => ({
      type: j.type,
      state: j.state,
      attempts: j.attempts,
      seconds: j.startedAt && j.finishedAt ? (j.finishedAt.getTime() - j.startedAt.getTime()) / 1000 : null,
    })),
  };
}

const result = step === 'prepare' ? await prepare() : step === 'queue' ? await queue() : await wait();
fs.writeFileSync(values.out, JSON.stringify(result));
await closeConnections();
await db.$disconnect();
