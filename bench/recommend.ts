// Recommender benchmarks at "ml-1m shape" (bench/recommend-data.ts): each section times our TypeScript model and a
// numpy/scipy baseline of the same algorithm (scripts/reference/recommend-bench/*.py) in the same run, back to back,
// and reports the ratio ours / baseline, because the 2-core machine is shared and absolute numbers are noisy.
//
// Output: bench/results/recommend.json = { generatedAt, machine, sections: { [name]: {...} } }. Sections written by
// other code (e.g. item-kNN timings) are kept: pass them to `benchRecommend({ sections })` or write them with
// `mergeBenchSections`.
//
// Usage: npx tsx bench/recommend.ts [--only ease,als,bpr,neural] [--out bench/results/recommend.json]
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Interactions } from '../lib/engine/recommendation/types';
import { generateImplicit, ML1M_SHAPE, writeRaw } from './recommend-data';
import { RECOMMEND_SECTIONS } from './recommend-sections';

export type BenchSection = Record<string, unknown>;
export type BenchContext = {
  /** the seeded ml-1m-shape data (6,040 × 3,706, 1,000,000 interactions) */
  data: Interactions;
  /** folder with the raw int32 copy of `data` for the Python baselines */
  rawDir: string;
  /** runs scripts/reference/recommend-bench/<script> with an interpreter and returns its last JSON line */
  python(script: string, args: string[], interpreter?: string): Promise<Record<string, unknown>>;
};
export type BenchSectionFn = (ctx: BenchContext) => Promise<BenchSection>;
export type BenchResults = {
  generatedAt: string;
  machine: Record<string, unknown>;
  sections: Record<string, BenchSection>;
};

export const DEFAULT_OUT = path.join(import.meta.dirname, 'results', 'recommend.json');
const REFERENCE_DIR = path.join(import.meta.dirname, '..', 'scripts', 'reference', 'recommend-bench');
/** Debian's python3-numpy, the baseline the issue asks for (it links the system libblas.so.3) */
export const DEBIAN_PYTHON = '/usr/bin/python3';

const run = promisify(execFile);

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg(),
  };
}

/**
 * Merges sections into the results file (creating it), keeping sections it does not name.
 *
 * @example
 * mergeBenchSections({ 'item-knn': { fitS: 1.2, serveMsPerUser: 0.3 } });
 */
export function mergeBenchSections(sections: Record<string, BenchSection>, out = DEFAULT_OUT): BenchResults {
  let previous: Partial<BenchResults> = {};
  if (fs.existsSync(out)) previous = JSON.parse(fs.readFileSync(out, 'utf8')) as Partial<BenchResults>;
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    machine: machine(),
    sections: { ...(previous.sections ?? {}), ...sections },
  };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}

/**
 * Runs the built-in sections (ease, als, bpr, neural) plus any given ones and merges them into `out`.
 *
 * @example
 * await benchRecommend({ only: ['ease'], sections: { 'item-knn': async ({ data }) => ({ fitS: timeIt(() => fitItemKnn(data)) }) } });
 */
export async function benchRecommend(
  options: {
    only?: string[];
    sections?: Record<string, BenchSectionFn>;
    out?: string;
    log?: (line: string) => void;
  } = {},
): Promise<BenchResults> {
  const log = options.log ?? ((line: string) => console.log(line));
  const all: Record<string, BenchSectionFn> = { ...RECOMMEND_SECTIONS, ...(options.sections ?? {}) };
  const names = (options.only ?? Object.keys(all)).filter((n) => all[n]);
  const data = generateImplicit(ML1M_SHAPE);
  const rawDir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-recommend-bench-'));
  writeRaw(data, rawDir);
  const ctx: BenchContext = {
    data,
    rawDir,
    async python(script, args, interpreter = DEBIAN_PYTHON) {
      const { stdout } = await run(interpreter, [path.join(REFERENCE_DIR, script), ...args], {
        cwd: REFERENCE_DIR,
        maxBuffer: 16 * 2 ** 20,
        timeout: 30 * 60_000,
      });
      const last = stdout.trim().split('\n').at(-1) ?? '{}';
      return JSON.parse(last) as Record<string, unknown>;
    },
  };
  const sections: Record<string, BenchSection> = {};
  try {
    for (const name of names) {
      log(`bench ${name} …`);
      const t0 = performance.now();
      sections[name] = { ...(await all[name]!(ctx)), loadAverageAfter: os.loadavg() };
      log(`bench ${name}: ${JSON.stringify(sections[name])} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }
  } finally {
    fs.rmSync(rawDir, { recursive: true, force: true });
  }
  return mergeBenchSections(sections, options.out ?? DEFAULT_OUT);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (flag: string) => {
    const k = process.argv.indexOf(flag);
    return k >= 0 ? process.argv[k + 1] : undefined;
  };
  const only = arg('--only')?.split(',');
  await benchRecommend({ ...(only ? { only } : {}), out: arg('--out') ?? DEFAULT_OUT });
}
