// npm run bench -- events-pg   (npx tsx --conditions=react-server bench/events-pg.ts [--customers N] [--events N] [--reuse])
// Events at scale on PostgreSQL with monthly partitions: the segments benchmark's synthetic shop (bench/segments-data.ts,
// seeded; 1M customers and 20M events by default) is generated in SQLite, copied into a fresh, migrated PostgreSQL
// database through COPY (events into their monthly partitions, with the "EventKey" trigger and every index live),
// then measured:
//   * load rate (events/s) and the size of the events table;
//   * the ten segment definitions of bench/segments-cases.ts through the compiled SQL path, each checked equal to the
//     same definition counted by SQLite over the same rows; baselines in the same run: the same PostgreSQL queries with
//     partition pruning turned off (what the partitions save), and SQLite (the embedded default);
//   * the full portrait recompute on PostgreSQL, reported per 1M customers.
// Needs a local PostgreSQL (scripts/test-env.mjs starts it as on the test machine); skipped without one.
// Writes bench/results/events-pg.json.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { CASES, NOW } from './segments-cases';
import { generateShop } from './segments-data';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    events: { type: 'string', default: '20000000' },
    reuse: { type: 'boolean', default: false },
  },
});
const spec = { customers: Number(values.customers), events: Number(values.events), now: NOW };
const root = path.resolve(import.meta.dirname, '..');
const DB_NAME = 'precisa_bench_events';
const log = (s: string) => console.log(`[events-pg] ${s}`);

const { ensurePostgres } = await import('../scripts/test-env.mjs');
const base = ensurePostgres();
if (!base) {
  log('skipped: no local PostgreSQL');
  process.exit(0);
}
const url = Object.assign(new URL(base), { pathname: `/${DB_NAME}` }).toString();
// Set before any app module loads: they read DATABASE_URL once (lib/db/dialect.ts, the shared pools).
process.env.DATABASE_URL = url;

// ── the shop, in SQLite ───────────────────────────────────────────────────────────────────────────────────────────
const shopFile = path.join(root, `bench/tmp/events-pg-${spec.customers}-${spec.events}.db`);
const marker = `${shopFile}.json`;
let generation: object;
// The marker is written once a generation has finished, and removed before one starts (an interrupted one leaves none).
if (values.reuse && fs.existsSync(marker)) generation = { reused: JSON.parse(fs.readFileSync(marker, 'utf8')) };
else {
  fs.rmSync(marker, { force: true });
  log(`generating ${spec.customers} customers / ${spec.events} events in SQLite …`);
  generation = generateShop(shopFile, spec, (s) => log(`  ${s}`));
  fs.writeFileSync(marker, JSON.stringify(generation));
}

// ── a fresh PostgreSQL database, migrated ─────────────────────────────────────────────────────────────────────────
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME}`);
await admin.query(`CREATE DATABASE ${DB_NAME}`);
await admin.end();
execFileSync(
  process.execPath,
  ['--experimental-wasm-modules', '--no-warnings', '--import', 'tsx', 'scripts/db/migrate.ts'],
  { cwd: root, env: process.env, stdio: 'inherit' },
);

const { openSqlite, openPgPool } = await import('../lib/db/raw');
const { maintainEventPartitions } = await import('../lib/db/events/partitions');
const { countSegment } = await import('../lib/db/segments/queries');
const sqlite = openSqlite(`file:${shopFile}`);
sqlite.pragma('cache_size = -1000000');
const pool = openPgPool(url);

const timed = async <T>(f: () => Promise<T> | T): Promise<[T, number]> => {
  const a = performance.now();
  const r = await f();
  return [r, performance.now() - a];
};

// Partitions for every month the events cover, before the copy: events go straight into their month.
const span = sqlite.prepare('SELECT MIN("ts") AS lo, MAX("ts") AS hi FROM "Event"').get() as { lo: number; hi: number };
const months: { year: number; month: number }[] = [];
for (
  let d = new Date(span.lo);
  d.getTime() <= span.hi;
  d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
)
  months.push({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 });
const [partitionReport, partitionMs] = await timed(() =>
  maintainEventPartitions(pool, { now: new Date(NOW), extra: months }),
);
log(`${partitionReport.created.length} partitions created in ${Math.round(partitionMs)} ms`);

// ── copy, table by table, through psql's COPY FROM STDIN ─────────────────────────────────────────────────────────
type PgColumn = { name: string; type: string };
async function pgColumns(table: string): Promise<PgColumn[]> {
  const { rows } = await pool.query<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows;
}
const csvValue = (v: unknown, type: string) => {
  if (v === null || v === undefined) return '';
  if (type.startsWith('timestamp')) return new Date(v as number).toISOString();
  if (type === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'string') return `"${v.replaceAll('"', '""')}"`;
  return String(v);
};

