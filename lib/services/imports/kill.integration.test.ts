import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { catalogueCsv, customersCsv, writeEventsCsv } from '@/bench/import-data';
import {
  count,
  createImportJob,
  createScratchDatabase,
  dropScratchTemplate,
  importRunner,
  query,
  type ScratchDb,
} from '@/lib/testing/db/scratch';
import { isPostgres } from '@/lib/db/url';
import { runImport } from './run-import';

// kill -9 at random moments, resume, repeat: the database must end with exactly the valid rows of the file, each
// once, the rejected rows each once, and (SQLite) pass integrity_check and foreign_key_check.
// PostgreSQL inserts run ~3× slower than SQLite here, so it gets a 100k-row file by default to stay near a minute.
const ROWS = Number(process.env.PRECISA_KILL_ROWS ?? (isPostgres(process.env.DATABASE_URL ?? '') ? 100_000 : 200_000));
const TRIALS = Number(process.env.PRECISA_KILL_TRIALS ?? 10);
let db: ScratchDb;
let dir: string;
let file: string;
let runner: Awaited<ReturnType<typeof importRunner>>;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  db = await createScratchDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-import-kill-'));
  runner = await importRunner();
  for (const [kind, text] of [
    ['catalogue', catalogueCsv(2000)],
    ['customers', customersCsv(20_000)],
  ] as const) {
    const f = path.join(dir, `${kind}.csv`);
    fs.writeFileSync(f, text);
    expect((await runImport(await createImportJob(db.url, { kind, filePath: f }), { url: db.url })).rejected).toBe(0);
  }
  // the events file, with an unknown customer every 25,000 rows and two repeats of an early row near the end
  const base = path.join(dir, 'base.csv');
  writeEventsCsv(base, { customers: 20_000, products: 2000, events: ROWS, seed: 99 });
  const lines = fs.readFileSync(base, 'utf8').trimEnd().split('\n');
  for (let i = ROWS / 8; i < lines.length; i += ROWS / 8) lines[i] = lines[i]!.replace(/,C\d{7},/, ',C9999999,');
  lines.push(lines[10]!, lines[11]!.replace(/,s([0-9a-z]+),/, ',other-$1,'));
  file = path.join(dir, 'events.csv');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}, 120_000);

