/** How many leading bytes of an upload are looked at to tell a text CSV from a binary file. */
export const SNIFF_BYTES = 8192;

const SIGNATURES: [string, number[]][] = [
  ['gzip', [0x1f, 0x8b]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]], // also .xlsx / .ods
  ['xls', [0xd0, 0xcf, 0x11, 0xe0]],
  ['pdf', [0x25, 0x50, 0x44, 0x46]],
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58]],
];

/**
 * What a file's first bytes say it is when it is not text: a known binary signature (compressed archives,
 * spreadsheets, PDFs, images), or 'binary' when NUL bytes occur (no text encoding we read has them; UTF-16 does, and
 * is not read either). Null for anything that may be text.
 * @example binaryKind(new Uint8Array([0x1f, 0x8b, 8, 0])) // 'gzip'
 */
export function binaryKind(head: Uint8Array): string | null {
  for (const [name, magic] of SIGNATURES) if (magic.every((b, i) => head[i] === b)) return name;
  return head.subarray(0, SNIFF_BYTES).includes(0) ? 'binary' : null;
}
