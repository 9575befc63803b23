/**
 * Writes a device bundle: the serving model's item → item lists pruned to the k best weights per item (positive
 * weights by size; `signed`: the k largest |weights|, for EASE whose negative weights matter) and quantised per list
 * (q = max(1, round(T · |s| / max_row |s|)) with its sign, T = 255 / 65535 unsigned, 127 / 32767 signed; the list's
 * max |s| stored as a float32 scale), the trending counters for the popularity fallback, each item's category for
 * the category filter, availability and the reason sentences. Layout (little-endian): 'PDB1', u32 header length,
 * the JSON header (`Header` in scorer.ts), padding to 4 bytes, then the sections category (int32 per item),
 * trend (float32 per item), ptr (uint32, nItems + 1), idx (per list in column order: the first column, then the
 * gaps, as LEB128 varints — small gaps compress well), w ((u)int8 / (u)int16) and scale (float32 per item), each
 * 4-byte aligned; offsets in the header are from the data start.
 */
import { TopKHeap } from '../top-k';
import type { Csr } from '../types';
import { MAGIC, type Header } from './scorer';

export type ExportInput = Omit<Header, 'format' | 'version' | 'sections' | 'model'> & {
  model: { kind: string; runId: number | null; version: number; binary: boolean; signed: boolean };
  /** item × item, row j = the items j's history weight flows to (any order) */
  neighbours: Csr;
  /** neighbours kept per item */
  k: number;
  bits: 8 | 16;
  /** category index per item (−1 none) */
  itemCategory: Int32Array;
  /** trending score per item as of `exportedAt` */
  trend: ArrayLike<number>;
};

/**
 * The k largest positive entries of each row (`signed`: the k largest nonzero |entries|; ties: smaller column),
 * kept in column order. A k-heap per row: O(nnz · log k).
 */
export function pruneRows(N: Csr, k: number, signed = false): { ptr: Uint32Array; idx: Int32Array; val: Float32Array } {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`pruneRows: k must be a positive integer, got ${k}`);
  const ptr = new Uint32Array(N.nRows + 1);
  const idx = new Int32Array(N.colIdx.length),
    val = new Float32Array(N.colIdx.length);
  const heap = new TopKHeap(k),
    kept = new Int32Array(k),
    valueAt = new Float32Array(N.nCols);
  let out = 0;
  for (let r = 0; r < N.nRows; r++) {
    heap.reset();
    for (let s = N.rowPtr[r]!; s < N.rowPtr[r + 1]!; s++) {
      const v = N.values[s]!,
        size = signed ? Math.abs(v) : v;
      if (!(size > 0)) continue;
      valueAt[N.colIdx[s]!] = v;
      heap.push(N.colIdx[s]!, size);
    }
    const m = heap.drainSorted(kept);
    for (const c of kept.subarray(0, m).sort()) {
      idx[out] = c;
      val[out++] = valueAt[c]!;
    }
    ptr[r + 1] = out;
  }
  return { ptr, idx: idx.slice(0, out), val: val.slice(0, out) };
}

/** Per-row quantisation: q = sign(w) · max(1, round(T · |w| / scale)), w ≈ q · scale / T, scale = max |w|. */
export function quantiseRows(ptr: Uint32Array, val: Float32Array, bits: 8 | 16, signed = false) {
  const top = (bits === 16 ? 65535 : 255) >> (signed ? 1 : 0);
  const q = new (signed ? (bits === 16 ? Int16Array : Int8Array) : bits === 16 ? Uint16Array : Uint8Array)(val.length);
  const scale = new Float32Array(ptr.length - 1);
  for (let r = 0; r + 1 < ptr.length; r++) {
    let mx = 0;
    for (let s = ptr[r]!; s < ptr[r + 1]!; s++) mx = Math.max(mx, Math.abs(val[s]!));
    scale[r] = mx;
    for (let s = ptr[r]!; s < ptr[r + 1]!; s++)
      q[s] = Math.sign(val[s]!) * Math.max(1, Math.round((top * Math.abs(val[s]!)) / mx));
  }
  return { q, scale };
}

/** Column indices as LEB128 varints: per row the first column, then the gaps (rows in column order). */
export function deltaVarints(ptr: Uint32Array, idx: Int32Array): Uint8Array {
  const out: number[] = [];
  for (let r = 0; r + 1 < ptr.length; r++)
    for (let p = ptr[r]!; p < ptr[r + 1]!; p++) {
      let v = p === ptr[r] ? idx[p]! : idx[p]! - idx[p - 1]!;
      while (v >= 128) {
        out.push((v % 128) | 128);
        v = Math.floor(v / 128);
      }
      out.push(v);
    }
  return Uint8Array.from(out);
}

/**
 * The k largest positive (`signed`: nonzero by |w|) off-diagonal entries of each row of a dense row-major n × n
 * matrix (e.g. EASE's B), best first (ties: smaller column), as a Csr. A k-heap per row: O(n² · log k).
 */
