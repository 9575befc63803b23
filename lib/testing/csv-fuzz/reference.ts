/**
 * A deliberately plain second reading of CSV structure, byte by byte, for files the generator cannot describe (binary
 * junk): where records start, on which physical line, and whether they are blank. It knows only RFC 4180 and the
 * importer's documented rules — quotes open a field only at its start; text after a closing quote spoils the row up
 * to the line end; a quote never closed runs to the end of the file; a row whose fields are all empty is skipped; a
 * line break is CRLF, LF or a lone CR. Written apart from lib/csv, to check it. Test support only.
 */
export type ReferenceRecord = { line: number; blank: boolean };

export function referenceRecords(bytes: Uint8Array, delimiter: string, start = 0): ReferenceRecord[] {
  const D = delimiter.charCodeAt(0);
  const n = bytes.length;
  const out: ReferenceRecord[] = [];
  let line = 1;
  for (let i = 0; i < start; i++) if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) line++;
  /** consumes one line break at p (if any), returns the position after it */
  const lineEnd = (p: number) => {
    if (bytes[p] === 13) {
      line++;
      return bytes[p + 1] === 10 ? p + 2 : p + 1;
    }
    if (bytes[p] === 10) {
      line++;
      return p + 1;
    }
    return p;
  };
  let p = start;
  while (p < n) {
    const recordLine = line;
    let blank = true;
    let broken = false;
    for (;;) {
      if (bytes[p] === 34) {
        p++;
        let closed = false;
        while (p < n) {
          if (bytes[p] === 34) {
            if (bytes[p + 1] === 34) {
              blank = false;
              p += 2;
              continue;
            }
            closed = true;
            p++;
            break;
          }
          blank = false;
          if (bytes[p] === 10 || (bytes[p] === 13 && bytes[p + 1] !== 10)) line++;
          p++;
        }
        if (!closed) {
          broken = true;
          break;
        }
        if (p < n && bytes[p] !== D && bytes[p] !== 10 && bytes[p] !== 13) {
          broken = true;
          while (p < n && bytes[p] !== 10 && bytes[p] !== 13) p++;
        }
      } else {
        while (p < n && bytes[p] !== D && bytes[p] !== 10 && bytes[p] !== 13) {
          blank = false;
          p++;
        }
      }
      if (p < n && bytes[p] === D) {
        p++;
        continue;
      }
      p = lineEnd(p);
      break;
    }
    if (broken || !blank) out.push({ line: recordLine, blank: false });
  }
  return out;
}
