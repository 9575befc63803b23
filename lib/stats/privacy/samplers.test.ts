import { describe, expect, test } from 'vitest';
import { releaseCount } from './mechanism';
import { discreteGaussianPmf, discreteLaplaceHalfWidth, discreteLaplacePmf } from './pmf';
import { type WordSource, seededWords, uniformBelow } from './random-source';
import { type Rational, isqrt } from './rational';
import { bernoulliExp, discreteGaussian, discreteLaplace } from './samplers';

const DRAWS = 1_000_000;

/** Chi-square statistic of observed draws against a pmf over bins −k..k plus the two merged tails. */
function chiSquare(draw: () => number, pmf: (x: number) => number, k: number) {
  const counts = new Map<number, number>();
  for (let i = 0; i < DRAWS; i++) {
    const x = Math.max(-k - 1, Math.min(k + 1, draw()));
    counts.set(x, (counts.get(x) ?? 0) + 1);
  }
  let inside = 0;
  let stat = 0;
  for (let x = -k; x <= k; x++) {
    const p = pmf(x);
    inside += p;
    const expected = p * DRAWS;
    stat += ((counts.get(x) ?? 0) - expected) ** 2 / expected;
  }
  const tail = ((1 - inside) / 2) * DRAWS; // both pmfs are symmetric
  stat += ((counts.get(-k - 1) ?? 0) - tail) ** 2 / tail + ((counts.get(k + 1) ?? 0) - tail) ** 2 / tail;
  return { stat, minExpected: Math.min(tail, pmf(k) * DRAWS) };
}

// The pmfs the draws are compared with, checked against independent implementations (python3, scipy 1.17):
//   scipy.stats.dlaplace.pmf(x, 1/b) for b = 2, x = 0, 1, -3, 7 and b = 10/7, x = 0, 2, -5;
//   numpy: w = exp(-y²/(2·4.5)) over y = -200..200, w[x] / w.sum() for x = 0, 1, -3, 8
describe('the exact pmfs match independent implementations within 1e-12', () => {
  test.each([
    [2, 0, 0.24491866240370913],
    [2, 1, 0.14855067788365744],
    [2, -3, 0.054648740365478836],
    [2, 7, 0.007395902755886187],
    [10 / 7, 0, 0.3363755443363322],
    [10 / 7, 2, 0.08294918797754477],
    [10 / 7, -5, 0.01015766128621532],
  ])('discrete Laplace, scale %s, x = %d', (b, x, p) => {
    expect(Math.abs(discreteLaplacePmf(x, b) - p)).toBeLessThan(1e-12);
  });
  test.each([
    [0, 0.18806319451591877],
    [1, 0.16828634049855268],
    [-3, 0.06918458290343245],
    [8, 0.00015345727894979685],
  ])('discrete Gaussian, σ² = 4.5, x = %d', (x, p) => {
    expect(Math.abs(discreteGaussianPmf(x, 4.5) - p)).toBeLessThan(1e-12);
  });
});

// Critical values at α = 0.001, df = bins − 1:
// python3 -c "from scipy.stats import chi2; print([chi2.ppf(0.999, d) for d in (32, 26, 18)])"
// → 62.487219057088474, 54.05196238857664, 42.31239633167996
describe('exact samplers match their pmf over 10⁶ seeded draws (chi-square, α = 0.001)', () => {
  test.each([
    { name: 'discrete Laplace, scale 2', scale: { n: 2n, d: 1n }, b: 2, k: 15, critical: 62.487219057088474 },
    { name: 'discrete Laplace, scale 10/7', scale: { n: 10n, d: 7n }, b: 10 / 7, k: 12, critical: 54.05196238857664 },
  ])('$name', ({ scale, b, k, critical }) => {
    const words = seededWords(20261206);
    const { stat, minExpected } = chiSquare(
      () => Number(discreteLaplace(words, scale)),
      (x) => discreteLaplacePmf(x, b),
      k,
    );
    expect(minExpected).toBeGreaterThan(5);
    expect(stat).toBeLessThan(critical);
  });

  test('discrete Gaussian, σ² = 9/2', () => {
    const words = seededWords(7);
    const { stat, minExpected } = chiSquare(
      () => Number(discreteGaussian(words, { n: 9n, d: 2n })),
      (x) => discreteGaussianPmf(x, 4.5),
      8,
    );
    expect(minExpected).toBeGreaterThan(5);
    expect(stat).toBeLessThan(42.31239633167996);
  });

  test('the chi-square test can fail: Laplace draws of scale 2 are rejected against scale 2.2', () => {
    const words = seededWords(3);
    const { stat } = chiSquare(
      () => Number(discreteLaplace(words, { n: 2n, d: 1n })),
      (x) => discreteLaplacePmf(x, 2.2),
      15,
    );
    expect(stat).toBeGreaterThan(62.487219057088474);
  });
});

