// npm run bench -- device-bundle — the on-device bundle (issue 12 §3) on ml-100k (random 80/20, seed 1234, the eval
// protocol's main seed) and Online Retail (temporal 80/20): for the served item-kNN (cosine, k 100, shrink 10) and
// EASE (λ 500) exported as the app exports them — the largest k in 20–200 whose bundle fits 500 KB gzipped
// (fitDeviceBundle) — and EASE on Retail also at k 100, 8 bits: the bundle's size (raw and gzipped), the compiled
// scorer's gzipped size, scoring time per call (device `recommend` vs the server's `rankForHistory`, same histories;
// a cold pass, then the warm pass reported as mean / p95 / p99; load average at start and end), and
// NDCG@10 of the two top-10 lists on the test part (the engine's evaluateRanking; full ranking, training items
// masked) plus the model's own full-ranking NDCG@10 (the eval protocol's number). Not a test.
// Output: bench/results/device-bundle.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildCsr } from '../lib/engine/recommendation/csr';
import { DEVICE_BUNDLE_BUDGET } from '../lib/engine/recommendation/device/export';
import { parseBundle, recommend, type LocalEvent } from '../lib/engine/recommendation/device/scorer';
import { serverTwin, type Twin } from '../lib/engine/recommendation/device/server-twin';
import { trainEase } from '../lib/engine/recommendation/ease';
import { evaluateRanking } from '../lib/engine/recommendation/evaluate';
import { fitItemKnn } from '../lib/engine/recommendation/item-knn';
import { csrBuffers } from '../lib/engine/recommendation/models/neighbours';
import type { Fitted } from '../lib/engine/recommendation/models/types';
import { rankForHistory } from '../lib/engine/recommendation/serving-core';
import { applySplit, randomSplit, temporalSplit } from '../lib/engine/recommendation/split';
import type { Interactions } from '../lib/engine/recommendation/types';
import { hasDataset } from '../lib/testing/datasets';
import { buildScorer } from '../scripts/device/build-scorer';
import { loadMovielens100k, loadOnlineRetail, type LoadedDataset } from '../scripts/eval/datasets';

const T0 = Date.UTC(2026, 0, 1);
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const mean = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / xs.length, 3);

function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

/** A ranking model whose scores are a precomputed top-10 per user (rank 1 → 10 … rank 10 → 1). */
function listModel(name: string, lists: Int32Array[], nItems: number) {
  return {
    name,
    nItems,
    scoreUser(u: number, out: Float32Array) {
      out.fill(0);
      lists[u]!.forEach((i, r) => {
        out[i] = 10 - r;
      });
    },
  };
}

