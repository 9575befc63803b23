import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { csvImportProperty } from '@/lib/testing/csv-fuzz/property';

// The CSV fuzz suite (lib/testing/csv-fuzz): generated files with quotes, line breaks in cells, BOM, invalid bytes,
// GBK, Chinese and duplicate headers, 1 MiB cells, formula prefixes, ragged rows, empty lines, header-only files and
// binary junk go through the import's real path up to the database. `npm run bench -- fuzz` runs 10,000 files; a
// failure prints fast-check's seed and shrunk counterexample (rerun with FUZZ_SEED=<seed> FUZZ_PATH=<path>).
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const fuzz = csvImportProperty();
afterAll(fuzz.cleanup);

test(`${RUNS} generated CSV files: no crash, every data row accepted or rejected on its line, reasons in en and zh-CN`, async () => {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
  await fc.assert(fuzz.property, { numRuns: RUNS, seed, path: process.env.FUZZ_PATH });
  expect(fuzz.stats.files).toBeGreaterThanOrEqual(RUNS);
  expect(fuzz.stats.rows).toBeGreaterThan(0);
  expect(fuzz.stats.rejected).toBeGreaterThan(0);
});
