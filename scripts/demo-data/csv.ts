/**
 * RFC 4180 CSV output: comma-separated, CRLF-free (LF line ends), a cell is quoted when it holds a comma, quote,
 * CR or LF, and quotes inside are doubled. Rows are buffered and written in ~1 MB chunks.
 */
import { open, type FileHandle } from 'node:fs/promises';

export type Cell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? value : String(value);
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvRow(values: readonly Cell[]): string {
  return values.map(csvCell).join(',');
}

const CHUNK_BYTES = 1 << 20;

export class CsvFile {
  private chunk: string[] = [];
  private chunkLength = 0;
  rows = 0;
  bytes = 0;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  /** Creates (truncates) `path` and writes the header row. */
  static async create(path: string, headers: readonly string[]): Promise<CsvFile> {
    const file = new CsvFile(path, await open(path, 'w'));
    file.chunk.push(`${csvRow(headers)}\n`);
    return file;
  }

  /** Queues one data row; call `drain()` now and then to write full chunks. */
  write(values: readonly Cell[]): void {
    const line = `${csvRow(values)}\n`;
    this.chunk.push(line);
    this.chunkLength += line.length;
    this.rows++;
  }

  async drain(force = false): Promise<void> {
    if (!force && this.chunkLength < CHUNK_BYTES) return;
    const buf = Buffer.from(this.chunk.join(''), 'utf8');
    this.chunk = [];
    this.chunkLength = 0;
    this.bytes += buf.length;
    await this.handle.write(buf);
  }

  async close(): Promise<void> {
    await this.drain(true);
    await this.handle.close();
  }
}
