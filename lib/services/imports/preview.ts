import { CsvFileError, inspectCsv } from '../../csv/inspect';
import type { CsvRecordError } from '../../csv/record-error';
import { type DateOrderDetection, detectDateOrder } from '../../import/dates';
import { FIELD_SPECS, type ImportKind, KEEPS_ATTRIBUTES } from '../../import/fields';
import { type DetectedCurrency, detectDecimalSeparator, detectFileCurrency } from '../../import/detect-currency';
import { headerKey } from '../../import/header-key';
import { type ProposedMapping, proposeMapping } from '../../import/mapping';
import { sampleRecords } from './prepare';

export type ImportPreview = {
  ok: true;
  encoding: string;
  encodingNote: string;
  delimiter: string;
  header: string[];
  /** first 20 data rows as read */
  /** `error`: why a record cannot be read (English text, code and params, catalogue `importRejections.<code>`). */
  rows: { line: number; fields: string[]; error: CsvRecordError | null }[];
  mapping: ProposedMapping;
  /** the columns that would go to `attributes` (catalogue, customers) */
  attributeColumns: string[];
  dateOrder: DateOrderDetection;
  /** from the amounts in the sample (`89,95 €` → ','), else ',' for semicolon-separated files */
  decimalSeparator: '.' | ',';
  /** the currency the file states (currency column or symbols), null when it does not say */
  currency: DetectedCurrency | null;
  /** identifies the header, for the mapping remembered from an earlier file */
  headerKey: string;
  fileSize: number;
  estimatedRows: number;
};

export type ImportPreviewError = { ok: false; error: string };

/**
 * What the mapping page shows before an import starts: detected encoding and delimiter, the header, the first 20
 * rows, the proposed column mapping with a confidence per field, the detected day/month order and an estimate of the
 * number of rows. Reads at most ~1 MB plus 2,000 rows; never touches the database. A file that cannot be read at all
 * (empty, UTF-16, broken header) gives `{ ok: false, error }`. With `opts.mapping`, the currency is detected with
 * that mapping instead of the proposed one.
 */
export function previewImport(
  filePath: string,
  kind: ImportKind,
  opts: { encoding?: string; delimiter?: string; mapping?: Record<string, string> } = {},
): ImportPreview | ImportPreviewError {
  let layout: ReturnType<typeof inspectCsv>;
  try {
    layout = inspectCsv(filePath, opts);
  } catch (e) {
    if (e instanceof CsvFileError) return { ok: false, error: e.message };
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, error: 'the uploaded file is missing' };
    throw e;
  }
  const { records, estimatedRows } = sampleRecords(filePath, layout);
  const valid = records.filter((r) => !r.error);
  const mapping = proposeMapping(
    kind,
    layout.header,
    valid.slice(0, 50).map((r) => r.fields),
  );
  const sample = valid.map((r) => r.fields);
  const moneyCols = FIELD_SPECS[kind]
    .filter((s) => s.type === 'money' || s.type === 'number')
    .map((s) => layout.header.indexOf(mapping.mapping[s.key] ?? '\u0000'))
    .filter((i) => i >= 0);
  const decimalSeparator = detectDecimalSeparator(
    sample.flatMap((r) => moneyCols.map((i) => r[i] ?? '')).filter(Boolean),
    layout.delimiter === ';' ? ',' : '.',
  );
  const dateCols = FIELD_SPECS[kind]
    .filter((s) => s.type === 'date')
    .map((s) => layout.header.indexOf(mapping.mapping[s.key] ?? '\u0000'))
    .filter((i) => i >= 0);
  return {
    ok: true,
    encoding: layout.encoding,
    encodingNote: layout.encodingNote,
    delimiter: layout.delimiter,
    header: layout.header,
    rows: records.slice(0, 20).map((r) => ({ line: r.line, fields: r.fields, error: r.error ?? null })),
    mapping,
    attributeColumns: KEEPS_ATTRIBUTES[kind] ? mapping.unmappedColumns : [],
    dateOrder: detectDateOrder(valid.flatMap((r) => dateCols.map((i) => r.fields[i] ?? ''))),
    decimalSeparator,
    currency: detectFileCurrency(kind, layout.header, sample, opts.mapping ?? mapping.mapping),
    headerKey: headerKey(layout.header),
    fileSize: layout.fileSize,
    estimatedRows,
  };
}
