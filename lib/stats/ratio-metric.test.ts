import fs from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { datasetPath, datasetSkipReason, hasDataset } from '../testing/datasets';
import { parseHillstrom, type HillstromData } from './datasets/hillstrom';
import { createRng, sampleBinomial } from './random';
import { computeRatioMetric, summarizeRatio, testRatioMetrics } from './ratio-metric';

const VARIANCE_NUMPY = 4.573094543939997;

describe('computeRatioMetric (delta method)', () => {
  test('small fixture: Var(R̂) = (σ_Y²/μ_X² − 2μ_Y·σ_XY/μ_X³ + μ_Y²·σ_X²/μ_X⁴)/n', () => {
    // numpy: y = [10, 0, 30, 25, 0, 60]; x = [1, 0, 2, 1, 0, 3]; vy, vx, c = np.var(y, ddof=1), np.var(x, ddof=1),
    // np.cov(y, x)[0, 1]; (vy/mx**2 - 2*my*c/mx**3 + my**2*vx/mx**4)/6
    const s = summarizeRatio({ numerator: [10, 0, 30, 25, 0, 60], denominator: [1, 0, 2, 1, 0, 3] });
    expect(s.covariance).toBeCloseTo(25.83333333333334, 12);
    const r = computeRatioMetric(s);
    if (r.type !== 'ok') throw new Error(r.reason);
    expect(r.ratio).toBeCloseTo(125 / 7, 12);
    expect(r.variance).toBeCloseTo(VARIANCE_NUMPY, 10);
  });

  // 1,000 simulated experiments, 400 users per arm: orders ~ Binomial(3, 0.1), each order worth Exponential(mean
  // 50) in control and 55 in treatment, so the true revenue-per-order ratios are 50 and 55 (difference 5).
  test('simulation: delta-method SE matches the spread of R̂ and the 95 % interval covers ≈ 95 %', () => {
    const rng = createRng(99);
    const sims = 1000;
    const arm = (orderValue: number) => {
      const revenue = new Float64Array(400);
      const orders = new Float64Array(400);
      for (let i = 0; i < 400; i += 1) {
        const k = sampleBinomial(rng, { trials: 3, p: 0.1 });
        orders[i] = k;
        for (let j = 0; j < k; j += 1) revenue[i] = (revenue[i] as number) - orderValue * Math.log(1 - rng());
      }
      return { numerator: revenue, denominator: orders };
    };
    let covered = 0;
    const diffs: number[] = [];
    const ses: number[] = [];
    for (let s = 0; s < sims; s += 1) {
      const r = testRatioMetrics({ control: arm(50), treatment: arm(55) });
      if (r.type !== 'ok') throw new Error(r.reason);
      if (r.absoluteLift.lower <= 5 && 5 <= r.absoluteLift.upper) covered += 1;
      diffs.push(r.absoluteLift.estimate);
      ses.push(r.absoluteLift.standardError);
    }
    const mean = diffs.reduce((a, b) => a + b, 0) / sims;
    const sd = Math.sqrt(diffs.reduce((a, b) => a + (b - mean) ** 2, 0) / (sims - 1));
    const meanSe = ses.reduce((a, b) => a + b, 0) / sims;
    expect(Math.abs(covered / sims - 0.95)).toBeLessThan(3 * Math.sqrt((0.95 * 0.05) / sims));
    expect(meanSe / sd).toBeGreaterThan(0.92);
    expect(meanSe / sd).toBeLessThan(1.08);
    expect(Math.abs(mean - 5)).toBeLessThan(4 * (sd / Math.sqrt(sims)));
  });

  test('insufficient data and invalid input', () => {
    expect(computeRatioMetric({ numerator: [1], denominator: [1] }).type).toBe('insufficient-data');
    expect(computeRatioMetric({ numerator: [1, 2], denominator: [0, 0] }).type).toBe('insufficient-data');
    expect(() => computeRatioMetric({ numerator: [1, 2], denominator: [1] })).toThrow(/summarizeRatio/);
    expect(() =>
      computeRatioMetric({
        n: 3,
        meanNumerator: 1,
        meanDenominator: 1,
        varianceNumerator: -1,
        varianceDenominator: 1,
        covariance: 0,
      }),
    ).toThrow(/computeRatioMetric/);
  });
});

describe.skipIf(!hasDataset('hillstrom_email'))(
  `Hillstrom ratio metrics vs bootstrap (${datasetSkipReason('hillstrom_email')})`,
  () => {
    // python3 scripts/reference/stats/ratio_bootstrap.py …/hillstrom.csv (10,000 resamples; MC error of a
    // bootstrap SE ≈ 1/√(2·10,000) = 0.7 %): arm, denominator, ratio, bootstrap SE
    const BOOTSTRAP: [string, 'visit' | 'conversion', number, number][] = [
      ['Mens E-Mail', 'visit', 7.784203903, 0.658905],
      ['Mens E-Mail', 'conversion', 113.5269288, 6.82497],
      ['No E-Mail', 'visit', 6.148687003, 0.750693],
      ['No E-Mail', 'conversion', 114.0027049, 9.34175],
    ];
    let data: HillstromData;
    beforeAll(() => {
      data = parseHillstrom(fs.readFileSync(datasetPath('hillstrom_email', 'hillstrom.csv'), 'utf8'));
    });
    test.each(BOOTSTRAP)(
      '%s spend per %s: delta-method SE within 4 percent of the bootstrap',
      (segment, den, ratio, se) => {
        const idx = data.segment.flatMap((s, i) => (s === segment ? [i] : []));
        const r = computeRatioMetric({
          numerator: idx.map((i) => data.spend[i] as number),
          denominator: idx.map((i) => data[den][i] as number),
        });
        if (r.type !== 'ok') throw new Error(r.reason);
        expect(r.ratio).toBeCloseTo(ratio, 6);
        expect(r.standardError / se).toBeGreaterThan(0.96);
        expect(r.standardError / se).toBeLessThan(1.04);
      },
    );
  },
);
