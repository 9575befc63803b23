/**
 * Encoding detection for uploaded CSV files. We support encodings in which every byte below 0x80 is ASCII, so the
 * tokenizer can split records on raw bytes and keep byte offsets of the original file (the import cursor):
 * UTF-8, GB18030 (a superset of GBK/GB2312, what Chinese shop back-ends and Excel on Chinese Windows export), Big5
 * and Windows-1252 (Latin-1). UTF-16 files (Excel's "Unicode text") are refused with a clear message.
 */
export const SUPPORTED_ENCODINGS = ['utf-8', 'gb18030', 'big5', 'windows-1252'] as const;
export type CsvEncoding = (typeof SUPPORTED_ENCODINGS)[number];

export type EncodingDetection = {
  encoding: CsvEncoding;
  /** Bytes of byte-order mark at the start of the file (3 for a UTF-8 BOM, else 0). */
  bomLength: number;
  confidence: number;
  note: string;
};

export class CsvEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvEncodingError';
  }
}

const ALIASES: Record<string, CsvEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-sig': 'utf-8',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  cp936: 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
};

/** Normalises a user-chosen encoding name; throws CsvEncodingError for encodings we cannot stream safely. */
export function normaliseEncoding(name: string): CsvEncoding {
  const e = ALIASES[name.trim().toLowerCase()];
  if (!e)
    throw new CsvEncodingError(
      `unsupported encoding "${name}" (supported: UTF-8, GB18030/GBK, Big5, Windows-1252/Latin-1)`,
    );
  return e;
}

/** Offset of the first invalid UTF-8 sequence in `b`, or -1 when there is none. A sequence cut off by the end of
 * a sample (`truncated`) counts as valid. */
function utf8InvalidAt(b: Uint8Array, truncated: boolean) {
  const end = b.length;
  let i = 0;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    if (i + n >= end) return truncated ? -1 : i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const t = b[i + k]!;
      if ((t & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (t & 0x3f);
    }
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += n + 1;
  }
  return -1;
}

/** Physical line number (1-based) of byte offset `at` in `b`. */
export function lineAt(b: Uint8Array, at: number) {
  let line = 1;
  for (let i = 0; i < at && i < b.length; i++) if (b[i] === 10) line++;
  return line;
}

/**
 * Guesses the encoding from the first bytes of a file (pass ~1 MB). Valid UTF-8 wins; otherwise GB18030 when the
 * high bytes pair up the way Chinese text does (both bytes in 0xA1–0xFE), else Windows-1252.
 * @example detectEncoding(Buffer.from('\uFEFFsku,title\n')) // { encoding: 'utf-8', bomLength: 3, … }
 */
export function detectEncoding(sample: Uint8Array, isWholeFile = false): EncodingDetection {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { encoding: 'utf-8', bomLength: 3, confidence: 1, note: 'UTF-8 byte-order mark' };
  }
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    throw new CsvEncodingError(
      'the file is UTF-16 encoded (Excel "Unicode text"); save it as "CSV UTF-8" and upload again',
    );
  }
  const bad = utf8InvalidAt(sample, !isWholeFile);
  if (bad < 0) {
    let ascii = true;
    for (let i = 0; i < sample.length; i++)
      if (sample[i]! >= 0x80) {
        ascii = false;
        break;
      }
    return {
      encoding: 'utf-8',
      bomLength: 0,
      confidence: ascii ? 0.9 : 1,
      note: ascii ? 'plain ASCII' : 'valid UTF-8',
    };
  }
  // Not UTF-8. Score GB18030: the share of high-byte sequences that look like GB2312 Chinese characters.
  let pairs = 0;
  let gbLike = 0;
  let broken = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample[i]!;
    if (c < 0x80) continue;
    const t = sample[i + 1];
    if (t === undefined) break;
    if (c >= 0x81 && c <= 0xfe && ((t >= 0x40 && t <= 0xfe && t !== 0x7f) || (t >= 0x30 && t <= 0x39))) {
      pairs++;
      if (c >= 0xa1 && t >= 0xa1) gbLike++;
      i += t <= 0x39 ? 3 : 1;
    } else broken++;
  }
  if (pairs > 0 && broken === 0 && gbLike / pairs >= 0.8) {
    return {
      encoding: 'gb18030',
      bomLength: 0,
      confidence: Math.min(0.99, 0.7 + gbLike / pairs / 4),
      note: `not UTF-8 (invalid byte at line ${lineAt(sample, bad)}); high bytes pair up like GB18030/GBK Chinese text`,
    };
  }
  return {
    encoding: 'windows-1252',
    bomLength: 0,
    confidence: 0.6,
    note: `not UTF-8 (invalid byte at line ${lineAt(sample, bad)}); read as Windows-1252 (Latin-1)`,
  };
}

/** True when a multi-byte lead byte (≥ 0x81) in this encoding may be followed by a trail byte in the ASCII range. */
export function hasAsciiTrailBytes(e: CsvEncoding) {
  return e === 'gb18030' || e === 'big5';
}
