import { describe, expect, test } from 'vitest';
import {
  balancedRanges,
  createKernelPool,
  runSteps,
  runStepsSync,
  sharedFloat64,
  type KernelCall,
} from './worker-pool';

/** Self-contained kernel: y[i] = a·x[i] + y[i] for i in [lo, hi). */
function axpyKernel(a: number, x: Float64Array, y: Float64Array, lo: number, hi: number): void {
  for (let i = lo; i < hi; i++) y[i] = a * x[i]! + y[i]!;
}

function failingKernel(): void {
  throw new Error('boom');
}

describe('kernel pool', () => {
  test('workers write into shared memory; results equal the inline run', async () => {
    const n = 1000;
    const x = sharedFloat64(n),
      y = sharedFloat64(n);
    for (let i = 0; i < n; i++) x[i] = i;
    const pool = await createKernelPool({ axpy: axpyKernel, fail: failingKernel }, { threads: 2 });
    try {
      await pool.run('axpy', [
        [2, x, y, 0, 500],
        [2, x, y, 500, n],
      ]);
      expect(y[999]).toBe(1998);
      expect(y[3]).toBe(6);
      await expect(pool.run('fail', [[], []])).rejects.toThrow(/boom/);
      await expect(pool.run('nope', [[]])).rejects.toThrow(RangeError);
    } finally {
      await pool.close();
    }
  });

  test('the same step generator runs inline or on the pool with the same result, and stops when aborted', async () => {
    function* steps(y: Float64Array): Generator<KernelCall, number, void> {
      const x = sharedFloat64(8).fill(1);
      for (let k = 0; k < 3; k++)
        yield {
          name: 'axpy',
          args: [
            [k + 1, x, y, 0, 4],
            [k + 1, x, y, 4, 8],
          ],
        };
      return y[0]!;
    }
    expect(runStepsSync(steps(sharedFloat64(8)), { axpy: axpyKernel })).toBe(6);
    const pool = await createKernelPool({ axpy: axpyKernel }, { threads: 2 });
    try {
      const y = sharedFloat64(8);
      expect(await runSteps(steps(y), pool)).toBe(6);
      expect(y[7]).toBe(6);
      const controller = new AbortController();
      controller.abort();
      await expect(runSteps(steps(sharedFloat64(8)), pool, controller.signal)).rejects.toThrow();
    } finally {
      await pool.close();
    }
  });

  test('balancedRanges splits by cost and alignment', async () => {
    expect(balancedRanges(8, 2, (r) => r + 1, 1)).toEqual([0, 5, 8]);
    expect(balancedRanges(100, 2, () => 1, 4)).toEqual([0, 48, 100]);
    expect(balancedRanges(10, 1, () => 1)).toEqual([0, 10]);
    await expect(createKernelPool({}, { threads: 0 })).rejects.toThrow(RangeError);
  });
});
