import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type CsvPosition, CsvFileReader } from '../../csv/reader';
import type { CsvRecord } from '../../csv/tokenizer';
import type { CleaningReport } from '../../import/report';
import { decodeEventBatch } from '../../import/rows/event-batch';
import type { EventRow } from '../../import/rows/events';
import type { ValidatedBatch } from './pipeline';
import type { ByteRange, ValidateJob, WorkerMessage } from './validate-job';

/** A chunk of the file, validated: `count` records read, the cursor after them and the blank lines skipped. */
export type SourceBatch<Row> = { count: number; position: CsvPosition; blankLines: number; batch: ValidatedBatch<Row> };

/** Validated chunks of one or more byte ranges, in file order; each range ends with an empty chunk. */
export type BatchSource<Row> = { next(): Promise<SourceBatch<Row>>; close(): Promise<void> };

type ReaderSetup = Omit<ValidateJob, 'ranges' | 'settings' | 'dateOrder' | 'timezone'> & { delimiter: string };

/** Reads and validates in this thread, through the pipeline's own validator. */
export function inlineSource<Row>(
  validate: (records: CsvRecord[]) => ValidatedBatch<Row>,
  setup: ReaderSetup,
  ranges: readonly ByteRange[],
): BatchSource<Row> {
  let i = 0;
  let reader: CsvFileReader | null = null;
  return {
    async next() {
      if (i >= ranges.length) throw new RangeError('inlineSource: read past the last range');
      const r = ranges[i]!;
      reader ??= new CsvFileReader(setup.file, {
        delimiter: setup.delimiter,
        encoding: setup.encoding,
        startByte: r.startByte,
        startLine: r.startLine,
        endByte: r.endByte ?? undefined,
        maxFieldBytes: setup.maxFieldBytes,
      });
      const blankBefore = reader.tokenizer.blankLines;
      const records = reader.read(setup.batchSize);
      const out = {
        count: records.length,
        position: reader.position,
        blankLines: reader.tokenizer.blankLines - blankBefore,
        batch: validate(records),
      };
      if (!records.length) {
        reader.close();
        reader = null;
        i++;
      }
      return out;
    },
    async close() {
      reader?.close();
      reader = null;
    },
  };
}

/**
 * Reads the first chunk of the first range in this thread and at once starts `rest` (the worker) on the remaining
 * ranges from where this reader stopped, as a resumed import does; the chunk is validated here on the first `next()`.
 * The worker boots while this thread prepares and validates, instead of this thread waiting ~0.1 s for the worker's
 * first chunk. The chunks are the same records as one reader's.
 */
export function headStartSource<Row>(
  validate: (records: CsvRecord[]) => ValidatedBatch<Row>,
  setup: ReaderSetup,
  ranges: readonly ByteRange[],
  rest: (ranges: ByteRange[]) => BatchSource<Row>,
): BatchSource<Row> {
  const r = ranges[0]!;
  const reader = new CsvFileReader(setup.file, {
    delimiter: setup.delimiter,
    encoding: setup.encoding,
    startByte: r.startByte,
    startLine: r.startLine,
    endByte: r.endByte ?? undefined,
    maxFieldBytes: setup.maxFieldBytes,
  });
  let records: CsvRecord[] | null;
  try {
    records = reader.read(setup.batchSize);
  } finally {
    reader.close();
  }
  const { position } = reader;
  const blankLines = reader.tokenizer.blankLines;
  // an empty chunk ends its range: the worker takes the next ones
  const remaining = records.length
    ? [{ startByte: position.byte, startLine: position.line + 1, endByte: r.endByte }, ...ranges.slice(1)]
    : ranges.slice(1);
  const after = remaining.length ? rest(remaining) : finished<Row>();
  return {
    async next() {
      if (!records) return after.next();
      const first = records;
      records = null;
      return { count: first.length, position, blankLines, batch: validate(first) };
    },
    close: () => after.close(),
  };
}

/** A source past its last range. */
function finished<Row>(): BatchSource<Row> {
  return {
    next: () => Promise.reject(new RangeError('headStartSource: read past the last range')),
    close: async () => {},
  };
}

/**
 * The validation worker's entry: validate-worker beside this module with this module's extension (.mjs in the
 * benchmark's bundle, .ts under tsx and Vitest, where the worker first registers tsx's loader: a worker started on a
 * .ts file with `--import tsx` in its execArgv does not load it on Node 20). Null where it cannot start (e.g. inside a
 * bundle without it): the import then validates in its own thread.
 */
export function validateWorkerEntry(): { file: string; tsx: string | null } | null {
  try {
    const self = fileURLToPath(import.meta.url);
    const file = path.join(path.dirname(self), `validate-worker${path.extname(self)}`);
    if (!fs.existsSync(file)) return null;
    if (!file.endsWith('.ts')) return { file, tsx: null };
    // tsx's ESM API sits beside its CommonJS build, which require.resolve finds
    const tsx = createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs');
    return fs.existsSync(tsx) ? { file, tsx } : null;
  } catch {
    return null; // not a file module (a bundler's chunk): validate inline
  }
}

function startWorker(entry: { file: string; tsx: string | null }, workerData: ValidateJob) {
  if (!entry.tsx) return new Worker(entry.file, { workerData });
  const [api, file] = [entry.tsx, entry.file].map((f) => JSON.stringify(pathToFileURL(f).href));
  return new Worker(`import(${api}).then((tsx) => { tsx.register(); return import(${file}); });`, {
    eval: true,
    workerData,
  });
}

/** Chunks the worker may prepare ahead of the writer (bounds memory: each is one batch of rows). */
const AHEAD = 2;

/**
 * Reads and validates events on a worker thread while this thread resolves and writes. Each chunk's cleaning counts
 * are added to `report()` when the chunk is handed over, so a commit counts exactly the chunks it wrote.
 */
export function workerSource(
  entry: NonNullable<ReturnType<typeof validateWorkerEntry>>,
  job: ValidateJob,
  report: () => CleaningReport,
): BatchSource<EventRow> {
  const worker = startWorker(entry, job);
  const queue: WorkerMessage[] = [];
  let waiting: { resolve: (m: WorkerMessage) => void; reject: (e: Error) => void } | null = null;
  let failure: Error | null = null;
  const fail = (e: Error) => {
    failure ??= e;
    waiting?.reject(failure);
    waiting = null;
  };
  worker.on('message', (m: WorkerMessage) => {
    if (waiting) {
      waiting.resolve(m);
      waiting = null;
    } else queue.push(m);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the validation worker stopped (exit code ${code})`)));
  worker.postMessage(AHEAD);
  const receive = () =>
    queue.length
      ? Promise.resolve(queue.shift()!)
      : failure
        ? Promise.reject(failure)
        : new Promise<WorkerMessage>((resolve, reject) => {
            waiting = { resolve, reject };
          });
  return {
    async next() {
      const m = await receive();
      if (m.type === 'error') throw new Error(`validation worker: ${m.message}`);
      worker.postMessage(1);
      const into = report();
      for (const k of Object.keys(m.report) as (keyof CleaningReport)[]) into[k] += m.report[k];
      return { count: m.count, position: m.position, blankLines: m.blankLines, batch: decodeEventBatch(m.batch) };
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
