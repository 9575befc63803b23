import type { CsvEncoding } from '../../csv/encoding';
import type { CsvPosition } from '../../csv/reader';
import type { DateOrder } from '../../import/dates';
import type { CleaningReport } from '../../import/report';
import type { RowSettings } from '../../import/rows/context';
import type { EventBatch } from '../../import/rows/event-batch';

/** A part of the file to read: [startByte, endByte) starting at line `startLine`; endByte null = to the end. */
export type ByteRange = { startByte: number; startLine: number; endByte: number | null };

/** What the validation worker needs (plain data: it crosses threads by structured clone). */
export type ValidateJob = {
  file: string;
  encoding: CsvEncoding;
  maxFieldBytes: number | undefined;
  batchSize: number;
  /** read one after another; each ends with an empty chunk */
  ranges: ByteRange[];
  settings: Omit<RowSettings, 'dates' | 'report' | 'rawText'>;
  dateOrder: DateOrder;
  timezone: string;
};

export type WorkerMessage =
  | {
      type: 'batch';
      /** records read (valid and rejected) */
      count: number;
      position: CsvPosition;
      blankLines: number;
      /** cleaning counts of this chunk's validation */
      report: CleaningReport;
      batch: EventBatch;
    }
  | { type: 'error'; message: string };
