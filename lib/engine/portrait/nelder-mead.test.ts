import { describe, expect, test } from 'vitest';
import { nelderMead } from './nelder-mead';

describe('nelderMead', () => {
  test('Rosenbrock from the classic start (-1.2, 1) reaches (1, 1)', () => {
    const res = nelderMead(([x, y]) => 100 * (y! - x! ** 2) ** 2 + (1 - x!) ** 2, [-1.2, 1]);
    expect(res.x[0]).toBeCloseTo(1, 5);
    expect(res.x[1]).toBeCloseTo(1, 5);
    expect(res.converged).toBe(true);
  });

  test('4-d Rosenbrock and a shifted quadratic in 6 dimensions', () => {
    const rosen4 = (v: number[]) =>
      v.slice(0, -1).reduce((s, x, i) => s + 100 * (v[i + 1]! - x * x) ** 2 + (1 - x) ** 2, 0);
    const r4 = nelderMead(rosen4, [0, 0, 0, 0], { maxIterations: 20000 });
    r4.x.forEach((x) => {
      expect(x).toBeCloseTo(1, 4);
    });
    const target = [1, -2, 3, 0.5, -0.25, 10];
    const q = nelderMead((v) => v.reduce((s, x, i) => s + (i + 1) * (x - target[i]!) ** 2, 0), [0, 0, 0, 0, 0, 0], {
      step: 1,
      maxIterations: 20000,
    });
    q.x.forEach((x, i) => {
      expect(x).toBeCloseTo(target[i]!, 4);
    });
  });

  test('one dimension and non-finite regions', () => {
    const res = nelderMead(([x]) => (x! <= 0 ? NaN : x! - Math.log(x!)), [3]);
    expect(res.x[0]).toBeCloseTo(1, 5);
  });

  test('bad start throws RangeError', () => {
    expect(() => nelderMead(() => 0, [])).toThrow(/nelderMead/);
    expect(() => nelderMead(() => 0, [NaN])).toThrow(RangeError);
  });
});
