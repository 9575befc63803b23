import type { CsvPosition } from '../../csv/reader';
import type { CsvRecord } from '../../csv/tokenizer';
import { type BatchSource, headStartSource, inlineSource, validateWorkerEntry, workerSource } from './batch-source';
import type { Pipeline } from './batch-transaction';
import type { PreparedImport } from './prepare';
import type { ByteRange } from './validate-job';

export type { BatchSource };

/** From this many estimated rows an events import validates on a worker thread by default. */
const WORKER_FROM_ROWS = 50_000;

/**
 * The validated chunks an import writes: when resuming, first the committed part of the file (replayed without
 * writing), then the rest from the cursor. Events validate on a worker thread when asked (or, by default, for large
 * files) and the worker's entry file is there; everything else in this thread, with the same chunks either way.
 */
export function openBatchSource(
  prep: PreparedImport,
  pipeline: Pipeline,
  file: string,
  cursor: CsvPosition,
  inWorker: boolean | undefined,
): BatchSource<unknown> {
  const { layout, options } = prep;
  const ranges: ByteRange[] = [];
  if (cursor.byte > layout.dataStart.byte)
    ranges.push({ startByte: layout.dataStart.byte, startLine: layout.dataStart.line + 1, endByte: cursor.byte });
  ranges.push({ startByte: cursor.byte, startLine: cursor.line + 1, endByte: null });
  const setup = {
    file,
    encoding: layout.encoding,
    delimiter: layout.delimiter,
    maxFieldBytes: options.maxFieldBytes,
    batchSize: options.batchSize,
  };
  const entry = prep.kind === 'events' && (inWorker ?? prep.estimatedRows >= WORKER_FROM_ROWS) && validateWorkerEntry();
  const validate = (records: CsvRecord[]) => pipeline.validateBatch(records);
  if (!entry) return inlineSource<unknown>(validate, setup, ranges);
  const { rawText: _raw, dates: _dates, report: _report, ...settings } = prep.settings;
  const job = { ...setup, settings, dateOrder: prep.dateOrder, timezone: prep.options.timezone };
  // the first chunk is read here and the worker started at once: it boots while this thread prepares and validates
  return headStartSource<unknown>(validate, setup, ranges, (rest) =>
    workerSource(entry, { ...job, ranges: rest }, () => pipeline.report),
  );
}
