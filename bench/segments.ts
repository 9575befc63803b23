// npx tsx bench/segments.ts [--size 100k|1m|both] [--reuse]
// Live segment counts on generated shops: the columnar index vs the compiled SQL (on SQLite, and translated for DuckDB,
// a columnar engine, over a copy of the same rows) vs hand-written SQL for the same counts, measured in the same run,
// plus index build time, memory and freshness. Writes bench/results/segments.json.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqlite } from '../lib/db/raw';
import type { RawDb } from '../lib/db/raw';
import { SegmentIndexStore } from '../lib/db/segments/index-store';
import { countSegment, type SegmentCount } from '../lib/db/segments/queries';
import { execute, queryAll } from '../lib/db/segments/runner';
import { shopTimeZone } from '../lib/db/segments/shop-zone';
import { and, CASES, NOW } from './segments-cases';
import { duckCount, duckMemoryMB, loadDuckShop } from './segments-duckdb';
import { generateShop } from './segments-data';

const DAY = 86_400_000;
const SIZES = {
  '100k': { customers: 100_000, events: 5_000_000 },
  '1m': { customers: 1_000_000, events: 20_000_000 },
} as const;
const arg = (name: string) => process.argv.find((_a, k) => process.argv[k - 1] === name);
const sizes =
  (arg('--size') ?? '100k') === 'both' ? (['100k', '1m'] as const) : [(arg('--size') ?? '100k') as keyof typeof SIZES];
const reuse = process.argv.includes('--reuse');

const handSql = (where: string) =>
  `SELECT COUNT(*) AS total, SUM(c."consentEmail" = 1 AND c."email" IS NOT NULL AND c."email" <> '') AS email, SUM(c."consentSms" = 1 AND c."phone" IS NOT NULL AND c."phone" <> '') AS sms, SUM(c."consentPush" = 1) AS push FROM "Customer" c WHERE c."erasedAt" IS NULL AND ${where}`;

