// npm run bench -- retail-e2e
// (directly: node --conditions=react-server --import tsx bench/retail-e2e.ts [--models all | --models popularity,ease])
// The UCI Online Retail log (../shared/datasets/online_retail_uci, 13 monthly gzip CSVs; PRECISA_DATASETS moves it)
// end to end through the product's own code paths, timed stage by stage:
//   1. import: a fresh scratch SQLite database; every month imported as `orders` with runImport (create missing
//      customers and products), in month order, as an upload would be — seconds, rows read / inserted / rejected;
//   2. train + evaluate: an admin starts a training of the models the app trains by default (DEFAULT_TRAINING_MODELS,
//      the training panel's ticked boxes; `--models all` for every kind, slow ones included) with startTraining, and
//      the real worker loop runs the `train-recommender` job — per-model seconds and the metrics the run stores
//      (NDCG@10 …), plus the stage total.
// Writes bench/results/retail-e2e.json (default models) or retail-e2e-<all|custom>.json. Without the dataset it prints "skipped: <reason>" and exits 0. The files are
// decompressed into a temp dir under os.tmpdir(), never into the repository.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { count, createImportJob, createScratchDatabase, dropScratchTemplate } from '../lib/testing/db/scratch';
import { datasetPath, datasetSkipReason, hasDataset } from '../lib/testing/datasets';
import { runImport } from '../lib/services/imports/run-import';

const DATASET = 'online_retail_uci';
const MONTHS = 13;
const { values } = parseArgs({ options: { models: { type: 'string' } } });

if (!hasDataset(DATASET)) {
  console.log(`skipped: ${datasetSkipReason(DATASET)}`);
  process.exit(0);
}
const files = fs
  .readdirSync(datasetPath(DATASET))
  .filter((f) => /^online_retail_\d{4}-\d{2}\.csv\.gz$/.test(f))
  .sort();
if (files.length !== MONTHS) {
  console.log(
    `skipped: expected ${MONTHS} monthly files online_retail_YYYY-MM.csv.gz in ${datasetPath(DATASET)}, found ${files.length}`,
  );
  process.exit(0);
}

const seconds = (ms: number) => +(ms / 1000).toFixed(2);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-retail-e2e-'));
const started = performance.now();

// ── setup: decompress, scratch database (migrated template), the app's environment pointed at it
let t = performance.now();
const csvFiles = files.map((f) => {
  const out = path.join(tmp, f.replace(/\.gz$/, ''));
  fs.writeFileSync(out, zlib.gunzipSync(fs.readFileSync(datasetPath(DATASET, f))));
  return out;
});
const gunzipMs = performance.now() - t;
t = performance.now();
const scratch = await createScratchDatabase('file:retail-e2e');
const scratchMs = performance.now() - t;
// the global client, the recommendation connection and env() read these at first use: set before importing them
process.env.DATABASE_URL = scratch.url;
process.env.PRECISA_DATA_DIR = path.join(tmp, 'data');
process.env.NEXTAUTH_SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
process.env.PRECISA_PEPPER = 'bench-pepper-0123456789abcdef0123456789abcdef';

// ── stage 1: import every month as orders
const imports: {
  file: string;
  seconds: number;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  status: string;
}[] = [];
const importStarted = performance.now();
for (const file of csvFiles) {
  t = performance.now();
  const id = await createImportJob(scratch.url, {
    kind: 'orders',
    filePath: file,
    options: { createMissingCustomers: true, createMissingProducts: true },
  });
  const s = await runImport(id, { url: scratch.url });
  const one = {
    file: path.basename(file),
    seconds: seconds(performance.now() - t),
    rowsRead: s.rowsRead,
    inserted: s.inserted,
    updated: s.updated,
    unchanged: s.unchanged,
    rejected: s.rejected,
    status: s.status,
  };
  imports.push(one);
  console.log(
    `import ${one.file}: ${one.seconds} s, ${one.rowsRead} rows, ${one.inserted} inserted, ${one.rejected} rejected`,
  );
  if (s.status !== 'completed') throw new Error(`import of ${one.file} ended ${s.status}: ${s.error ?? ''}`);
}
const importMs = performance.now() - importStarted;
const sum = (key: 'rowsRead' | 'inserted' | 'updated' | 'unchanged' | 'rejected') =>
  imports.reduce((a, r) => a + r[key], 0);
const tables = {
  customers: await count(scratch.url, 'Customer'),
  products: await count(scratch.url, 'Product'),
  orders: await count(scratch.url, 'Order'),
  orderLines: await count(scratch.url, 'OrderLine'),
};

