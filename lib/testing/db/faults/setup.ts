// What each fault trial starts from, written by the fault-run child (`fault-run setup <kind> <seed>`) through the
// app's own client and services against the scratch database. Prints what the parent needs as JSON.
import { createTwoVariantEmailCampaign } from '@/lib/testing/email-campaign-setup';
import type { Db } from '@/lib/db/create-client';
import { databaseUrl, isPostgres } from '@/lib/db/url';
import { query } from '@/lib/testing/db/scratch';
import { enqueueJob } from '@/lib/db/jobs';
import { scheduleCampaign } from '@/lib/services/campaigns/index';
import { runWave } from '@/lib/services/campaigns/lifecycle';
import { startTraining } from '@/lib/services/recommendations/runs';
import { SNAPSHOT_JOB } from '@/lib/services/segments/snapshots';
import { seeded } from './child';

/**
 * Bulk rows in multi-row INSERTs of 500 (Prisma's createMany costs ~1 ms a row here, which made the setup the
 * slowest part of a trial). Dates become epoch ms on SQLite, booleans 0/1; createdAt and updatedAt (no Event) are set to now.
 */
export async function insertRows(table: string, rows: Record<string, unknown>[]) {
  const url = databaseUrl();
  const pg = isPostgres(url);
  const now = new Date();
  const value = (v: unknown) =>
    v instanceof Date ? (pg ? v.toISOString() : v.getTime()) : typeof v === 'boolean' && !pg ? Number(v) : v;
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((r) => (table === 'Event' ? r : { ...r, createdAt: now, updatedAt: now }));
    const cols = Object.keys(chunk[0]!);
    const params = chunk.flatMap((r) => cols.map((c) => value(r[c])));
    const tuple = `(${cols.map(() => '?').join(', ')})`;
    await query(
      url,
      `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`,
      params,
    );
  }
}

async function user(db: Db) {
  return db.user.create({ data: { email: 'fault@test.local', name: 'Fault', passwordHash: 'x', role: 'admin' } });
}

export const SNAPSHOT_CUSTOMERS = 8_000;
export const SNAPSHOT_SEGMENTS = 30;

/**
 * Customers S0…S19999 and 40 segments "externalId starts with S<k>" (k = seed-shifted 1…99), one archived (the job
 * skips it); the snapshot job queued. The parent counts each prefix in SQL.
 */
export async function setupSnapshot(db: Db, seed: number) {
  const u = await user(db);
  await insertRows(
    'Customer',
    Array.from({ length: SNAPSHOT_CUSTOMERS }, (_, i) => ({
      externalId: `S${i}`,
      email: i % 3 ? `s${i}@example.com` : null,
      consentEmail: i % 2 === 0,
    })),
  );
  const segments: { id: number; prefix: string; archived: boolean }[] = [];
  for (let k = 0; k < SNAPSHOT_SEGMENTS; k++) {
    const prefix = `S${1 + ((seed + k * 7) % 99)}`;
    const archived = k === 5;
    const s = await db.segment.create({
      data: {
        name: `Prefix ${prefix}`,
        definition: {
          type: 'group',
          op: 'and',
          children: [{ type: 'attribute', field: 'externalId', op: 'starts_with', value: prefix }],
        },
        createdById: u.id,
        archivedAt: archived ? new Date() : null,
      },
    });
    segments.push({ id: s.id, prefix, archived });
  }
  const job = await enqueueJob(db, { type: SNAPSHOT_JOB, payload: { at: new Date().toISOString(), trigger: 'fault' } });
  return { jobId: job.id, segments };
}

const admin = (u: { id: string; email: string; name: string }) =>
  ({ type: 'user', userId: u.id, role: 'admin', email: u.email, name: u.name, locale: 'en' }) as const;

/**
 * A shop of 300 products, 600 customers and ~17,000 views, carts and purchases (seeded; customers lean to a
 * category each, so the model has something to learn); an ALS training started with "serve" on.
 */
export async function setupTraining(db: Db, seed: number) {
  const u = await user(db);
  const rnd = seeded(seed);
  await insertRows(
    'Product',
    Array.from({ length: 300 }, (_, i) => ({ sku: `P${i}`, title: `Product ${i}`, price: 10 + (i % 50) })),
  );
  await insertRows(
    'Customer',
    Array.from({ length: 600 }, (_, i) => ({ externalId: `T${i}` })),
  );
  const products = await db.product.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const customers = await db.customer.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const t0 = Date.UTC(2026, 8, 1);
  let n = 0;
  const events = [];
  for (const [c, customer] of customers.entries()) {
    for (let k = 0; k < 8 + Math.floor(rnd() * 40); k++) {
      const p = products[((c % 10) * 30 + Math.floor(rnd() * 30) + (rnd() < 0.2 ? Math.floor(rnd() * 300) : 0)) % 300]!;
      const r = rnd();
      events.push({
        dedupKey: `t${n++}`,
        customerId: customer.id,
        productId: p.id,
        type: r < 0.7 ? 'view' : r < 0.9 ? 'cart' : 'purchase',
        ts: new Date(t0 + Math.floor(rnd() * 60 * 86_400_000)),
        source: 'import',
      });
    }
  }
  await insertRows('Event', events);
  const { jobId, runIds } = await startTraining(admin(u), { models: ['als'], serve: true, seed });
  return { jobId, runIds };
}

export const SEND_RECIPIENTS = 60;

/**
 * 60 consenting customers K0…K59, an e-mail campaign to all of them (two variants, no holdout) sending through the
 * parent's SMTP catcher at `port`, scheduled, and its first wave run: the send job is queued.
 */
export async function setupSend(db: Db, _seed: number, port: number) {
  const u = await user(db);
  const actor = admin(u);
  await insertRows(
    'Customer',
    Array.from({ length: SEND_RECIPIENTS }, (_, i) => ({
      externalId: `K${i}`,
      name: `Kim ${i}`,
      email: `k${i}@example.com`,
      consentEmail: true,
    })),
  );
  const segment = await db.segment.create({
    data: {
      name: 'All',
      definition: {
        type: 'group',
        op: 'and',
        children: [{ type: 'attribute', field: 'externalId', op: 'starts_with', value: 'K' }],
      },
      createdById: u.id,
    },
  });
  const campaignId = await createTwoVariantEmailCampaign(actor, {
    name: 'Fault send',
    segmentId: segment.id,
    smtpPort: port,
    ratePerMinute: 1200,
  });
  await scheduleCampaign(actor, { id: campaignId });
  await runWave(campaignId, 0);
  const job = await db.job.findFirstOrThrow({ where: { type: 'campaign.email' }, select: { id: true } });
  return { jobId: job.id, campaignId };
}

export const SETUPS: Record<string, (db: Db, seed: number, port: number) => Promise<object>> = {
  snapshot: setupSnapshot,
  training: setupTraining,
  send: setupSend,
};
