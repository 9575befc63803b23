import { describe, expect, test } from 'vitest';
import { computeBayesianMeans } from './bayesian-means';
import { computeBayesianProportions } from './bayesian-proportions';
import { expectedLoss, probabilityToBeat } from './beta-binomial';

// Golden values: python3 scripts/reference/stats/bayesian.py (scipy quad over f_b·F_a, independent of the
// closed forms): a, b, P(X_b > X_a), E[max(X_a − X_b, 0)]
const SCIPY_BETA: [[number, number], [number, number], number, number][] = [
  [[201, 801], [251, 751], 0.99628332913, 2.13636268022e-5],
  [[3, 5], [4, 4], 0.703962703963, 0.0445804195804],
  [[1.5, 20.5], [3.2, 18.1], 0.829413787838, 0.0084499174539],
  [[45.5, 455.5], [31, 451], 0.0587748008197, 0.0269354827233],
  [[20001, 180001], [20301, 179701], 0.94247391236, 2.34118161508e-5],
];

describe('probabilityToBeat and expectedLoss (beta-binomial)', () => {
  test.each(SCIPY_BETA)('a=%j b=%j matches scipy integration', (a, b, p, loss) => {
    const pa = { alpha: a[0], beta: a[1] };
    const pb = { alpha: b[0], beta: b[1] };
    expect(probabilityToBeat({ a: pa, b: pb })).toBeCloseTo(p, 8);
    expect(expectedLoss({ a: pa, b: pb }) / loss).toBeCloseTo(1, 5);
  });

  test('Evan Miller closed form: Beta(3,5) vs Beta(4,4) equals the exact rational 302/429', () => {
    // Σ_{i=0}^{3} B(3+i, 9)/((4+i)·B(1+i, 4)·B(3, 5)) evaluated in exact arithmetic = 302/429 = 0.703962703962…
    expect(probabilityToBeat({ a: { alpha: 3, beta: 5 }, b: { alpha: 4, beta: 4 } })).toBeCloseTo(302 / 429, 12);
  });

  test('numerical integration agrees with the exact sum on integer parameters', () => {
    const exact = probabilityToBeat({ a: { alpha: 40, beta: 460 }, b: { alpha: 52, beta: 448 } });
    // perturbing both alphas by 1e-9 forces the integration path
    const numeric = probabilityToBeat({ a: { alpha: 40 + 1e-9, beta: 460 }, b: { alpha: 52 + 1e-9, beta: 448 } });
    expect(numeric).toBeCloseTo(exact, 7);
  });

  test('symmetry and invariants', () => {
    const a = { alpha: 12.5, beta: 80 };
    const b = { alpha: 15, beta: 79.5 };
    expect(probabilityToBeat({ a, b }) + probabilityToBeat({ a: b, b: a })).toBeCloseTo(1, 8);
    expect(probabilityToBeat({ a, b: a })).toBeCloseTo(0.5, 8);
    expect(expectedLoss({ a, b })).toBeGreaterThan(0);
    expect(() => probabilityToBeat({ a: { alpha: 0, beta: 1 }, b })).toThrow(/probabilityToBeat/);
  });
});

