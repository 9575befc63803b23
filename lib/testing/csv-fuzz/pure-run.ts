import fs from 'node:fs';
import { CsvFileError, type CsvLayout, inspectCsv } from '@/lib/csv/inspect';
import { openRawText } from '@/lib/csv/raw-text';
import type { CsvRecord } from '@/lib/csv/tokenizer';
import type { ImportJobRecord, ImportStore } from '@/lib/db/import/store';
import { binaryKind, SNIFF_BYTES } from '@/lib/import/binary-sniff';
import type { ImportKind } from '@/lib/import/fields';
import type { Rejection } from '@/lib/import/rows/context';
import { inlineSource } from '@/lib/services/imports/batch-source';
import type { ValidatedBatch } from '@/lib/services/imports/pipeline';
import { createPipeline } from '@/lib/services/imports/pipelines';
import { ImportFileError, prepareImport } from '@/lib/services/imports/prepare';

/** What the import made of a file, up to (not including) the database. */
export type PureOutcome =
  | { stage: 'upload'; refused: string }
  | { stage: 'inspect'; error: string }
  | { stage: 'prepare'; error: string; layout: CsvLayout }
  | {
      stage: 'rows';
      layout: CsvLayout;
      records: CsvRecord[];
      /** lines of the rows that passed validation */
      accepted: number[];
      rejections: Rejection[];
      /** the batch source's own count of records read */
      counted: number;
    };

/** The shop settings validation reads (base currency and rates); validation touches nothing else of the store. */
const SHOP = {
  baseCurrency: async () => 'USD',
  currencyRates: async () =>
    new Map([
      ['EUR', 1.1],
      ['CNY', 0.14],
    ]),
};

function job(file: string, kind: ImportKind, options: Record<string, unknown>): ImportJobRecord {
  return {
    id: 'fuzz',
    kind,
    fileName: 'fuzz.csv',
    filePath: file,
    fileSize: fs.statSync(file).size,
    encoding: 'auto',
    delimiter: 'auto',
    mapping: null,
    options,
    status: 'queued',
    cursorByte: 0,
    cursorLine: 0,
    rowsRead: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    cleaning: null,
    error: null,
    startedAt: null,
    finishedAt: null,
    processingMs: 0,
  };
}

/**
 * Runs a file through the import as far as it goes without a database: the upload's binary check, inspection
 * (encoding, delimiter, header), preparation (mapping, options), then the batch source reading chunks through the
 * kind's real validator — the same calls `runImport` makes before resolving references and writing.
 */
export async function runPure(
  file: string,
  kind: ImportKind,
  options: Record<string, unknown> = {},
): Promise<PureOutcome> {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(SNIFF_BYTES);
  const n = fs.readSync(fd, head, 0, SNIFF_BYTES, 0);
  fs.closeSync(fd);
  if (n === 0) return { stage: 'upload', refused: 'empty' };
  const binary = binaryKind(head.subarray(0, n));
  if (binary) return { stage: 'upload', refused: binary };
  let layout: CsvLayout;
  try {
    layout = inspectCsv(file, { encoding: options.encoding as string, delimiter: options.delimiter as string });
  } catch (e) {
    if (e instanceof CsvFileError) return { stage: 'inspect', error: e.message };
    throw e;
  }
  let prep: Awaited<ReturnType<typeof prepareImport>>;
  try {
    prep = await prepareImport(job(file, kind, options), SHOP);
  } catch (e) {
    if (e instanceof ImportFileError) return { stage: 'prepare', error: e.message, layout };
    throw e;
  }
  const raw = openRawText(file, prep.layout.encoding);
  prep.settings.rawText = raw.read;
  const pipeline = createPipeline(kind, {
    kind,
    settings: prep.settings,
    options: prep.options,
    // validation reads no store; resolving references and writing (which do) are the database run's part
    store: SHOP as unknown as ImportStore,
    expectedRows: prep.estimatedRows,
  });
  const records: CsvRecord[] = [];
  const source = inlineSource<unknown>(
    (recs) => {
      records.push(...recs);
      return pipeline.validateBatch(recs) as ValidatedBatch<unknown>;
    },
    {
      file,
      encoding: prep.layout.encoding,
      delimiter: prep.layout.delimiter,
      maxFieldBytes: prep.options.maxFieldBytes,
      batchSize: prep.options.batchSize,
    },
    [{ startByte: prep.layout.dataStart.byte, startLine: prep.layout.dataStart.line + 1, endByte: null }],
  );
  const accepted: number[] = [];
  const rejections: Rejection[] = [];
  let counted = 0;
  try {
    for (;;) {
      const chunk = await source.next();
      if (!chunk.count) break;
      counted += chunk.count;
      for (const r of chunk.batch.rows as { line: number }[]) accepted.push(r.line);
      rejections.push(...chunk.batch.rejections);
    }
  } finally {
    await source.close();
    raw.close();
  }
  return { stage: 'rows', layout: prep.layout, records, accepted, rejections, counted };
}