describe('the discrete Laplace mechanism is ε-DP for neighbouring counts', () => {
  const epsilon = 1;
  const bound = Math.exp(epsilon) * 1.05;

  test('exact pmf: P[M(c) = y] / P[M(c+1) = y] ≤ e^ε across the support, both directions', () => {
    const c = 100;
    for (let y = c - 60; y <= c + 60; y++) {
      const p = discreteLaplacePmf(y - c, 1 / epsilon);
      const q = discreteLaplacePmf(y - c - 1, 1 / epsilon);
      expect(p / q).toBeLessThanOrEqual(Math.exp(epsilon) * (1 + 1e-12));
      expect(q / p).toBeLessThanOrEqual(Math.exp(epsilon) * (1 + 1e-12));
    }
  });

  test('empirical: frequencies of released values for counts 100 and 101 stay within e^ε × 1.05', () => {
    const frequencies = (value: number, words: WordSource) => {
      const seen = new Map<number, number>();
      for (let i = 0; i < DRAWS; i++) {
        const out = releaseCount({ value, sensitivity: 1, epsilon }, words).value;
        seen.set(out, (seen.get(out) ?? 0) + 1);
      }
      return seen;
    };
    const a = frequencies(100, seededWords(11));
    const b = frequencies(101, seededWords(12));
    let compared = 0;
    for (const [y, na] of a) {
      const nb = b.get(y) ?? 0;
      if (na < 20_000 || nb < 20_000) continue; // relative error of each frequency ≤ ~0.7%
      compared++;
      expect(na / nb).toBeLessThanOrEqual(bound);
      expect(nb / na).toBeLessThanOrEqual(bound);
    }
    expect(compared).toBeGreaterThanOrEqual(6);
  });
});

describe('building blocks', () => {
  test('Bernoulli(exp(−γ)) for γ > 1 takes the integer-part path', () => {
    const words = seededWords(5);
    const gamma: Rational = { n: 5n, d: 2n };
    let ones = 0;
    for (let i = 0; i < 200_000; i++) if (bernoulliExp(words, gamma)) ones++;
    const p = Math.exp(-2.5);
    expect(Math.abs(ones / 200_000 - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / 200_000));
  });

  test('uniformBelow is uniform over a range wider than one word', () => {
    const words = seededWords(9);
    const m = 3n * 2n ** 40n;
    let low = 0;
    for (let i = 0; i < 30_000; i++) if (uniformBelow(words, m) < m / 3n) low++;
    expect(Math.abs(low / 30_000 - 1 / 3)).toBeLessThan(4 * Math.sqrt(2 / 9 / 30_000));
  });

  test.each([
    [0n, 0n],
    [15n, 3n],
    [16n, 4n],
    [10n ** 30n, 10n ** 15n],
  ])('isqrt(%s) = %s', (n, r) => expect(isqrt(n)).toBe(r));

  test('half-width: P[|X| ≤ w] ≥ 95% and P[|X| ≤ w − 1] < 95%', () => {
    for (const b of [0.5, 1, 2, 10, 50]) {
      const w = discreteLaplaceHalfWidth(b);
      const mass = (h: number) => {
        let s = 0;
        for (let x = -h; x <= h; x++) s += discreteLaplacePmf(x, b);
        return s;
      };
      expect(mass(w)).toBeGreaterThanOrEqual(0.95 - 1e-12);
      if (w > 0) expect(mass(w - 1)).toBeLessThan(0.95);
    }
  });

  test('releases with crypto randomness by default, and refuses bad parameters', () => {
    const r = releaseCount({ value: 50, sensitivity: 1, epsilon: 1 });
    expect(Number.isInteger(r.value)).toBe(true);
    expect(r.isSuppressed).toBe(r.value < 10);
    expect(() => releaseCount({ value: 5, sensitivity: 0, epsilon: 1 })).toThrow(RangeError);
    expect(() => releaseCount({ value: 5, sensitivity: 1, epsilon: 0 })).toThrow(RangeError);
  });
});
