import type { CsvRecord } from '../../csv/tokenizer';
import type { ImportStore, KeyTable } from '../../db/import/store';
import type { ImportKind } from '../../import/fields';
import { KeyIndex } from '../../import/key-index';
import type { ImportOptions } from '../../import/options';
import type { RejectionCode, RejectionParams } from '../../import/rejection-codes';
import type { CleaningReport, RowCounts } from '../../import/report';
import { Rejection, RowReader, type RowSettings } from '../../import/rows/context';
import { References } from './references';

export type PipelineSetup = {
  kind: ImportKind;
  settings: RowSettings;
  options: ImportOptions;
  store: ImportStore;
  /** Estimated data rows in the file (sizes the in-file key index once). */
  expectedRows?: number;
};

/**
 * `written` settles when the chunk's rows are in the database; with PostgreSQL the caller prepares the next chunk while
 * the server writes this one (SQLite writes in this thread, so it has settled on return). Rows skipped as in-file
 * repeats are already counted in `skipped`.
 */
/** A rejection's code and parameters (its English text is made from them). */
export type CodedRejection = { code: RejectionCode; params: RejectionParams };

export type BatchResult = { written: Promise<RowCounts>; skipped: number; rejections: Rejection[] };

/**
 * A chunk after validation: the valid rows, the rejected ones, the line of the chunk's first record, and its records
 * by line (for rows rejected later, e.g. an unknown customer: the report shows the row as uploaded).
 */
export type ValidatedBatch<Row> = {
  rows: Row[];
  rejections: Rejection[];
  firstLine: number;
  record(line: number): CsvRecord | undefined;
};

/** Records by line, indexed on first use (most chunks reject nothing after validation). */
export function recordLookup(records: readonly CsvRecord[]): (line: number) => CsvRecord | undefined {
  let byLine: Map<number, CsvRecord> | null = null;
  return (line) => {
    byLine ??= new Map(records.map((r) => [r.line, r]));
    return byLine.get(line);
  };
}

/**
 * One kind's path from records to database rows: validate (pure) → resolve references → drop in-file duplicates →
 * write. In replay mode (`write` false: resuming after a crash) it re-reads the committed part of the file without
 * writing, only to rebuild the in-file duplicate index and order line numbering exactly as the first run had them.
 *
 * In-file duplicates: the first row with a key wins. A later row with the same key and the same content is skipped
 * (counted unchanged and in the cleaning report); with different content it is rejected, naming the first line.
 */
export abstract class KindPipeline<Row extends { line: number; hash: number; keyH1?: number; keyH2?: number }> {
  readonly refs: References;
  /** Keys accepted so far in this file → a: first line, b: content hash. */
  protected readonly index: KeyIndex;
  protected readonly reader: RowReader;
  private batch: ValidatedBatch<Row> = { rows: [], rejections: [], firstLine: 0, record: () => undefined };
  /** The previous chunk's write, which may still be running while this chunk is prepared. */
  private lastWrite: Promise<unknown> = Promise.resolve();
  now = Date.now();

  constructor(protected readonly setup: PipelineSetup) {
    this.refs = new References(setup.store, setup.settings.report);
    this.reader = new RowReader(setup.settings);
    this.index = new KeyIndex(Math.min(setup.expectedRows ?? 1 << 15, 50_000_000));
  }

  get report(): CleaningReport {
    return this.setup.settings.report;
  }

  /** Swaps the report counts go to (replay counts into a scratch report). */
  set report(r: CleaningReport) {
    this.setup.settings.report = r;
    this.refs.report = r;
  }

  /** Table that holds the key, to confirm a suspected in-file duplicate (the key index stores 64-bit hashes). */
  protected abstract readonly keyTable: KeyTable;
  protected abstract validate(rec: CsvRecord): Row | Rejection;
  protected abstract keyOf(row: Row): string;
  /** Resolves references in place; returns the rows that resolved (the others are rejected). */
  protected abstract resolve(rows: Row[], rejections: Rejection[], write: boolean): Promise<Row[]>;
  protected abstract write(rows: Row[]): Promise<RowCounts>;
  /** The code and parameters of a row rejected as a duplicate of `firstLine` with different values. */
  protected abstract duplicateReason(row: Row, firstLine: number): CodedRejection;
  /** Sees every record before validation (orders number their lines here). */
  protected beforeValidate(_records: CsvRecord[]) {}
  /** Sees a row skipped as a repeat of an earlier row with the same key and content (the catalogue adds categories). */
  protected onRepeat(_row: Row) {}

