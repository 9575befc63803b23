import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { previewImport } from '@/lib/services/imports/preview';
import { type FileSpec, fileSpecArb } from './arbitraries';
import { buildFile } from './build';
import { checkOutcome, checkPreview } from './check';
import { runPure } from './pure-run';
import { checkReread } from './reread';

/** Tallies of what the generated files came to, for the benchmark's report. */
export type FuzzStats = {
  files: number;
  bytes: number;
  rows: number;
  rejected: number;
  refused: number;
  failed: number;
};

export const emptyStats = (): FuzzStats => ({ files: 0, bytes: 0, rows: 0, rejected: 0, refused: 0, failed: 0 });

/** Builds the file, runs it through the import's pure path and checks it (throws on a broken property). */
export async function fuzzOne(spec: FileSpec, dir: string, stats = emptyStats()) {
  const built = buildFile(spec);
  const file = path.join(dir, 'fuzz.csv');
  fs.writeFileSync(file, built.bytes);
  // a one-column header names no delimiter: the user picks it on the mapping page, as here
  const delimiter = spec.type === 'csv' && built.header?.length === 1 ? spec.delimiter : undefined;
  const encoding = spec.type === 'csv' && spec.chooseEncoding ? spec.encoding : undefined;
  const outcome = await runPure(file, spec.kind, { batchSize: spec.batchSize, delimiter, encoding });
  checkOutcome(spec, built, outcome);
  // small buffers on big files only cost time: they re-read in 64 KiB chunks
  const chunk = built.bytes.length > 1 << 20 ? 1 << 16 : spec.reread.chunkBytes;
  if (outcome.stage === 'rows') checkReread(file, outcome.layout, outcome.records, chunk, spec.reread.stopAfter);
  if (outcome.stage !== 'upload') checkPreview(previewImport(file, spec.kind, { delimiter, encoding }), outcome);
  stats.files++;
  stats.bytes += built.bytes.length;
  if (outcome.stage === 'upload' || outcome.stage === 'inspect') stats.refused++;
  else if (outcome.stage === 'prepare') stats.failed++;
  else {
    stats.rows += outcome.counted;
    stats.rejected += outcome.rejections.length;
  }
}

/** The property: every generated file keeps the import's promises (see checkOutcome). */
export function csvImportProperty(stats = emptyStats()) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-fuzz-'));
  const property = fc.asyncProperty(fileSpecArb(), (spec) => fuzzOne(spec, dir, stats));
  return { property, stats, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
