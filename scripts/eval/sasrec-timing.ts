/**
 * `npx tsx scripts/eval/sasrec-timing.ts [--label after] [--epochs 10]`: wall and CPU seconds of one SASRec training
 * of the retail-seq section's selected configuration (N 100, d 64, 2 blocks, dropout 0.2, batch 32, Adam 0.002,
 * seed 1234) on Online Retail's train + validation part (everything but each customer's last purchase day), the
 * figure issue 12 bounds by 5 min. Merged into bench/results/sasrec-timing.json under the label, with the load average
 * and a checksum of the trained parameters (same seed and code ⇒ same checksum; a faster code path must agree up to
 * rounding).
 *
 * `--validation`: trains on the train part only and logs validation NDCG@10 (the day before the last) every 2 epochs
 * up to `--epochs`, as the section's search does, to see whether more epochs than its cap of 10 help; the curve is
 * stored under the label.
 *
 * `--app`: the app's SASRec family instead (`models/sasrec.ts`: d 32, N 30, its other settings, trained on the
 * sequences without repeats of the previous product, epochs from its rule unless `--epochs` is given).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCsr } from '@/lib/engine/recommendation/csr';
import { evaluateRanking } from '@/lib/engine/recommendation/evaluate';
import { applySplit, VALIDATION } from '@/lib/engine/recommendation/split';
import { SASREC_SETTINGS, sasRecEpochs, withoutRepeats } from '@/lib/engine/recommendation/models/sasrec';
import { trainSasRecSync } from '@/lib/engine/recommendation/sasrec';
import { loadOnlineRetail } from './datasets';
import { lastDaySplit } from './retail-seq';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const label = arg('--label') ?? 'run';
const OUT = path.join(import.meta.dirname, '../../bench/results/sasrec-timing.json');

const data = loadOnlineRetail().interactions;
const split = lastDaySplit(data);
const validation = args.includes('--validation');
const parts = applySplit(data, split);
const app = args.includes('--app');
const lines = validation
  ? parts.train
  : applySplit(data, { ...split, part: split.part.map((p) => (p === VALIDATION ? 0 : p)) }).train;
const train = app ? withoutRepeats(lines) : lines;
const epochs = Number(arg('--epochs') ?? (app ? sasRecEpochs(train) : 10));
const curve: { epoch: number; ndcg: number }[] = [];
const trainCsr = buildCsr(parts.train, { aggregate: 'binary' }),
  validCsr = buildCsr(parts.validation, { aggregate: 'binary' });
const config = app
  ? { ...SASREC_SETTINGS, seed: 1234, app: true }
  : { maxLen: 100, factors: 64, blocks: 2, dropout: 0.2, batchSize: 32, learningRate: 0.002, seed: 1234 };
const load = os.loadavg()[0]!;
const c0 = process.cpuUsage(),
  t0 = performance.now();
const model = trainSasRecSync(train, {
  ...config,
  epochs,
  ...(validation && {
    onEpoch(epoch, m) {
      if (epoch % 2 !== 0) return;
      const ndcg = evaluateRanking(m, trainCsr, validCsr, { k: 10 }).metrics.ndcg;
      curve.push({ epoch, ndcg: Math.round(ndcg * 1e4) / 1e4 });
      console.log(`epoch ${epoch}: validation NDCG@10 ${ndcg.toFixed(4)}`);
    },
  }),
});
const wallSeconds = (performance.now() - t0) / 1000;
const c = process.cpuUsage(c0);
const cpuSeconds = (c.user + c.system) / 1e6;
let sum = 0,
  sumAbs = 0;
for (const x of model.theta) {
  sum += x;
  sumAbs += Math.abs(x);
}
const result = {
  label,
  part: validation ? 'train (validation NDCG@10 every 2 epochs, scoring time included)' : 'train + validation',
  date: new Date().toISOString(),
  lines: lines.users.length,
  ...(app && { withoutRepeats: train.users.length }),
  config: { ...config, epochs },
  wallSeconds: Math.round(wallSeconds * 10) / 10,
  cpuSeconds: Math.round(cpuSeconds * 10) / 10,
  loadAverage1mBefore: Math.round(load * 100) / 100,
  loadAverage1mAfter: Math.round(os.loadavg()[0]! * 100) / 100,
  thetaSum: sum,
  thetaSumAbs: sumAbs,
  ...(validation && { validationNdcg10: curve }),
};
console.log(JSON.stringify(result));
const all = fs.existsSync(OUT) ? (JSON.parse(fs.readFileSync(OUT, 'utf8')) as Record<string, unknown>) : {};
all[label] = result;
fs.writeFileSync(OUT, `${JSON.stringify(all, null, 2)}\n`);
