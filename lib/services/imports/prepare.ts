import { CsvFileError, type CsvLayout, inspectCsv } from '../../csv/inspect';
import { CsvFileReader } from '../../csv/reader';
import type { CsvRecord } from '../../csv/tokenizer';
import type { ImportJobRecord, ImportStore } from '../../db/import/store';
import { DateParser, type DateOrder, detectDateOrder } from '../../import/dates';
import { FIELD_SPECS, type ImportKind, isImportKind, KEEPS_ATTRIBUTES } from '../../import/fields';
import { type ColumnMapping, mappingProblem, proposeMapping, resolveMapping } from '../../import/mapping';
import { columnMappingSchema, type ImportOptions, importOptionsSchema } from '../../import/options';
import { emptyCleaningReport } from '../../import/report';
import type { RowSettings } from '../../import/rows/context';

/** A problem with the file or the import's settings: the import cannot run at all (no row is written). */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export type PreparedImport = {
  kind: ImportKind;
  options: ImportOptions;
  layout: CsvLayout;
  mapping: ColumnMapping;
  settings: RowSettings;
  dateOrder: DateOrder;
  notes: string[];
  estimatedRows: number;
};

const SAMPLE_ROWS = 2000;

/** The first data rows (for mapping proposals and date-order detection) and an estimate of the file's row count. */
export function sampleRecords(
  file: string,
  layout: CsvLayout,
  n = SAMPLE_ROWS,
): { records: CsvRecord[]; estimatedRows: number } {
  const reader = new CsvFileReader(file, {
    delimiter: layout.delimiter,
    encoding: layout.encoding,
    startByte: layout.dataStart.byte,
    startLine: layout.dataStart.line + 1,
  });
  try {
    const records = reader.read(n);
    const used = reader.position.byte - layout.dataStart.byte;
    const rest = layout.fileSize - layout.dataStart.byte;
    const estimatedRows = records.length < n || used <= 0 ? records.length : Math.ceil((records.length * rest) / used);
    return { records, estimatedRows };
  } finally {
    reader.close();
  }
}

function zodMessage(e: unknown) {
  if (e && typeof e === 'object' && 'issues' in e && Array.isArray((e as { issues: unknown[] }).issues)) {
    return (e as { issues: { path: PropertyKey[]; message: string }[] }).issues
      .map((i) => `${i.path.map(String).join('.') || 'options'}: ${i.message}`)
      .join('; ');
  }
  return String(e);
}

/**
 * Reads everything an import needs before its first row: options, file layout (encoding, delimiter, header), the
 * column mapping (the job's, or proposed), day/month order, time zone and currency rates. Throws ImportFileError
 * when the import cannot run.
 */
export async function prepareImport(
  job: ImportJobRecord,
  store: Pick<ImportStore, 'baseCurrency' | 'currencyRates'>,
): Promise<PreparedImport> {
  if (!isImportKind(job.kind))
    throw new ImportFileError(`unknown import kind "${job.kind}" (expected catalogue, customers, orders or events)`);
  const kind = job.kind;
  const parsedOptions = importOptionsSchema.safeParse(job.options ?? {});
  if (!parsedOptions.success) throw new ImportFileError(`invalid import options: ${zodMessage(parsedOptions.error)}`);
  const options = parsedOptions.data;
  let layout: CsvLayout;
  try {
    layout = inspectCsv(job.filePath, { encoding: options.encoding, delimiter: options.delimiter });
  } catch (e) {
    if (e instanceof CsvFileError) throw new ImportFileError(e.message);
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new ImportFileError(`the uploaded file is missing: ${job.filePath}`);
    throw e;
  }
  const sampled = sampleRecords(job.filePath, layout);
  const sample = sampled.records.filter((r) => !r.error);
  let mapping: ColumnMapping;
  if (job.mapping === null || job.mapping === undefined) {
    mapping = proposeMapping(
      kind,
      layout.header,
      sample.slice(0, 50).map((r) => r.fields),
    ).mapping;
  } else {
    const m = columnMappingSchema.safeParse(job.mapping);
    if (!m.success) throw new ImportFileError(`invalid column mapping: ${zodMessage(m.error)}`);
    mapping = m.data;
  }
  const resolved = resolveMapping(kind, layout.header, mapping, options.ignoreColumns);
  if (!KEEPS_ATTRIBUTES[kind]) resolved.extra = [];
  const problem = mappingProblem(kind, layout.header, resolved);
  if (problem) throw new ImportFileError(problem);

  const notes = [
    `encoding ${layout.encoding} (${layout.encodingNote}); delimiter ${layout.delimiter === '\t' ? 'tab' : `"${layout.delimiter}"`}`,
  ];
  let dateOrder: DateOrder;
  if (options.dateOrder === 'auto') {
    const dateCols = FIELD_SPECS[kind]
      .filter((s) => s.type === 'date')
      .map((s) => resolved.columns.get(s.key))
      .filter((i): i is number => i !== undefined);
    const d = detectDateOrder(sample.flatMap((r) => dateCols.map((i) => r.fields[i] ?? '')));
    dateOrder = d.order;
    if (d.evidence !== 'none') notes.push(`date order: ${d.note}`);
  } else dateOrder = options.dateOrder;
  let dates: DateParser;
  try {
    dates = new DateParser({ order: dateOrder, timezone: options.timezone });
  } catch {
    throw new ImportFileError(
      `unknown time zone "${options.timezone}" (use an IANA name such as Asia/Shanghai or Europe/Berlin)`,
    );
  }
  const decimal =
    options.decimalSeparator === 'auto' ? (layout.delimiter === ';' ? ',' : '.') : options.decimalSeparator;
  const baseCurrency = (options.baseCurrency ?? (await store.baseCurrency()) ?? 'USD').toUpperCase();
  const defaultCurrency = (options.currency ?? baseCurrency).toUpperCase();
  const rates = await store.currencyRates();
  if (defaultCurrency !== baseCurrency && !rates.has(defaultCurrency)) {
    throw new ImportFileError(
      `no exchange rate from ${defaultCurrency} (the file's currency) to ${baseCurrency}: add it on the import's mapping page or under Settings → Shop → Exchange rates`,
    );
  }
  if (options.timezone !== 'UTC') notes.push(`timestamps without an offset are read as ${options.timezone} time`);
  if (decimal === ',') notes.push('decimal comma: 1.234,56 reads as 1234.56');
  const settings: RowSettings = {
    kind,
    header: layout.header,
    mapping: resolved,
    delimiter: layout.delimiter,
    dates,
    decimal,
    baseCurrency,
    defaultCurrency,
    rates,
    allowHttpImages: options.allowHttpImages,
    report: emptyCleaningReport(),
  };
  return { kind, options, layout, mapping, settings, dateOrder, notes, estimatedRows: sampled.estimatedRows };
}
