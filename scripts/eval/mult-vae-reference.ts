/**
 * Mult-VAE against the PyTorch reference (scripts/reference/recommend/mult_vae.py) on the same split: ml-100k, random
 * 80/20 of the interactions (seed 42), all ratings as implicit feedback.
 *
 *   npx tsx scripts/eval/mult-vae-reference.ts export DIR   writes the split as raw little-endian int32 files
 *                                                           (train|test).(users|items).i32 and shape.json
 *   npx tsx scripts/eval/mult-vae-reference.ts run [--epochs 100] [--batch 500] [--hidden 600] [--latent 200]
 *                                                  [--lr 0.001] [--seed 1]
 *                                                           trains ours and prints NDCG@10, wall and CPU seconds
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCsr } from '@/lib/engine/recommendation/csr';
import { evaluateRanking } from '@/lib/engine/recommendation/evaluate';
import { trainMultVaeSync } from '@/lib/engine/recommendation/mult-vae';
import { applySplit, randomSplit } from '@/lib/engine/recommendation/split';
import type { Interactions } from '@/lib/engine/recommendation/types';
import { loadMovielens100k } from './datasets';

const [command, ...rest] = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? Number(rest[i + 1]) : fallback;
};

const ml = loadMovielens100k();
const { train, test } = applySplit(ml.interactions, randomSplit(ml.interactions, { testFraction: 0.2, seed: 42 }));

function writePart(dir: string, name: string, data: Interactions) {
  fs.writeFileSync(path.join(dir, `${name}.users.i32`), new Uint8Array(Int32Array.from(data.users).buffer));
  fs.writeFileSync(path.join(dir, `${name}.items.i32`), new Uint8Array(Int32Array.from(data.items).buffer));
}

if (command === 'export' && rest[0]) {
  fs.mkdirSync(rest[0], { recursive: true });
  writePart(rest[0], 'train', train);
  writePart(rest[0], 'test', test);
  fs.writeFileSync(
    path.join(rest[0], 'shape.json'),
    JSON.stringify({ nUsers: ml.interactions.nUsers, nItems: ml.interactions.nItems, train: train.users.length }),
  );
  console.log(`wrote ${train.users.length} training and ${test.users.length} test interactions to ${rest[0]}`);
} else if (command === 'run') {
  const settings = {
    epochs: option('epochs', 100),
    batchSize: option('batch', 500),
    hidden: option('hidden', 600),
    latent: option('latent', 200),
    learningRate: option('lr', 0.001),
    seed: option('seed', 1),
  };
  const started = performance.now(),
    cpu = process.cpuUsage();
  const model = trainMultVaeSync(train, settings);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const r = evaluateRanking(model, buildCsr(train, { aggregate: 'binary' }), buildCsr(test, { aggregate: 'binary' }), {
    k: 10,
  });
  console.log(JSON.stringify({ ndcg10: r.metrics.ndcg, seconds, cpuSeconds, ...settings, loadAverage: os.loadavg() }));
} else {
  console.error('usage: mult-vae-reference.ts export DIR | run [--epochs N] [--batch N] [--seed N] …');
  process.exit(2);
}