async function copyTable(table: string) {
  const have = new Set(
    (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name),
  );
  const cols = (await pgColumns(table)).filter((c) => have.has(c.name));
  const names = cols.map((c) => `"${c.name}"`).join(', ');
  const child = spawn(
    'psql',
    [url, '-v', 'ON_ERROR_STOP=1', '-qc', `\\copy "${table}" (${names}) FROM STDIN WITH (FORMAT csv)`],
    {
      stdio: ['pipe', 'inherit', 'inherit'],
    },
  );
  const done = once(child, 'exit');
  let rows = 0;
  let chunk: string[] = [];
  const flush = async () => {
    if (!child.stdin.write(chunk.join(''))) await once(child.stdin, 'drain');
    chunk = [];
  };
  for (const r of sqlite.prepare(`SELECT ${names} FROM "${table}"`).raw().iterate() as Iterable<unknown[]>) {
    chunk.push(`${r.map((v, k) => csvValue(v, cols[k]!.type)).join(',')}\n`);
    if (++rows % 20_000 === 0) {
      await flush();
      if (rows % 2_000_000 === 0) log(`  ${table}: ${rows} rows`);
    }
  }
  await flush();
  child.stdin.end();
  const [code] = await done;
  if (code !== 0) throw new Error(`psql COPY "${table}" exited with ${code}`);
  return rows;
}

const tables = [
  'Category',
  'Product',
  'Customer',
  'CustomerProfile',
  'Tag',
  'CustomerTag',
  'Event',
  'Order',
  'OrderLine',
];
const copies: Record<string, { rows: number; seconds: number; rowsPerSecond: number }> = {};
for (const table of tables) {
  const [rows, ms] = await timed(() => copyTable(table));
  copies[table] = { rows, seconds: +(ms / 1000).toFixed(1), rowsPerSecond: Math.round(rows / (ms / 1000)) };
  log(`${table}: ${rows} rows in ${(ms / 1000).toFixed(1)} s (${copies[table]!.rowsPerSecond}/s)`);
}
for (const table of tables) {
  const { rows } = await pool.query(
    `SELECT pg_get_serial_sequence($1, 'id') AS s FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $2 AND column_name = 'id'`,
    [`"${table}"`, table],
  );
  if (rows[0]?.s) await pool.query(`SELECT setval($1, GREATEST((SELECT MAX("id") FROM "${table}"), 1))`, [rows[0].s]);
}
const [, analyzeMs] = await timed(() => pool.query('ANALYZE'));
const size = async (sql: string) => Number((await pool.query(sql)).rows[0].b) / 2 ** 20;
const eventsMB = await size(
  `SELECT SUM(pg_total_relation_size(relid)) AS b FROM pg_partition_tree('"Event"') WHERE isleaf`,
);
const keysMB = await size(`SELECT pg_total_relation_size('"EventKey"') AS b`);
const partitions = await pool.query<{ name: string; n: string }>(
  `SELECT relid::regclass::text AS name, (SELECT reltuples FROM pg_class WHERE oid = relid)::bigint AS n
   FROM pg_partition_tree('"Event"') WHERE isleaf ORDER BY 1`,
);
log(`events ${Math.round(eventsMB)} MB in ${partitions.rows.length} partitions, keys ${Math.round(keysMB)} MB`);

