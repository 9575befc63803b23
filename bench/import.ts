// npx tsx bench/import.ts [rows=1000000] [repeats=3]   (BENCH_CHILD_FLAGS="--cpu-prof" profiles the import process; BENCH_CHILD_LOG=file keeps its output, e.g. with --trace-gc)
// Imports an events CSV into SQLite through the full pipeline (every row validated, dedup key, customer and product
// references resolved, cursor committed per batch) and, in the same run, loads the same file with Debian's sqlite3
// shell (`.import --skip 1`) into a table with the file's columns and the same keys and indexes as Event. Writes
// bench/results/import.json with rows/s of both, the ratio (median of the repeats) and the import's peak RSS.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogueCsv, customersCsv, writeEventsCsv } from './import-data';
import { createImportJob, createScratchDatabase, dropScratchTemplate, importRunner } from '../lib/testing/db/scratch';
import { runImport } from '../lib/services/imports/run-import';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const REPEATS = Number(process.argv[3] ?? 3);
const CUSTOMERS = 50_000;
const PRODUCTS = 5_000;
const here = import.meta.dirname;
const tmp = path.join(here, 'tmp');
fs.mkdirSync(tmp, { recursive: true });
const eventsFile = path.join(tmp, `events-${ROWS}.csv`);
const catalogueFile = path.join(tmp, 'bench-catalogue.csv');
const customersFile = path.join(tmp, 'bench-customers.csv');
if (!fs.existsSync(eventsFile)) writeEventsCsv(eventsFile, { customers: CUSTOMERS, products: PRODUCTS, events: ROWS });
fs.writeFileSync(catalogueFile, catalogueCsv(PRODUCTS));
fs.writeFileSync(customersFile, customersCsv(CUSTOMERS));

const SQLITE3 = '/usr/bin/sqlite3';
const baselineSchema = (cache: number | null) => `PRAGMA journal_mode=WAL;
${cache ? `PRAGMA cache_size=${cache};` : ''}
CREATE TABLE ev (event_id TEXT NOT NULL, customer_id TEXT NOT NULL, event_type TEXT NOT NULL, timestamp TEXT NOT NULL, session_id TEXT, sku TEXT, category TEXT, query TEXT, quantity INTEGER, price REAL, value REAL, currency TEXT, campaign_id INTEGER, variant TEXT, order_id TEXT);
CREATE UNIQUE INDEX ev_event_id ON ev(event_id);
CREATE INDEX ev_customer_ts ON ev(customer_id, timestamp);
CREATE INDEX ev_sku_ts ON ev(sku, timestamp);
CREATE INDEX ev_type_ts ON ev(event_type, timestamp);
CREATE INDEX ev_campaign_variant ON ev(campaign_id, variant);
.mode csv
.import --skip 1 ${eventsFile} ev
`;

