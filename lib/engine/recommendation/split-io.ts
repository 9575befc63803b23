/**
 * Reusable split files. A split is stored as a small binary file: the 8 bytes "PRSPLIT1", a little-endian uint32
 * header length, a UTF-8 JSON header { kind, params, n, fingerprint } and then one byte per interaction (the
 * `part` array). ml-100k takes 100 KB. `encodeSplit`/`decodeSplit` are pure; `saveSplit`/`loadSplit` write
 * and read the path the caller gives (the engine never chooses a location).
 *
 * @example
 * saveSplit('/tmp/ml100k-random.split', randomSplit(data, { seed: 42 }));
 * const again = loadSplit('/tmp/ml100k-random.split');
 * applySplit(data, again); // throws if the file was made for other data
 */
import fs from 'node:fs';
import type { Split, SplitKind } from './split';

const MAGIC = 'PRSPLIT1';
const KINDS: readonly SplitKind[] = ['random', 'temporal', 'leave-last-out', 'kfold'];

/** Serialises a split to bytes (see the file comment for the layout). */
export function encodeSplit(split: Split): Uint8Array {
  if (split.part.length !== split.n)
    throw new RangeError(`encodeSplit: part has ${split.part.length} entries, n is ${split.n}`);
  const header = new TextEncoder().encode(
    JSON.stringify({ kind: split.kind, params: split.params, n: split.n, fingerprint: split.fingerprint }),
  );
  const out = new Uint8Array(8 + 4 + header.length + split.n);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, 12);
  out.set(split.part, 12 + header.length);
  return out;
}

/** Parses bytes written by `encodeSplit`; throws a RangeError on anything else. */
export function decodeSplit(bytes: Uint8Array): Split {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
    throw new RangeError('decodeSplit: not a split file (bad magic)');
  const len = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + len > bytes.length) throw new RangeError('decodeSplit: truncated header');
  const header: unknown = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len)));
  if (!isHeader(header)) throw new RangeError('decodeSplit: malformed header');
  const part = bytes.slice(12 + len);
  if (part.length !== header.n) throw new RangeError(`decodeSplit: expected ${header.n} parts, found ${part.length}`);
  return { ...header, part };
}

function isHeader(x: unknown): x is Omit<Split, 'part'> {
  if (typeof x !== 'object' || x === null) return false;
  const h = x as Record<string, unknown>;
  return (
    KINDS.includes(h.kind as SplitKind) &&
    typeof h.params === 'object' &&
    h.params !== null &&
    Number.isInteger(h.n) &&
    Number.isInteger(h.fingerprint)
  );
}

/** Writes the split to `path` (parent folders are created). */
export function saveSplit(path: string, split: Split): void {
  const dir = path.replace(/[/\\][^/\\]*$/, '');
  if (dir && dir !== path) fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path, encodeSplit(split));
}

/** Reads a split written by `saveSplit`. */
export function loadSplit(path: string): Split {
  return decodeSplit(new Uint8Array(fs.readFileSync(path)));
}
