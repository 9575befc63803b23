// A Buffer-level RFC 4180 tokenizer, written by hand because the import must (a) run faster than the
// sqlite3 shell's own `.import` — csv-parse + better-sqlite3 reached only ~0.43× of it here — (b) know the byte
// offset and physical line of every record, so a killed import resumes from a committed byte cursor, and (c) reject a
// bad record (broken quoting, oversized field, invalid bytes) with its line instead of failing the whole file.
import { type CsvEncoding, hasAsciiTrailBytes } from './encoding';
import { type CsvRecordError, recordError } from './record-error';
import { SkipScanner } from './skip-scanner';

export type CsvRecord = {
  /** Physical line (1-based, header = line 1) on which the record starts. */
  line: number;
  fields: string[];
  /** Set when the record cannot be read as it is; the row is rejected with this reason. */
  error?: CsvRecordError;
  /** The first 2 KB of the record as read, kept only for records with an error. */
  raw?: string;
  /** Absolute byte offsets of the record's text in the file, line terminator excluded (for the rejected-row report). */
  start?: number;
  end?: number;
};

export type TokenizerOptions = {
  delimiter: string;
  encoding?: CsvEncoding;
  /** A field longer than this rejects its row (default 1 MiB). */
  maxFieldBytes?: number;
  /** A record longer than this rejects its row and is skipped without being buffered (default 4 MiB). */
  maxRecordBytes?: number;
  /** Line number of the first byte handed to the tokenizer (default 1). */
  startLine?: number;
};

export const MAX_FIELD_BYTES = 1 << 20;
export const MAX_RECORD_BYTES = 4 << 20;
export const RAW_LIMIT = 2048;

const QUOTE = 34;
const LF = 10;
const CR = 13;
const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');

export class CsvTokenizer {
  readonly delimiter: number;
  readonly maxFieldBytes: number;
  readonly maxRecordBytes: number;
  /** Line number of the next unread byte. */
  line: number;
  /** Absolute byte offset just after the last record consumed (emitted or skipped as blank). */
  boundary = 0;
  /** Set by `scan` when it stopped inside a record and needs more bytes. */
  needMore = false;
  blankLines = 0;
  private readonly multiByte: boolean;
  private readonly decoder: TextDecoder | null;
  private skip: SkipScanner | null = null;