// ── stage 2: train and evaluate every model through startTraining + the worker's train-recommender job
const { db } = await import('../lib/db/client');
const { closeConnections } = await import('../lib/db/connections');
const { JOB_HANDLERS } = await import('../lib/services/jobs/handlers');
const { runWorker } = await import('../lib/services/jobs/worker');
const { DEFAULT_TRAINING_MODELS, MODEL_KINDS } = await import('../lib/engine/recommendation/models/types');
const { startTraining, TRAIN_JOB } = await import('../lib/services/recommendations/runs');

const selection = !values.models ? 'default' : values.models === 'all' ? 'all' : 'custom';
const models =
  selection === 'default'
    ? [...DEFAULT_TRAINING_MODELS]
    : selection === 'all'
      ? [...MODEL_KINDS]
      : values.models!.split(',');
const user = await db.user.create({
  data: { email: 'bench-admin@retail-e2e.local', name: 'Bench admin', passwordHash: 'x', role: 'admin' },
});
const admin = {
  type: 'user' as const,
  userId: user.id,
  role: 'admin' as const,
  email: user.email,
  name: user.name,
  locale: 'en' as const,
};

// the stage notes the job reports ("item-knn: fitting for evaluation" …), with when they came
const STAGE =
  /^(\S+): (fitting for evaluation|fitting blend weights on validation|evaluating on the holdout|fitting on all data|precomputing lists)$/;
const marks: { at: number; model: string; stage: string }[] = [];
const trainStarted = performance.now();
const { jobId, runIds } = await startTraining(admin, { models });
const handler = JOB_HANDLERS[TRAIN_JOB]!;
const stop = new AbortController();
const worker = runWorker(
  db,
  {
    [TRAIN_JOB]: (ctx) =>
      handler({
        ...ctx,
        progress(fraction, note) {
          const m = note === 'done' ? ['done', '', 'done'] : note ? STAGE.exec(note) : null;
          if (m && marks.at(-1)?.stage !== m[2]) {
            marks.push({ at: performance.now(), model: m[1]!, stage: m[2]! });
            console.log(
              `  ${seconds(performance.now() - trainStarted)
                .toFixed(1)
                .padStart(7)} s  ${note}`,
            );
          }
          ctx.progress(fraction, note);
        },
      }),
  },
  { stop: stop.signal, pollMs: 100, log: (m) => console.log(`  [worker] ${m}`) },
);
let job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
while (['queued', 'running'].includes(job.state)) {
  await new Promise((r) => setTimeout(r, 500));
  job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
}
stop.abort();
await worker;
const trainEnd = performance.now();
const trainMs = trainEnd - trainStarted;

const runs = await db.recModelRun.findMany({ where: { id: { in: runIds } }, orderBy: { id: 'asc' } });
const firstMark = (model: string) => marks.find((m) => m.model === model && m.stage === 'fitting for evaluation')?.at;
const round4 = (x: unknown) => (typeof x === 'number' ? +x.toFixed(4) : x);
const perModel = runs.map((run, i) => {
  const from = firstMark(run.model);
  const next =
    runs
      .slice(i + 1)
      .map((r) => firstMark(r.model))
      .find((x) => x !== undefined) ??
    marks.find((m) => m.stage === 'done')?.at ??
    trainEnd;
  const params = (run.params ?? {}) as {
    evaluation?: Record<string, number>;
    data?: Record<string, unknown>;
    components?: { kind: string; weight: number }[];
    validationNdcg?: number;
    componentValidationNdcg?: Record<string, number>;
    artifactBytes?: number;
  };
  return {
    model: run.model,
    status: run.status,
    serving: run.isServing,
    // wall time of this run inside the job: fits for evaluation, evaluation, refit on all data, precompute, artifact
    seconds: from === undefined ? null : seconds(next - from),
    // what the run stores as trainingMs: evaluation fits + refit on all data (no scoring, precompute or artifact)
    storedTrainingSeconds: run.trainingMs === null ? null : seconds(run.trainingMs),
    metrics: Object.fromEntries(
      Object.entries((run.metrics ?? {}) as Record<string, unknown>).map(([k, v]) => [k, round4(v)]),
    ),
    evaluation: params.evaluation ?? null,
    ...(params.components && run.model === 'hybrid'
      ? { components: params.components.map((c) => ({ kind: c.kind, weight: c.weight })) }
      : {}),
    // what the page shows as the blend's reason: its validation NDCG@10 beside each component's
    ...(params.validationNdcg !== undefined
      ? { validation: { blend: params.validationNdcg, components: params.componentValidationNdcg ?? {} } }
      : {}),
    artifactBytes: params.artifactBytes ?? null,
    ...(run.error ? { error: run.error } : {}),
  };
});
const firstRun = marks[0]?.at ?? trainEnd;
const shop =
  ((runs.find((r) => r.status === 'completed')?.params ?? {}) as { data?: Record<string, unknown> }).data ?? null;
