import fs from 'node:fs';
import { type CsvRecord, CsvTokenizer, type TokenizerOptions, MAX_RECORD_BYTES } from './tokenizer';

export type CsvPosition = {
  /** Byte offset in the file where the next unread record starts. */
  byte: number;
  /** Last physical line consumed (the next record starts on line + 1). */
  line: number;
};

export type CsvFileReaderOptions = TokenizerOptions & {
  /** Where to start reading: after the BOM/header, or a committed import cursor. */
  startByte?: number;
  /** Treat this offset as the end of the file (must be a record boundary, e.g. a committed cursor). */
  endByte?: number;
  chunkBytes?: number;
};

/**
 * Reads records from a file in batches with bounded memory: one buffer that grows only while a record spans it, up
 * to maxRecordBytes + chunkBytes, beyond which the record is skipped and rejected. Synchronous reads keep the hot loop
 * free of promise overhead; a batch of thousands of records is one short, predictable block of work.
 */
export class CsvFileReader {
  readonly tokenizer: CsvTokenizer;
  private buf: Buffer;
  private start = 0;
  private end = 0;
  /** Absolute file offset of buf[0]. */
  private base: number;
  private eof = false;
  private readonly chunk: number;
  private readonly maxCapacity: number;
  private fd: number | null;
  private readonly endByte: number;

  constructor(file: string | number, opts: CsvFileReaderOptions) {
    this.tokenizer = new CsvTokenizer(opts);
    this.fd = typeof file === 'number' ? file : fs.openSync(file, 'r');
    this.chunk = opts.chunkBytes ?? 1 << 20;
    this.maxCapacity = (opts.maxRecordBytes ?? MAX_RECORD_BYTES) + this.chunk;
    this.buf = Buffer.allocUnsafe(this.chunk);
    this.base = opts.startByte ?? 0;
    this.endByte = opts.endByte ?? Number.MAX_SAFE_INTEGER;
    this.tokenizer.boundary = this.base;
  }

  /** Position after the last record returned (the cursor to commit with it). */
  get position(): CsvPosition {
    return { byte: this.tokenizer.boundary, line: this.tokenizer.line - 1 };
  }

  /** Bytes read from the file so far (absolute offset of the read head). */
  get bytesRead() {
    return this.base + this.end;
  }

  get done() {
    return this.eof && this.start >= this.end && !this.tokenizer.isSkipping && !this.tokenizer.needMore;
  }

  private fill() {
    if (this.start > 0) {
      this.buf.copy(this.buf, 0, this.start, this.end);
      this.base += this.start;
      this.end -= this.start;
      this.start = 0;
    }
    if (this.end === this.buf.length) {
      if (this.buf.length < this.maxCapacity) {
        const bigger = Buffer.allocUnsafe(Math.min(this.maxCapacity, this.buf.length * 2));
        this.buf.copy(bigger, 0, 0, this.end);
        this.buf = bigger;
      } else {
        // The record will not fit: follow it to its end without keeping it.
        this.tokenizer.beginSkip(this.buf, 0, this.end, false);
        this.base += this.end;
        this.end = 0;
      }
    }
    const want = Math.min(this.buf.length - this.end, this.endByte - (this.base + this.end));
    const n = want > 0 ? fs.readSync(this.fd!, this.buf, this.end, want, this.base + this.end) : 0;
    if (n === 0) this.eof = true;
    this.end += n;
  }

  /** Up to `max` records; an empty array at the end of the file. */
  read(max: number): CsvRecord[] {
    const out: CsvRecord[] = [];
    while (out.length < max) {
      if (this.start >= this.end && !this.eof) this.fill();
      this.start = this.tokenizer.scan(this.buf, this.start, this.end, this.eof, out, max, this.base);
      if (this.tokenizer.isSkipping) {
        this.base += this.end;
        this.start = this.end = 0;
      }
      if (this.tokenizer.needMore) {
        this.fill();
        continue;
      }
      if (this.eof && this.start >= this.end) break;
    }
    return out;
  }

  close() {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

/** Parses a whole in-memory CSV (tests, previews of small samples). */
export function parseCsvBuffer(buf: Buffer, opts: TokenizerOptions & { eof?: boolean }): CsvRecord[] {
  const tok = new CsvTokenizer(opts);
  const out: CsvRecord[] = [];
  tok.scan(buf, 0, buf.length, opts.eof ?? true, out, Number.MAX_SAFE_INTEGER);
  return out;
}
