import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseCsvBuffer } from '@/lib/csv/reader';
import { isPostgres } from '@/lib/db/url';
import { fileSpecArb } from '@/lib/testing/csv-fuzz/arbitraries';
import { buildFile } from '@/lib/testing/csv-fuzz/build';
import { checkStoredRejection, expectedRows, FORMULA_START } from '@/lib/testing/csv-fuzz/check';
import { runPure } from '@/lib/testing/csv-fuzz/pure-run';
import {
  createImportJob,
  createScratchDatabase,
  dropScratchTemplate,
  query,
  type ScratchDb,
} from '@/lib/testing/db/scratch';
import { rejectedRowsCsv } from './rejected-rows';
import { runImport } from './run-import';

// The CSV fuzz suite's database part: a smaller sample of the generated files (no 1 MiB cells, to keep it quick) runs
// through runImport into one scratch database, references resolved, in-file duplicates dropped, rows written. Each
// import must end as the pure path predicts (completed, or failed with the same file-level reason), count every data
// row once (inserted + updated + unchanged + rejected = rows read = data rows written), store a renderable reason on
// the right line for each rejected row (once, also when stopped after a chunk and resumed), and download the rejected
// rows with no cell a spreadsheet would run.
const RUNS = Number(process.env.FUZZ_DB_RUNS ?? 25);
let db: ScratchDb;
let dir: string;
let n = 0;
let accepted = 0;
let resumed = 0;

beforeAll(async () => {
  db = await createScratchDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-fuzz-db-'));
  const now = isPostgres(db.url) ? new Date().toISOString() : Date.now();
  await query(
    db.url,
    `INSERT INTO "CurrencyRate" ("currency", "rateToBase", "updatedAt") VALUES ('EUR', 1.1, ?), ('CNY', 0.14, ?)`,
    [now, now],
  );
});

afterAll(async () => {
  await db.drop();
  await dropScratchTemplate();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function importOne(spec: Parameters<typeof buildFile>[0]) {
  const built = buildFile(spec);
  const file = path.join(dir, `f${++n}.csv`);
  fs.writeFileSync(file, built.bytes);
  const delimiter = spec.type === 'csv' && built.header?.length === 1 ? spec.delimiter : undefined;
  const encoding = spec.type === 'csv' && spec.chooseEncoding ? spec.encoding : undefined;
  const options = {
    batchSize: spec.batchSize,
    delimiter,
    encoding,
    createMissingCustomers: true,
    createMissingProducts: true,
  };
  const pure = await runPure(file, spec.kind, options);
  if (pure.stage === 'upload') return; // the upload refuses it: no import job is made
  const id = await createImportJob(db.url, { kind: spec.kind, filePath: file, options });
  // events validate on a worker thread in half the files (the path large event files take); more than half the imports
  // are cancelled after their first chunk and resumed, as a stopped import is
  const validateInWorker = spec.kind === 'events' && spec.batchSize % 2 === 0;
  const interrupt = spec.batchSize % 2 === 1 || (spec.type === 'csv' && spec.finalEol);
  const stop = new AbortController();
  let summary = await runImport(id, {
    url: db.url,
    validateInWorker,
    signal: interrupt ? stop.signal : undefined,
    onProgress: () => stop.abort(),
  });
  if (summary.status === 'cancelled') {
    resumed++;
    summary = await runImport(id, { url: db.url, validateInWorker });
  }
  if (pure.stage !== 'rows') {
    assert.equal(summary.status, 'failed');
    assert.equal(summary.error, pure.error);
    return;
  }
  assert.equal(summary.status, 'completed', `import failed: ${summary.error}`);
  const expected = expectedRows(built, pure);
  assert.equal(summary.rowsRead, expected.length, 'rows read = data rows written');
  assert.equal(summary.inserted + summary.updated + summary.unchanged + summary.rejected, summary.rowsRead);
  accepted += summary.inserted + summary.updated + summary.unchanged;
  const errors = await query<{ line: number; reason: string; reasonKey: string | null; params: string | null }>(
    db.url,
    'SELECT "line", "reason", "reasonKey", "params" FROM "ImportError" WHERE "importId" = ? ORDER BY "line", "id"',
    [id],
  );
  assert.equal(errors.length, summary.rejected, 'one stored rejected row per rejection');
  const lines = new Set(expected.map((e) => e.line));
  for (const e of errors) {
    assert.ok(lines.has(Number(e.line)), `rejected line ${e.line} is not a data row`);
    checkStoredRejection({ ...e, line: Number(e.line) });
  }
  const stored = new Set(errors.map((e) => Number(e.line)));
  assert.equal(stored.size, errors.length, 'no line rejected twice');
  for (const r of pure.rejections)
    assert.ok(stored.has(r.line), `line ${r.line} rejected by validation but not stored`);
  let csv = '';
  for await (const chunk of rejectedRowsCsv(id, { url: db.url })) csv += chunk;
  const records = parseCsvBuffer(Buffer.from(csv.replace(/^\uFEFF/, '')), { delimiter: ',' });
  assert.equal(records.length, errors.length + 1, 'the download has a header and one row per rejection');
  for (const r of records) {
    assert.equal(r.error, undefined);
    for (const cell of r.fields) assert.doesNotMatch(cell, FORMULA_START, `downloaded cell runs as a formula: ${cell}`);
  }
}

test(`${RUNS} generated CSV files imported into the database: every row counted once, reasons stored and renderable`, async () => {
  const small = fileSpecArb().filter((s) => s.type === 'junk' || s.big === null);
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
  await fc.assert(fc.asyncProperty(small, importOne), { numRuns: RUNS, seed, path: process.env.FUZZ_PATH });
  expect(n).toBeGreaterThanOrEqual(RUNS);
  expect(accepted).toBeGreaterThan(0); // rows did reach the database
  expect(resumed).toBeGreaterThan(0); // and some imports were stopped and resumed
});
