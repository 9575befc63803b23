import { describe, expect, test } from 'vitest';
import { invertSpd, invertSpdSync, paddedSize, sweepSmall } from './linalg-dense';

/** A deterministic SPD matrix XᵀX + ridge·I of size n (n a multiple of 4), on shared memory when asked. */
function spd(n: number, ridge: number, shared: boolean): Float64Array {
  const m = 3 * n;
  const x = Float64Array.from({ length: m * n }, (_, k) => ((Math.sin(k * 12.9898) * 43758.5453) % 1 > 0.6 ? 1 : 0));
  const a = new Float64Array(shared ? new SharedArrayBuffer(n * n * 8) : new ArrayBuffer(n * n * 8));
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = i === j ? ridge : 0;
      for (let u = 0; u < m; u++) s += x[u * n + i]! * x[u * n + j]!;
      a[i * n + j] = s;
    }
  return a;
}

function maxResidual(orig: Float64Array, inv: Float64Array, n: number): number {
  let err = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += orig[i * n + k]! * inv[k * n + j]!;
      err = Math.max(err, Math.abs(s - (i === j ? 1 : 0)));
    }
  return err;
}

describe('invertSpd (blocked sweep)', () => {
  test('2×2 block by hand: [[4,2],[2,3]]⁻¹ = [[3,−2],[−2,4]]/8', () => {
    const a = Float64Array.of(4, 2, 0, 0, 2, 3, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1);
    invertSpdSync(a, 4);
    expect(Array.from(a.subarray(0, 2))).toEqual([0.375, -0.25]);
    expect(Array.from(a.subarray(4, 6))).toEqual([-0.25, 0.5]);
    expect(a[10]).toBe(1);
  });

  test('sweepSmall gives −A⁻¹ and rejects non-positive pivots', () => {
    const d = Float64Array.of(2, 1, 1, 2);
    sweepSmall(d, 2);
    [-2 / 3, 1 / 3, 1 / 3, -2 / 3].forEach((v, k) => {
      expect(d[k]).toBeCloseTo(v, 12);
    });
    expect(() => sweepSmall(Float64Array.of(1, 2, 2, 1), 2)).toThrow(RangeError);
  });

  test.each([
    [20, 8],
    [36, 12],
    [64, 64],
  ])('n=%i, blockSize=%i: A·A⁻¹ = I and the result is symmetric', (n, blockSize) => {
    const a = spd(n, 0.5, false),
      orig = a.slice();
    invertSpdSync(a, n, { blockSize });
    expect(maxResidual(orig, a, n)).toBeLessThan(1e-9);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(a[i * n + j]).toBe(a[j * n + i]);
  });

  test('two threads on shared memory give the same bits as one', async () => {
    const n = 68;
    const a = spd(n, 1, true),
      b = a.slice();
    await invertSpd(a, n, { threads: 2, blockSize: 16 });
    invertSpdSync(b, n, { blockSize: 16 });
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  test('progress reaches 1; abort and bad input are reported', async () => {
    const fractions: number[] = [];
    invertSpdSync(spd(16, 1, false), 16, { blockSize: 4, onProgress: (f) => fractions.push(f) });
    expect(fractions.at(-1)).toBe(1);
    const controller = new AbortController();
    controller.abort();
    await expect(invertSpd(spd(16, 1, true), 16, { signal: controller.signal })).rejects.toThrow();
    expect(() => invertSpdSync(new Float64Array(9), 3)).toThrow(/invertSpd/);
    expect(() => invertSpdSync(Float64Array.of(-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1), 4)).toThrow(
      /positive definite/,
    );
    expect(paddedSize(3706)).toBe(3708);
  });
});
