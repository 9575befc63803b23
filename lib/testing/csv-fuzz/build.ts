import type { BigCell, CsvFileSpec, FileSpec, RecordSpec } from './arbitraries';
import { encodeGbk } from './gbk';

/** What the generator knows about one data row it wrote. */
export type ExpectedRow = {
  /** physical line the row starts on: 1 + the line breaks (CRLF, LF or a lone CR) before it */
  line: number;
  /** the cells as written, when the row has no fault (null: a fault makes the fields undefined) */
  fields: string[] | null;
  /** a cell above 1 MiB or a row above 4 MiB: the row must be rejected for its size */
  tooLarge: boolean;
  /** the row must be rejected by the tokenizer (a quote never closed) */
  unterminated: boolean;
  /** a cell holds bytes that are not valid in the file's encoding */
  badBytes: boolean;
};

export type BuiltFile = {
  bytes: Buffer;
  /** data rows in file order (blank lines and rows of empty cells are not data rows) */
  rows: ExpectedRow[];
  /** null for junk, whose rows only the reference parser can tell */
  header: string[] | null;
  headerLine: number;
};

export const MAX_FIELD = 1 << 20;
export const MAX_ROW = 4 << 20;

const bigText = (b: BigCell) => b.ch.repeat(b.reps);

function lineBreaksBefore(bytes: Buffer, offsets: number[]) {
  const lines: number[] = [];
  let line = 1;
  let k = 0;
  for (let i = 0; i <= bytes.length && k < offsets.length; i++) {
    while (k < offsets.length && offsets[k] === i) {
      lines.push(line);
      k++;
    }
    const c = bytes[i];
    if (c === 10 || (c === 13 && bytes[i + 1] !== 10)) line++;
  }
  return lines;
}

/** Turns a spec into the file's bytes and what the importer must find in it. */
export function buildFile(spec: FileSpec): BuiltFile {
  if (spec.type === 'junk') {
    const magic = { gzip: [0x1f, 0x8b], zip: [0x50, 0x4b, 0x03, 0x04], none: [] }[spec.magic];
    return { bytes: Buffer.from([...magic, ...spec.bytes]), rows: [], header: null, headerLine: 0 };
  }
  return buildCsv(spec);
}

function buildCsv(spec: CsvFileSpec): BuiltFile {
  const enc = (s: string) => (spec.encoding === 'gbk' ? encodeGbk(s) : Buffer.from(s, 'utf8'));
  const D = spec.delimiter;
  const parts: Buffer[] = [];
  let size = 0;
  const push = (b: Buffer) => {
    parts.push(b);
    size += b.length;
  };
  const text = (s: string) => push(enc(s));
  /** bytes of one cell between its quotes (escaped) or as written */
  const cell = (value: string, quoted: boolean, extra: number[] = []) => {
    const needs = quoted || /[",;|\t\r\n]/.test(value) || value.includes(D);
    const body = Buffer.concat([enc(needs ? value.replaceAll('"', '""') : value), Buffer.from(extra)]);
    if (needs) push(enc('"'));
    push(body);
    if (needs) push(enc('"'));
    return body.length;
  };

  if (spec.bom) push(Buffer.from([0xef, 0xbb, 0xbf]));
  if (spec.sepLine) text(`sep=${D}${spec.eol}`);
  for (const b of spec.leadingBlank) text(b.replaceAll(',', D) + spec.eol);
  const header = spec.header.some((h) => h !== '') ? spec.header : ['id', ...spec.header.slice(1)];
  const headerStart = size;
  header.forEach((h, i) => {
    if (i) text(D);
    cell(h, false);
  });
  text(spec.eol);

  const records: RecordSpec[] = spec.records.map((r) => ({ ...r, cells: [...r.cells] }));
  const big = spec.big && records.length ? spec.big : null;
  const bigAt = big ? big.at % records.length : -1;
  const offsets: number[] = [];
  const rows: Omit<ExpectedRow, 'line'>[] = [];
  records.forEach((r, ri) => {
    if (ri === bigAt && big) {
      const value = bigText(big);
      if (big.copies === 1) {
        const col = r.cells.length ? big.col % r.cells.length : 0;
        r.cells[col] = value;
      } else r.cells = Array.from({ length: big.copies }, () => value);
      r.quote = r.cells.map((_, i) => r.quote[i] ?? false);
    }
    const start = size;
    const badCol =
      r.fault?.type === 'badBytes'
        ? r.fault.col < 0
          ? r.cells.length - 1
          : r.fault.col % Math.max(1, r.cells.length)
        : -1;
    let largest = 0;
    const n = r.cells.length;
    for (let i = 0; i < n; i++) {
      if (i) text(D);
      const extra = i === badCol && r.fault?.type === 'badBytes' ? r.fault.bytes : [];
      // in GBK a lead byte before "|" is a valid character (0xD6 0x7C is 謡): quote such a cell inside the row
      const quote = r.quote[i]! || (extra.length > 0 && spec.encoding === 'gbk' && D === '|' && i < n - 1);
      largest = Math.max(largest, cell(r.cells[i]!, quote, extra));
    }
    if (r.fault?.type === 'badBytes' && r.cells.length === 0) push(Buffer.from(r.fault.bytes));
    if (r.fault?.type === 'malformed') text(`${n ? D : ''}"${r.fault.a}"${r.fault.b}`);
    const blank = r.fault === null && r.cells.every((c) => c === '');
    const rowBytes = size - start;
    if (ri < records.length - 1 || spec.finalEol || spec.unterminated) text(spec.eol);
    if (blank) return;
    offsets.push(start);
    rows.push({
      fields: r.fault ? null : r.cells,
      tooLarge: largest > MAX_FIELD || rowBytes > MAX_ROW,
      unterminated: false,
      badBytes: r.fault?.type === 'badBytes',
    });
  });
  if (spec.unterminated) {
    const u = spec.unterminated;
    offsets.push(size);
    text([...u.prefix, `"${u.text}`].join(D));
    rows.push({ fields: null, tooLarge: false, unterminated: true, badBytes: false });
  }
  const bytes = Buffer.concat(parts);
  const [headerLine, ...lines] = lineBreaksBefore(bytes, [headerStart, ...offsets]);
  return { bytes, rows: rows.map((r, i) => ({ ...r, line: lines[i]! })), header, headerLine: headerLine! };
}
