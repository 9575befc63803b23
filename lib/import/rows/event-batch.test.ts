import { describe, expect, test } from 'vitest';
import { Rejection } from './context';
import { decodeEventBatch, encodeEventBatch, eventBatchTransfers } from './event-batch';
import { KeyIndex, keyHash } from '../key-index';
import type { EventRow } from './events';

const row = (line: number, over: Partial<EventRow> = {}): EventRow => ({
  line,
  key: `e${line}`,
  customer: 'C1',
  type: 'view',
  ts: 1_709_649_000_000 + line,
  sessionId: null,
  sku: null,
  categoryPath: null,
  categoryText: null,
  query: null,
  quantity: null,
  price: null,
  value: null,
  campaignId: null,
  variant: null,
  orderRef: null,
  hash: -123_456_789,
  customerId: 0,
  productId: null,
  categoryId: null,
  variantId: null,
  ...over,
});

describe('event batches', () => {
  test('round trip: nulls, zeros and every column survive; rejections come back as Rejection', () => {
    const rows = [
      row(2),
      row(3, {
        type: 'purchase',
        sessionId: 's1',
        sku: 'SKU-1',
        categoryPath: 'Home > Lamps',
        categoryText: 'home/lamps',
        query: 'lamp',
        quantity: 0,
        price: 12.5,
        value: 0,
        campaignId: 7,
        variant: 'b',
        orderRef: 'O1',
        hash: 4_294_967_295,
      }),
    ];
    const b = encodeEventBatch(
      rows,
      [10, 20, 20, 45],
      [new Rejection(4, 'sku', 'bad', 'raw,row', 'negativePrice', { value: -1 })],
      2,
    );
    expect(eventBatchTransfers(b)).toEqual([b.numbers.buffer, b.refs.buffer]);
    const back = decodeEventBatch(structuredClone(b));
    expect(back.rows).toEqual(rows.map(hashed));
    expect(back.firstLine).toBe(2);
    expect(back.rejections).toEqual([new Rejection(4, 'sku', 'bad', 'raw,row', 'negativePrice', { value: -1 })]);
    expect(back.rejections[0]).toBeInstanceOf(Rejection);
    expect(back.record(3)).toEqual({ line: 3, fields: [], start: 20, end: 45 });
    expect(back.record(4)).toBeUndefined();
  });

  test('a text value repeated in a chunk crosses once, whatever its column', () => {
    const rows = [
      row(2, { sessionId: 's1', sku: 'SKU-1' }),
      row(3, { sessionId: 's1', sku: 'SKU-2' }),
      row(4, { customer: 'C2', sessionId: 'C1', sku: 'SKU-1', query: 'view' }),
    ];
    const b = encodeEventBatch(rows, [0, 1, 1, 2, 2, 3], [], 2);
    expect(b.words).toEqual(['C1', 'view', 's1', 'SKU-1', 'SKU-2', 'C2']);
    expect(b.key).toEqual(['e2', 'e3', 'e4']);
    expect(decodeEventBatch(structuredClone(b)).rows).toEqual(rows.map(hashed));
  });

  test("the keys' hashes cross with the rows: the writer's key index finds them as if it had hashed the keys", () => {
    const rows = [row(2), row(3), row(4, { key: 'h:1f2e' })];
    const back = decodeEventBatch(structuredClone(encodeEventBatch(rows, [0, 1, 1, 2, 2, 3], [], 2)));
    const index = new KeyIndex();
    index.add('e3', 30);
    index.add('h:1f2e', 40);
    const [first, second, third] = back.rows.map((r) => index.addHashed(r.keyH1!, r.keyH2!, r.line));
    expect(first).toBe(-1); // e2: new
    expect(index.a(second!)).toBe(30);
    expect(index.a(third!)).toBe(40);
    expect(index.a(index.find('e2'))).toBe(2);
  });

  test('an empty chunk', () => {
    const back = decodeEventBatch(encodeEventBatch([], [], [], 0));
    expect(back.rows).toEqual([]);
    expect(back.record(1)).toBeUndefined();
  });
});

/** A row as decoded: with its key's hash halves. */
function hashed(r: EventRow): EventRow {
  const h = { h1: 0, h2: 0 };
  keyHash(r.key, h);
  return { ...r, keyH1: h.h1, keyH2: h.h2 };
}
