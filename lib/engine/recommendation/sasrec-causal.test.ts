import { describe, expect, test } from 'vitest';
import { gemmNT } from './linalg-gemm';
import { createRng } from './random';
import { causalNT } from './sasrec-causal';

// gemmNT on the same inputs is the reference: the causal kernel must equal it bit for bit where it writes
describe('causalNT', () => {
  const rng = createRng(7);
  const random = (len: number) => Float64Array.from({ length: len }, () => rng.normal(0, 1));
  const triangular = (T: number, keep: (i: number, q: number) => boolean) => {
    const a = random(T * T);
    for (let i = 0; i < T; i++) for (let q = 0; q < T; q++) if (!keep(i, q)) a[i * T + q] = 0;
    return a;
  };
  for (const T of [1, 3, 4, 7, 13]) {
    const d = 6;
    test(`lower, T ${T}: every entry on or below the diagonal`, () => {
      const a = random(T * d),
        b = random(T * d);
      const want = new Float64Array(T * T),
        got = new Float64Array(T * T);
      gemmNT(T, T, d, a, 0, b, 0, want, 0, false);
      causalNT(T, T, d, a, b, got, 'lower');
      for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) expect(got[i * T + j]).toBe(want[i * T + j]);
      // the tiles wholly above the diagonal are not computed
      if (T >= 8) expect(got[3 * T + 7]).toBe(0);
    });
    for (const [mode, keep] of [
      ['kLower', (i: number, q: number) => q <= i],
      ['kUpper', (i: number, q: number) => q >= i],
    ] as const) {
      test(`${mode}, T ${T}: a triangular A times B equals the full product`, () => {
        const a = triangular(T, keep),
          b = random(d * T);
        const want = new Float64Array(T * d),
          got = new Float64Array(T * d);
        gemmNT(T, d, T, a, 0, b, 0, want, 0, false);
        causalNT(T, d, T, a, b, got, mode);
        expect(Array.from(got)).toEqual(Array.from(want));
      });
    }
  }
});
