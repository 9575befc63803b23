import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { testTwoProportions } from './proportions';
import { testRatioMetrics } from './ratio-metric';
import type { Alternative, IntervalEstimate } from './types';
import { testWelch } from './welch-t-test';

// Golden values: python3 scripts/reference/stats/ratio_score.py (scipy: restricted MLE by numerical maximisation,
// bounds by brentq; Fieller roots by numpy.roots with the Welch t critical value)
const SCORE: [number, number, number, number, number, number][] = [
  [250, 1000, 200, 1000, 0.061385093712594596, 0.4729308535666161],
  [30, 480, 45, 500, -0.5536343179362463, 0.07852174869046613],
  [9, 25, 3, 20, -0.16882945519404124, 6.550640564699956],
  [19, 2173, 1, 236, -0.6438376906243066, 11.109695733224513],
];
const FIELLER: [number, number, number, number, number, number, number, number][] = [
  [120, 10.8, 9, 100, 10, 4, 0.01284636040910958, 0.1505167575465085],
  [500, 2.1, 400, 480, 5.7, 900, -0.9408405450254126, -0.11164892884228317],
];

describe('relative-lift intervals', () => {
  test.each(SCORE)('score interval %i/%i vs %i/%i matches scipy', (xt, nt, xc, nc, lo, hi) => {
    const r = testTwoProportions({ treatment: { successes: xt, trials: nt }, control: { successes: xc, trials: nc } });
    if (r.type !== 'ok' || !r.relativeLift) throw new Error('expected a lift');
    expect(r.relativeLift.lower).toBeCloseTo(lo, 6);
    expect(r.relativeLift.upper).toBeCloseTo(hi, 6);
    expect(r.relativeLift.estimate).toBeCloseTo(xt / nt / (xc / nc) - 1, 12);
  });

  test.each(FIELLER)('Welch Fieller interval n=%i vs n=%i matches numpy', (nt, mt, vt, nc, mc, vc, lo, hi) => {
    const r = testWelch({ treatment: { n: nt, mean: mt, variance: vt }, control: { n: nc, mean: mc, variance: vc } });
    if (r.type !== 'ok' || !r.relativeLift) throw new Error('expected a lift');
    expect(r.relativeLift.lower).toBeCloseTo(lo, 9);
    expect(r.relativeLift.upper).toBeCloseTo(hi, 9);
  });

  // Whether the interval excludes 0 must be the test's decision; skip the measure-zero ties at p = alpha.
  const agrees = (lift: IntervalEstimate | null, pValue: number, alpha: number) => {
    if (lift === null || Math.abs(pValue - alpha) < 1e-9) return true;
    return pValue < alpha === (lift.lower > 0 || lift.upper < 0);
  };
  const alternative = fc.constantFrom<Alternative>('two-sided', 'greater', 'less');
  const alpha = fc.constantFrom(0.01, 0.05, 0.1);

  test('two proportions: the lift interval and the z-test never disagree about zero', () => {
    const arm = fc
      .integer({ min: 2, max: 5000 })
      .chain((trials) => fc.record({ trials: fc.constant(trials), successes: fc.integer({ min: 0, max: trials }) }));
    fc.assert(
      fc.property(arm, arm, alternative, alpha, (treatment, control, alt, a) => {
        const r = testTwoProportions({ treatment, control, alternative: alt, alpha: a });
        return r.type !== 'ok' || agrees(r.relativeLift, r.pValue, a);
      }),
      { numRuns: 3000 },
    );
  });

  test('Welch: the lift interval and the t-test never disagree about zero', () => {
    const arm = fc.record({
      n: fc.integer({ min: 2, max: 20_000 }),
      mean: fc.double({ min: -50, max: 200, noNaN: true }),
      variance: fc.double({ min: 0.01, max: 10_000, noNaN: true }),
    });
    fc.assert(
      fc.property(arm, arm, alternative, alpha, (treatment, control, alt, a) => {
        const r = testWelch({ treatment, control, alternative: alt, alpha: a });
        return r.type !== 'ok' || agrees(r.relativeLift, r.pValue, a);
      }),
      { numRuns: 3000 },
    );
  });

  test('ratio metrics: the lift interval and the z-test never disagree about zero', () => {
    const arm = fc.record({
      n: fc.integer({ min: 2, max: 5000 }),
      meanNumerator: fc.double({ min: 0.1, max: 500, noNaN: true }),
      meanDenominator: fc.double({ min: 0.1, max: 5, noNaN: true }),
      varianceNumerator: fc.double({ min: 0.01, max: 5000, noNaN: true }),
      varianceDenominator: fc.double({ min: 0.01, max: 5, noNaN: true }),
      covariance: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
    });
    fc.assert(
      fc.property(arm, arm, alternative, alpha, (treatment, control, alt, a) => {
        const r = testRatioMetrics({ treatment, control, alternative: alt, alpha: a });
        return r.type !== 'ok' || agrees(r.relativeLift, r.pValue, a);
      }),
      { numRuns: 3000 },
    );
  });

  test("the demo's Winter warm-up numbers: a non-significant difference gives a lift interval across zero", () => {
    // revenue per customer −9.77 [−33.56, +14.02], p = 0.42 on the results page: the lift must straddle 0 too
    const r = testWelch({
      treatment: { n: 2173, mean: 5.69, variance: 60_000 },
      control: { n: 236, mean: 15.46, variance: 32_000 },
    });
    if (r.type !== 'ok') throw new Error(r.reason);
    expect(r.pValue).toBeGreaterThan(0.05);
    expect(r.relativeLift === null || (r.relativeLift.lower < 0 && r.relativeLift.upper > 0)).toBe(true);
  });
});
