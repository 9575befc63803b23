import fs from 'node:fs';
import type { CsvEncoding } from './encoding';
import { RAW_LIMIT } from './tokenizer';

/**
 * Reads a record's original text back from the file by its byte offsets — used only for rejected rows, so the
 * report shows the row exactly as uploaded (quotes and all) without keeping every row's text in memory.
 */
export function openRawText(file: string, encoding: CsvEncoding) {
  let fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(RAW_LIMIT * 4);
  const decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding);
  return {
    read(start: number, end: number) {
      const n = fs.readSync(fd, buf, 0, Math.min(end - start, buf.length), start);
      const text = decoder ? decoder.decode(buf.subarray(0, n)) : buf.toString('utf8', 0, n);
      return text.length > RAW_LIMIT ? text.slice(0, RAW_LIMIT) : text;
    },
    /** Closes the file once: a second close must not close whatever file has since been given the same number. */
    close() {
      if (fd < 0) return;
      fs.closeSync(fd);
      fd = -1;
    },
  };
}
