// The fault suite (issue 13, "nothing lost"): for each kind of work, a child process does it, is SIGKILLed at a
// seeded random moment, is started again, and the database must show the work done exactly once. Used by
// faults.integration.test.ts (a few trials) and bench/faults.ts (≥ 30). Each trial gets a fresh scratch database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isPostgres } from '@/lib/db/url';
import { count, createScratchDatabase, query } from '@/lib/testing/db/scratch';
import { runChild, seeded, waitFor } from './child';
import { burstCustomers, uniqueAccepted } from './events';

export type Trial = { url: string; dataDir: string; rnd: () => number };
export type Outcome = { killed: boolean; problems: string[] };
export const KINDS = ['events', 'snapshot', 'training', 'send'] as const;
export type Kind = (typeof KINDS)[number];

const BATCHES = 40;
const SIZE = 50;

async function eventsTrial(t: Trial, seed: number): Promise<Outcome> {
  const args = ['events', String(seed), String(BATCHES), String(SIZE)];
  const env = { url: t.url, dataDir: t.dataDir };
  const target = Math.floor(t.rnd() * BATCHES * 0.9);
  const killed = !(await runChild(args, env, {
    armed: (gone) => waitFor(async () => (await count(t.url, 'IdempotencyRecord')) >= target, gone),
    afterMs: Math.round(t.rnd() * 60),
  }));
  await runChild(args, env);
  const problems: string[] = [];
  const expected = uniqueAccepted(BATCHES, SIZE);
  const state = async () => ({
    events: await count(t.url, 'Event'),
    keys: Number(
      (await query<{ n: number }>(t.url, 'SELECT count(DISTINCT "dedupKey") AS n FROM "Event"'))[0]!.n,
    ),
    records: await count(t.url, 'IdempotencyRecord'),
    customers: await count(t.url, 'Customer'),
  });
  const after = await state();
  if (after.events !== expected) problems.push(`events: ${after.events} stored, ${expected} accepted`);
  if (after.keys !== after.events) problems.push(`events: ${after.events - after.keys} stored twice`);
  if (after.records !== BATCHES) problems.push(`idempotency records: ${after.records} of ${BATCHES}`);
  const customers = burstCustomers(seed, BATCHES, SIZE);
  if (after.customers !== customers) problems.push(`customers: ${after.customers}, expected ${customers}`);
  // the client sends the whole burst once more: nothing is added
  await runChild(args, env);
  const again = await state();
  if (JSON.stringify(again) !== JSON.stringify(after))
    problems.push(`re-sending changed ${JSON.stringify(after)} to ${JSON.stringify(again)}`);
  return { killed, problems };
}

const TRIALS: Record<Kind, (t: Trial, seed: number) => Promise<Outcome>> = {
  events: eventsTrial,
  snapshot: async () => ({ killed: false, problems: ['not written'] }),
  training: async () => ({ killed: false, problems: ['not written'] }),
  send: async () => ({ killed: false, problems: ['not written'] }),
};

/** SQLite: the file passes integrity_check and foreign_key_check after the kills. */
async function integrity(url: string) {
  if (isPostgres(url)) return [];
  const problems: string[] = [];
  const ok = await query<{ integrity_check: string }>(url, 'PRAGMA integrity_check');
  if (ok[0]?.integrity_check !== 'ok') problems.push(`integrity_check: ${JSON.stringify(ok)}`);
  const fk = await query(url, 'PRAGMA foreign_key_check');
  if (fk.length) problems.push(`foreign_key_check: ${fk.length} rows`);
  return problems;
}

export type TrialResult = { kind: Kind; seed: number; killed: boolean; problems: string[]; ms: number };

/** One trial of `kind` with `seed` on a fresh scratch database (dropped afterwards). */
export async function runTrial(kind: Kind, seed: number): Promise<TrialResult> {
  const t0 = Date.now();
  const db = await createScratchDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-fault-'));
  try {
    const outcome = await TRIALS[kind]({ url: db.url, dataDir, rnd: seeded(seed) }, seed);
    const problems = [...outcome.problems, ...(await integrity(db.url))];
    return { kind, seed, killed: outcome.killed, problems, ms: Date.now() - t0 };
  } finally {
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
