import { openRawText } from '../../csv/raw-text';
import { openImportStore } from '../../db/import/store';
import { isDiskFullError } from '../../db/disk-full';
import { databaseUrl } from '../../db/url';
import type { ImportKind } from '../../import/fields';
import { type CleaningReport, cleaningReportFrom, emptyCleaningReport } from '../../import/report';
import { BatchTransaction, ImportConflictError, type Pipeline, type Totals } from './batch-transaction';
import { type BatchSource, openBatchSource } from './open-batch-source';
import { createPipeline } from './pipelines';
import { ImportFileError, type PreparedImport, prepareImport } from './prepare';

export { ImportConflictError };

export type ImportProgress = {
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
  rowsPerSec: number;
  etaSeconds: number | null;
};

export type RunImportOptions = {
  onProgress?(p: ImportProgress): void;
  /** Stops after the batch in flight; the import is left `cancelled` and can be resumed by running it again. */
  signal?: AbortSignal;
  /** Database URL (default DATABASE_URL). */
  url?: string;
  /**
   * Events: read and validate on a worker thread while this one writes (default: for files of 50,000 rows or more,
   * where the worker's start-up pays off). Other kinds always validate in this thread.
   */
  validateInWorker?: boolean;
};

export type ImportSummary = {
  importId: string;
  kind: string;
  status: 'completed' | 'failed' | 'cancelled';
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  cleaning: CleaningReport;
  notes: string[];
  encoding: string;
  delimiter: string;
  /** this run only */
  durationMs: number;
  rowsPerSec: number;
  error: string | null;
};

/**
 * Lets timers and I/O run between chunks. With SQLite every await of the import resolves at once, so without this an
 * import would hold the event loop for its whole run: a job runner's lease heartbeat (and with it cancellation and
 * progress) would not fire until the end.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function replay(pipeline: Pipeline, source: BatchSource<unknown>, signal?: AbortSignal) {
  // Re-read the committed part of the file without writing, to rebuild in-file duplicate detection and order line
  // numbering; its cleaning counts go to a scratch report (the job already holds the real ones).
  const real = pipeline.report;
  pipeline.report = emptyCleaningReport();
  try {
    while (!signal?.aborted) {
      const { count, batch } = await source.next();
      if (!count) break;
      await pipeline.processValidated(batch as never, false);
      await yieldToEventLoop();
    }
  } finally {
    pipeline.report = real;
  }
}

/**
 * Runs (or resumes) an import: streams the job's file from its committed cursor, validates and cleans every row, and
 * commits each batch together with the cursor, the counts and its rejected rows in one transaction — so a process
 * killed at any moment resumes with no duplicate and no lost row. Safe to call from a worker thread or another
 * process. File-level problems (missing required columns, unreadable encoding…) end the job as `failed` with the
 * reason and resolve; unexpected errors mark it failed and are rethrown.
 */
/**
 * What a failed import stores when the disk filled up: a catalogue key, worded in the reader's language (the batch
 * in flight was rolled back; the rows committed so far stay and are not imported twice on resume).
 */
export const DISK_FULL = 'errors.imports.diskFull';

