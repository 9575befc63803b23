/**
 * Binary form of a `SerializedModel` (types.ts): one Uint8Array the app can store in a blob column or a file.
 *
 * Layout (little-endian): magic "PRM1", uint32 header length L, L bytes of UTF-8 JSON
 * `{ header, buffers: [{ name, type: 'f32' | 'i32', length, offset }] }`, zero padding to a multiple of 8, then the
 * buffers' bytes (each starting at a multiple of 8 from the blob start, so decoding can share memory).
 *
 * @example
 * const bytes = encodeModel(model.serialize());
 * const again = loadEaseModel(decodeModel(bytes));
 */
import type { Csr, SerializedModel } from './types';

const MAGIC = 0x314d5250; // "PRM1"

type BufferEntry = { name: string; type: 'f32' | 'i32'; length: number; offset: number };

const align8 = (x: number) => (x + 7) & ~7;

/**
 * Encodes a serialised model into one byte array.
 *
 * @example
 * encodeModel({ header, buffers: { w: Float32Array.of(1, 2) } }).byteLength; // header + 8 bytes
 */
export function encodeModel(model: SerializedModel): Uint8Array {
  const entries: BufferEntry[] = [];
  let offset = 0;
  for (const [name, buf] of Object.entries(model.buffers)) {
    entries.push({ name, type: buf instanceof Float32Array ? 'f32' : 'i32', length: buf.length, offset });
    offset = align8(offset + buf.byteLength);
  }
  const json = new TextEncoder().encode(JSON.stringify({ header: model.header, buffers: entries }));
  const dataStart = align8(8 + json.length);
  const out = new Uint8Array(dataStart + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, json.length, true);
  out.set(json, 8);
  for (const e of entries) {
    const buf = model.buffers[e.name]!;
    out.set(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), dataStart + e.offset);
  }
  return out;
}

/**
 * Decodes `encodeModel` output. Buffers are copied into fresh, aligned typed arrays.
 *
 * @example
 * decodeModel(encodeModel(m)).header.format; // 'ease'
 */
export function decodeModel(bytes: Uint8Array): SerializedModel {
  if (bytes.byteLength < 8) throw new RangeError('decodeModel: too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new RangeError('decodeModel: not a Precisa model blob');
  const len = view.getUint32(4, true);
  const meta = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + len))) as {
    header: SerializedModel['header'];
    buffers: BufferEntry[];
  };
  const dataStart = align8(8 + len);
  const buffers: SerializedModel['buffers'] = {};
  for (const e of meta.buffers) {
    const size = e.length * 4;
    const start = dataStart + e.offset;
    if (start + size > bytes.byteLength) throw new RangeError(`decodeModel: buffer ${e.name} runs past the end`);
    const copy = bytes.slice(start, start + size);
    buffers[e.name] = e.type === 'f32' ? new Float32Array(copy.buffer) : new Int32Array(copy.buffer);
  }
  return { header: meta.header, buffers };
}

/**
 * Checks a serialised model's format and version and returns the named buffers, throwing a RangeError naming `fn`.
 *
 * @example
 * const { weights } = expectBuffers(s, 'ease', 1, { weights: 'f32' }, 'loadEaseModel');
 */
export function expectBuffers<S extends Record<string, 'f32' | 'i32'>>(
  model: SerializedModel,
  format: string,
  version: number,
  shape: S,
  fn: string,
): { [K in keyof S]: S[K] extends 'f32' ? Float32Array : Int32Array } {
  if (model.header.format !== format)
    throw new RangeError(`${fn}: expected format ${format}, got ${model.header.format}`);
  if (model.header.version !== version)
    throw new RangeError(`${fn}: unsupported ${format} version ${model.header.version}`);
  const out: Record<string, Float32Array | Int32Array> = {};
  for (const [name, type] of Object.entries(shape)) {
    const buf = model.buffers[name];
    const ok = type === 'f32' ? buf instanceof Float32Array : buf instanceof Int32Array;
    if (!buf || !ok) throw new RangeError(`${fn}: buffer ${name} missing or not ${type}`);
    out[name] = buf;
  }
  return out as { [K in keyof S]: S[K] extends 'f32' ? Float32Array : Int32Array };
}

/** The buffers that store a training matrix (users' histories) inside a serialised model. */
export function csrToBuffers(csr: Csr, prefix = 'history'): Record<string, Float32Array | Int32Array> {
  return { [`${prefix}RowPtr`]: csr.rowPtr, [`${prefix}ColIdx`]: csr.colIdx, [`${prefix}Values`]: csr.values };
}

/**
 * The training matrix stored by `csrToBuffers`, or undefined when the model was saved without it.
 *
 * @example
 * const history = csrFromBuffers(serialized, serialized.header.nItems);
 */
export function csrFromBuffers(model: SerializedModel, nCols: number, prefix = 'history'): Csr | undefined {
  const rowPtr = model.buffers[`${prefix}RowPtr`],
    colIdx = model.buffers[`${prefix}ColIdx`],
    values = model.buffers[`${prefix}Values`];
  if (!(rowPtr instanceof Int32Array) || !(colIdx instanceof Int32Array) || !(values instanceof Float32Array))
    return undefined;
  return { nRows: rowPtr.length - 1, nCols, rowPtr, colIdx, values };
}