async function handCount(db: RawDb, where: string): Promise<SegmentCount> {
  const [r] = await queryAll<Record<string, number>>(db, handSql(where));
  return {
    total: Number(r!.total),
    reachable: { email: Number(r!.email ?? 0), sms: Number(r!.sms ?? 0), push: Number(r!.push ?? 0) },
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const stats = (xs: number[]) => ({
  p50: +pct(xs, 50).toFixed(2),
  p95: +pct(xs, 95).toFixed(2),
  max: +Math.max(...xs).toFixed(2),
  samples: xs.length,
});
/**
 * Wall-clock and CPU milliseconds of one call. CPU is the whole process's: SQLite runs in this thread, DuckDB in its
 * own worker threads as well, so a parallel DuckDB query can use more CPU than wall time.
 */
type Sample = { wall: number; cpu: number };
const both = (xs: Sample[]) => ({ wallMs: stats(xs.map((x) => x.wall)), cpuMs: stats(xs.map((x) => x.cpu)) });
const sample = async (f: () => Promise<unknown>): Promise<Sample> => {
  const c = process.cpuUsage();
  const a = performance.now();
  await f();
  const wall = performance.now() - a;
  const u = process.cpuUsage(c);
  return { wall, cpu: (u.user + u.system) / 1000 };
};
const mb = (b: number) => Math.round(b / 1048576);
const timed = async <T>(f: () => Promise<T> | T): Promise<[T, number]> => {
  const a = performance.now();
  const r = await f();
  return [r, performance.now() - a];
};

async function runSize(size: keyof typeof SIZES) {
  const spec = SIZES[size];
  const file = path.resolve(import.meta.dirname, `tmp/segments-${size}.db`);
  const marker = `${file}.json`;
  let generation: unknown = null;
  if (!reuse || !fs.existsSync(marker) || JSON.parse(fs.readFileSync(marker, 'utf8')).events === undefined) {
    console.log(`[${size}] generating ${spec.customers} customers / ${spec.events} events …`);
    generation = generateShop(file, { ...spec, now: NOW }, (s) => console.log(`[${size}]   ${s}`));
    fs.writeFileSync(marker, JSON.stringify(generation));
  } else generation = { reused: JSON.parse(fs.readFileSync(marker, 'utf8')) };
  console.log(`[${size}] generation`, generation);

  const db: RawDb = { kind: 'sqlite', conn: openSqlite(`file:${file}`) };
  const before = process.memoryUsage();
  // Live-count settings as in the app, except that the background slow refresh is measured separately below
  // (without updatedAt indexes it scans whole tables, which would land inside the timed counts).
  const store = new SegmentIndexStore(db, { maxStalenessMs: 250, slowRefreshMs: 24 * 3600_000 });
  const [, buildMs] = await timed(() => store.load());
  global.gc?.();
  const after = process.memoryUsage();
  // A 1 GB page cache for the SQL paths, set after the build so the RSS above is the index's.
  db.conn.pragma('cache_size = -1000000');
  console.log(
    `[${size}] index built in ${(buildMs / 1000).toFixed(1)} s, ${store.status.events} events, typed arrays ${mb(store.status.bytes)} MB, RSS ${mb(after.rss)} MB`,
  );
  // DuckDB loads after the index's memory is read, so its copy is not counted there.
  const duck = await loadDuckShop(db.conn);
  console.log(`[${size}] DuckDB`, duck.load);
  const duckOptions = { now: NOW, timeZone: await shopTimeZone(db) };

  // Same counts from all three paths, or the comparison is meaningless.
  for (const c of CASES) {
    const [viaIndex, viaSql, viaHand, viaDuck] = [
      await store.count(c.definition, { now: NOW }),
      await countSegment(db, c.definition, { now: NOW }),
      await handCount(db, c.where),
      await duckCount(duck.shop, db, c.definition, duckOptions),
    ];
    if (
      viaIndex.source !== 'index' ||
      JSON.stringify([viaIndex.total, viaIndex.reachable]) !== JSON.stringify([viaSql.total, viaSql.reachable]) ||
      JSON.stringify(viaSql) !== JSON.stringify(viaHand) ||
      JSON.stringify(viaSql) !== JSON.stringify(viaDuck)
    )
      throw new Error(
        `${c.name}: counts differ: index ${JSON.stringify(viaIndex)} sql ${JSON.stringify(viaSql)} hand ${JSON.stringify(viaHand)} duckdb ${JSON.stringify(viaDuck)}`,
      );
    console.log(`[${size}] ${c.name}: ${viaSql.total} (email ${viaSql.reachable.email})`);
  }

  const paths = () => ({
    index: [] as Sample[],
    compiled: [] as Sample[],
    hand: [] as Sample[],
    duckdb: [] as Sample[],
  });
  const samples = paths();
  const perCase = CASES.map(paths);
  const rounds = size === '1m' ? 3 : 5;
  for (let round = 0; round < rounds; round++) {
    for (const [k, c] of CASES.entries()) {
      for (let i = 0; i < 4; i++) perCase[k]!.index.push(await sample(() => store.count(c.definition, { now: NOW })));
      perCase[k]!.compiled.push(await sample(() => countSegment(db, c.definition, { now: NOW })));
      perCase[k]!.hand.push(await sample(() => handCount(db, c.where)));
      perCase[k]!.duckdb.push(await sample(() => duckCount(duck.shop, db, c.definition, duckOptions)));
    }
    console.log(`[${size}] round ${round + 1}/${rounds} (load ${os.loadavg()[0]!.toFixed(1)})`);
  }
  for (const p of perCase)
    for (const key of ['index', 'compiled', 'hand', 'duckdb'] as const) samples[key].push(...p[key]);
  const duckMemoryAfterMB = await duckMemoryMB(duck.shop);
  duck.shop.close();

  // Freshness: a search event "accepted by the API" (inserted) for a customer outside the segment.
  const searchers = and({ type: 'behaviour', op: 'did', event: 'search', window: { type: 'last_days', days: 1 } });
  const baseline = (await store.count(searchers)).total;
  const [outside] = await queryAll<{ id: number }>(
    db,
    `SELECT c."id" FROM "Customer" c WHERE c."erasedAt" IS NULL AND NOT EXISTS (SELECT 1 FROM "Event" e WHERE e."customerId" = c."id" AND e."type" = 'search' AND e."ts" >= ?) LIMIT 1`,
    [Date.now() - 2 * DAY],
  );
  const [{ id: maxId }] = (await queryAll<{ id: number }>(db, `SELECT MAX("id") AS id FROM "Event"`)) as [
    { id: number },
  ];
  await execute(
    db,
    `INSERT INTO "Event" ("id", "dedupKey", "customerId", "type", "ts", "source") VALUES (?, ?, ?, 'search', ?, 'api')`,
    [maxId + 1, `fresh-${Date.now()}`, outside!.id, Date.now()],
  );
  const accepted = performance.now();
  let seenAfter = -1;
  for (let k = 0; k < 200; k++) {
    if ((await store.count(searchers)).total === baseline + 1) {
      seenAfter = performance.now() - accepted;
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await execute(db, `DELETE FROM "Event" WHERE "id" > ?`, [maxId]);
  const [slow, slowMs] = await timed(() => store.refresh({ slow: true }));
  // The same slow refresh with the updatedAt indexes asked of the lead (created on this scratch copy, then dropped).
  const asked = [
    ['Customer', 'updatedAt'],
    ['CustomerProfile', 'updatedAt'],
    ['CustomerTag', 'updatedAt'],
    ['Product', 'updatedAt'],
  ];
  for (const [table, column] of asked)
    db.conn.exec(`CREATE INDEX "bench_${table}_${column}" ON "${table}"("${column}")`);
  db.conn.exec('ANALYZE');
  const [, slowIndexedMs] = await timed(() => store.refresh({ slow: true }));
  for (const [table, column] of asked) db.conn.exec(`DROP INDEX "bench_${table}_${column}"`);

  return {
    size,
    shop: generation,
    build: {
      seconds: +(buildMs / 1000).toFixed(2),
      customers: store.status.customers,
      eventsIndexed: store.status.events,
      typedArraysMB: mb(store.status.bytes),
      rssMB: mb(after.rss),
      heapUsedMB: mb(after.heapUsed),
      arrayBuffersMB: mb(after.arrayBuffers),
      rssBeforeMB: mb(before.rss),
    },
    duckdb: { ...duck.load, memoryAfterCountsMB: duckMemoryAfterMB },
    overall: {
      index: both(samples.index),
      compiledSql: both(samples.compiled),
      duckdb: both(samples.duckdb),
      handWrittenSql: both(samples.hand),
    },
    definitions: CASES.map((c, k) => ({
      name: c.name,
      definition: c.definition,
      handWrittenWhere: c.where.replace(/\s+/g, ' '),
      index: both(perCase[k]!.index),
      compiledSql: both(perCase[k]!.compiled),
      duckdb: both(perCase[k]!.duckdb),
      handWrittenSql: both(perCase[k]!.hand),
    })),
    freshness: {
      eventVisibleAfterMs: +seenAfter.toFixed(1),
      maxStalenessMs: 250,
      slowRefreshMs: +slowMs.toFixed(1),
      slowRefreshWithUpdatedAtIndexesMs: +slowIndexedMs.toFixed(1),
      slowRefreshRows: slow,
    },
  };
}

if (sizes.length > 1) {
  // One process per shop, so each RSS figure is that index's alone.
  for (const size of sizes)
    execFileSync(
      process.execPath,
      [...process.execArgv, process.argv[1]!, '--size', size, ...(reuse ? ['--reuse'] : [])],
      { stdio: 'inherit' },
    );
  process.exit(0);
}
const results = [];
const load = os.loadavg();
for (const size of sizes) results.push(await runSize(size));
const out = path.resolve(import.meta.dirname, 'results/segments.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
const previous = fs.existsSync(out)
  ? (JSON.parse(fs.readFileSync(out, 'utf8')) as { runs?: Record<string, unknown> })
  : {};
const runs = {
  ...(previous.runs ?? {}),
  ...Object.fromEntries(
    results.map((r) => [
      r.size,
      { ...r, at: new Date().toISOString(), loadAverage: { start: load, end: os.loadavg() } },
    ]),
  ),
};
fs.writeFileSync(
  out,
  JSON.stringify(
    {
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model,
        node: process.version,
        memGB: Math.round(os.totalmem() / 2 ** 30),
      },
      sqlite:
        'better-sqlite3, WAL, ANALYZE after load; the index path includes its staleness check (fast refresh when older than 250 ms)',
      runs,
    },
    null,
    2,
  ),
);
for (const r of results) console.log(`[${r.size}] overall`, r.overall, 'build', r.build, 'freshness', r.freshness);
