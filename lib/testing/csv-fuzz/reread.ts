import assert from 'node:assert/strict';
import type { CsvLayout } from '@/lib/csv/inspect';
import { CsvFileReader } from '@/lib/csv/reader';
import type { CsvRecord } from '@/lib/csv/tokenizer';

const shape = (r: CsvRecord) => ({ line: r.line, fields: r.error ? null : r.fields, error: !!r.error });

/**
 * Reads the file's data again in small chunks (`chunkBytes`), stopping after `stopAfter` records and resuming from
 * the reader's position as a killed import resumes from its cursor: the records must be those of the import's own
 * read (same lines, same fields, the same rows in error; an oversized row may be rejected under another size code,
 * as a smaller buffer makes the reader skip it sooner).
 */
export function checkReread(
  file: string,
  layout: CsvLayout,
  records: CsvRecord[],
  chunkBytes: number,
  stopAfter: number,
) {
  const open = (startByte: number, startLine: number) =>
    new CsvFileReader(file, {
      delimiter: layout.delimiter,
      encoding: layout.encoding,
      startByte,
      startLine,
      chunkBytes,
    });
  const first = open(layout.dataStart.byte, layout.dataStart.line + 1);
  const head: CsvRecord[] = [];
  while (head.length < stopAfter) {
    const batch = first.read(Math.min(3, stopAfter - head.length));
    if (!batch.length) break;
    head.push(...batch);
  }
  const at = first.position;
  first.close();
  const rest = open(at.byte, at.line + 1);
  const tail: CsvRecord[] = [];
  for (let b = rest.read(5); b.length; b = rest.read(5)) tail.push(...b);
  rest.close();
  assert.deepEqual(
    [...head, ...tail].map(shape),
    records.map(shape),
    `re-read in ${chunkBytes}-byte chunks, resumed after ${stopAfter}`,
  );
}
