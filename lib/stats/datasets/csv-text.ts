/**
 * Minimal CSV reading for the shared test datasets: header + rows, double-quoted fields may hold commas
 * (RFC 4180 quotes, "" for a quote), LF or CRLF line ends, optional BOM, optional final newline.
 * Not a general CSV importer (see `lib/csv` for uploads): the datasets have no quoted newlines.
 */

/**
 * Splits CSV text into a header and rows of string fields.
 * @example readCsv('a,b\n1,"x,y"') // { header: ['a', 'b'], rows: [['1', 'x,y']] }
 */
export function readCsv(text: string): { header: string[]; rows: string[][] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const [first, ...rest] = lines;
  if (first === undefined) throw new RangeError('readCsv: empty text');
  return { header: splitCsvLine(first), rows: rest.map(splitCsvLine) };
}

/**
 * Splits one CSV line into fields, honouring double quotes.
 * @example splitCsvLine('5,"6) $750 - $1,000",828.42') // ['5', '6) $750 - $1,000', '828.42']
 */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/**
 * Index of each named column in the header; throws if one is missing.
 * @example columnIndex(['a', 'b'], ['b'], 'parseX') // { b: 1 }
 */
export function columnIndex<K extends string>(
  header: readonly string[],
  names: readonly K[],
  fn: string,
): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const name of names) {
    const i = header.indexOf(name);
    if (i < 0) throw new RangeError(`${fn}: column ${name} missing from header`);
    out[name] = i;
  }
  return out;
}
