import { describe, expect, test } from 'vitest';
import { summarize, summarizeRatio } from '../../stats/index';
import { createRng } from '../../stats/random';
import {
  aggregateArms,
  cupedSummary,
  dailyLooks,
  metricValue,
  ratioSummary,
  sampleSummary,
  type OutcomeRow,
} from './aggregate';

const DAY = 86_400_000;

function rows(n: number, seed: number): OutcomeRow[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const converted = rng() < 0.2;
    const orders = converted ? 1 + Math.floor(rng() * 3) : 0;
    const revenue = converted ? orders * (20 + 80 * rng()) : 0;
    return {
      arm: i % 2,
      exposed: true,
      opened: rng() < 0.3,
      clicked: rng() < 0.1,
      converted,
      revenue,
      orders,
      preMetric: 100 * rng() + (converted ? 40 : 0),
      startAt: (i % 5) * DAY,
      convertedAt: converted ? (i % 5) * DAY + 3_600_000 : null,
    };
  });
}

describe('aggregation', () => {
  const data = rows(2_000, 3);
  const totals = aggregateArms(data, 2);
  const arm0 = data.filter((r) => r.arm === 0);

  test('sums reproduce the summaries computed from raw values', () => {
    expect(totals[0]!.n + totals[1]!.n).toBe(2_000);
    const raw = summarize(arm0.map((r) => r.revenue));
    const s = sampleSummary(totals[0]!, 'revenuePerUser');
    expect(s.n).toBe(raw.n);
    expect(s.mean).toBeCloseTo(raw.mean, 9);
    expect(s.variance).toBeCloseTo(raw.variance, 6);
    const conv = summarize(arm0.map((r) => (r.converted ? 1 : 0)));
    expect(sampleSummary(totals[0]!, 'conversionRate').variance).toBeCloseTo(conv.variance, 12);
  });

  test('ratio summaries match summarizeRatio on raw per-user arrays (AOV and revenue per buyer)', () => {
    const aov = summarizeRatio({ numerator: arm0.map((r) => r.revenue), denominator: arm0.map((r) => r.orders) });
    const got = ratioSummary(totals[0]!, 'averageOrderValue');
    for (const k of [
      'meanNumerator',
      'meanDenominator',
      'varianceNumerator',
      'varianceDenominator',
      'covariance',
    ] as const)
      expect(got[k]).toBeCloseTo(aov[k], 6);
    const rpb = summarizeRatio({
      numerator: arm0.map((r) => r.revenue),
      denominator: arm0.map((r) => (r.converted ? 1 : 0)),
    });
    expect(ratioSummary(totals[0]!, 'revenuePerBuyer').covariance).toBeCloseTo(rpb.covariance, 6);
    expect(metricValue(totals[0]!, 'averageOrderValue')).toBeCloseTo(aov.meanNumerator / aov.meanDenominator, 9);
  });

  test('CUPED summaries carry the covariance with the pre-period metric', () => {
    const y = arm0.map((r) => r.revenue);
    const x = arm0.map((r) => r.preMetric ?? 0);
    const my = y.reduce((a, b) => a + b, 0) / y.length;
    const mx = x.reduce((a, b) => a + b, 0) / x.length;
    const cov = y.reduce((s, v, i) => s + (v - my) * (x[i]! - mx), 0) / (y.length - 1);
    expect(cupedSummary(totals[0]!, 'revenuePerUser').covariance).toBeCloseTo(cov, 6);
  });

  test('daily looks are cumulative and end with the totals', () => {
    const looks = dailyLooks(data, { armCount: 2, start: 0, until: 6 * DAY });
    expect(looks).toHaveLength(7);
    for (let d = 1; d < looks.length; d++)
      expect(looks[d]!.arms[0]!.n).toBeGreaterThanOrEqual(looks[d - 1]!.arms[0]!.n);
    const last = looks.at(-1)!;
    expect(last.arms[0]!.n).toBe(totals[0]!.n);
    expect(last.arms[1]!.converted).toBe(totals[1]!.converted);
    expect(last.arms[1]!.revenue).toBeCloseTo(totals[1]!.revenue, 6);
    expect(looks[0]!.arms[0]!.n).toBe(data.filter((r) => r.arm === 0 && r.startAt === 0).length);
  });

  test('an unknown arm index throws', () => {
    expect(() => aggregateArms([{ ...data[0]!, arm: 5 }], 2)).toThrow(RangeError);
  });
});