describe('computeBayesianProportions', () => {
  test('two arms are exact', () => {
    const r = computeBayesianProportions({
      arms: [
        { successes: 200, trials: 1000 },
        { successes: 250, trials: 1000 },
      ],
    });
    if (r.type !== 'ok') throw new Error(r.reason);
    expect(r.method).toBe('exact');
    expect(r.arms[1]?.chanceToBeatControl).toBeCloseTo(0.99628332913, 8);
    expect(r.arms[0]?.chanceToBeBest).toBeCloseTo(1 - 0.99628332913, 8);
    expect((r.arms[1]?.expectedLoss as number) / 2.13636268022e-5).toBeCloseTo(1, 5);
    // scipy: stats.beta(251, 751).ppf([0.025, 0.975]) (bayesian.py)
    expect(r.arms[1]?.credibleInterval[0]).toBeCloseTo(0.224163870433, 9);
    expect(r.arms[1]?.credibleInterval[1]).toBeCloseTo(0.277777473585, 9);
  });

  // Three arms Beta(101, 901), Beta(111, 891), Beta(121, 881): scipy P(best) = ∫ f_i Π F_j and E[max] − μ_i.
  // Monte Carlo with 100,000 draws: SE of a probability ≤ 0.0016, so 4 SE = 0.0064.
  test('three arms: seeded Monte Carlo agrees with scipy integration', () => {
    const arms = [
      { successes: 100, trials: 1000 },
      { successes: 110, trials: 1000 },
      { successes: 120, trials: 1000 },
    ];
    const r = computeBayesianProportions({ arms, seed: 7 });
    if (r.type !== 'ok') throw new Error(r.reason);
    expect(r.method).toBe('monte-carlo');
    [0.04620831499, 0.2269051872, 0.7268864978].forEach((p, i) => {
      expect(Math.abs((r.arms[i]?.chanceToBeBest as number) - p)).toBeLessThan(0.0064);
    });
    [0.02225273061, 0.01227269069, 0.002292650769].forEach((l, i) => {
      expect(Math.abs((r.arms[i]?.expectedLoss as number) - l)).toBeLessThan(3e-4);
    });
    const again = computeBayesianProportions({ arms, seed: 7 });
    expect(again).toEqual(r);
    expect(r.arms.reduce((s, a) => s + a.chanceToBeBest, 0)).toBeCloseTo(1, 12);
  });

  test('invalid input', () => {
    expect(() => computeBayesianProportions({ arms: [{ successes: 1, trials: 2 }] })).toThrow(
      /computeBayesianProportions/,
    );
    expect(
      computeBayesianProportions({
        arms: [
          { successes: 0, trials: 0 },
          { successes: 0, trials: 0 },
        ],
      }).type,
    ).toBe('insufficient-data');
  });
});

describe('computeBayesianMeans (normal model)', () => {
  test('two arms match scipy', () => {
    const r = computeBayesianMeans({
      arms: [
        { n: 1000, mean: 5, variance: 400 },
        { n: 1000, mean: 6.5, variance: 450 },
      ],
    });
    if (r.type !== 'ok') throw new Error(r.reason);
    expect(r.arms[1]?.chanceToBeatControl).toBeCloseTo(0.948129160882, 10);
    expect(r.arms[1]?.expectedLoss).toBeCloseTo(0.0201017028476, 10);
    expect(r.arms[0]?.expectedLoss).toBeCloseTo(1.52010170285, 9);
  });

  test('an informative prior shrinks the posterior mean', () => {
    const r = computeBayesianMeans({
      arms: [
        { n: 10, mean: 5, variance: 4 },
        { n: 10, mean: 8, variance: 4 },
      ],
      prior: { mean: 5, variance: 0.4 },
    });
    if (r.type !== 'ok') throw new Error(r.reason);
    // precision 1/0.4 + 10/4 = 5 → mean (5/0.4 + 10·8/4)/5 = 6.5
    expect(r.arms[1]?.posterior.mean).toBeCloseTo(6.5, 12);
    expect(r.arms[1]?.posterior.variance).toBeCloseTo(0.2, 12);
  });

  test('three arms: Monte Carlo agrees with scipy integration', () => {
    const r = computeBayesianMeans({
      arms: [
        { n: 1000, mean: 5, variance: 400 },
        { n: 1000, mean: 6.5, variance: 450 },
        { n: 1000, mean: 6.2, variance: 500 },
      ],
      seed: 3,
    });
    if (r.type !== 'ok') throw new Error(r.reason);
    [0.01855779403, 0.6100374735, 0.3714047325].forEach((p, i) => {
      expect(Math.abs((r.arms[i]?.chanceToBeBest as number) - p)).toBeLessThan(0.0064);
    });
    [1.762711725, 0.2627117245, 0.5627117245].forEach((l, i) => {
      expect(Math.abs((r.arms[i]?.expectedLoss as number) - l)).toBeLessThan(0.01);
    });
  });
});
