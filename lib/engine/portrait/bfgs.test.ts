import { describe, expect, test } from 'vitest';
import { bfgs } from './bfgs';

describe('bfgs', () => {
  test('Rosenbrock from (-1.2, 1)', () => {
    const res = bfgs(
      ([x, y]) => ({
        f: 100 * (y! - x! ** 2) ** 2 + (1 - x!) ** 2,
        g: [-400 * x! * (y! - x! ** 2) - 2 * (1 - x!), 200 * (y! - x! ** 2)],
      }),
      [-1.2, 1],
    );
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 6);
    expect(res.x[1]).toBeCloseTo(1, 6);
  });

  test('ill-conditioned quadratic in 5 dimensions', () => {
    const scale = [1, 10, 100, 1000, 0.1];
    const res = bfgs(
      (v) => ({
        f: v.reduce((s, x, i) => s + scale[i]! * (x - i) ** 2, 0),
        g: v.map((x, i) => 2 * scale[i]! * (x - i)),
      }),
      [5, 5, 5, 5, 5],
    );
    res.x.forEach((x, i) => {
      expect(x).toBeCloseTo(i, 6);
    });
  });

  test('a flat ridge stops as "flat" instead of running forever', () => {
    // f decreases forever along x → ∞ but ever more slowly
    const res = bfgs(([x, y]) => ({ f: Math.exp(-x!) + y! ** 2, g: [-Math.exp(-x!), 2 * y!] }), [0, 1], {
      gradientTolerance: 1e-300,
    });
    expect(res.reason).toBe('flat');
    expect(res.iterations).toBeLessThan(500);
  });

  test('non-finite start throws', () => {
    expect(() => bfgs(() => ({ f: Number.NaN, g: [0] }), [0])).toThrow(/bfgs/);
  });
});
