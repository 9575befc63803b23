// npm run bench [-- import recommend segments recommend-api retail-e2e assistant email flows portraits fuzz
// device-bundle faults memory erasure events-pg] — runs the benchmarks one after another (never in parallel: they share 2 cores) and prints
// where each wrote its results (bench/results/*.json).
// Each benchmark measures its baseline in the same run and reports ratios; none of them is a test.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const BENCHES: Record<string, { file: string; args: string[]; result: string; node?: string[] }> = {
  import: { file: 'bench/import.ts', args: [], result: 'bench/results/import.json' },
  recommend: { file: 'bench/recommend.ts', args: [], result: 'bench/results/recommend.json' },
  segments: { file: 'bench/segments.ts', args: ['--size', '100k'], result: 'bench/results/segments.json' },
  'recommend-api': { file: 'bench/recommend-api.ts', args: [], result: 'bench/results/recommend-api.json' },
  'retail-e2e': { file: 'bench/retail-e2e.ts', args: [], result: 'bench/results/retail-e2e.json' },
  assistant: { file: 'bench/assistant.ts', args: [], result: 'bench/results/assistant.json' },
  email: { file: 'bench/email.ts', args: [], result: 'bench/results/email.json' },
  flows: { file: 'bench/flows.ts', args: [], result: 'bench/results/flows.json' },
  portraits: { file: 'bench/portraits.ts', args: [], result: 'bench/results/portraits.json' },
  fuzz: { file: 'bench/fuzz.ts', args: ['10000'], result: 'bench/results/fuzz.json' },
  'device-bundle': { file: 'bench/device-bundle.ts', args: [], result: 'bench/results/device-bundle.json' },
  faults: { file: 'bench/faults.ts', args: [], result: 'bench/results/faults.json' },
  memory: { file: 'bench/memory.ts', args: [], result: 'bench/results/memory.json' },
  erasure: { file: 'bench/erasure.ts', args: [], result: 'bench/results/erasure.json' },
  // the portrait recompute of 1M customers holds about 8 GB (typed columns and results), beyond Node's default heap
  'events-pg': {
    file: 'bench/events-pg.ts',
    args: [],
    result: 'bench/results/events-pg.json',
    node: ['--max-old-space-size=12288'],
  },
};
/** The benchmark wrote its result file during this run (a skipped one exits 0 without writing). */
const written = (file: string, since: number) =>
  fs.existsSync(path.join(root, file)) && fs.statSync(path.join(root, file)).mtimeMs >= since;

const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(BENCHES);
let failed = 0;
for (const name of chosen) {
  const bench = BENCHES[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}" (choose from ${Object.keys(BENCHES).join(', ')})`);
    process.exit(2);
  }
  console.log(`\n━━ bench ${name}`);
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [...(bench.node ?? []), '--conditions=react-server', '--import', 'tsx', bench.file, ...bench.args],
    {
      cwd: root,
      stdio: 'inherit',
      env: process.env,
    },
  );
  if (r.status !== 0) failed++;
  else if (written(bench.result, started)) console.log(`→ ${bench.result}`);
  else console.log(`→ nothing written (skipped)`);
}
process.exit(failed ? 1 : 0);
