/**
 * Chooses the federated ALS protocol's Adam step and local CG steps (`FEDERATED_PROTOCOL`, the app's
 * `federated-als` family) on a validation part, never on the test part:
 *
 *   npx tsx scripts/eval/federated-step.ts [--out bench/results/federated-step.json]
 *
 * ml-100k, all ratings as implicit feedback, random split of the interactions (seed 42): 64 % train, 16 % validation,
 * 20 % test (the test part is the 80/20 split's, seed 42, that the README quotes). Every setting trains with the app's
 * ALS settings (64 factors, α 20, λ 0.1, log confidence) for the app's 20 rounds without noise on the train part and
 * is scored by NDCG@10 on the validation part. The best setting is then trained on train + validation and scored once
 * on the test part, next to centralised ALS with the same settings and the page's privacy levels (ε = 8, 4, 1 with
 * δ = 10⁻⁶, the shop default, and the app's clipping norm).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { trainAlsSync } from '@/lib/engine/recommendation/als';
import { buildCsr } from '@/lib/engine/recommendation/csr';
import { evaluateRanking } from '@/lib/engine/recommendation/evaluate';
import { trainFederated } from '@/lib/engine/recommendation/federated';
import { ALS_PARAMS, confidenceCsr } from '@/lib/engine/recommendation/models/factors';
import { FEDERATED_CLIP, FEDERATED_EPSILONS, FEDERATED_PROTOCOL } from '@/lib/engine/recommendation/models/federated';
import { applySplit, randomSplit } from '@/lib/engine/recommendation/split';
import type { Interactions, RankingModel } from '@/lib/engine/recommendation/types';
import { loadMovielens100k } from './datasets';

const SEED = 42;
const GRID = [0.05, 0.02, 0.01, 0.005].flatMap((learningRate) => [3, 6].map((cgSteps) => ({ learningRate, cgSteps })));
const outArg = process.argv.indexOf('--out');
const out = path.resolve(outArg > 0 ? process.argv[outArg + 1]! : 'bench/results/federated-step.json');

const ml = loadMovielens100k();
const tuning = applySplit(
  ml.interactions,
  randomSplit(ml.interactions, { testFraction: 0.2, validationFraction: 0.2, seed: SEED }),
);
const final = applySplit(ml.interactions, randomSplit(ml.interactions, { testFraction: 0.2, seed: SEED }));

const ndcg = (model: RankingModel, train: Interactions, heldOut: Interactions) =>
  evaluateRanking(model, buildCsr(train, { aggregate: 'binary' }), buildCsr(heldOut, { aggregate: 'binary' }), {
    k: 10,
  }).metrics.ndcg;
type Setting = (typeof GRID)[number];
const federated = (train: Interactions, setting: Setting, epsilon?: number) =>
  trainFederated(confidenceCsr(train), {
    ...ALS_PARAMS,
    rounds: FEDERATED_PROTOCOL.rounds,
    ...setting,
    seed: SEED,
    ...(epsilon ? { privacy: { epsilon, delta: 1e-6, clipNorm: FEDERATED_CLIP } } : {}),
  }).model;

const trials = GRID.map((setting) => {
  const started = performance.now();
  const validationNdcg = ndcg(federated(tuning.train, setting), tuning.train, tuning.validation);
  console.log(
    `step ${setting.learningRate}, ${setting.cgSteps} CG steps: validation NDCG@10 ${validationNdcg.toFixed(4)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  return { ...setting, validationNdcg };
});
const best = trials.reduce((a, b) => (b.validationNdcg > a.validationNdcg ? b : a));
const testNdcg = ndcg(federated(final.train, best), final.train, final.test);
const als = trainAlsSync(confidenceCsr(final.train), { ...ALS_PARAMS, iterations: 15, seed: SEED });
const alsTestNdcg = ndcg(als, final.train, final.test);
console.log(
  `chosen: step ${best.learningRate}, ${best.cgSteps} CG steps; test NDCG@10 ${testNdcg.toFixed(4)} (centralised ALS ${alsTestNdcg.toFixed(4)})`,
);
const privateTestNdcg = Object.fromEntries(
  FEDERATED_EPSILONS.map((epsilon) => {
    const value = ndcg(federated(final.train, best, epsilon), final.train, final.test);
    console.log(`ε = ${epsilon}: test NDCG@10 ${value.toFixed(4)}`);
    return [`epsilon ${epsilon}`, value];
  }),
);

fs.writeFileSync(
  out,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version },
      protocol: `ml-100k implicit, random split seed ${SEED}: 64 % train / 16 % validation / 20 % test; ALS settings ${JSON.stringify(ALS_PARAMS)}, ${FEDERATED_PROTOCOL.rounds} rounds, no noise; chosen by validation NDCG@10, then trained on train + validation and tested once`,
      trials,
      chosen: { learningRate: best.learningRate, cgSteps: best.cgSteps },
      testNdcg,
      centralisedAlsTestNdcg: alsTestNdcg,
      privateTestNdcg,
    },
    null,
    1,
  )}\n`,
);
console.log(`→ ${path.relative(process.cwd(), out)}`);
