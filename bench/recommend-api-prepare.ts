// Prepares the recommendation API benchmark's database (run by bench/recommend-api.ts with DATABASE_URL and
// PRECISA_DATA_DIR set, under --conditions=react-server): imports the demo shop, trains and serves a hybrid
// (item-kNN + user-kNN + content + trending, weights fitted on validation), issues an API key, then gives 2,000 trained
// customers one new event each so the serving process computes their lists live; writes what the load test needs.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createClient } from '../lib/db/create-client';
import { createRun, attachJob, runsOfJob } from '../lib/db/recommendations/runs';
import { generateApiKey, hashApiKey } from '../lib/security/api-keys';
import { recommendForCustomer, similarProducts } from '../lib/services/recommendations';
import { syncServing } from '../lib/services/recommendations/serving/state';
import { runTrainingJob } from '../lib/services/recommendations/train';
import { seedDemoShop } from './recommend-api-seed';
import { closeConnections } from '../lib/db/connections';

const { values } = parseArgs({
  options: { demo: { type: 'string' }, out: { type: 'string' }, models: { type: 'string' } },
});
const db = createClient();
const t0 = Date.now();
const counts = await seedDemoShop(db, { dir: values.demo! });
const seededMs = Date.now() - t0;

const options = {
  models: ['hybrid'],
  components: ['item-knn', 'user-knn', 'content', 'popularity'],
  split: 'temporal',
  testFraction: 0.2,
  k: 10,
  relevance: 'any',
  serve: true,
  seed: 42,
};
const run = await createRun(db, {
  model: 'hybrid',
  version: 1,
  params: { options },
  dataset: 'shop',
  protocol: 'temporal holdout',
});
await attachJob(db, [run.id], 'bench');
const t1 = Date.now();
const result = await runTrainingJob(await runsOfJob(db, 'bench'), {
  db,
  signal: new AbortController().signal,
  progress: () => undefined,
  modelsDir: `${process.env.PRECISA_DATA_DIR}/models`,
});
const trainedMs = Date.now() - t1;
if (result.runs[0]?.status !== 'completed') throw new Error(`training failed: ${JSON.stringify(result)}`);
const served = await db.recModelRun.findUniqueOrThrow({ where: { id: run.id } });

const admin = await db.user.findFirstOrThrow({ where: { role: 'admin' } });
const { key, prefix } = generateApiKey();
await db.apiKey.create({
  data: {
    name: 'bench',
    prefix,
    secretHash: hashApiKey(key, process.env.PRECISA_PEPPER!),
    scopes: 'recommendations:read events:write',
    createdById: admin.id,
  },
});

// customers the model knows (precomputed lists) and, disjoint, customers who get a new event after training (live)
const trained = await db.customer.findMany({
  where: { events: { some: { productId: { not: null } } } },
  select: { id: true, externalId: true },
  orderBy: { id: 'asc' },
});
const live = trained.filter((_, i) => i % 2 === 1).slice(0, 2000);
const precomputed = trained.filter((_, i) => i % 2 === 0).slice(0, 2000);
const products = await db.product.findMany({
  where: { active: true },
  select: { id: true, sku: true },
  take: 1000,
  orderBy: { id: 'asc' },
});
const now = Date.now();
await db.event.createMany({
  data: live.map((c, i) => ({
    dedupKey: `bench-live-${c.id}`,
    customerId: c.id,
    productId: products[(i * 7) % products.length]!.id,
    type: 'view',
    ts: new Date(now + i),
    source: 'api',
  })),
});

// service time without HTTP: the use-case as a route handler calls it (customer lookup, history, scoring, reasons)
const actor = { type: 'api_key' as const, keyId: 'bench', scopes: ['recommendations:read' as const] };
await recommendForCustomer(actor, { customer: precomputed[0]!.externalId });
await syncServing();
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const inProcess: Record<
  string,
  { calls: number; p50: number; p99: number; mean: number; sources: Record<string, number> }
> = {};
const cases: [string, (i: number) => Promise<{ source?: string }>][] = [
  [
    'precomputed',
    (i) => recommendForCustomer(actor, { customer: precomputed[i % precomputed.length]!.externalId, k: 10 }),
  ],
  ['live-hybrid', (i) => recommendForCustomer(actor, { customer: live[i % live.length]!.externalId, k: 10 })],
  ['cold-start', (i) => recommendForCustomer(actor, { customer: `visitor-${i}`, k: 10 })],
  [
    'similar-items',
    async (i) => ({
      source: 'similar',
      ...(await similarProducts(actor, { product: products[i % products.length]!.sku, k: 10 })),
    }),
  ],
];
for (const [name, call] of cases) {
  const times: number[] = [];
  const sources: Record<string, number> = {};
  for (let i = 0; i < 2000; i++) {
    const t = performance.now();
    const r = await call(i);
    times.push(performance.now() - t);
    sources[r.source ?? 'similar'] = (sources[r.source ?? 'similar'] ?? 0) + 1;
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  inProcess[name] = {
    calls: times.length,
    p50: round(percentile(times, 0.5)),
    p99: round(percentile(times, 0.99)),
    mean: round(times.reduce((a, b) => a + b, 0) / times.length),
    sources,
  };
}

fs.writeFileSync(
  values.out!,
  JSON.stringify({
    inProcess,
    key,
    counts,
    seededMs,
    trainedMs,
    model: {
      id: served.id,
      model: served.model,
      version: served.version,
      metrics: served.metrics,
      params: served.params,
    },
    precomputed: precomputed.map((c) => c.externalId),
    live: live.map((c) => c.externalId),
    skus: products.map((p) => p.sku),
  }),
);
await closeConnections();
await db.$disconnect();
