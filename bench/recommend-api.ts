// npx tsx bench/recommend-api.ts [--seconds 10] [--connections 50] [--rate 200] [--build] [--events-seconds 600]
// Load test of the recommendation API on loopback: a fresh SQLite database with the generated demo shop (5,000
// customers, 1,000 products, ~200k events) imported through the import pipeline, a hybrid model trained and served,
// then the production server (`next start`, built with `next build` when missing or with --build) on a free port,
// hit with 50 connections (bench/recommend-api-load.ts): precomputed lists, lists computed live (customers with events
// newer than the model), cold-start customers and similar items; each saturated (as fast as the server answers), paced
// (a fixed rate below saturation, evenly spaced, open loop, lib/testing/paced-load.ts) and sequential (one connection:
// the service time over HTTP). Next's own health route and a bare Node HTTP server returning the same bytes are
// measured in the same run, for ratios; the use-cases' time without HTTP comes from the prepare step. Then the
// storefront server (scripts/storefront.ts, its processes probed by bench/storefront-probe.ts for event-loop delay and
// GC) answers the same scenarios in the same run, and takes events at 1,000/s for --events-seconds (default 600) —
// every accepted event must be stored exactly once. Writes bench/results/recommend-api.json.
import { freePort } from '../lib/testing/free-port';
import { ensureNextBuild } from './next-build';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { measure, type Scenario } from './recommend-api-load';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    rate: { type: 'string', default: '200' },
    build: { type: 'boolean', default: false },
    'events-seconds': { type: 'string', default: '600' },
  },
});
const EVENTS_SECONDS = Number(values['events-seconds']);
const SECONDS = Number(values.seconds),
  CONNECTIONS = Number(values.connections),
  RATE = Number(values.rate);
const root = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-rec-api-bench-'));
const demo = path.join(root, 'bench/tmp/recommend-api-demo');
const env = {
  ...process.env,
  DATABASE_URL: `file:${path.join(tmp, 'bench.db')}`,
  PRECISA_DATA_DIR: path.join(tmp, 'data'),
  NEXTAUTH_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef',
  PRECISA_PEPPER: 'bench-pepper-0123456789abcdef0123456789abcdef',
  PRECISA_ADMIN_EMAIL: 'bench@precisa.local',
  PRECISA_ADMIN_PASSWORD: 'bench-password-123',
  NEXT_TELEMETRY_DISABLED: '1',
};
const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const c of children) c.kill('SIGTERM');
});

function run(args: string[], label: string) {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${label} failed (${r.status})`);
  return performance.now() - t;
}

async function waitFor(url: string, ms = 120_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

const loadAverageAtStart = os.loadavg().map((x) => Math.round(x * 10) / 10);
console.log(`bench dir ${tmp}`);
run(['--experimental-wasm-modules', '--no-warnings', '--import', 'tsx', 'scripts/bootstrap.ts'], 'bootstrap');
const prepFile = path.join(tmp, 'prepared.json');
const prepareMs = run(
  ['--conditions=react-server', '--import', 'tsx', 'bench/recommend-api-prepare.ts', '--demo', demo, '--out', prepFile],
  'prepare',
);
const prep = JSON.parse(fs.readFileSync(prepFile, 'utf8')) as {
  inProcess: Record<string, unknown>;
  key: string;
  counts: Record<string, number>;
  seededMs: number;
  trainedMs: number;
  model: {
    id: number;
    model: string;
    version: number;
    metrics: Record<string, number>;
    params: { components: unknown };
  };
  precomputed: string[];
  live: string[];
  skus: string[];
};

ensureNextBuild(root, env, values.build);

const port = await freePort();
const server = spawn(
  process.execPath,
  ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
  { cwd: root, env: { ...env, NEXTAUTH_URL: `http://127.0.0.1:${port}` }, stdio: ['ignore', 'ignore', 'inherit'] },
);
children.push(server);
const base = `http://127.0.0.1:${port}`;
await waitFor(`${base}/api/health`);

