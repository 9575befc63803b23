import { recordError } from './record-error';
import type { CsvRecord } from './tokenizer';

const QUOTE = 34;
const LF = 10;
const CR = 13;

// biome-ignore lint/suspicious/noConstEnum: file-local and never exported; inlined as numbers in the per-byte loop
const enum S {
  FieldStart,
  Unquoted,
  Quoted,
  /** a CR inside quotes: a line break, CRLF when LF follows */
  QuotedCr,
  QuoteSeen,
  Literal,
  CrSeen,
}

export type SkipOptions = {
  delimiter: number;
  multiByte: boolean;
  line: number;
  raw: string;
  maxFieldBytes: number;
  maxRecordBytes: number;
};

export type SkipResult = { done: false } | { done: true; pos: number; record: CsvRecord; nextLine: number };

/**
 * Follows one oversized record to its end across buffer refills, keeping no bytes: only the quote state, the line
 * count, the largest field seen and the first 2 KB (for the rejected-rows report).
 */
export class SkipScanner {
  private state = S.FieldStart;
  private line: number;
  private readonly startLine: number;
  private field = 0;
  private fieldBytes = 0;
  private bigField = -1;
  private trail = false;
  private openLine = 0;

  constructor(private readonly o: SkipOptions) {
    this.line = o.line;
    this.startLine = o.line;
  }

  private finish(pos: number, eof: boolean): SkipResult {
    const column = this.bigField >= 0 ? this.bigField : undefined;
    const error =
      eof && this.state === S.Quoted
        ? recordError('unterminatedQuote', { line: String(this.openLine) }, column)
        : this.bigField >= 0
          ? recordError('fieldOverLimit', { column: String(this.bigField + 1), limit: this.o.maxFieldBytes }, column)
          : recordError('rowOverLimit', { limit: this.o.maxRecordBytes });
    const record: CsvRecord = { line: this.startLine, fields: [], error, raw: this.o.raw };
    return { done: true, pos, record, nextLine: this.line };
  }

  private endField() {
    if (this.fieldBytes > this.o.maxFieldBytes && this.bigField < 0) this.bigField = this.field;
    this.field++;
    this.fieldBytes = 0;
  }

  feed(buf: Uint8Array, pos: number, end: number, eof: boolean): SkipResult {
    const D = this.o.delimiter;
    let p = pos;
    for (; p < end; p++) {
      const c = buf[p]!;
      this.fieldBytes++;
      switch (this.state) {
        case S.CrSeen:
          this.line++;
          return this.finish(c === LF ? p + 1 : p, false);
        // biome-ignore lint/suspicious/noFallthroughSwitchClause: an unquoted field's first byte is read as Unquoted
        case S.FieldStart:
          if (c === QUOTE) {
            this.state = S.Quoted;
            this.openLine = this.line;
            break;
          }
          this.state = S.Unquoted;
        // falls through
        case S.Unquoted:
          if (this.trail) {
            this.trail = false;
            if (c >= 0x40) break; // the trail byte of a two-byte character; a line end (below 0x40) is not
          }
          if (c === D) {
            this.endField();
            this.state = S.FieldStart;
          } else if (c === LF) {
            this.endField();
            this.line++;
            return this.finish(p + 1, false);
          } else if (c === CR) {
            this.endField();
            this.state = S.CrSeen;
          } else if (this.o.multiByte && c >= 0x81 && c <= 0xfe) this.trail = true;
          break;
        case S.Quoted:
          if (c === QUOTE) this.state = S.QuoteSeen;
          else if (c === LF) this.line++;
          else if (c === CR) this.state = S.QuotedCr;
          break;
        case S.QuotedCr:
          this.line++;
          if (c === QUOTE) this.state = S.QuoteSeen;
          else if (c !== CR) this.state = S.Quoted; // the LF of a CRLF, or text
          break;
        case S.QuoteSeen:
          if (c === QUOTE) this.state = S.Quoted;
          else if (c === D) {
            this.endField();
            this.state = S.FieldStart;
          } else if (c === LF) {
            this.endField();
            this.line++;
            return this.finish(p + 1, false);
          } else if (c === CR) {
            this.endField();
            this.state = S.CrSeen;
          } else this.state = S.Literal;
          break;
        case S.Literal:
          if (c === LF) {
            this.endField();
            this.line++;
            return this.finish(p + 1, false);
          }
          if (c === CR) {
            this.endField();
            this.state = S.CrSeen;
          }
          break;
      }
    }
    if (eof) {
      if (this.state === S.CrSeen) this.line++;
      if (this.state === S.QuotedCr) {
        this.line++;
        this.state = S.Quoted;
      }
      this.endField();
      return this.finish(p, true);
    }
    return { done: false };
  }
}
