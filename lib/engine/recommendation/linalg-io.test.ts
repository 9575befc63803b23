import { describe, expect, test } from 'vitest';
import { gemmNN, gemmNT, gemmTN } from './linalg-gemm';
import { csrFromBuffers, csrToBuffers, decodeModel, encodeModel, expectBuffers } from './linalg-io';
import { csrFromRows } from './csr';
import type { SerializedModel } from './types';

describe('model blobs', () => {
  const model: SerializedModel = {
    header: { format: 'toy', version: 1, name: 'toy', nUsers: 2, nItems: 3, params: { lambda: 0.5, note: 'é' } },
    buffers: {
      w: Float32Array.of(1.5, -2, 3),
      idx: Int32Array.of(7),
      ...csrToBuffers(csrFromRows(3, [[[0, 1]], [[2, 4]]])),
    },
  };

  test('round trip keeps header, types and values; buffers are 8-byte aligned', () => {
    const bytes = encodeModel(model);
    const back = decodeModel(bytes);
    expect(back.header).toEqual(model.header);
    expect(back.buffers.w).toEqual(Float32Array.of(1.5, -2, 3));
    expect(back.buffers.idx).toBeInstanceOf(Int32Array);
    expect(csrFromBuffers(back, 3)?.colIdx).toEqual(Int32Array.of(0, 2));
    const { w } = expectBuffers(back, 'toy', 1, { w: 'f32' }, 'test');
    expect(w[1]).toBe(-2);
  });

  test('rejects foreign bytes, other formats and missing buffers', () => {
    expect(() => decodeModel(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8))).toThrow(/not a Precisa model/);
    expect(() => expectBuffers(model, 'ease', 1, { w: 'f32' }, 'loadX')).toThrow(/loadX: expected format ease/);
    expect(() => expectBuffers(model, 'toy', 1, { w: 'i32' }, 'loadX')).toThrow(/buffer w/);
  });
});

describe('small dense products', () => {
  // A 5×3, B 3×6 (and its transpose): sizes off the 2×4 tile on purpose
  const A = Float64Array.from({ length: 15 }, (_, k) => Math.sin(k + 1));
  const B = Float64Array.from({ length: 18 }, (_, k) => Math.cos(k + 2));
  const naive = (i: number, j: number) => [0, 1, 2].reduce((s, q) => s + A[i * 3 + q]! * B[q * 6 + j]!, 0);

  test('gemmNN, gemmNT and gemmTN agree with the naive product', () => {
    const c1 = new Float64Array(30),
      c2 = new Float64Array(30),
      c3 = new Float64Array(30).fill(1);
    gemmNN(5, 6, 3, A, 0, B, 0, c1, 0, false);
    const Bt = Float64Array.from({ length: 18 }, (_, k) => B[(k % 3) * 6 + Math.floor(k / 3)]!);
    gemmNT(5, 6, 3, A, 0, Bt, 0, c2, 0, false);
    const At = Float64Array.from({ length: 15 }, (_, k) => A[(k % 5) * 3 + Math.floor(k / 5)]!);
    gemmTN(5, 6, 3, At, 0, B, 0, c3, 0, true);
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 6; j++) {
        expect(c1[i * 6 + j]).toBeCloseTo(naive(i, j), 12);
        expect(c2[i * 6 + j]).toBeCloseTo(naive(i, j), 12);
        expect(c3[i * 6 + j]).toBeCloseTo(1 + naive(i, j), 12);
      }
  });
});