  async init() {
    await this.refs.loadCategories();
  }

  protected rejectRow(row: { line: number }, field: string | null, code: RejectionCode, params: RejectionParams = {}) {
    const rec = this.batch.record(row.line) ?? { line: row.line, fields: [] };
    return this.reader.reject(rec, field === null ? null : this.reader.col(field), code, params);
  }

  /** Validates a chunk of records in this thread (the step a validation worker does for events). */
  validateBatch(records: CsvRecord[]): ValidatedBatch<Row> {
    this.beforeValidate(records);
    const rows: Row[] = [];
    const rejections: Rejection[] = [];
    for (let i = 0; i < records.length; i++) {
      const v = this.validate(records[i]!);
      if (v instanceof Rejection) rejections.push(v);
      else rows.push(v);
    }
    return { rows, rejections, firstLine: records[0]?.line ?? 0, record: recordLookup(records) };
  }

  process(records: CsvRecord[], write: boolean): Promise<BatchResult> {
    return this.processValidated(this.validateBatch(records), write);
  }

  /** Resolves, deduplicates and (when `write`) writes a validated chunk. */
  async processValidated(batch: ValidatedBatch<Row>, write: boolean): Promise<BatchResult> {
    this.batch = batch;
    this.now = Date.now();
    const { rows, rejections } = batch;
    const resolved = await this.resolve(rows, rejections, write);
    const { accepted, skipped } = await this.dedup(resolved, rejections, batch.firstLine);
    const written = write ? this.write(accepted) : Promise.resolve({ inserted: 0, updated: 0, unchanged: 0 });
    // a failed write is reported where the caller awaits it; this only keeps it from counting as unhandled meanwhile
    this.lastWrite = written.catch(() => {});
    if (rejections.length > 1) rejections.sort((a, b) => a.line - b.line);
    return { written, skipped, rejections };
  }

  private async dedup(rows: Row[], rejections: Rejection[], chunkStart: number) {
    const accepted: Row[] = [];
    const suspects: Row[] = [];
    let chunkRows: Map<number, Row> | null = null;
    let skipped = 0;
    const repeat = (row: Row, firstLine: number, firstHash: number) => {
      if (firstHash === row.hash) {
        skipped++;
        this.report.duplicatesInFile++;
        this.onRepeat(row);
      } else {
        const { code, params } = this.duplicateReason(row, firstLine);
        rejections.push(this.rejectRow(row, null, code, params));
      }
    };
    const { index } = this;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const key = this.keyOf(row);
      const slot = row.keyH2
        ? index.addHashed(row.keyH1!, row.keyH2, row.line, row.hash)
        : index.add(key, row.line, row.hash);
      if (slot < 0) {
        accepted.push(row);
        continue;
      }
      const firstLine = index.a(slot);
      if (firstLine >= chunkStart) {
        // first seen in this chunk: compare the keys themselves (the index holds only their hashes)
        chunkRows ??= new Map(rows.map((r) => [r.line, r]));
        const first = chunkRows.get(firstLine);
        if (first && this.keyOf(first) === key) repeat(row, firstLine, index.b(slot));
        else accepted.push(row);
      } else suspects.push(row);
    }
    if (suspects.length) {
      // first seen in an earlier chunk, hence written (once that chunk's write has landed): confirm in the database
      await this.lastWrite;
      const existing = await this.setup.store.existingKeys(
        this.keyTable,
        suspects.map((r) => this.keyOf(r)),
      );
      for (const row of suspects) {
        const key = this.keyOf(row);
        const slot = index.find(key);
        if (existing.has(key)) repeat(row, index.a(slot), index.b(slot));
        else accepted.push(row); // a 64-bit hash collision: a new key after all
      }
    }
    return { accepted, skipped };
  }
}
