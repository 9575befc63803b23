import { describe, expect, test } from 'vitest';
import { applyCuped } from './cuped';
import { createRng, sampleNormal } from './random';
import { testWelch } from './welch-t-test';

// Golden values: Rscript scripts/reference/stats/cuped.R — coef(lm(y ~ arm + x)) and 1 − RSS/SS_within(y)
const X_C = [12, 0, 30, 5, 8, 22, 0, 14, 3, 40, 9, 17];
const Y_C = [15, 2, 33, 4, 12, 20, 1, 18, 2, 45, 8, 21];
const X_T = [10, 25, 0, 7, 31, 4, 16, 11, 2, 28];
const Y_T = [16, 30, 3, 9, 35, 9, 19, 17, 6, 30];

describe('applyCuped', () => {
  test('equals the regression-adjusted (ANCOVA) estimate of R lm(y ~ arm + x)', () => {
    const r = applyCuped({
      arms: [
        { metric: Y_C, covariate: X_C },
        { metric: Y_T, covariate: X_T },
      ],
    });
    if (r.type !== 'ok') throw new Error(r.reason);
    expect(r.theta).toBeCloseTo(1.04533896272, 10);
    expect((r.arms[1]?.mean as number) - (r.arms[0]?.mean as number)).toBeCloseTo(2.24697740249, 10);
    expect(r.varianceReduction).toBeCloseTo(0.974164546208, 10);
  });

  test('summary input gives the same result as raw arrays', () => {
    const raw = applyCuped({
      arms: [
        { metric: Y_C, covariate: X_C },
        { metric: Y_T, covariate: X_T },
      ],
    });
    const summary = (y: number[], x: number[]) => {
      const n = y.length;
      const my = y.reduce((a, b) => a + b, 0) / n;
      const mx = x.reduce((a, b) => a + b, 0) / n;
      const v = (a: number[], ma: number, b: number[], mb: number) =>
        a.reduce((s, ai, i) => s + (ai - ma) * ((b[i] as number) - mb), 0) / (n - 1);
      return {
        n,
        meanMetric: my,
        meanCovariate: mx,
        varianceMetric: v(y, my, y, my),
        varianceCovariate: v(x, mx, x, mx),
        covariance: v(y, my, x, mx),
      };
    };
    const fromSummary = applyCuped({ arms: [summary(Y_C, X_C), summary(Y_T, X_T)] });
    expect(fromSummary.type === 'ok' && raw.type === 'ok').toBe(true);
    if (fromSummary.type === 'ok' && raw.type === 'ok') {
      expect(fromSummary.theta).toBeCloseTo(raw.theta, 12);
      fromSummary.arms.forEach((a, i) => {
        expect(a.mean).toBeCloseTo(raw.arms[i]?.mean as number, 10);
        expect(a.variance).toBeCloseTo(raw.arms[i]?.variance as number, 10);
      });
    }
  });

  // 400 simulated experiments, 1,000 users per arm: X ~ N(10, 3²), Y = 2 + 0.8·X + ε, ε ~ N(0, 2²), effect +0.3.
  // corr(X, Y)² = (0.8·3)²/((0.8·3)² + 4) = 5.76/9.76 = 0.590, so CUPED should remove ≈ 59 % of the variance.
  test('simulation: unbiased, variance reduction ≈ ρ², smaller spread across experiments', () => {
    const rng = createRng(31);
    const sims = 400;
    const raw: number[] = [];
    const adj: number[] = [];
    const reductions: number[] = [];
    for (let s = 0; s < sims; s += 1) {
      const arms = [0, 0.3].map((effect) => {
        const x = new Float64Array(1000);
        const y = new Float64Array(1000);
        for (let i = 0; i < 1000; i += 1) {
          x[i] = 10 + 3 * sampleNormal(rng);
          y[i] = 2 + 0.8 * (x[i] as number) + 2 * sampleNormal(rng) + effect;
        }
        return { metric: y, covariate: x };
      });
      const r = applyCuped({ arms });
      const w = testWelch({ control: arms[0]?.metric ?? [], treatment: arms[1]?.metric ?? [] });
      if (r.type !== 'ok' || w.type !== 'ok') throw new Error('unexpected');
      raw.push(w.absoluteLift.estimate);
      adj.push((r.arms[1]?.mean as number) - (r.arms[0]?.mean as number));
      reductions.push(r.varianceReduction);
    }
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    const sd = (a: number[]) => Math.sqrt(a.reduce((s, v) => s + (v - mean(a)) ** 2, 0) / (a.length - 1));
    // unbiased: mean adjusted effect within 4 Monte Carlo SEs of 0.3
    expect(Math.abs(mean(adj) - 0.3)).toBeLessThan(4 * (sd(adj) / Math.sqrt(sims)));
    expect(mean(reductions)).toBeCloseTo(5.76 / 9.76, 2);
    // theory: sd(adj)/sd(raw) = √(1 − ρ²) = 0.640; the ratio of two sample SDs over 400 runs is within ±10 %
    expect(sd(adj) / sd(raw)).toBeGreaterThan(0.64 * 0.9);
    expect(sd(adj) / sd(raw)).toBeLessThan(0.64 * 1.1);
  });

  test('insufficient data and invalid input', () => {
    expect(applyCuped({ arms: [{ metric: [1], covariate: [2] }] }).type).toBe('insufficient-data');
    expect(applyCuped({ arms: [{ metric: [1, 2, 3], covariate: [2, 2, 2] }] }).type).toBe('insufficient-data');
    expect(() => applyCuped({ arms: [{ metric: [1, 2], covariate: [2] }] })).toThrow(/applyCuped/);
    expect(() => applyCuped({ arms: [] })).toThrow(RangeError);
  });
});
