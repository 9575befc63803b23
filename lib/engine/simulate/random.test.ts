import { describe, expect, test } from 'vitest';
import { createRng, dirichlet, gamma, geometric, logNormal, pickWeighted, poisson } from './random';

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const draws = <T>(n: number, f: () => T): T[] => Array.from({ length: n }, f);

describe('createRng', () => {
  test('the same seed and stream repeat; streams and seeds differ', () => {
    const a = draws(
      5,
      (
        (r) => () =>
          r.next()
      )(createRng(42, 'x')),
    );
    const b = draws(
      5,
      (
        (r) => () =>
          r.next()
      )(createRng(42, 'x')),
    );
    const c = draws(
      5,
      (
        (r) => () =>
          r.next()
      )(createRng(42, 'y')),
    );
    const d = draws(
      5,
      (
        (r) => () =>
          r.next()
      )(createRng(43, 'x')),
    );
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).not.toEqual(d);
  });

  test('uniform on [0, 1) with mean ½', () => {
    const rng = createRng(1);
    const xs = draws(20_000, () => rng.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 1);
  });

  test('rejects a non-integer seed', () => {
    expect(() => createRng(1.5)).toThrow(RangeError);
  });
});

describe('samplers', () => {
  const rng = createRng(7, 'samplers');

  test.each([0.4, 2, 9])('gamma(%s) has mean = shape', (shape) => {
    expect(mean(draws(20_000, () => gamma(rng, shape))) / shape).toBeCloseTo(1, 1);
  });

  test.each([0.05, 1.5, 12, 50])('poisson(%s) has mean = λ', (lambda) => {
    expect(mean(draws(20_000, () => poisson(rng, lambda)))).toBeCloseTo(lambda, lambda < 1 ? 2 : 0);
  });

  test('dirichlet sums to 1 and has mean α / Σα', () => {
    const alpha = [2, 1, 1];
    const xs = draws(5000, () => dirichlet(rng, alpha));
    for (const x of xs.slice(0, 50)) expect(x.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 10);
    expect(mean(xs.map((x) => x[0]!))).toBeCloseTo(0.5, 1);
  });

  test('pickWeighted follows the weights; geometric has mean 1/p; logNormal has the given median', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[pickWeighted(rng, [1, 2, 7])]! += 1;
    expect(counts.map((c) => c / 30_000)).toEqual([
      expect.closeTo(0.1, 1),
      expect.closeTo(0.2, 1),
      expect.closeTo(0.7, 1),
    ]);
    expect(mean(draws(20_000, () => geometric(rng, 0.25)))).toBeCloseTo(4, 0);
    const xs = draws(20_001, () => logNormal(rng, 100, 0.5)).sort((a, b) => a - b);
    expect(xs[10_000]! / 100).toBeCloseTo(1, 1);
  });
});