export function denseTopK(weights: Float32Array, n: number, k: number, signed = false): Csr {
  if (weights.length !== n * n) throw new RangeError(`denseTopK: expected ${n}×${n} weights, got ${weights.length}`);
  const rowPtr = new Int32Array(n + 1);
  const colIdx = new Int32Array(n * Math.min(k, n)),
    values = new Float32Array(n * Math.min(k, n));
  const heap = new TopKHeap(Math.min(k, n)),
    kept = new Int32Array(Math.min(k, n));
  let out = 0;
  for (let r = 0; r < n; r++) {
    heap.reset();
    for (let c = 0, at = r * n; c < n; c++) {
      const w = weights[at + c]!,
        size = signed ? Math.abs(w) : w;
      if (size > 0 && c !== r) heap.push(c, size);
    }
    const m = heap.drainSorted(kept);
    for (let q = 0; q < m; q++) {
      colIdx[out] = kept[q]!;
      values[out++] = weights[r * n + kept[q]!]!;
    }
    rowPtr[r + 1] = out;
  }
  return { nRows: n, nCols: n, rowPtr, colIdx: colIdx.slice(0, out), values: values.slice(0, out) };
}

/** The compressed size a device bundle must fit: 500 KB gzipped (issue 12 §3's target for a catalogue of ~4k items). */
export const DEVICE_BUNDLE_BUDGET = 500_000;
/** Neighbours per item the budget search may choose between. */
export const DEVICE_K_RANGE = [20, 200] as const;

export type FittedBundle = { k: number; bytes: Uint8Array; size: number; fits: boolean };

/**
 * The bundle at the largest k in DEVICE_K_RANGE (at most the longest list) whose compressed size (`size`, e.g. gzip
 * level 9 — passed in to keep the engine free of I/O) is ≤ `budget`, found by binary search over k. The lists are
 * pruned, never refitted: pass the model's lists at the top of the range. Each list at k holds the list at k − 1, so
 * the size grows with k; `fits` is false when even the smallest k is over budget (that bundle is returned).
 * `previous`: a k chosen before for the same lists (the counters or availability changed since) — kept, with one
 * export, while its bundle still fits; searched again when it does not.
 */
export function fitDeviceBundle(
  input: Omit<ExportInput, 'k'>,
  size: (bytes: Uint8Array) => number,
  budget = DEVICE_BUNDLE_BUDGET,
  previous?: number,
): FittedBundle {
  let longest = 1;
  for (let r = 0; r < input.neighbours.nRows; r++)
    longest = Math.max(longest, input.neighbours.rowPtr[r + 1]! - input.neighbours.rowPtr[r]!);
  const hi = Math.min(DEVICE_K_RANGE[1], longest);
  const neighbours = hiLists(input.neighbours, hi, input.model.signed);
  const at = (k: number) => {
    const bytes = exportDeviceBundle({ ...input, neighbours, k });
    return { k, bytes, size: size(bytes), fits: false };
  };
  if (previous !== undefined && previous >= 1 && previous <= hi) {
    const kept = at(previous);
    if (kept.size <= budget) return { ...kept, fits: true };
  }
  let best = at(Math.min(DEVICE_K_RANGE[0], hi));
  if (best.size > budget) return best;
  best.fits = true;
  let [lo, top] = [best.k + 1, hi];
  while (lo <= top) {
    const mid = (lo + top) >> 1;
    const b = at(mid);
    if (b.size <= budget) [best, lo] = [{ ...b, fits: true }, mid + 1];
    else top = mid - 1;
  }
  return best;
}

/** The lists pruned to k once, as a Csr, so each step of the search sorts at most k entries a row. */
function hiLists(N: Csr, k: number, signed: boolean): Csr {
  const { ptr, idx, val } = pruneRows(N, k, signed);
  return { nRows: N.nRows, nCols: N.nCols, rowPtr: Int32Array.from(ptr), colIdx: idx, values: val };
}

const align4 = (n: number) => (n + 3) & ~3;

/** The bundle's bytes. */
export function exportDeviceBundle(input: ExportInput): Uint8Array {
  const n = input.products.length;
  if (input.neighbours.nRows !== n || input.itemCategory.length !== n || input.trend.length !== n)
    throw new RangeError(`exportDeviceBundle: neighbours, categories and trend must have ${n} items`);
  const { ptr, idx, val } = pruneRows(input.neighbours, input.k, input.model.signed);
  const { q, scale } = quantiseRows(ptr, val, input.bits, input.model.signed);
  const arrays = {
    category: Int32Array.from(input.itemCategory),
    trend: Float32Array.from(input.trend),
    ptr,
    idx: deltaVarints(ptr, idx),
    w: q,
    scale,
  };
  const sections = {} as Header['sections'];
  let offset = 0;
  for (const [name, a] of Object.entries(arrays) as [keyof typeof arrays, (typeof arrays)[keyof typeof arrays]][]) {
    sections[name] = [offset, a.length];
    offset = align4(offset + a.byteLength);
  }
  const { neighbours: _n, k, bits, itemCategory: _c, trend: _t, model, ...rest } = input;
  const header: Header = {
    format: 'precisa-device-bundle',
    version: 1,
    model: { ...model, k, bits },
    ...rest,
    sections,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const base = align4(8 + json.length);
  const out = new Uint8Array(base + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, json.length, true);
  out.set(json, 8);
  for (const [name, a] of Object.entries(arrays) as [keyof typeof arrays, ArrayBufferView][])
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), base + sections[name][0]);
  return out;
}