  constructor(opts: TokenizerOptions) {
    if (opts.delimiter.length !== 1)
      throw new RangeError(`CsvTokenizer: delimiter must be one character, got "${opts.delimiter}"`);
    const encoding = opts.encoding ?? 'utf-8';
    this.delimiter = opts.delimiter.charCodeAt(0);
    this.maxFieldBytes = opts.maxFieldBytes ?? MAX_FIELD_BYTES;
    this.maxRecordBytes = opts.maxRecordBytes ?? MAX_RECORD_BYTES;
    this.line = opts.startLine ?? 1;
    // GBK/Big5 trail bytes reach 0x40–0x7E, so `|` (0x7C) can sit inside a Chinese character; other delimiters,
    // quotes and line ends are below 0x40 and never do.
    this.multiByte = hasAsciiTrailBytes(encoding) && this.delimiter >= 0x40;
    this.decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding);
  }

  get isSkipping() {
    return this.skip !== null;
  }

  /** Decodes bytes that contain at least one byte ≥ 0x80; null when they are not valid in the file's encoding. */
  private decodeHigh(buf: Buffer, s: number, e: number): string | null {
    if (this.decoder) {
      const v = this.decoder.decode(buf.subarray(s, e));
      return v.includes('\uFFFD') ? null : v;
    }
    const v = buf.toString('utf8', s, e);
    if (!v.includes('\uFFFD')) return v;
    // U+FFFD written in the file itself is text; one produced by the decoder marks invalid bytes.
    let made = 0;
    for (let i = v.indexOf('\uFFFD'); i >= 0; i = v.indexOf('\uFFFD', i + 1)) made++;
    let own = 0;
    for (let i = buf.indexOf(REPLACEMENT, s); i >= 0 && i + 3 <= e; i = buf.indexOf(REPLACEMENT, i + 3)) own++;
    return made === own ? v : null;
  }

  rawText(buf: Buffer, s: number, e: number) {
    const end = Math.min(e, s + RAW_LIMIT);
    return this.decoder ? this.decoder.decode(buf.subarray(s, end)) : buf.toString('utf8', s, end);
  }

  /**
   * Reads complete records from buf[pos, end) into `out` until `out.length === max`. Returns the position after the
   * last complete record; `needMore` tells whether it stopped inside a record (then call again from that position
   * with more bytes after it). `base` is the absolute file offset of buf[0].
   */
  scan(buf: Buffer, pos: number, end: number, eof: boolean, out: CsvRecord[], max: number, base = 0): number {
    this.needMore = false;
    if (this.skip) {
      const r = this.skip.feed(buf, pos, end, eof);
      if (!r.done) {
        this.needMore = !eof;
        return end;
      }
      pos = r.pos;
      out.push(r.record);
      this.line = r.nextLine;
      this.boundary = base + pos;
      this.skip = null;
    }
    const D = this.delimiter;
    const mb = this.multiByte;
    while (out.length < max) {
      if (pos >= end) {
        this.needMore = !eof;
        return pos;
      }
      const recStart = pos;
      let line = this.line;
      const fields: string[] = [];
      let error: CsvRecord['error'];
      let p = pos;
      let dataEnd = pos;
      let complete = false;
      for (;;) {
        let c = p < end ? buf[p]! : -1;
        let s: number;
        let e: number;
        let hi = 0;
        let esc = false;
        if (c === QUOTE) {
          const openLine = line;
          s = ++p;
          let closed = false;
          while (p < end) {
            c = buf[p]!;
            if (c === QUOTE) {
              if (p + 1 < end) {
                if (buf[p + 1] === QUOTE) {
                  esc = true;
                  p += 2;
                  continue;
                }
                closed = true;
              } else if (eof) closed = true;
              break;
            }
            // a line break inside quotes is CRLF, LF or a lone CR, as outside them
            if (c === LF || (c === CR && (p + 1 >= end || buf[p + 1] !== LF))) line++;
            hi |= c;
            p++;
          }
          if (!closed) {
            if (!eof) break; // need more bytes
            error ??= recordError('unterminatedQuote', { line: String(openLine) }, fields.length);
            fields.push('');
            p = dataEnd = end;
            complete = true;
            break;
          }
          e = p++;
          if (p >= end && !eof) break;
          c = p < end ? buf[p]! : -1;
          if (c !== D && c !== LF && c !== CR && c !== -1) {
            // Text after a closing quote, e.g. `"say "hi" now"`: reject the row and resynchronise at the line end.
            error ??= recordError('malformedQuote', { column: String(fields.length + 1) }, fields.length);
            while (p < end && buf[p] !== LF && buf[p] !== CR) p++;
            if (p >= end && !eof) break;
            c = p < end ? buf[p]! : -1;
          }
        } else {
          s = p;
          if (mb) {
            while (p < end) {
              c = buf[p]!;
              if (c === D || c === LF || c === CR) break;
              if (c >= 0x80) {
                hi = 0x80;
                // a lead byte takes the next byte as its trail only when it can be one (0x40 and up): a line end
                // or delimiter after a truncated character still ends the field
                if (c >= 0x81 && c <= 0xfe && p + 1 < end && buf[p + 1]! >= 0x40) p++;
              }
              p++;
            }
          } else {
            while (p < end) {
              c = buf[p]!;
              if (c === D || c === LF || c === CR) break;
              hi |= c;
              p++;
            }
          }
          if (p >= end) {
            if (!eof) break;
            p = end;
            c = -1;
          }
          e = p;
        }
        // one field [s, e)
        if (e - s > this.maxFieldBytes) {
          error ??= recordError(
            'fieldTooLarge',
            { column: String(fields.length + 1), size: e - s, limit: this.maxFieldBytes },
            fields.length,
          );
          fields.push('');
        } else if (hi & 0x80) {
          let v = this.decodeHigh(buf, s, e);
          if (v === null) {
            error ??= recordError(
              'invalidEncoding',
              { column: String(fields.length + 1), encoding: this.decoder ? this.decoder.encoding : 'UTF-8' },
              fields.length,
            );
            v = this.rawText(buf, s, e);
          }
          fields.push(esc ? v.replaceAll('""', '"') : v);
        } else {
          const v = buf.toString('latin1', s, e);
          fields.push(esc ? v.replaceAll('""', '"') : v);
        }
        if (c === D) {
          p++;
          if (p >= end && !eof) break;
          continue;
        }
        dataEnd = p;
        if (c === LF) {
          p++;
          line++;
        } else if (c === CR) {
          if (p + 1 >= end && !eof) break;
          p += buf[p + 1] === LF ? 2 : 1;
          line++;
        }
        complete = true;
        break;
      }
      if (!complete) {
        this.needMore = true;
        return recStart;
      }
      if (p - recStart > this.maxRecordBytes && !error) {
        error = recordError('rowTooLarge', { size: p - recStart, limit: this.maxRecordBytes });
      }
      const recLine = this.line;
      this.line = line;
      this.boundary = base + p;
      pos = p;
      if (!error && isBlank(fields)) {
        this.blankLines++;
        continue;
      }
      const rec: CsvRecord = { line: recLine, fields, start: base + recStart, end: base + dataEnd };
      if (error) {
        rec.error = error;
        rec.raw = this.rawText(buf, recStart, p).replace(/\r?\n$/, '');
      }
      out.push(rec);
    }
    return pos;
  }

  /**
   * Called when the record starting at buf[pos] does not fit the largest buffer: it will be rejected, so scan it
   * without keeping its bytes (bounded memory whatever the file), remembering only its line and first 2 KB.
   */
  beginSkip(buf: Buffer, pos: number, end: number, eof: boolean) {
    this.skip = new SkipScanner({
      delimiter: this.delimiter,
      multiByte: this.multiByte,
      line: this.line,
      raw: this.rawText(buf, pos, end),
      maxFieldBytes: this.maxFieldBytes,
      maxRecordBytes: this.maxRecordBytes,
    });
    const r = this.skip.feed(buf, pos, end, eof);
    if (r.done) throw new Error('CsvTokenizer.beginSkip: record ended inside the buffer; scan() should have read it');
  }
}

function isBlank(fields: string[]) {
  for (let i = 0; i < fields.length; i++) if (fields[i] !== '') return false;
  return true;
}
