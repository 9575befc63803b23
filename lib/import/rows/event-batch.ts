import type { EventType } from '../normalise';
import type { RejectionCode } from '../rejection-codes';
import { Rejection, type RejectionParams } from './context';
import type { EventRow } from './events';
import { keyHash } from '../key-index';

/**
 * Numbers per row in `EventBatch.numbers`: line, ts, quantity, price, value, campaignId, hash, start, end, and the
 * key's 64-bit hash (two halves, see `keyHash`): computed beside the validator, so the writer's in-file dedup does not.
 */
const STRIDE = 11;

/** Text columns that repeat within a chunk (a customer's session, a product), sent once each: see `words`. */
const WORD_COLUMNS = [
  'customer',
  'type',
  'sessionId',
  'sku',
  'categoryPath',
  'categoryText',
  'query',
  'variant',
  'orderRef',
] as const;
const WIDTH = WORD_COLUMNS.length;

/**
 * Validated event rows in columns, to pass from a validation worker to the writer: one transferable Float64Array
 * for the numbers (NaN = null), the keys, and the other text columns as indexes (one transferable Int32Array, -1 =
 * null) into the chunk's distinct values. A structured clone of 5,000 row objects costs the receiving thread ~14 ms.
 * For the benchmark's 150,000 events (30 chunks; a chunk holds ~1,100 customers and sessions, ~2,600 SKUs, 4 event
 * types) receiving and rebuilding the rows took the writer 273–490 ms with one string per row and text column, and
 * 129–157 ms with distinct values (three runs each, on the shared machine at load 7–11).
 */
export type EventBatch = {
  size: number;
  numbers: Float64Array;
  key: string[];
  /** row i, column c (of WORD_COLUMNS) → index into `words`, or -1 for null */
  refs: Int32Array;
  words: string[];
  /** rejected rows as [line, column, reason, raw, code, params] */
  rejections: [number, string | null, string, string, RejectionCode, RejectionParams][];
  /** line of the chunk's first record (rejected or not) */
  firstLine: number;
};

const num = (v: number | null) => (v === null ? Number.NaN : v);
const opt = (v: number) => (Number.isNaN(v) ? null : v);

/**
 * Packs validated rows (with their records' byte spans, to show a row rejected later as uploaded) and rejections.
 *
 * @example
 * const batch = encodeEventBatch(rows, spans, rejections, 2); // spans: [start0, end0, start1, end1, …]
 */
export function encodeEventBatch(
  rows: readonly EventRow[],
  spans: readonly number[],
  rejections: readonly Rejection[],
  firstLine: number,
): EventBatch {
  const n = rows.length;
  const numbers = new Float64Array(n * STRIDE);
  const refs = new Int32Array(n * WIDTH);
  const words: string[] = [];
  const seen = new Map<string, number>();
  const word = (v: string | null) => {
    if (v === null) return -1;
    let i = seen.get(v);
    if (i === undefined) {
      i = words.push(v) - 1;
      seen.set(v, i);
    }
    return i;
  };
  const key: string[] = new Array(n);
  const kh = { h1: 0, h2: 0 };
  for (let i = 0, o = 0; i < n; i++, o += STRIDE) {
    const r = rows[i]!;
    numbers[o] = r.line;
    numbers[o + 1] = r.ts;
    numbers[o + 2] = num(r.quantity);
    numbers[o + 3] = num(r.price);
    numbers[o + 4] = num(r.value);
    numbers[o + 5] = num(r.campaignId);
    numbers[o + 6] = r.hash;
    numbers[o + 7] = spans[2 * i]!;
    numbers[o + 8] = spans[2 * i + 1]!;
    keyHash(r.key, kh);
    numbers[o + 9] = kh.h1;
    numbers[o + 10] = kh.h2;
    key[i] = r.key;
    for (let c = 0, w = i * WIDTH; c < WIDTH; c++) refs[w + c] = word(r[WORD_COLUMNS[c]!]);
  }
  return {
    size: n,
    numbers,
    key,
    refs,
    words,
    rejections: rejections.map((r) => [r.line, r.column, r.reason, r.raw, r.code, r.params]),
    firstLine,
  };
}

/** The buffers to transfer (not copy) with a batch. */
export function eventBatchTransfers(b: EventBatch): ArrayBuffer[] {
  return [b.numbers.buffer as ArrayBuffer, b.refs.buffer as ArrayBuffer];
}

/** The record of a row (line and byte span, no fields): enough to read the row back from the file. */
export type RowSpan = { line: number; fields: string[]; start: number; end: number };

/** Unpacks a batch into row objects (references not yet resolved), its rejections and its rows' spans by line. */
export function decodeEventBatch(b: EventBatch) {
  const rows: EventRow[] = new Array(b.size);
  const { numbers } = b;
  const { refs, words } = b;
  // words indexed from 1, so that an index of -1 (null) reads `null` from slot 0
  const text: (string | null)[] = [null, ...words];
  for (let i = 0, o = 0, w = 1; i < b.size; i++, o += STRIDE, w += WIDTH) {
    rows[i] = {
      line: numbers[o]!,
      key: b.key[i]!,
      customer: text[refs[w - 1]! + 1]!,
      type: text[refs[w]! + 1] as EventType,
      ts: numbers[o + 1]!,
      sessionId: text[refs[w + 1]! + 1]!,
      sku: text[refs[w + 2]! + 1]!,
      categoryPath: text[refs[w + 3]! + 1]!,
      categoryText: text[refs[w + 4]! + 1]!,
      query: text[refs[w + 5]! + 1]!,
      quantity: opt(numbers[o + 2]!),
      price: opt(numbers[o + 3]!),
      value: opt(numbers[o + 4]!),
      campaignId: opt(numbers[o + 5]!),
      variant: text[refs[w + 6]! + 1]!,
      orderRef: text[refs[w + 7]! + 1]!,
      hash: numbers[o + 6]!,
      keyH1: numbers[o + 9]!,
      keyH2: numbers[o + 10]!,
      customerId: 0,
      productId: null,
      categoryId: null,
      variantId: null,
    };
  }
  let byLine: Map<number, RowSpan> | null = null;
  const record = (line: number): RowSpan | undefined => {
    if (!byLine) {
      byLine = new Map();
      for (let o = 0; o < numbers.length; o += STRIDE)
        byLine.set(numbers[o]!, { line: numbers[o]!, fields: [], start: numbers[o + 7]!, end: numbers[o + 8]! });
    }
    return byLine.get(line);
  };
  const rejections = b.rejections.map(
    ([line, column, reason, raw, code, params]) => new Rejection(line, column, reason, raw, code, params),
  );
  return { rows, rejections, firstLine: b.firstLine, record };
}