export async function runImport(importJobId: string, opts: RunImportOptions = {}): Promise<ImportSummary> {
  const started = Date.now();
  const store = await openImportStore(opts.url ?? databaseUrl());
  let kind = 'unknown';
  let notes: string[] = [];
  let totals: Totals = { rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  let cleaning = emptyCleaningReport();
  let layoutInfo = { encoding: 'utf-8', delimiter: ',' };
  let rowsThisRun = 0;
  let processedBefore = 0;
  /** this import's running time over all runs, without the time it sat failed or waiting between runs */
  const processingMs = () => processedBefore + (Date.now() - started);
  const summary = (status: ImportSummary['status'], error: string | null): ImportSummary => {
    const durationMs = Date.now() - started;
    return {
      importId: importJobId,
      kind,
      status,
      ...totals,
      cleaning,
      notes,
      ...layoutInfo,
      durationMs,
      rowsPerSec: durationMs ? Math.round((rowsThisRun * 1000) / durationMs) : 0,
      error,
    };
  };
  try {
    const job = await store.getJob(importJobId);
    if (!job) throw new RangeError(`runImport: import ${importJobId} not found`);
    kind = job.kind;
    if (kind === 'events') store.bulkEvents();
    processedBefore = job.processingMs ?? 0;
    totals = {
      rowsRead: job.rowsRead,
      inserted: job.inserted,
      updated: job.updated,
      unchanged: job.unchanged,
      rejected: job.rejected,
    };
    cleaning = cleaningReportFrom(job.cleaning);
    layoutInfo = { encoding: job.encoding, delimiter: job.delimiter };
    if (job.status === 'completed') return summary('completed', null);
    let prep: PreparedImport;
    try {
      prep = await prepareImport(job, store);
    } catch (e) {
      if (!(e instanceof ImportFileError)) throw e;
      await store.updateJob(importJobId, {
        status: 'failed',
        error: e.message,
        finishedAt: Date.now(),
        startedAt: job.startedAt ?? started,
        processingMs: processingMs(),
      });
      return summary('failed', e.message);
    }
    notes = [...prep.notes, `database: ${store.engine}`];
    layoutInfo = { encoding: prep.layout.encoding, delimiter: prep.layout.delimiter };
    prep.settings.report = cleaning;
    const pipeline = createPipeline(prep.kind as ImportKind, {
      kind: prep.kind,
      settings: prep.settings,
      options: prep.options,
      store,
      expectedRows: prep.estimatedRows,
    });
    await store.updateJob(importJobId, {
      status: 'running',
      error: null,
      startedAt: job.startedAt ?? started,
      finishedAt: null,
      encoding: prep.layout.encoding,
      delimiter: prep.layout.delimiter,
      mapping: prep.mapping,
    });
    const resuming = job.cursorByte > 0;
    if (resuming && prep.layout.fileSize !== job.fileSize) {
      const message = `the uploaded file changed since the import started (${job.fileSize} bytes then, ${prep.layout.fileSize} now); upload it again as a new import`;
      await store.updateJob(importJobId, {
        status: 'failed',
        error: message,
        finishedAt: Date.now(),
        processingMs: processingMs(),
      });
      return summary('failed', message);
    }
    const cursor = resuming ? { byte: job.cursorByte, line: job.cursorLine } : prep.layout.dataStart;
    const raw = openRawText(job.filePath, prep.layout.encoding);
    prep.settings.rawText = raw.read;
    const totalBytes = prep.layout.fileSize;
    const startByte = cursor.byte;
    const tx = new BatchTransaction(store, importJobId, job.cursorByte, totals, notes, processingMs);
    let source: BatchSource<unknown> | null = null;
    try {
      // an events worker starts here and boots while the pipeline loads its references
      source = openBatchSource(prep, pipeline, job.filePath, cursor, opts.validateInWorker);
      await pipeline.init();
      if (resuming) await replay(pipeline, source, opts.signal);
      for (;;) {
        if (opts.signal?.aborted) {
          await tx.commit(pipeline);
          await store.updateJob(importJobId, { status: 'cancelled', processingMs: processingMs() });
          totals = tx.totals;
          return summary('cancelled', null);
        }
        const chunk = await source.next();
        const { count, position } = chunk;
        if (!count && position.byte === tx.cursor && !tx.open) break;
        await tx.add(pipeline, chunk);
        rowsThisRun += count;
        if (!count || tx.rows >= prep.options.commitRows || tx.age >= prep.options.commitMs) await tx.commit(pipeline);
        totals = tx.totals;
        if (opts.onProgress) {
          const secs = Math.max((Date.now() - started) / 1000, 1e-3);
          const bytesPerSec = (position.byte - startByte) / secs;
          opts.onProgress({
            rowsRead: tx.current.rowsRead,
            bytesRead: position.byte,
            totalBytes,
            rowsPerSec: Math.round(rowsThisRun / secs),
            etaSeconds: bytesPerSec > 0 ? Math.round((totalBytes - position.byte) / bytesPerSec) : null,
          });
        }
        if (!count) break;
        await yieldToEventLoop();
      }
    } catch (e) {
      await tx.rollback();
      throw e;
    } finally {
      await source?.close();
      raw.close();
    }
    await store.updateJob(importJobId, { status: 'completed', finishedAt: Date.now(), processingMs: processingMs() });
    return summary('completed', null);
  } catch (e) {
    if (!(e instanceof ImportConflictError)) {
      const message = isDiskFullError(e) ? DISK_FULL : `import stopped: ${e instanceof Error ? e.message : String(e)}`;
      const failed = {
        status: 'failed',
        error: message,
        finishedAt: Date.now(),
        processingMs: processingMs(),
      } as const;
      // The store's own connection may be what failed (PostgreSQL reset or restarted): then through a new one.
      await store.updateJob(importJobId, failed).catch(async () => {
        const fresh = await openImportStore(opts.url ?? databaseUrl()).catch(() => null);
        await fresh?.updateJob(importJobId, failed).catch(() => {});
        await fresh?.close();
      });
    }
    throw e;
  } finally {
    await store.close();
  }
}
