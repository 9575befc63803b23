import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { catalogueCsv, customersCsv, writeEventsCsv } from '@/bench/import-data';
import { sharedPgPool } from '@/lib/db/connections';
import { isPostgres } from '@/lib/db/url';
import { type FaultProxy, startFaultProxy } from '@/lib/testing/fault-proxy';
import {
  createImportJob,
  createScratchDatabase,
  dropScratchTemplate,
  query,
  type ScratchDb,
} from '@/lib/testing/db/scratch';
import { runImport } from './run-import';

// Network faults between the importer and PostgreSQL, through a userland proxy (lib/testing/fault-proxy.ts): reset
// connections mid-import, a server that refuses connections and comes back, latency on every packet. Each run that
// breaks fails with a clear message; the next run resumes from the committed cursor; no row is stored twice.
const onPostgres = isPostgres(process.env.DATABASE_URL ?? '');
const ROWS = 60_000;
let db: ScratchDb;
let proxy: FaultProxy;
let viaProxy = '';
let dir = '';
let file = '';

async function job(id: string) {
  const [row] = await query<{ status: string; error: string | null; cursorByte: number; inserted: number }>(
    db.url,
    'SELECT "status", "error", "cursorByte", "inserted" FROM "ImportJob" WHERE "id" = ?',
    [id],
  );
  return { ...row!, cursorByte: Number(row!.cursorByte), inserted: Number(row!.inserted) };
}

async function events() {
  const [row] = await query<{ n: number; keys: number }>(
    db.url,
    'SELECT count(*) AS n, count(DISTINCT "dedupKey") AS keys FROM "Event"',
  );
  return { n: Number(row!.n), keys: Number(row!.keys) };
}

async function until(check: () => Promise<boolean>, ms = 60_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.skipIf(!onPostgres)('PostgreSQL behind a fault proxy (network faults exist between processes only)', () => {
  beforeAll(async () => {
    db = await createScratchDatabase();
    const url = new URL(db.url);
    proxy = await startFaultProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    viaProxy = url.toString();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-pg-faults-'));
    for (const [kind, text] of [
      ['catalogue', catalogueCsv(500)],
      ['customers', customersCsv(5_000)],
    ] as const) {
      const f = path.join(dir, `${kind}.csv`);
      fs.writeFileSync(f, text);
      expect((await runImport(await createImportJob(db.url, { kind, filePath: f }), { url: db.url })).rejected).toBe(0);
    }
    file = path.join(dir, 'events.csv');
    writeEventsCsv(file, { customers: 5_000, products: 500, events: ROWS, seed: 7 });
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await db?.drop();
    await dropScratchTemplate();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('connections reset inside an import: that run fails with the reason, the next resumes, nothing doubled', async () => {
    const id = await createImportJob(db.url, { kind: 'events', filePath: file, options: { commitRows: 5_000 } });
    const run = runImport(id, { url: viaProxy });
    await until(async () => (await job(id)).cursorByte > 0);
    expect(proxy.resetAll()).toBeGreaterThan(0);
    await expect(run).rejects.toThrow();
    const failed = await job(id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^import stopped: /);
    expect(failed.inserted).toBeLessThan(ROWS);
    const again = await runImport(id, { url: viaProxy });
    expect(again).toMatchObject({ status: 'completed', inserted: ROWS, rejected: 0 });
    expect(await events()).toEqual({ n: ROWS, keys: ROWS });
  }, 120_000);

  test('a server that refuses connections and comes back: a clear failure, then the same import completes', async () => {
    const id = await createImportJob(db.url, { kind: 'events', filePath: file });
    proxy.down = true;
    proxy.resetAll();
    await expect(runImport(id, { url: viaProxy })).rejects.toThrow(/ECONNRESET|Connection terminated|closed/i);
    proxy.down = false;
    // every row is already stored by the first test: the re-import finds them all unchanged
    expect(await runImport(id, { url: viaProxy })).toMatchObject({ status: 'completed', inserted: 0, rejected: 0 });
    expect(await events()).toEqual({ n: ROWS, keys: ROWS });
  }, 120_000);

  test('the shared pool replaces connections the network reset, by itself', async () => {
    const pool = sharedPgPool(viaProxy);
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    const before = proxy.opened;
    proxy.resetAll();
    await new Promise((r) => setTimeout(r, 50)); // the idle client sees its socket close
    expect((await pool.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
    expect(proxy.opened).toBeGreaterThan(before);
  });

  test('latency on every packet slows the import but changes nothing', async () => {
    proxy.latencyMs = 2;
    try {
      const id = await createImportJob(db.url, { kind: 'events', filePath: file });
      expect(await runImport(id, { url: viaProxy })).toMatchObject({ status: 'completed', inserted: 0 });
      expect(await events()).toEqual({ n: ROWS, keys: ROWS });
    } finally {
      proxy.latencyMs = 0;
    }
  }, 120_000);
});
