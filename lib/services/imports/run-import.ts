import { openRawText } from '../../csv/raw-text';
import { CsvFileReader } from '../../csv/reader';
import { type ImportStore, openImportStore } from '../../db/import/store';
import { databaseUrl } from '../../db/url';
import type { ImportKind } from '../../import/fields';
import { reasonKey } from '../../import/reason-key';
import { type CleaningReport, cleaningReportFrom, emptyCleaningReport } from '../../import/report';
import { createPipeline } from './pipelines';

type Pipeline = ReturnType<typeof createPipeline>;
import { ImportFileError, type PreparedImport, prepareImport } from './prepare';

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

/** Another process advanced this import's cursor while we were running it. */
export class ImportConflictError extends Error {
  constructor(id: string) {
    super(`import ${id} is being run by another worker (its cursor moved)`);
    this.name = 'ImportConflictError';
  }
}

type Totals = { rowsRead: number; inserted: number; updated: number; unchanged: number; rejected: number };

/**
 * Lets timers and I/O run between chunks. With SQLite every await of the import resolves at once, so without this an
 * import would hold the event loop for its whole run: a job runner's lease heartbeat (and with it cancellation and
 * progress) would not fire until the end.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function replay(
  prep: PreparedImport,
  pipeline: ReturnType<typeof createPipeline>,
  file: string,
  until: number,
  signal?: AbortSignal,
) {
  // Re-read the committed part of the file without writing, to rebuild in-file duplicate detection and order line
  // numbering; its cleaning counts go to a scratch report (the job already holds the real ones).
  const real = pipeline.report;
  pipeline.report = emptyCleaningReport();
  const { layout } = prep;
  const reader = new CsvFileReader(file, {
    delimiter: layout.delimiter,
    encoding: layout.encoding,
    startByte: layout.dataStart.byte,
    startLine: layout.dataStart.line + 1,
    endByte: until,
    maxFieldBytes: prep.options.maxFieldBytes,
  });
  try {
    for (
      let recs = reader.read(prep.options.batchSize);
      recs.length && !signal?.aborted;
      recs = reader.read(prep.options.batchSize)
    ) {
      await pipeline.process(recs, false);
      await yieldToEventLoop();
    }
  } finally {
    reader.close();
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
    await pipeline.init();
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
    if (resuming) await replay(prep, pipeline, job.filePath, job.cursorByte, opts.signal);
    const cursor = resuming ? { byte: job.cursorByte, line: job.cursorLine } : prep.layout.dataStart;
    const reader = new CsvFileReader(job.filePath, {
      delimiter: prep.layout.delimiter,
      encoding: prep.layout.encoding,
      startByte: cursor.byte,
      startLine: cursor.line + 1,
      maxFieldBytes: prep.options.maxFieldBytes,
    });
    const raw = openRawText(job.filePath, prep.layout.encoding);
    prep.settings.rawText = raw.read;
    const totalBytes = prep.layout.fileSize;
    const startByte = cursor.byte;
    const tx = new BatchTransaction(store, importJobId, job.cursorByte, totals, notes, processingMs);
    try {
      for (;;) {
        if (opts.signal?.aborted) {
          await tx.commit(pipeline);
          await store.updateJob(importJobId, { status: 'cancelled', processingMs: processingMs() });
          totals = tx.totals;
          return summary('cancelled', null);
        }
        const blankBefore = reader.tokenizer.blankLines;
        const records = reader.read(prep.options.batchSize);
        const position = reader.position;
        if (!records.length && position.byte === tx.cursor && !tx.open) break;
        await tx.add(pipeline, records, position, reader.tokenizer.blankLines - blankBefore);
        rowsThisRun += records.length;
        if (!records.length || tx.rows >= prep.options.commitRows || tx.age >= prep.options.commitMs)
          await tx.commit(pipeline);
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
        if (!records.length) break;
        await yieldToEventLoop();
      }
    } catch (e) {
      await tx.rollback();
      throw e;
    } finally {
      reader.close();
      raw.close();
    }
    await store.updateJob(importJobId, { status: 'completed', finishedAt: Date.now(), processingMs: processingMs() });
    return summary('completed', null);
  } catch (e) {
    if (!(e instanceof ImportConflictError)) {
      const message = e instanceof Error ? e.message : String(e);
      await store
        .updateJob(importJobId, {
          status: 'failed',
          error: `import stopped: ${message}`,
          finishedAt: Date.now(),
          processingMs: processingMs(),
        })
        .catch(() => {});
    }
    throw e;
  } finally {
    await store.close();
  }
}

/**
 * The open transaction of an import: rows of several steps, their rejected rows, then the cursor and counts,
 * committed together. The job row is locked (PostgreSQL: FOR UPDATE; SQLite: BEGIN IMMEDIATE) and its cursor checked
 * first, so a second runner of the same import stops instead of writing twice.
 */
class BatchTransaction {
  open = false;
  rows = 0;
  private openedAt = 0;
  private pending: { byte: number; line: number } | null = null;
  private pendingTotals: Totals;
  private inflight: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: ImportStore,
    private readonly jobId: string,
    /** committed cursor byte */
    public cursor: number,
    public totals: Totals,
    private readonly notes: string[],
    private readonly processingMs: () => number,
  ) {
    this.pendingTotals = totals;
  }

  get age() {
    return Date.now() - this.openedAt;
  }

  /** Totals including the open transaction's rows (committed or not). */
  get current() {
    return this.pendingTotals;
  }

  async add(
    pipeline: Pipeline,
    records: Parameters<Pipeline['process']>[0],
    position: { byte: number; line: number },
    blankLines: number,
  ) {
    if (!this.open) {
      const current = await this.store.begin(this.jobId);
      this.open = true;
      this.openedAt = Date.now();
      this.rows = 0;
      if (current !== this.cursor) throw new ImportConflictError(this.jobId);
    }
    const { written, skipped, rejections } = await pipeline.process(records, true);
    pipeline.report.blankLinesSkipped += blankLines;
    const t = this.pendingTotals;
    this.pendingTotals = {
      ...t,
      rowsRead: t.rowsRead + records.length,
      unchanged: t.unchanged + skipped,
      rejected: t.rejected + rejections.length,
    };
    // one chunk in flight: the next is validated while this one is written
    const done = written.then((c) => {
      const p = this.pendingTotals;
      this.pendingTotals = {
        ...p,
        inserted: p.inserted + c.inserted,
        updated: p.updated + c.updated,
        unchanged: p.unchanged + c.unchanged,
      };
    });
    const errors = this.store.insertErrors(
      this.jobId,
      rejections.map((r) => ({
        line: r.line,
        column: r.column,
        reason: r.reason,
        reasonKey: reasonKey(r.reason),
        raw: r.raw,
      })),
    );
    const previous = this.inflight;
    this.inflight = Promise.all([done, errors]).then(() => {});
    this.inflight.catch(() => {});
    await previous;
    this.rows += records.length;
    this.pending = position;
  }

  async commit(pipeline: Pipeline) {
    if (!this.open) return;
    await this.inflight;
    const p = this.pending!;
    await this.store.saveProgress(this.jobId, {
      cursorByte: p.byte,
      cursorLine: p.line,
      ...this.pendingTotals,
      cleaning: { ...pipeline.report, notes: this.notes },
      processingMs: this.processingMs(),
    });
    await this.store.commit();
    this.open = false;
    this.cursor = p.byte;
    this.totals = this.pendingTotals;
  }

  async rollback() {
    await this.inflight.catch(() => {});
    if (this.open) await this.store.rollback();
    this.open = false;
  }
}
