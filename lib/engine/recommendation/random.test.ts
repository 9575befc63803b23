import { describe, expect, test } from 'vitest';
import { createRng, shuffleInPlace } from './random';

describe('createRng', () => {
  test('same seed, same stream; different seeds differ', () => {
    const a = createRng(42),
      b = createRng(42),
      c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });
  test('uniform floats in [0, 1) with mean ≈ 1/2; ints cover 0..n−1 evenly', () => {
    const rng = createRng(1);
    let s = 0;
    const counts = new Int32Array(5);
    for (let t = 0; t < 50_000; t++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      s += x;
      counts[rng.int(5)]!++;
    }
    expect(s / 50_000).toBeCloseTo(0.5, 2);
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });
  test('normal draws have the asked mean and sd', () => {
    const rng = createRng(9);
    const xs = Array.from({ length: 40_000 }, () => rng.normal(2, 0.5));
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
    expect(m).toBeCloseTo(2, 1);
    expect(sd).toBeCloseTo(0.5, 1);
  });
  test('shuffle is a seeded permutation', () => {
    const p = shuffleInPlace(
      Int32Array.from({ length: 100 }, (_, i) => i),
      createRng(5),
    );
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(
      Array.from(
        shuffleInPlace(
          Int32Array.from({ length: 100 }, (_, i) => i),
          createRng(5),
        ),
      ),
    ).toEqual(Array.from(p));
  });
  test('invalid input throws', () => {
    expect(() => createRng(NaN)).toThrow(/createRng/);
    expect(() => createRng(1).int(0)).toThrow(RangeError);
  });
});
