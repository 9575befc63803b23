import fs from 'node:fs';
import { CsvEncodingError, type CsvEncoding, detectEncoding, normaliseEncoding } from './encoding';
import { CsvFileReader, type CsvPosition } from './reader';
import { type Delimiter, DELIMITERS, sniffDelimiter } from './sniff';

export type CsvLayout = {
  encoding: CsvEncoding;
  encodingNote: string;
  delimiter: Delimiter;
  /** Column names as they appear (trimmed; empty names become `column_N`, repeats get ` (2)`). */
  header: string[];
  headerLine: number;
  /** Where the first data record starts. */
  dataStart: CsvPosition;
  fileSize: number;
};

export class CsvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFileError';
  }
}

const SAMPLE_BYTES = 1 << 20;

export function readSample(file: string, bytes = SAMPLE_BYTES) {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return { sample: buf.subarray(0, n), fileSize: fs.fstatSync(fd).size };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Unique (ignoring case), non-empty column names: a repeat gets the first free ` (n)`, never a name another column
 * has, so the mapping can name every column.
 * @example cleanHeader(['sku', '', 'SKU', 'sku (2)']) // ['sku', 'column_2', 'SKU (3)', 'sku (2)']
 */
export function cleanHeader(fields: string[]) {
  const names = fields.map((f, i) => f.replace(/^\uFEFF/, '').trim() || `column_${i + 1}`);
  const taken = new Set(names.map((n) => n.toLowerCase()));
  const kept = new Set<string>();
  return names.map((name) => {
    const key = name.toLowerCase();
    if (!kept.has(key)) {
      kept.add(key);
      return name;
    }
    let n = 2;
    while (taken.has(`${key} (${n})`)) n++;
    taken.add(`${key} (${n})`);
    return `${name} (${n})`;
  });
}

/**
 * Detects encoding and delimiter (unless given), and reads the header. Throws CsvFileError for a file that cannot be
 * imported at all (empty, unreadable header, unsupported encoding), with the reason in words.
 */
export function inspectCsv(
  file: string,
  opts: { encoding?: string | null; delimiter?: string | null } = {},
): CsvLayout {
  const { sample, fileSize } = readSample(file);
  if (fileSize === 0) throw new CsvFileError('the file is empty');
  let encoding: CsvEncoding;
  let encodingNote: string;
  let bom = 0;
  try {
    const detected = detectEncoding(sample, sample.length === fileSize);
    bom = detected.bomLength;
    if (opts.encoding && opts.encoding !== 'auto') {
      encoding = normaliseEncoding(opts.encoding);
      encodingNote = 'chosen for this import';
    } else {
      encoding = detected.encoding;
      encodingNote = detected.note;
    }
  } catch (e) {
    if (e instanceof CsvEncodingError) throw new CsvFileError(e.message);
    throw e;
  }
  const sniffed = sniffDelimiter(sample, bom);
  let delimiter = sniffed.delimiter;
  if (opts.delimiter && opts.delimiter !== 'auto') {
    const d = opts.delimiter === '\\t' || opts.delimiter.toLowerCase() === 'tab' ? '\t' : opts.delimiter;
    if (!DELIMITERS.includes(d as Delimiter))
      throw new CsvFileError(`unsupported delimiter "${opts.delimiter}" (use , ; tab or |)`);
    delimiter = d as Delimiter;
  }
  const headerLine = sniffed.sepLineLength ? 2 : 1;
  const reader = new CsvFileReader(file, {
    delimiter,
    encoding,
    startByte: bom + sniffed.sepLineLength,
    startLine: headerLine,
  });
  try {
    const [first] = reader.read(1);
    if (!first) throw new CsvFileError('the file has no header line');
    if (first.error) throw new CsvFileError(`the header line cannot be read: ${first.error.reason}`);
    return {
      encoding,
      encodingNote,
      delimiter,
      header: cleanHeader(first.fields),
      headerLine: first.line,
      dataStart: reader.position,
      fileSize,
    };
  } finally {
    reader.close();
  }
}
