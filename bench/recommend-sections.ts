// The built-in sections of bench/recommend.ts: EASE fit, one ALS iteration, one BPR epoch and one GRU4Rec epoch,
// each next to its numpy/scipy baseline run in the same process tree, with the ratio ours / baseline.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { trainAls } from '../lib/engine/recommendation/als';
import { trainBpr } from '../lib/engine/recommendation/bpr';
import { buildCsr } from '../lib/engine/recommendation/csr';
import { trainEase } from '../lib/engine/recommendation/ease';
import { trainGru4Rec } from '../lib/engine/recommendation/gru4rec';
import { selectPart } from '../lib/engine/recommendation/split';
import { defaultThreads } from '../lib/engine/recommendation/worker-pool';
import type { BenchContext, BenchSection, BenchSectionFn } from './recommend';

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/** Seconds between successive progress calls whose note changes (one per iteration / epoch). */
function stepTimer() {
  const times: number[] = [];
  let last = performance.now(),
    lastNote = '';
  return {
    times,
    onProgress: (_f: number, note: string) => {
      const key = note.split(',')[0]!;
      if (key === lastNote) return;
      lastNote = key;
      const now = performance.now();
      times.push((now - last) / 1000);
      last = now;
    },
  };
}

/**
 * A second, optimised baseline when the machine has one: `python3` on PATH that is not Debian's (e.g. a numpy wheel
 * with OpenBLAS). Run with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset in that command only, as the machine notes
 * advise for benchmarking a current OpenBLAS. Undefined when there is none.
 */
function optimisedPython(): string | undefined {
  try {
    const exe = execFileSync('python3', ['-c', 'import numpy, scipy, sys; print(sys.executable)'], {
      encoding: 'utf8',
      env: envWithoutOpenblasOverrides(),
    }).trim();
    return exe && fs.realpathSync(exe) !== fs.realpathSync('/usr/bin/python3') ? exe : undefined;
  } catch {
    return undefined;
  }
}

function envWithoutOpenblasOverrides(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

async function optimisedBaseline(
  ctx: BenchContext,
  script: string,
  args: string[],
): Promise<Record<string, unknown> | undefined> {
  const exe = optimisedPython();
  if (!exe) return undefined;
  const saved = { c: process.env.OPENBLAS_CORETYPE, l: process.env.OPENBLAS_L2_SIZE };
  delete process.env.OPENBLAS_CORETYPE;
  delete process.env.OPENBLAS_L2_SIZE;
  try {
    return await ctx.python(script, args, exe);
  } finally {
    if (saved.c !== undefined) process.env.OPENBLAS_CORETYPE = saved.c;
    if (saved.l !== undefined) process.env.OPENBLAS_L2_SIZE = saved.l;
  }
}

const ease: BenchSectionFn = async (ctx) => {
  const lambda = 500;
  const csr = buildCsr(ctx.data, { aggregate: 'binary' });
  const baseline = await ctx.python('ease.py', [ctx.rawDir, String(lambda), 'inv']);
  let gramS = 0;
  const t0 = performance.now();
  const model = await trainEase(csr, {
    lambda,
    onProgress: (_f, note) => {
      if (note === 'inverse') gramS = (performance.now() - t0) / 1000;
    },
  });
  const fitS = (performance.now() - t0) / 1000;
  let checksum = 0;
  for (const w of model.weights) checksum += Math.abs(w);
  const optimised = await optimisedBaseline(ctx, 'ease.py', [ctx.rawDir, String(lambda), 'inv']);
  const out: BenchSection = {
    what: 'EASE fit (Gram XᵀX + SPD inverse + weights), 3,706 items, λ = 500',
    ours: { fitS: round(fitS), gramS: round(gramS), threads: defaultThreads() },
    baseline,
    ratio: round(fitS / Number(baseline.fitS)),
    weightsChecksumRelDiff: Number(
      (Math.abs(checksum - Number(baseline.checksum)) / Number(baseline.checksum)).toExponential(2),
    ),
    targets: { fitS: 15, ratio: 3 },
  };
  if (optimised)
    Object.assign(out, { optimisedBaseline: optimised, ratioToOptimised: round(fitS / Number(optimised.fitS)) });
  return out;
};

const als: BenchSectionFn = async (ctx) => {
  const csr = buildCsr(ctx.data, { aggregate: 'binary' });
  const baseline = await ctx.python('als.py', ['bench', ctx.rawDir, '64', '2']);
  const timer = stepTimer();
  await trainAls(csr, { factors: 64, alpha: 20, regularization: 0.1, iterations: 2, onProgress: timer.onProgress });
  const iterationS = Math.min(...timer.times);
  const optimised = await optimisedBaseline(ctx, 'als.py', ['bench', ctx.rawDir, '64', '2']);
  const out: BenchSection = {
    what: 'one implicit-ALS iteration (users then items), 64 factors, 3 CG steps, best of 2',
    ours: { iterationS: round(iterationS), iterationsS: timer.times.map((t) => round(t)), threads: defaultThreads() },
    baseline,
    ratio: round(iterationS / Number(baseline.iterationS)),
    targets: { ratio: 3 },
  };
  if (optimised)
    Object.assign(out, {
      optimisedBaseline: optimised,
      ratioToOptimised: round(iterationS / Number(optimised.iterationS)),
    });
  return out;
};

const bpr: BenchSectionFn = async (ctx) => {
  const csr = buildCsr(ctx.data, { aggregate: 'binary' });
  const baseline = await ctx.python('bpr.py', [ctx.rawDir, '64', '1']);
  const timer = stepTimer();
  await trainBpr(csr, { factors: 64, epochs: 2, onProgress: timer.onProgress });
  const epochS = Math.min(...timer.times);
  return {
    what: 'one BPR-MF SGD epoch (1,000,000 (u, i, j) updates), 64 factors; baseline = numpy mini-batches of 1,000 with np.add.at',
    ours: { epochS: round(epochS), epochsS: timer.times.map((t) => round(t)), threads: 1 },
    baseline,
    ratio: round(epochS / Number(baseline.epochS)),
  };
};

/** GRU4Rec on the first 1,000 users' sequences (≈ 1/6 of the interactions), all 3,706 items, default options. */
const neural: BenchSectionFn = async (ctx) => {
  const users = 1000;
  const part = Uint8Array.from(ctx.data.users, (u) => (u < users ? 0 : 1));
  const subset = { ...selectPart(ctx.data, part, 0), nUsers: users };
  const t0 = performance.now();
  await trainGru4Rec(subset, { epochs: 1 });
  const epochS = (performance.now() - t0) / 1000;
  const section: BenchSection = {
    what: `one GRU4Rec epoch (64 hidden, windows of 32, batch 32, default negatives) on the first ${users} users (${subset.users.length} interactions) of the ml-1m-shape data`,
    ours: {
      epochS: round(epochS),
      interactions: subset.users.length,
      epochSPerMillionInteractions: round((epochS * 1e6) / subset.users.length),
      threads: 1,
    },
  };
  const baseline = await ctx.python('gru4rec.py', ['bench', ctx.rawDir, String(users)]).catch(() => undefined);
  if (baseline) Object.assign(section, { baseline, ratio: round(epochS / Number(baseline.epochS)) });
  return section;
};

export const RECOMMEND_SECTIONS: Record<string, BenchSectionFn> = { ease, als, bpr, neural };
