/**
 * CSV output for exports and the rejected-rows download. Cells a spreadsheet would run as a formula — starting with
 * = + - @, tab or CR, or their full-width forms ＝ ＋ － ＠ — get a leading apostrophe (OWASP "CSV injection"), so a
 * cell like `=HYPERLINK(...)` from an uploaded file is shown as text, never executed.
 */
export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']);

/** Prefixes text that a spreadsheet would treat as a formula with an apostrophe. Numbers are never touched. */
export function neutraliseFormula(text: string) {
  return text.length > 0 && FORMULA_START.has(text[0]!) ? `'${text}` : text;
}

/** One cell: neutralised, then quoted when it contains the delimiter, a quote or a line break. */
export function csvCell(value: CsvValue, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutraliseFormula(value instanceof Date ? value.toISOString() : value);
  if (text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r')) {
    return `"${text.replaceAll('"', '""')}"`;
  }
  return text;
}

/** One CSV line with CRLF (RFC 4180), e.g. `csvLine(['a', '=1+1'])` → `a,'=1+1\r\n`. */
export function csvLine(values: readonly CsvValue[], delimiter = ','): string {
  let out = '';
  for (let i = 0; i < values.length; i++) out += (i ? delimiter : '') + csvCell(values[i], delimiter);
  return `${out}\r\n`;
}

/**
 * Streams rows as CSV text (header first, UTF-8 BOM so Excel reads Chinese correctly), in chunks of about 64 KB.
 * Wrap with `Readable.from(...)` or `ReadableStream.from(...)` for a download.
 */
export async function* csvChunks(
  header: readonly string[],
  rows: AsyncIterable<readonly CsvValue[]> | Iterable<readonly CsvValue[]>,
  opts: { bom?: boolean; delimiter?: string } = {},
) {
  const d = opts.delimiter ?? ',';
  let buf = (opts.bom === false ? '' : '\uFEFF') + csvLine(header, d);
  for await (const row of rows) {
    buf += csvLine(row, d);
    if (buf.length >= 65536) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** Rebuilds a record's text from its fields (no neutralising: this is data, stored as read). */
export function joinRecord(fields: readonly string[], delimiter = ','): string {
  let out = '';
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const needsQuotes = f.includes(delimiter) || f.includes('"') || f.includes('\n') || f.includes('\r');
    out += (i ? delimiter : '') + (needsQuotes ? `"${f.replaceAll('"', '""')}"` : f);
  }
  return out;
}
