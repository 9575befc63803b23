import { describe, expect, test } from 'vitest';
import { createRng } from '../../stats/random';
import type { DailyLook } from './aggregate';
import { plannedVarianceOfDifference } from './planning';
import { computeMixingVariance } from '../../stats/index';
import { sequentialOverLooks } from './sequential-looks';

/** One campaign: everyone sent on day 0, conversions maturing over 7 days with a daily hazard; looks every day. */
function campaign(rng: () => number, n: number, hazard: [number, number]): DailyLook[] {
  const arms = hazard.map((h) => {
    const perDay = new Array(7).fill(0);
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < 7; d++) {
        if (rng() < h) {
          perDay[d] += 1;
          break;
        }
      }
    }
    return perDay;
  });
  const running = [0, 0];
  return Array.from({ length: 7 }, (_, day) => {
    arms.forEach((a, i) => {
      running[i]! += a[day]!;
    });
    return { day, at: day, arms: running.map((c) => ({ n, clicked: 0, converted: c, revenue: 0, revenueSq: 0 })) };
  });
}

describe('sequential looks over maturing outcomes', () => {
  test('A/A: peeking every day keeps false positives near or below 5 %', () => {
    const rng = createRng(77);
    const n = 2000;
    const tau2 = computeMixingVariance({
      alpha: 0.05,
      plannedVarianceOfEstimate: plannedVarianceOfDifference({
        goal: 'purchase',
        baseline: { rate: 0.07, revenueMean: 0, revenueSd: 0 },
        perArm: [n, n],
      })!,
    });
    let rejections = 0;
    const runs = 400;
    for (let r = 0; r < runs; r++) {
      const s = sequentialOverLooks({
        looks: campaign(rng, n, [0.01, 0.01]),
        control: 0,
        treatment: 1,
        metric: 'conversionRate',
        mixingVariance: tau2,
      });
      if (s && s.pValue! < 0.05) rejections += 1;
    }
    if (process.env.PRECISA_PRINT_SIMULATIONS) console.log({ rejections, runs });
    // 5 % of 400 = 20, binomial sd ≈ 4.4
    expect(rejections).toBeLessThanOrEqual(30);
  });

  test('a real effect is found, and the p-value never rises once it fell', () => {
    const rng = createRng(5);
    const s = sequentialOverLooks({
      looks: campaign(rng, 5000, [0.01, 0.016]),
      control: 0,
      treatment: 1,
      metric: 'conversionRate',
    })!;
    expect(s.pValue!).toBeLessThan(0.05);
    expect(s.firstSignificantDay).not.toBeNull();
    for (let i = 1; i < s.points.length; i++) expect(s.points[i]!.pValue).toBeLessThanOrEqual(s.points[i - 1]!.pValue);
    // the always-valid interval is wider than the fixed one at every look
    for (const p of s.points) expect(p.upper - p.lower).toBeGreaterThan(p.fixedUpper - p.fixedLower);
  });
});