async function measure(
  d: LoadedDataset,
  train: Interactions,
  test: Interactions,
  family: 'item-knn' | 'ease',
  K: number | 'budget',
) {
  const nItems = train.nItems;
  const started = performance.now();
  let fitted: Fitted;
  if (family === 'item-knn') {
    const N = fitItemKnn(train, { k: 100, shrink: 10 }).neighbours;
    fitted = { buffers: csrBuffers(N, 'nb'), params: { k: 100, shrink: 10 } };
  } else {
    const weights = (await trainEase(buildCsr(train, { aggregate: 'binary' }), { lambda: 500, keepHistory: false }))
      .weights;
    fitted = { buffers: { weights }, params: { lambda: 500 } };
  }
  const fitSeconds = (performance.now() - started) / 1000;
  // the reference time is the latest training interaction (as the app's tRef), so time decay is relative to it
  let tRef = -Infinity;
  for (const t of train.timestamps ?? []) tRef = Math.max(tRef, t);
  if (!Number.isFinite(tRef)) tRef = T0;
  const trend = new Float64Array(nItems);
  for (const i of train.items) trend[i]! += 1;
  const twin: Twin = serverTwin({
    family,
    fitted,
    k: K === 'budget' ? { budget: DEVICE_BUNDLE_BUDGET, size: (b) => gzipSync(b, { level: 9 }).length } : K,
    bits: 8,
    itemCategory: d.itemCategory ?? new Int32Array(nItems),
    nCategories: d.categories?.length ?? 1,
    trend,
    tRef,
    halfLifeDays: 14,
    titles: d.itemText.map((t) => t.slice(0, 80)),
  });
  const model = parseBundle(twin.bytes.slice().buffer);
  const trainCsr = buildCsr(train, { aggregate: 'binary' }),
    testCsr = buildCsr(test, { aggregate: 'binary' });
  const events: LocalEvent[][] = Array.from({ length: train.nUsers }, () => []);
  for (let k = 0; k < train.users.length; k++)
    events[train.users[k]!]!.push({ id: 1000 + train.items[k]!, kind: 'purchase', at: train.timestamps?.[k] ?? tRef });
  // each side scores every user in two passes of its own (so one side's garbage is not collected on the other's
  // clock): the first pass is cold (JIT warm-up), the second is the steady state a storefront sees
  const server: Int32Array[] = [],
    device: Int32Array[] = [];
  const serverMs: number[][] = [[], []],
    deviceMs: number[][] = [[], []],
    deviceCpuMs: number[] = [];
  for (const pass of [0, 1])
    for (let u = 0; u < train.nUsers; u++) {
      const t = performance.now();
      const h = twin.history(events[u]!);
      const s = rankForHistory(twin.core, h, h.items.length > 0, { n: 10 });
      serverMs[pass]!.push(performance.now() - t);
      server[u] = Int32Array.from(s.items, (x) => x.item);
    }
  for (const pass of [0, 1])
    for (let u = 0; u < train.nUsers; u++) {
      const t = performance.now(),
        cpu = process.cpuUsage();
      const r = recommend(model, events[u]!, { n: 10, now: tRef });
      const used = process.cpuUsage(cpu);
      deviceMs[pass]!.push(performance.now() - t);
      if (pass === 1) deviceCpuMs.push((used.user + used.system) / 1000);
      device[u] = Int32Array.from(r.items, (x) => x.productId - 1000);
    }
  let same = 0;
  for (let u = 0; u < train.nUsers; u++) if (server[u]!.every((x, k) => device[u]![k] === x)) same++;
  const ndcg = (m: ReturnType<typeof listModel>) =>
    evaluateRanking(m, trainCsr, testCsr, { k: 10, users: 'warm' }).metrics.ndcg;
  const own = twin.core.components[0]!.model;
  const full = evaluateRanking(
    {
      name: family,
      nItems,
      scoreUser(u: number, out: Float32Array) {
        own.score(twin.history(events[u]!), out);
      },
    },
    trainCsr,
    testCsr,
    { k: 10, users: 'warm' },
  ).metrics.ndcg;
  const serverNdcg = ndcg(listModel('server', server, nItems)),
    deviceNdcg = ndcg(listModel('device', device, nItems));
  return {
    model: family,
    params: fitted.params,
    fitSeconds: round(fitSeconds, 1),
    bundle: {
      items: nItems,
      neighboursPerItem: twin.k,
      chosenBy: K === 'budget' ? `largest k within ${DEVICE_BUNDLE_BUDGET} bytes gzipped` : 'fixed',
      entries: model.w.length,
      bytes: twin.bytes.length,
      gzipBytes: gzipSync(twin.bytes, { level: 9 }).length,
    },
    ndcgAt10: {
      modelFullRanking: round(full),
      server: round(serverNdcg),
      device: round(deviceNdcg),
      relativeDifference: round((deviceNdcg - serverNdcg) / serverNdcg),
    },
    identicalTop10Share: round(same / train.nUsers, 3),
    scoringMsPerCall: {
      deviceMean: mean(deviceMs[1]!),
      deviceP95: round(percentile(deviceMs[1]!, 0.95), 3),
      deviceP99: round(percentile(deviceMs[1]!, 0.99), 3),
      deviceColdP95: round(percentile(deviceMs[0]!, 0.95), 3),
      // CPU time of the warm calls: on a loaded machine the wall-clock tail is mostly time spent descheduled
      deviceCpuP95: round(percentile(deviceCpuMs, 0.95), 3),
      deviceCpuP99: round(percentile(deviceCpuMs, 0.99), 3),
      serverMean: mean(serverMs[1]!),
      serverP95: round(percentile(serverMs[1]!, 0.95), 3),
      serverColdP95: round(percentile(serverMs[0]!, 0.95), 3),
    },
  };
}

async function main() {
  const scorer = buildScorer();
  const out: Record<string, unknown> = {
    generatedAt: new Date().toISOString(),
    machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadAverage: os.loadavg() },
    scorerModule: { bytes: Buffer.byteLength(scorer), gzipBytes: gzipSync(scorer, { level: 9 }).length },
    datasets: {} as Record<string, unknown>,
  };
  const datasets = out.datasets as Record<string, unknown>;
  if (hasDataset('movielens_100k')) {
    const ml = loadMovielens100k();
    const { train, test } = applySplit(
      ml.interactions,
      randomSplit(ml.interactions, { testFraction: 0.2, seed: 1234 }),
    );
    datasets['ml-100k (random 80/20, seed 1234)'] = [
      await measure(ml, train, test, 'item-knn', 'budget'),
      await measure(ml, train, test, 'ease', 'budget'),
    ];
    console.log(JSON.stringify(datasets, null, 1));
  }
  if (hasDataset('online_retail_uci')) {
    const retail = loadOnlineRetail();
    const { train, test } = applySplit(retail.interactions, temporalSplit(retail.interactions, { testFraction: 0.2 }));
    datasets['Online Retail (temporal 80/20)'] = [
      await measure(retail, train, test, 'item-knn', 'budget'),
      await measure(retail, train, test, 'ease', 'budget'),
      await measure(retail, train, test, 'ease', 100),
    ];
  }
  Object.assign(out.machine as object, { loadAverageAtEnd: os.loadavg() });
  const file = path.join(import.meta.dirname, 'results', 'device-bundle.json');
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(JSON.stringify(out, null, 2));
}

await main();
