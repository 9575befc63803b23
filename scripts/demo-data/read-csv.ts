/** A small RFC 4180 reader for tests and checks: header row → records of strings. */
import { readFileSync } from 'node:fs';

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let inQuotes = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch !== '"') {
        cell += ch;
      } else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else {
        inQuotes = false;
      }
    } else if (ch === '"') {
      inQuotes = true;
    } else if (ch === ',') {
      endCell();
    } else if (ch === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else if (ch !== '\r') {
      cell += ch;
    }
  }
  if (cell !== '' || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/** Records keyed by the expected header names (missing cells read as ''). */
export function readCsvRecords<H extends string>(
  path: string,
  expected: readonly H[],
): { headers: string[]; records: Record<H, string>[] } {
  const [headers = [], ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const index = expected.map((h) => headers.indexOf(h));
  const records = rows.map(
    (r) => Object.fromEntries(expected.map((h, k) => [h, r[index[k] as number] ?? ''])) as Record<H, string>,
  );
  return { headers, records };
}