/** Debian's sqlite3 shell `.import` of the same file; wall ms. `cache` null = the shell's default page cache. */
function nativeImport(cache: number | null) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-bench-native-'));
  const db = path.join(dir, 'native.db');
  const t = performance.now();
  const r = spawnSync(SQLITE3, [db], { input: baselineSchema(cache), encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  const n = Number(execFileSync(SQLITE3, [db, 'SELECT count(*) FROM ev']).toString().trim());
  fs.rmSync(dir, { recursive: true, force: true });
  if (n !== ROWS) throw new Error(`sqlite3 imported ${n} rows, expected ${ROWS}`);
  return ms;
}

type Child = {
  summary: { inserted: number; rejected: number; rowsRead: number };
  ms: number;
  peakRssMb: number;
  atPeak: Record<string, number>;
  userMs: number;
  sysMs: number;
};

type Mode = 'worker' | 'inline';

/** Our pipeline in a child process (its own heap, its own peak RSS), into a fresh database holding the references. */
async function ourImport(mode: Mode): Promise<Child> {
  const db = await createScratchDatabase('file:bench');
  try {
    for (const [kind, filePath] of [
      ['catalogue', catalogueFile],
      ['customers', customersFile],
    ] as const) {
      const s = await runImport(await createImportJob(db.url, { kind, filePath }), { url: db.url });
      if (s.status !== 'completed' || s.rejected) throw new Error(`seeding ${kind} failed: ${JSON.stringify(s)}`);
    }
    const jobId = await createImportJob(db.url, { kind: 'events', filePath: eventsFile });
    const out = execFileSync(process.execPath, [...childFlags, ...runner.args, db.url, jobId, mode], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (process.env.BENCH_CHILD_LOG) fs.appendFileSync(process.env.BENCH_CHILD_LOG, out);
    const child = JSON.parse(out.trim().split('\n').at(-1)!) as Child;
    if (child.summary.inserted !== ROWS)
      throw new Error(`our import inserted ${child.summary.inserted} of ${ROWS}: ${out}`);
    return child;
  } finally {
    await db.drop();
  }
}

// The child runs an esbuild bundle of bench/import-run.ts, so its time and memory are the importer's rather than an
// on-the-fly TypeScript compiler's.
const runner = await importRunner();
const childFlags = process.env.BENCH_CHILD_FLAGS?.split(' ').filter(Boolean) ?? [];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
type Run = {
  oursMs: number;
  oursRowsPerSec: number;
  oursUserCpuMs: number;
  oursSysCpuMs: number;
  peakRssMb: number;
  memoryAtPeakMb: Record<string, number>;
  sqlite3Ms: number;
  sqlite3RowsPerSec: number;
  ratio: number;
  sqlite3MatchedCacheMs: number;
  ratioMatchedCache: number;
  /** the same import validating in the writer's thread (before the validation worker) */
  inlineMs: number;
  inlineRowsPerSec: number;
  inlinePeakRssMb: number;
  ratioMatchedCacheInline: number;
};
const runs: Run[] = [];

/** Writes bench/results/import.json from the runs so far (after every run: a long run on a busy machine keeps them). */
function writeResult() {
  const result = {
    benchmark: `import ${ROWS} events CSV into SQLite vs sqlite3 shell .import`,
    date: new Date().toISOString(),
    rows: ROWS,
    repeats: { planned: REPEATS, done: runs.length },
    fileBytes: fs.statSync(eventsFile).size,
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      loadAvg: os.loadavg().map((x) => +x.toFixed(2)),
      node: process.version,
      sqlite3: execFileSync(SQLITE3, ['--version']).toString().split(' ')[0],
    },
    ours: {
      rowsPerSec: median(runs.map((r) => r.oursRowsPerSec)),
      peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
    },
    sqlite3: { rowsPerSec: median(runs.map((r) => r.sqlite3RowsPerSec)) },
    ratio: median(runs.map((r) => r.ratio)),
    ratioMatchedCache: median(runs.map((r) => r.ratioMatchedCache)),
    inline: {
      rowsPerSec: median(runs.map((r) => r.inlineRowsPerSec)),
      peakRssMb: Math.max(...runs.map((r) => r.inlinePeakRssMb)),
      ratioMatchedCache: median(runs.map((r) => r.ratioMatchedCacheInline)),
    },
    targets: { ratio: 1.0, floor: 0.7, peakRssMb: 300 },
    notes: [
      'ours: events read and validated on a worker thread (columns passed as a transferable Float64Array + string arrays) while the main thread resolves references and writes; inline: the same import validating in the writer thread (the pipeline before the worker), measured in the same run',
      'ours: full pipeline (tokenize, map, validate every row, dedup key, customer/product references, upsert, cursor + counts committed per batch), WAL + synchronous=FULL',
      'sqlite3: /usr/bin/sqlite3 .mode csv, .import --skip 1, WAL, default page cache (ratio) and a 64 MiB cache like ours (ratioMatchedCache)',
      'ratio = our rows/s ÷ sqlite3 rows/s, median of the repeats; both measured in the same run on a shared machine',
      'peak RSS of the import process (esbuild bundle, Node); memoryAtPeakMb = process.memoryUsage() sampled every 100 ms; the SQLite page cache (64 MiB) is native memory inside rss',
    ],
    runs,
  };
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(path.join(here, 'results', 'import.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

for (let i = 0; i < REPEATS; i++) {
  // alternate the order so neither side always runs on a warmer page cache
  const first = i % 2 === 0 ? 'ours' : 'native';
  let ours!: Child;
  let inline!: Child;
  let native = 0;
  let nativeMatched = 0;
  for (const side of first === 'ours' ? ['ours', 'native'] : ['native', 'ours']) {
    if (side === 'ours') {
      ours = await ourImport('worker');
      inline = await ourImport('inline');
    } else {
      native = nativeImport(null);
      nativeMatched = nativeImport(-65536);
    }
  }
  const run: Run = {
    oursMs: Math.round(ours.ms),
    oursRowsPerSec: Math.round(ROWS / (ours.ms / 1000)),
    oursUserCpuMs: Math.round(ours.userMs),
    oursSysCpuMs: Math.round(ours.sysMs),
    peakRssMb: Math.round(ours.peakRssMb),
    memoryAtPeakMb: ours.atPeak,
    sqlite3Ms: Math.round(native),
    sqlite3RowsPerSec: Math.round(ROWS / (native / 1000)),
    ratio: +(native / ours.ms).toFixed(3),
    sqlite3MatchedCacheMs: Math.round(nativeMatched),
    ratioMatchedCache: +(nativeMatched / ours.ms).toFixed(3),
    inlineMs: Math.round(inline.ms),
    inlineRowsPerSec: Math.round(ROWS / (inline.ms / 1000)),
    inlinePeakRssMb: Math.round(inline.peakRssMb),
    ratioMatchedCacheInline: +(nativeMatched / inline.ms).toFixed(3),
  };
  runs.push(run);
  writeResult();
  console.log(
    `run ${i + 1}/${REPEATS}: ours ${run.oursRowsPerSec} rows/s (${run.peakRssMb} MB peak), sqlite3 .import ${run.sqlite3RowsPerSec} rows/s, ratio ${run.ratio} (vs 64 MiB-cache sqlite3: ${run.ratioMatchedCache}; validating inline: ${run.inlineRowsPerSec} rows/s, ${run.ratioMatchedCacheInline})`,
  );
}
await dropScratchTemplate('file:bench');
const result = writeResult();
console.log(
  `ours ${result.ours.rowsPerSec} rows/s (inline ${result.inline.rowsPerSec}), sqlite3 ${result.sqlite3.rowsPerSec} rows/s, ratio ${result.ratio} (matched cache ${result.ratioMatchedCache}, inline ${result.inline.ratioMatchedCache}), peak RSS ${result.ours.peakRssMb} MB`,
);