const q = (customer: string) => `/api/v1/recommendations?customer=${encodeURIComponent(customer)}&k=10`;
const scenarios: Scenario[] = [
  { name: 'precomputed', paths: prep.precomputed.map(q), auth: true },
  { name: 'live-hybrid', paths: prep.live.map(q), auth: true },
  { name: 'cold-start', paths: Array.from({ length: 500 }, (_, i) => q(`visitor-${i}`)), auth: true },
  {
    name: 'similar-items',
    paths: prep.skus.map((s) => `/api/v1/products/${encodeURIComponent(s)}/similar?k=10`),
    auth: true,
  },
];

// warm up: load the model, compile routes, let the poll mark the live customers; check every scenario answers
const sources: Record<string, Record<string, number>> = {};
for (const s of scenarios) {
  sources[s.name] = {};
  for (let i = 0; i < 300; i++) {
    const res = await fetch(`${base}${s.paths[i % s.paths.length]}`, {
      headers: { authorization: `Bearer ${prep.key}` },
    });
    if (!res.ok) throw new Error(`${s.name}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { source?: string };
    if (i === 0) await new Promise((r) => setTimeout(r, 1500));
    sources[s.name]![body.source ?? 'similar']! = (sources[s.name]![body.source ?? 'similar'] ?? 0) + 1;
  }
}
const sample = await (
  await fetch(`${base}${scenarios[1]!.paths[0]}`, { headers: { authorization: `Bearer ${prep.key}` } })
).text();

// the same bytes from a bare Node server (its own process), same client, same machine
const barePort = await freePort();
const bareBody = path.join(tmp, 'bare.json');
fs.writeFileSync(bareBody, sample);
const bare = spawn(
  process.execPath,
  [
    '-e',
    `const b=require('fs').readFileSync(${JSON.stringify(bareBody)});require('http').createServer((q,s)=>{s.writeHead(200,{'content-type':'application/json'});s.end(b)}).listen(${barePort},'127.0.0.1')`,
  ],
  { stdio: 'inherit' },
);
children.push(bare);
await waitFor(`http://127.0.0.1:${barePort}/`);
const bareScenario: Scenario = { name: 'bare-node', paths: ['/'], auth: false };
// the framework's own cost on this machine: Next's health route (one Prisma query), same server
const healthScenario: Scenario = { name: 'next-health', paths: ['/api/health'], auth: false };

const loads = { seconds: SECONDS, connections: CONNECTIONS, rate: RATE, key: prep.key };
const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
for (const s of [...scenarios, healthScenario, bareScenario])
  results[s.name] = await measure(s === bareScenario ? `http://127.0.0.1:${barePort}` : base, s, loads);
server.kill('SIGTERM');
bare.kill('SIGTERM');

// The storefront server (scripts/storefront.ts: node:http, one process per core, same use-cases) on the same
// database, the same scenarios, measured in this run beside the Next routes above.
// Answers are reused for STOREFRONT_CACHE_MS, a known customer's live answer for STOREFRONT_LIVE_ANSWER_MS while
// nothing of theirs changed (scripts/storefront.ts); the live scenario is measured again below with that reuse off.
const sfCache = {
  cacheMs: Number(process.env.STOREFRONT_CACHE_MS ?? 1_000),
  liveAnswerMs: Number(process.env.STOREFRONT_LIVE_ANSWER_MS ?? 30_000),
};
async function startStorefront(liveAnswerMs: number, warm: Scenario[]) {
  const sfPort = await freePort();
  const probeDir = fs.mkdtempSync(path.join(tmp, 'probe-'));
  const args = ['--conditions=react-server', '--import', 'tsx', '--import', './bench/storefront-probe.ts'];
  const child = spawn(process.execPath, [...args, 'scripts/storefront.ts'], {
    cwd: root,
    env: {
      ...env,
      STOREFRONT_PROBE_DIR: probeDir,
      STOREFRONT_PORT: String(sfPort),
      STOREFRONT_CACHE_MS: String(sfCache.cacheMs),
      STOREFRONT_LIVE_ANSWER_MS: String(liveAnswerMs),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  const sfBase = `http://127.0.0.1:${sfPort}`;
  await waitFor(`${sfBase}/api/health`);
  // 300 requests a scenario over 8 connections at once (fetch opens one per request in flight), so that every process
  // of the cluster has loaded the model before the timed runs, not only the one a single connection reaches
  const get = async (s: Scenario, i: number) => {
    const res = await fetch(`${sfBase}${s.paths[i % s.paths.length]}`, {
      headers: { authorization: `Bearer ${prep.key}` },
    });
    if (!res.ok) throw new Error(`storefront ${s.name}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  for (const s of warm) {
    await Promise.all(Array.from({ length: 8 }, (_, lane) => get(s, lane)));
    await new Promise((r) => setTimeout(r, 1500));
    for (let i = 8; i < 300; i += 8) await Promise.all(Array.from({ length: 8 }, (_, lane) => get(s, i + lane)));
  }
  return { child, sfBase, probeDir };
}
/** Stops a storefront server and waits for it to end (requests in flight finish before the database goes away). */
const stop = (child: ChildProcess) =>
  new Promise((r) => {
    child.once('exit', r);
    child.kill('SIGTERM');
  });
const { child: storefront, sfBase, probeDir } = await startStorefront(sfCache.liveAnswerMs, scenarios);
for (const s of scenarios)
  results[`storefront ${s.name}`] = await measure(sfBase, s, loads, `storefront ${s.name}`, probeDir);
// the live scenario with live answers held only STOREFRONT_CACHE_MS (as before STOREFRONT_LIVE_ANSWER_MS): the cost
// of computing them, beside the reuse measured above
{
  const short = await startStorefront(0, [scenarios[1]!]);
  const name = 'storefront live-hybrid, no live reuse';
  results[name] = await measure(short.sfBase, scenarios[1]!, loads, name, short.probeDir);
  await stop(short.child);
}
const events = await eventsLoad(sfBase);
await stop(storefront);

/**
 * Events at 1,000/s (100 requests/s of 10 new events each) for EVENTS_SECONDS; then every accepted one stored once.
 * A batch still in flight when autocannon stops is sent but never counted as accepted, though the server may store
 * it: so stored lies between accepted and sent (every event id is new and unique in the database, so none twice).
 */
async function eventsLoad(target: string) {
  const storedBefore = countApiEvents();
  let n = 0;
  const t = new Date().toISOString();
  const result = await autocannon({
    url: target,
    connections: 10,
    duration: EVENTS_SECONDS,
    overallRate: 100,
    headers: { authorization: `Bearer ${prep.key}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const first = n;
          n += 10;
          const batch = Array.from({ length: 10 }, (_, j) => ({
            event_id: `bench-load-${first + j}`,
            customer_id: prep.precomputed[(first + j) % prep.precomputed.length],
            event_type: 'view',
            timestamp: t,
            sku: prep.skus[(first + j) % prep.skus.length],
          }));
          return { ...req, path: '/api/v1/events', body: JSON.stringify({ events: batch }) };
        },
      },
    ],
  });
  const ok = result['2xx'];
  const stored = countApiEvents() - storedBefore;
  return {
    seconds: EVENTS_SECONDS,
    requests: result.requests.total,
    sentEvents: n,
    acceptedEvents: ok * 10,
    storedEvents: stored,
    eventsPerSec: Math.round((ok * 10) / EVENTS_SECONDS),
    errors: result.errors + result.timeouts + result.non2xx,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
  };
}

function countApiEvents() {
  const db = env.DATABASE_URL.replace(/^file:/, '');
  const out = spawnSync('sqlite3', [db, `SELECT count(*) FROM "Event" WHERE "dedupKey" LIKE 'bench-load-%'`], {
    encoding: 'utf8',
  });
  return Number(out.stdout.trim());
}

const p99 = (name: string, mode: 'saturated' | 'paced' | 'sequential') => results[name]![mode].latencyMs.p99;
const clean = Object.values(results).every((r) =>
  [r.saturated, r.paced, r.sequential].every((x) => x.errors + x.non2xx + x.timeouts === 0),
);
const out = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? '',
    node: process.version,
    memGB: Math.round(os.totalmem() / 2 ** 30),
  },
  setup: {
    note: "server (next start, one Node process), the load client and the bare server share the machine's cores on loopback; saturated = 50 connections as fast as answered (autocannon; latency is mostly queueing: ≈ connections / throughput); paced = an open-loop load (lib/testing/paced-load.ts): the rate's requests evenly spaced (one every 1000 / rate ms) over the same 50 keep-alive connections in turn, each sent when due whether or not earlier ones were answered, latency from its scheduled send time (no coordinated omission; lateMs = how late the client's timer sent them, already inside latencyMs); sequential = 1 connection (autocannon; service time over HTTP)",
    loadAverageAtStart,
    loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 10) / 10),
    connections: CONNECTIONS,
    secondsPerRun: SECONDS,
    pacedRate: RATE,
    shop: prep.counts,
    importMs: prep.seededMs,
    trainMs: prep.trainedMs,
    prepareMs: Math.round(prepareMs),
    model: {
      run: prep.model.id,
      name: prep.model.model,
      components: prep.model.params.components,
      ndcgAt10: prep.model.metrics['ndcg@10'],
    },
    responseBytes: Buffer.byteLength(sample),
    storefrontCache: sfCache,
    warmupSources: sources,
  },
  inProcessServiceMs: prep.inProcess,
  scenarios: results,
  ratios: Object.fromEntries(
    scenarios.map((s) => [
      s.name,
      {
        rpsVsNextHealth:
          Math.round((results[s.name]!.saturated.rps / results['next-health']!.saturated.rps) * 100) / 100,
        p99SaturatedVsNextHealth:
          Math.round((p99(s.name, 'saturated') / Math.max(1, p99('next-health', 'saturated'))) * 100) / 100,
        rpsVsBareNode: Math.round((results[s.name]!.saturated.rps / results['bare-node']!.saturated.rps) * 1000) / 1000,
      },
    ]),
  ),
  storefront: {
    rpsVsNextRoute: Object.fromEntries(
      scenarios.map((s) => [
        s.name,
        Math.round((results[`storefront ${s.name}`]!.saturated.rps / results[s.name]!.saturated.rps) * 10) / 10,
      ]),
    ),
    liveHybridNoLiveReuse:
      Math.round(
        (results['storefront live-hybrid, no live reuse']!.saturated.rps / results['live-hybrid']!.saturated.rps) * 10,
      ) / 10,
    events,
    pacedP99VsBareNode: Object.fromEntries(
      scenarios.map((s) => [
        s.name,
        Math.round((p99(`storefront ${s.name}`, 'paced') / Math.max(1, p99('bare-node', 'paced'))) * 10) / 10,
      ]),
    ),
  },
  targets: {
    'storefront ≥ 10× the Next route (precomputed, live hybrid)': ['precomputed', 'live-hybrid'].every(
      (n) => results[`storefront ${n}`]!.saturated.rps >= 10 * results[n]!.saturated.rps,
    ),
    'storefront p99 ≤ 10 ms at the paced rate': scenarios.every((s) => p99(`storefront ${s.name}`, 'paced') <= 10),
    'events: 0 errors, every accepted event stored once':
      events.errors === 0 && events.storedEvents >= events.acceptedEvents && events.storedEvents <= events.sentEvents,
    'precomputed p99 ≤ 5 ms': {
      saturated: p99('precomputed', 'saturated') <= 5,
      paced: p99('precomputed', 'paced') <= 5,
      sequential: p99('precomputed', 'sequential') <= 5,
    },
    'live hybrid p99 ≤ 20 ms': {
      saturated: p99('live-hybrid', 'saturated') <= 20,
      paced: p99('live-hybrid', 'paced') <= 20,
      sequential: p99('live-hybrid', 'sequential') <= 20,
    },
    'zero errors': clean,
  },
};
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/recommend-api.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(JSON.stringify(out.targets));
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(0);
