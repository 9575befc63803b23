import { describe, expect, test } from 'vitest';
import { buildCsr, columnCounts, csrFromRows, csrGet, csrRow, normalizeRows, rowCounts, transposeCsr } from './csr';
import type { Interactions } from './types';

const data: Interactions = {
  nUsers: 3,
  nItems: 4,
  users: Int32Array.of(0, 0, 2, 0, 2, 1),
  items: Int32Array.of(3, 1, 0, 3, 2, 1),
  values: Float32Array.of(1, 2, 5, 4, 1, 3),
};

describe('buildCsr', () => {
  test('sorts columns and sums duplicates by default', () => {
    const csr = buildCsr(data);
    expect(Array.from(csr.rowPtr)).toEqual([0, 2, 3, 5]);
    expect(Array.from(csr.colIdx)).toEqual([1, 3, 1, 0, 2]);
    expect(Array.from(csr.values)).toEqual([2, 5, 3, 5, 1]);
  });
  test.each([
    ['max', 4],
    ['mean', 2.5],
    ['last', 4],
    ['count', 2],
    ['binary', 1],
  ] as const)('aggregate %s gives %d for the duplicate (0, 3)', (aggregate, value) => {
    expect(csrGet(buildCsr(data, { aggregate }), 0, 3)).toBe(value);
  });
  test('by items builds the transpose directly', () => {
    expect(buildCsr(data, { by: 'items' })).toEqual(transposeCsr(buildCsr(data)));
  });
  test('rejects out-of-range indices and ragged columns', () => {
    expect(() => buildCsr({ ...data, users: Int32Array.of(0, 0, 2, 0, 2, 3) })).toThrow(/buildCsr: user index 3/);
    expect(() => buildCsr({ ...data, values: Float32Array.of(1) })).toThrow(RangeError);
  });
});

describe('csr helpers', () => {
  const csr = csrFromRows(3, [
    [
      [2, 1],
      [0, 4],
    ],
    [],
    [[1, 2]],
  ]);
  test('transpose twice is the identity', () => {
    expect(transposeCsr(transposeCsr(csr))).toEqual(csr);
  });
  test('row views, lookup and counts', () => {
    expect(Array.from(csrRow(csr, 0).cols)).toEqual([0, 2]);
    expect(csrGet(csr, 0, 2)).toBe(1);
    expect(csrGet(csr, 1, 2)).toBe(0);
    expect(Array.from(rowCounts(csr))).toEqual([2, 0, 1]);
    expect(Array.from(columnCounts(csr))).toEqual([1, 1, 1]);
  });
  test.each([
    ['l2', [0.6, 0.8]],
    ['l1', [3 / 7, 4 / 7]],
    ['max', [0.75, 1]],
  ] as const)('normalizeRows %s', (norm, expected) => {
    const out = normalizeRows(
      csrFromRows(2, [
        [
          [0, 3],
          [1, 4],
        ],
        [],
      ]),
      { norm },
    );
    expect(Array.from(out.values).map((v) => +v.toFixed(6))).toEqual(expected.map((v) => +v.toFixed(6)));
  });
});
