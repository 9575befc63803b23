// The fault suite (issue 13, "nothing lost"): for each kind of work, a child process does it, is SIGKILLed at a
// seeded random moment, is started again, and the database must show the work done exactly once. Used by
// faults.integration.test.ts (a few trials) and bench/faults.ts (≥ 30). Each trial gets a fresh scratch database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isPostgres } from '@/lib/db/url';
import { readArtifact } from '@/lib/services/recommendations/artifact';
import { addresses, startSmtpCatcher } from '@/lib/testing/smtp-catcher';
import { count, createScratchDatabase, query } from '@/lib/testing/db/scratch';
import { runChild, seeded, waitFor } from './child';
import { burstCustomers, uniqueAccepted } from './events';
import { SEND_RECIPIENTS } from './setup';

export type Trial = { url: string; dataDir: string; rnd: () => number };
export type Outcome = { killed: boolean; problems: string[] };
export const KINDS = ['events', 'snapshot', 'training', 'send'] as const;
export type Kind = (typeof KINDS)[number];

const BATCHES = 40;
const SIZE = 50;

async function eventsTrial(t: Trial, seed: number): Promise<Outcome> {
  const args = ['events', String(seed), String(BATCHES), String(SIZE)];
  const env = { url: t.url, dataDir: t.dataDir };
  // armed within the first half and fired within 15 ms, so at least 20 batches are still to go when the kill lands
  // (a fast machine sent the last tenth of the burst within the old 60 ms window, and the trial ended unkilled)
  const target = Math.floor(t.rnd() * BATCHES * 0.5);
  const { done } = await runChild(args, env, {
    armed: (gone) => waitFor(async () => (await count(t.url, 'IdempotencyRecord')) >= target, gone),
    afterMs: Math.round(t.rnd() * 15),
  });
  await runChild(args, env);
  const problems: string[] = [];
  const expected = uniqueAccepted(BATCHES, SIZE);
  const state = async () => ({
    events: await count(t.url, 'Event'),
    keys: Number((await query<{ n: number }>(t.url, 'SELECT count(DISTINCT "dedupKey") AS n FROM "Event"'))[0]!.n),
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
  return { killed: !done, problems };
}

type Env = { url: string; dataDir: string };
const STUCK_MS = 120_000;

/**
 * Runs the worker until it is killed at the moment `armed` picks (or the job ends first), then restarts it: the
 * killed worker's lease expires, the new one re-claims the job and must finish it within STUCK_MS.
 */
async function killWorker(env: Env, jobId: string, armed: (gone: () => boolean) => Promise<boolean>, afterMs: number) {
  const first = await runChild(['worker', jobId], env, { armed, afterMs });
  const stuck = {
    armed: async (gone: () => boolean) => {
      const end = Date.now() + STUCK_MS;
      return waitFor(async () => Date.now() > end, gone);
    },
    afterMs: 0,
  };
  const second = await runChild(['worker', jobId], env, stuck);
  const [job] = await query<{ state: string; attempts: number; lastError: string | null }>(
    env.url,
    'SELECT "state", "attempts", "lastError" FROM "Job" WHERE "id" = ?',
    [jobId],
  );
  const problems: string[] = [];
  if (!second.done) problems.push(`job ${jobId} not finished ${STUCK_MS / 1000} s after the restart`);
  if (job?.state !== 'succeeded') problems.push(`job ${job?.state ?? 'missing'}: ${job?.lastError ?? ''}`);
  return { killed: !first.done, problems };
}

async function setup<T>(kind: string, seed: number, env: Env, port = 0): Promise<T> {
  return JSON.parse((await runChild(['setup', kind, String(seed), String(port)], env)).out) as T;
}

async function snapshotTrial(t: Trial, seed: number): Promise<Outcome> {
  const s = await setup<{ jobId: string; segments: { id: number; prefix: string; archived: boolean }[] }>(
    'snapshot',
    seed,
    t,
  );
  // armed within the first half and fired within 10 ms: on a quiet machine (Node 24) the last snapshots were written
  // within the old window (up to 30 ms after a target near the end), and the trial ended unkilled
  const target = Math.floor(t.rnd() * s.segments.length * 0.5);
  const run = await killWorker(
    t,
    s.jobId,
    (gone) => waitFor(async () => (await count(t.url, 'SegmentSnapshot')) >= target, gone),
    Math.round(t.rnd() * 10),
  );
  const problems = [...run.problems];
  for (const seg of s.segments) {
    const rows = await query<{ size: number }>(t.url, 'SELECT "size" FROM "SegmentSnapshot" WHERE "segmentId" = ?', [
      seg.id,
    ]);
    const members = await count(t.url, 'Customer', `WHERE "externalId" LIKE '${seg.prefix}%'`);
    if (seg.archived) {
      if (rows.length) problems.push(`archived segment ${seg.id}: ${rows.length} snapshots`);
    } else if (rows.length !== 1) problems.push(`segment ${seg.id}: ${rows.length} snapshots, expected 1`);
    else if (Number(rows[0]!.size) !== members)
      problems.push(`segment ${seg.id} (${seg.prefix}): size ${rows[0]!.size}, ${members} members`);
  }
  return { killed: run.killed, problems };
}

/** How far a training has got (the job's progress, 0…1). */
async function jobProgress(url: string, jobId: string) {
  const [job] = await query<{ progress: number }>(url, 'SELECT "progress" FROM "Job" WHERE "id" = ?', [jobId]);
  return Number(job?.progress ?? 0);
}

async function trainingTrial(t: Trial, seed: number): Promise<Outcome> {
  const s = await setup<{ jobId: string; runIds: number[] }>('training', seed, t);
  // the kill lands anywhere from reading the shop to the final commit (progress is heartbeat-carried, so coarse)
  const target = t.rnd() * 0.7;
  const run = await killWorker(
    t,
    s.jobId,
    (gone) => waitFor(async () => (await jobProgress(t.url, s.jobId)) >= target, gone),
    Math.round(t.rnd() * 200),
  );
  const problems = [...run.problems];
  const runs = await query<{ id: number; status: string; isServing: unknown; artifact: string | null }>(
    t.url,
    'SELECT "id", "status", "isServing", "artifact" FROM "RecModelRun" ORDER BY "id"',
  );
  const serving = runs.filter((r) => r.isServing === true || Number(r.isServing) === 1);
  if (runs.length !== 1 || runs[0]!.status !== 'completed')
    problems.push(`runs: ${JSON.stringify(runs.map((r) => [r.id, r.status]))}, expected one completed`);
  if (serving.length !== 1) problems.push(`${serving.length} serving versions, expected 1`);
  const dir = path.join(t.dataDir, 'models');
  const served = serving[0]?.artifact;
  if (served) {
    try {
      const bundle = await readArtifact(dir, served);
      if (bundle.meta.run.id !== serving[0]!.id)
        problems.push(`artefact ${served} belongs to run ${bundle.meta.run.id}`);
    } catch (e) {
      problems.push(`served artefact ${served} unreadable: ${String(e)}`);
    }
  } else problems.push('no artefact served');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const others = files.filter((f) => f !== served);
  if (others.length) problems.push(`left in the models folder: ${others.join(', ')}`);
  return { killed: run.killed, problems };
}

/**
 * The send's duplicate policy (lib/services/email/send.ts): at most once. A recipient is marked before the SMTP
 * conversation; the one message in flight at the kill is left "uncertain" and not sent again. So: nobody gets two
 * messages, sent + uncertain = every recipient, at most one uncertain, and the catcher holds every sent message.
 */
async function sendTrial(t: Trial, seed: number): Promise<Outcome> {
  const smtp = await startSmtpCatcher({ parse: true });
  try {
    const s = await setup<{ jobId: string; campaignId: number }>('send', seed, t, smtp.port);
    const target = Math.floor(t.rnd() * SEND_RECIPIENTS * 0.9);
    const run = await killWorker(
      t,
      s.jobId,
      (gone) => waitFor(async () => smtp.received() >= target, gone),
      Math.round(t.rnd() * 100),
    );
    const problems = [...run.problems];
    const rows = await query<{ status: string; n: number }>(
      t.url,
      'SELECT "status", count(*) AS n FROM "EmailSend" WHERE "campaignId" = ? GROUP BY "status"',
      [s.campaignId],
    );
    const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    const sent = by.sent ?? 0;
    const uncertain = by.uncertain ?? 0;
    const perAddress = new Map<string, number>();
    for (const m of smtp.messages) for (const a of addresses(m)) perAddress.set(a, (perAddress.get(a) ?? 0) + 1);
    const twice = [...perAddress].filter(([, n]) => n > 1);
    if (twice.length) problems.push(`sent twice: ${twice.map(([a, n]) => `${a} ×${n}`).join(', ')}`);
    if (sent + uncertain !== SEND_RECIPIENTS) problems.push(`sends: ${JSON.stringify(by)} of ${SEND_RECIPIENTS}`);
    if (uncertain > 1) problems.push(`${uncertain} uncertain sends (at most the one in flight)`);
    if (smtp.received() < sent || smtp.received() > sent + uncertain)
      problems.push(`catcher holds ${smtp.received()} messages, ${sent} sent and ${uncertain} uncertain`);
    return { killed: run.killed, problems };
  } finally {
    await smtp.close();
  }
}

const TRIALS: Record<Kind, (t: Trial, seed: number) => Promise<Outcome>> = {
  events: eventsTrial,
  snapshot: snapshotTrial,
  training: trainingTrial,
  send: sendTrial,
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