// ── segment counts: compiled SQL on PostgreSQL vs the same on SQLite, same rows ─────────────────────────────────────
const pgDb = { kind: 'postgresql' as const, pool };
const unpruned = new pg.Pool({ connectionString: url, max: 2, options: '-c jit=off -c enable_partition_pruning=off' });
const pgUnpruned = { kind: 'postgresql' as const, pool: unpruned };
const liteDb = { kind: 'sqlite' as const, conn: sqlite };
const opts = { now: NOW };
for (const c of CASES) {
  const [a, b, s] = [
    await countSegment(pgDb, c.definition, opts),
    await countSegment(pgUnpruned, c.definition, opts),
    await countSegment(liteDb, c.definition, opts),
  ];
  if (JSON.stringify(a) !== JSON.stringify(s) || JSON.stringify(a) !== JSON.stringify(b))
    throw new Error(
      `${c.name}: counts differ: PostgreSQL ${JSON.stringify(a)} unpruned ${JSON.stringify(b)} SQLite ${JSON.stringify(s)}`,
    );
  log(`${c.name}: ${a.total} (email ${a.reachable.email}), same on SQLite`);
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((x, y) => x - y);
  return +s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!.toFixed(1);
};
const summary = (xs: number[]) => ({ p50: pct(xs, 50), p95: pct(xs, 95), max: pct(xs, 100), samples: xs.length });
const ROUNDS = 3;
const samples = { partitioned: [] as number[], unpruned: [] as number[], sqlite: [] as number[] };
const perCase = CASES.map((c) => ({
  name: c.name,
  partitioned: [] as number[],
  unpruned: [] as number[],
  sqlite: [] as number[],
}));
for (let round = 0; round < ROUNDS; round++) {
  for (const [k, c] of CASES.entries()) {
    for (const [key, db] of [
      ['partitioned', pgDb],
      ['unpruned', pgUnpruned],
      ['sqlite', liteDb],
    ] as const) {
      const [, ms] = await timed(() => countSegment(db, c.definition, opts));
      samples[key].push(ms);
      perCase[k]![key].push(ms);
    }
  }
  log(`counts round ${round + 1}/${ROUNDS} (load ${os.loadavg()[0]!.toFixed(1)})`);
}
await unpruned.end();
sqlite.close();

// ── the full portrait recompute on PostgreSQL ─────────────────────────────────────────────────────────────────────
const { recomputePortraits } = await import('../lib/services/portraits/recompute');
const { closeConnections } = await import('../lib/db/connections');
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
const cpu0 = process.cpuUsage();
const [portraits, portraitMs] = await timed(() => recomputePortraits({ asOf: NOW }));
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
log(`portraits: ${portraits.customers} customers in ${(portraitMs / 1000).toFixed(1)} s`);
await closeConnections();
await pool.end();

const ratio = (a: number, b: number) => +(a / b).toFixed(2);
const result = {
  benchmark: 'events at scale on PostgreSQL: monthly partitions, segment counts (compiled SQL), portrait recompute',
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    node: process.version,
    postgres: execFileSync('psql', ['--version'], { encoding: 'utf8' }).trim(),
    loadAvg: os.loadavg().map((x) => +x.toFixed(2)),
  },
  shop: generation,
  partitions: {
    created: partitionReport.created.length,
    ms: Math.round(partitionMs),
    rows: partitions.rows.map((r) => ({ name: r.name, estimatedRows: Number(r.n) })),
  },
  load: {
    tables: copies,
    eventsPerSecond: copies.Event!.rowsPerSecond,
    analyzeSeconds: +(analyzeMs / 1000).toFixed(1),
    eventsTableMB: Math.round(eventsMB),
    eventKeyMB: Math.round(keysMB),
    note: 'psql COPY into the partitioned "Event", the EventKey trigger and all five indexes live (no index dropped for the load)',
  },
  segmentCounts: {
    definitions: CASES.length,
    rounds: ROUNDS,
    partitionedMs: summary(samples.partitioned),
    baselineUnprunedMs: summary(samples.unpruned),
    baselineSqliteMs: summary(samples.sqlite),
    medianRatioUnprunedToPartitioned: ratio(pct(samples.unpruned, 50), pct(samples.partitioned, 50)),
    medianRatioSqliteToPartitioned: ratio(pct(samples.sqlite, 50), pct(samples.partitioned, 50)),
    perCase: perCase.map((c) => ({
      name: c.name,
      partitionedP50: pct(c.partitioned, 50),
      unprunedP50: pct(c.unpruned, 50),
      sqliteP50: pct(c.sqlite, 50),
    })),
    note: 'every count equal on the three paths (checked before timing); unpruned = the same PostgreSQL queries with enable_partition_pruning off; JIT off on both PostgreSQL pools, as in the app (lib/db/raw.ts)',
  },
  portraits: {
    customers: portraits.customers,
    wallSeconds: +(portraitMs / 1000).toFixed(1),
    cpuSeconds: +cpuSeconds.toFixed(1),
    secondsPer1MCustomers: +((portraitMs / 1000) * (1e6 / portraits.customers)).toFixed(1),
    customersPerCpuSecond: Math.round(portraits.customers / cpuSeconds),
    stagesMs: portraits.timings,
    peakRssMB: Math.round(peakRss / 2 ** 20),
    note: 'the benchmark process only (the PostgreSQL server works in its own processes besides)',
  },
};
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/events-pg.json'), `${JSON.stringify(result, null, 2)}\n`);
log('→ bench/results/events-pg.json');