const protocol = runs.find((r) => r.status === 'completed')?.protocol ?? null;

await closeConnections();
await db.$disconnect();
await scratch.drop();
await dropScratchTemplate('file:retail-e2e');
fs.rmSync(tmp, { recursive: true, force: true });
const totalMs = performance.now() - started;

const cpus = os.cpus();
const result = {
  benchmark:
    'UCI Online Retail end to end: import 13 monthly CSVs as orders, then train + evaluate every recommendation model through the training job',
  generatedAt: new Date().toISOString(),
  machine: {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
  },
  dataset: {
    name: DATASET,
    files: files.length,
    gzipBytes: files.reduce((a, f) => a + fs.statSync(datasetPath(DATASET, f)).size, 0),
    rows: sum('rowsRead'),
    afterImport: tables,
    trainedOn: shop,
  },
  setup: { gunzipSeconds: seconds(gunzipMs), scratchDatabaseSeconds: seconds(scratchMs) },
  import: {
    seconds: seconds(importMs),
    rowsPerSec: Math.round(sum('rowsRead') / (importMs / 1000)),
    rowsRead: sum('rowsRead'),
    inserted: sum('inserted'),
    updated: sum('updated'),
    unchanged: sum('unchanged'),
    rejected: sum('rejected'),
    files: imports,
  },
  training: {
    seconds: seconds(trainMs),
    job: { state: job.state, ...(job.lastError ? { error: job.lastError } : {}) },
    selection,
    models,
    options:
      'startTraining defaults: temporal split (latest 20 % of interactions are the test set, 15 % of the rest validation), k 10, relevance any, seed 42',
    protocol,
    // reading the shop from the database, building the interactions, split and content model, before the first fit
    prepareSeconds: seconds(firstRun - trainStarted),
    runs: perModel,
  },
  totalSeconds: seconds(totalMs),
  notes: [
    'one process, in order: gunzip to a temp dir, scratch SQLite database copied from a migrated template, import, training; totalSeconds covers all of it',
    'import: runImport per file (kind orders, createMissingCustomers + createMissingProducts), as in lib/services/imports/datasets.integration.test.ts; rows without CustomerID and orders whose lines disagree are rejected with a reason',
    'training: one train-recommender job for the chosen models, created by startTraining (an admin actor) and run by the real worker loop (runWorker with the registered handler); the job reads the shop once and fits the models one after another',
    "runs[].seconds = wall time from the run's first stage note to the next run's (fits, holdout evaluation, refit on all data, top-50 precompute, artifact write); storedTrainingSeconds = the trainingMs the run records (fits only)",
    'the job caches fits by (model, data part): the hybrid reuses the fits of its components trained earlier in the same job, so its seconds are mostly blend-weight fitting and evaluation',
    "the hybrid's default components are item-kNN, user-kNN, content and popularity plus every other model the job trains (here EASE); its weights are fitted on the validation part (runs[].validation), EASE's fit on the tuning part reused from EASE's own λ search",
    'metrics are what the run stores (test split, full ranking, training items masked, customers with training history)',
  ],
};
const out = path.join(
  import.meta.dirname,
  'results',
  selection === 'default' ? 'retail-e2e.json' : `retail-e2e-${selection}.json`,
);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);

console.log(
  `\nimport: ${result.import.seconds} s for ${result.import.rowsRead} rows (${result.import.inserted} inserted, ${result.import.rejected} rejected), ${result.import.rowsPerSec} rows/s`,
);
console.log(
  `training: ${result.training.seconds} s (job ${job.state}; reading the shop ${result.training.prepareSeconds} s)`,
);
for (const r of perModel)
  console.log(
    `  ${r.model.padEnd(10)} ${r.status.padEnd(9)} ${String(r.seconds ?? '-').padStart(8)} s  ndcg@10 ${r.metrics['ndcg@10'] ?? '-'}${r.serving ? '  (serving)' : ''}${r.error ? `  (${r.error})` : ''}`,
  );
console.log(`total: ${result.totalSeconds} s`);
