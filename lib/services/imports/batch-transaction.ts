import type { ImportStore } from '../../db/import/store';
import type { SourceBatch } from './batch-source';
import type { createPipeline } from './pipelines';

export type Pipeline = ReturnType<typeof createPipeline>;

export type Totals = { rowsRead: number; inserted: number; updated: number; unchanged: number; rejected: number };

/** Another process advanced this import's cursor while we were running it. */
export class ImportConflictError extends Error {
  constructor(id: string) {
    super(`import ${id} is being run by another worker (its cursor moved)`);
    this.name = 'ImportConflictError';
  }
}

/**
 * The open transaction of an import: rows of several steps, their rejected rows, then the cursor and counts,
 * committed together. The job row is locked (PostgreSQL: FOR UPDATE; SQLite: BEGIN IMMEDIATE) and its cursor checked
 * first, so a second runner of the same import stops instead of writing twice.
 */
export class BatchTransaction {
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

  async add(pipeline: Pipeline, chunk: SourceBatch<unknown>) {
    if (!this.open) {
      const current = await this.store.begin(this.jobId);
      this.open = true;
      this.openedAt = Date.now();
      this.rows = 0;
      if (current !== this.cursor) throw new ImportConflictError(this.jobId);
    }
    const { written, skipped, rejections } = await pipeline.processValidated(chunk.batch as never, true);
    pipeline.report.blankLinesSkipped += chunk.blankLines;
    const t = this.pendingTotals;
    this.pendingTotals = {
      ...t,
      rowsRead: t.rowsRead + chunk.count,
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
        reasonKey: `importRejections.${r.code}`,
        params: JSON.stringify(r.params),
        raw: r.raw,
      })),
    );
    const previous = this.inflight;
    this.inflight = Promise.all([done, errors]).then(() => {});
    this.inflight.catch(() => {});
    await previous;
    this.rows += chunk.count;
    this.pending = chunk.position;
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