afterAll(async () => {
  await db.drop();
  await dropScratchTemplate();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the import in a child. With `kill`, SIGKILLs it `afterMs` after its committed cursor has passed `cursor` bytes
 * (0: soon after start), so kills land inside transactions and commits whatever the machine's speed. True when the
 * child completed.
 */
function child(url: string, jobId: string, kill: { cursor: number; afterMs: number } | null) {
  return new Promise<boolean>((resolve, reject) => {
    const p = spawn(process.execPath, [...runner.args, url, jobId], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let exited = false;
    p.stderr.on('data', (d) => (stderr += d));
    const poll = async () => {
      while (kill && !exited) {
        const [job] = await query<{ cursorByte: number }>(url, 'SELECT "cursorByte" FROM "ImportJob" WHERE "id" = ?', [
          jobId,
        ]);
        if (Number(job?.cursorByte ?? 0) >= kill.cursor) {
          setTimeout(() => p.kill('SIGKILL'), kill.afterMs);
          return;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    void poll();
    p.on('exit', (code, signal) => {
      exited = true;
      if (signal === 'SIGKILL') resolve(false);
      else if (code === 0) resolve(true);
      else reject(new Error(`import child failed (${code}): ${stderr}`));
    });
  });
}

/** What must be identical after every trial: a fingerprint of the Event table, the rejected rows, the job's counts. */
async function state(url: string, jobId: string) {
  const pg = isPostgres(url);
  const ts = pg ? `(extract(epoch FROM "ts") * 1000)::bigint` : '"ts"';
  const [events] = await query<Record<string, unknown>>(
    url,
    `SELECT count(*) AS n, count(DISTINCT "dedupKey") AS keys, sum("customerId") AS customers, sum(coalesce("productId", 0)) AS products, sum(coalesce("categoryId", 0)) AS categories,
            sum(${ts} % 1000003) AS ts, sum(coalesce("quantity", 0)) AS quantity, round(CAST(sum(coalesce("price", 0)) AS numeric), 2) AS price, sum(length("type") + length(coalesce("orderRef", ''))) AS text FROM "Event"`,
  );
  const errors = await query<{ line: number; reason: string }>(
    url,
    'SELECT "line", "reason" FROM "ImportError" WHERE "importId" = ? ORDER BY "line", "id"',
    [jobId],
  );
  const [job] = await query<Record<string, unknown>>(
    url,
    'SELECT "status", "rowsRead", "inserted", "updated", "unchanged", "rejected" FROM "ImportJob" WHERE "id" = ?',
    [jobId],
  );
  return {
    events: Object.fromEntries(Object.entries(events!).map(([k, v]) => [k, Number(v)])),
    errors: errors.map((e) => `${e.line}: ${e.reason}`),
    job: Object.fromEntries(Object.entries(job!).map(([k, v]) => [k, k === 'status' ? v : Number(v)])),
  };
}

// 20,000-row commits (the default is 50,000) so the kills land across more commit boundaries
const OPTIONS = { commitRows: 20_000 };

test(`${TRIALS} trials of kill -9 and resume on a ${ROWS.toLocaleString('en-US')}-row file`, async () => {
  const t0 = Date.now();
  const pg = isPostgres(db.url);
  const refId = await createImportJob(db.url, { kind: 'events', filePath: file, options: OPTIONS });
  expect(await child(db.url, refId, null)).toBe(true);
  const fullMs = Date.now() - t0;
  const expected = await state(db.url, refId);
  expect(expected.job).toEqual({
    status: 'completed',
    rowsRead: ROWS + 2,
    inserted: ROWS - 8,
    updated: 0,
    unchanged: 1,
    rejected: 9,
  });
  expect(expected.events).toMatchObject({ n: ROWS - 8, keys: ROWS - 8 });
  // each SQLite trial starts from a copy of the database as it was before any event (PostgreSQL: TRUNCATE)
  let seeded = '';
  if (!pg) {
    await query(db.url, 'DELETE FROM "Event"');
    await query(db.url, 'PRAGMA wal_checkpoint(TRUNCATE)');
    seeded = path.join(dir, 'seeded.db');
    fs.copyFileSync(db.url.replace(/^file:/, ''), seeded);
  }

  const size = fs.statSync(file).size;
  const rnd = mulberry32(2024);
  let kills = 0;
  const phase: Record<string, number> = {};
  const timed = async <T>(name: string, f: () => Promise<T>) => {
    const t = Date.now();
    const r = await f();
    phase[name] = (phase[name] ?? 0) + Date.now() - t;
    return r;
  };
  for (let trial = 0; trial < TRIALS; trial++) {
    let url = db.url;
    if (pg) await query(url, 'TRUNCATE "Event"');
    else {
      const f = path.join(dir, `trial-${trial}.db`);
      fs.copyFileSync(seeded, f);
      url = `file:${f}`;
    }
    const id = await createImportJob(url, { kind: 'events', filePath: file, options: OPTIONS });
    // kill -9 once, at a random point of the run (the first trial: before the first commit), then resume to the end
    const kill = { cursor: trial === 0 ? 0 : Math.round(rnd() * size * 0.9), afterMs: Math.round(rnd() * 400) };
    if (!(await timed('killed run', () => child(url, id, kill)))) kills++;
    expect(await timed('resume', () => child(url, id, null))).toBe(true);
    expect(await timed('compare', () => state(url, id))).toEqual(expected);
    await timed('integrity', async () => {
      if (!pg) {
        expect(await query(url, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        expect(await query(url, 'PRAGMA foreign_key_check')).toEqual([]);
        fs.rmSync(url.replace(/^file:/, ''), { force: true });
      } else {
        expect(
          await count(url, 'Event', 'e WHERE NOT EXISTS (SELECT 1 FROM "Customer" c WHERE c."id" = e."customerId")'),
        ).toBe(0);
      }
    });
  }
  expect(kills).toBeGreaterThanOrEqual(TRIALS - 1);
  console.log(
    `kill test: ${TRIALS} trials, ${kills} kills mid-import, ${((Date.now() - t0) / 1000).toFixed(1)} s (one uninterrupted import ${(fullMs / 1000).toFixed(1)} s; ${Object.entries(
      phase,
    )
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
      .join(', ')})`,
  );
}, 300_000);
