// npx tsx bench/fuzz.ts [files=10000] [seed]   (npm run bench -- fuzz)
// The CSV import fuzz suite at full size: generated files (lib/testing/csv-fuzz) through the import's pure path, each
// checked for no crash, every data row accepted or rejected once on its own line, and rejections renderable in en and
// zh-CN. fast-check stops a run at its first failure and shrinks it; the run then goes on with the next seed until the
// planned number of files is reached, so one bug does not hide the rest. Writes bench/results/fuzz.json (counts,
// seeds, failures with their shrunk counterexamples, time) and exits 1 when any property failed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { csvImportProperty } from '../lib/testing/csv-fuzz/property';

const FILES = Number(process.argv[2] ?? 10_000);
const firstSeed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const fuzz = csvImportProperty();
const failures: { seed: number; path: string | null; counterexample: string; error: string; afterFiles: number }[] = [];
const started = performance.now();
let seed = firstSeed;
let files = 0;
const runs: { seed: number; files: number }[] = [];
try {
  while (files < FILES) {
    const details = await fc.check(fuzz.property, { numRuns: FILES - files, seed });
    const done = Math.max(1, details.numRuns);
    runs.push({ seed, files: done });
    if (details.failed) {
      const error =
        details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      const failure = {
        seed,
        path: details.counterexamplePath,
        counterexample: fc.stringify(details.counterexample),
        error: error.slice(0, 2000),
        afterFiles: files + done,
      };
      failures.push(failure);
      console.error(
        `FAILED (seed ${seed}, path ${failure.path}; rerun: FUZZ_SEED=${seed} FUZZ_PATH=${failure.path} npx vitest run --project unit lib/services/imports/csv-fuzz.test.ts)\n` +
          `counterexample: ${failure.counterexample}\n${failure.error}`,
      );
    }
    files += done;
    seed = (seed + 1) % 2 ** 31;
  }
} finally {
  fuzz.cleanup();
}
const ms = performance.now() - started;
const { stats } = fuzz;
const result = {
  benchmark: 'CSV import fuzz: generated files through the pure import path (lib/testing/csv-fuzz)',
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '', loadAvg: os.loadavg(), node: process.version },
  planned: FILES,
  seeds: runs,
  /** generated files checked (a failing run's shrinking attempts not included) */
  files,
  /** tallied over every file checked, shrinking attempts included */
  megabytes: Math.round(stats.bytes / 1e4) / 100,
  dataRows: stats.rows,
  rejectedRows: stats.rejected,
  refusedFiles: stats.refused,
  filesFailingPreparation: stats.failed,
  failures,
  seconds: Math.round(ms / 100) / 10,
  filesPerSec: Math.round((files * 1000) / ms),
};
fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(import.meta.dirname, 'results', 'fuzz.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `${files} files (${result.megabytes} MB, ${stats.rows} data rows, ${stats.rejected} rejected, ${stats.refused} refused, ${stats.failed} failing preparation) in ${result.seconds} s; ${failures.length} failure(s)`,
);
process.exit(failures.length ? 1 : 0);
