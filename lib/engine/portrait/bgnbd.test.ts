import { describe, expect, test } from 'vitest';
import { datasetSkipReason, hasDataset } from '@/lib/testing/datasets';
import {
  bgnbdConditionalExpectedPurchases,
  bgnbdExpectedPurchases,
  bgnbdLogLikelihood,
  bgnbdPopulationExpectation,
  bgnbdProbabilityAlive,
} from './bgnbd';
import { bgnbdObjective, fitBgnbd } from './bgnbd-fit';
import { CDNOW, CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END, loadCdnowOrders, loadCdnowSummary } from './testing/cdnow';
import { summarizeForBgnbd } from './rf-summary';

// Golden values: `python3 scripts/reference/portrait/btyd_reference.py` (scipy 1.10, untransformed hyp2f1), unless
// marked as published (Fader, Hardie & Lee 2005, Marketing Science 24(2), section 7 / Hardie's spreadsheet).
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('BG/NBD closed forms (published parameters)', () => {
  test('P(alive) and the conditional expectation of the worked example (x=2, tx=30.43, T=38.86, t=39)', () => {
    const c = { x: 2, tx: 30.43, T: 38.86 };
    expect(bgnbdProbabilityAlive(PUBLISHED, c)).toBeCloseTo(0.726579, 5);
    expect(bgnbdConditionalExpectedPurchases(PUBLISHED, c, 39)).toBeCloseTo(1.226028, 5);
    expect(bgnbdConditionalExpectedPurchases(PUBLISHED, c, 39)).toBeCloseTo(1.226, 3); // published
  });

  test.each([
    [50, 38, 38.86, 39, 33.391198],
    [0, 0, 38.86, 39, 0.195098],
    [7, 20, 30, 100, 5.799518],
  ])('conditional expectation x=%d tx=%d T=%d t=%d', (x, tx, T, t, expected) => {
    expect(bgnbdConditionalExpectedPurchases(PUBLISHED, { x, tx, T }, t)).toBeCloseTo(expected, 5);
  });

  test('large x does not overflow', () => {
    // mpmath (dps 50, textbook formula with mp.hyp2f1): 43.584005351187898
    const v = bgnbdConditionalExpectedPurchases(PUBLISHED, { x: 800, tx: 38, T: 38.5 }, 39);
    expect(v).toBeCloseTo(43.584005351188, 8);
  });

  // the mpmath block of btyd_reference.py: textbook formula, series summed at 400 digits; the script also integrates
  // (1 − e^{−λpt})/p over the posterior Gamma × Beta mixture without any ₂F₁, and both agree to 15 digits
  test.each([
    [2780, 10000, 1.29, 2, 9.8, 5, 52.14, 3.89081039968125],
    [10000, 10000, 1.29, 0, 9.8, 1, 52.14, 1.58971087442942],
    [10000, 10000, 1.29, 300, 9.8, 40, 52.14, 2.03010301030103],
    [0.8, 2.4, 0.24, 800, 4.4, 3, 52, 2070.03557893985],
    [5, 20, 0.5, 30, 2, 3, 52, 13.4932509942245],
    // a − 1 − r − x an integer: the library's ₂F₁ is NaN in every form (scipy too; its values at a ± 10⁻⁶ bracket these)
    [114, 10000, 2, 0, 5, 0, 52.14, 17.6842961588216],
    [20, 50, 3, 5, 2, 30, 52, 3.62543884327685],
    [7, 3, 2, 0, 1, 0, 10, 1.47038962955317],
  ])('extreme regime a=%d b=%d r=%d x=%d α=%d T=%d t=%d', (a, b, r, x, alpha, T, t, expected) => {
    const p = { r, alpha, a, b };
    const c = { x, tx: x > 0 ? T / 2 : 0, T };
    const v = bgnbdConditionalExpectedPurchases(p, c, t) / bgnbdProbabilityAlive(p, c);
    expect(v / expected).toBeCloseTo(1, 10);
  });

  test('next to an integer a − 1 − r − x the value is continuous (the library forms take over from the series)', () => {
    const c = { x: 0, tx: 0, T: 0 };
    for (const a of [114 - 1e-9, 114 + 1e-9, 114 + 1e-12]) {
      const v = bgnbdConditionalExpectedPurchases({ r: 2, alpha: 5, a, b: 10000 }, c, 52.14);
      expect(v / 17.6842961588216).toBeCloseTo(1, 8); // the mpmath value at a = 114 (above)
    }
    expect(bgnbdExpectedPurchases({ r: 2, alpha: 5, a: 114, b: 10000 }, 52.14) / 17.6842961588216).toBeCloseTo(1, 10);
  });

  test.each([
    [0.1429, 0.007828],
    [1, 0.053268],
    [3, 0.150865],
    [31.8571, 1.041996],
    [32, 1.045243],
    [78, 1.860519],
  ])('E[X(%d)]', (t, expected) => {
    expect(bgnbdExpectedPurchases(PUBLISHED, t)).toBeCloseTo(expected, 5);
  });

  test('a = 1 is handled by the limit', () => {
    const near = bgnbdExpectedPurchases({ ...PUBLISHED, a: 1 + 1e-4 }, 10);
    expect(bgnbdExpectedPurchases({ ...PUBLISHED, a: 1 }, 10)).toBeCloseTo(near, 4);
  });

  test('invariants: P(alive) in (0,1], expectation grows with t, zero at t=0', () => {
    const c = { x: 3, tx: 10, T: 30 };
    const p = bgnbdProbabilityAlive(PUBLISHED, c);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThanOrEqual(1);
    expect(bgnbdConditionalExpectedPurchases(PUBLISHED, c, 0)).toBe(0);
    expect(bgnbdConditionalExpectedPurchases(PUBLISHED, c, 20)).toBeLessThan(
      bgnbdConditionalExpectedPurchases(PUBLISHED, c, 40),
    );
  });

  test('invalid input throws RangeError naming the function', () => {
    expect(() => bgnbdExpectedPurchases({ ...PUBLISHED, r: -1 }, 1)).toThrow(/bgnbdExpectedPurchases/);
    expect(() => bgnbdLogLikelihood(PUBLISHED, { x: [1], tx: [5], T: [3] })).toThrow(RangeError);
  });

  test('the analytic gradient of the fit objective matches central differences', () => {
    const data = { x: [0, 1, 2, 5, 0, 3], tx: [0, 4, 10, 30, 0, 12], T: [20, 25, 30, 38, 5, 40] };
    const f = bgnbdObjective(data);
    const v = [Math.log(0.3), Math.log(5), Math.log(0.9), Math.log(2)];
    const { g } = f(v);
    v.forEach((_, i) => {
      const up = v.map((u, j) => (j === i ? u + 1e-6 : u));
      const down = v.map((u, j) => (j === i ? u - 1e-6 : u));
      expect(g[i]).toBeCloseTo((f(up).f - f(down).f) / 2e-6, 7);
    });
  });

  test('too little data is insufficient-data, not an error', () => {
    expect(fitBgnbd({ x: [0, 1], tx: [0, 1], T: [3, 3] }).type).toBe('insufficient-data');
  });
});

describe.skipIf(!hasDataset(CDNOW))('BG/NBD on the CDNOW sample', () => {
  if (!hasDataset(CDNOW)) test.skip(datasetSkipReason(CDNOW), () => {});

  test('log-likelihood at the published estimates is -9582.4 (published)', () => {
    const s = loadCdnowSummary();
    expect(bgnbdLogLikelihood(PUBLISHED, s)).toBeCloseTo(-9582.4268, 3);
  });

  test('MLE on the 2,357-customer summary file reproduces r=0.243, α=4.414, a=0.793, b=2.426', () => {
    const fit = fitBgnbd(loadCdnowSummary());
    if (fit.type !== 'ok') throw new Error(fit.reason);
    const { r, alpha, a, b } = fit.params;
    // published, to the third decimal
    expect(r).toBeCloseTo(0.243, 3);
    expect(alpha).toBeCloseTo(4.414, 3);
    expect(a).toBeCloseTo(0.793, 3);
    expect(b).toBeCloseTo(2.426, 3);
    // scipy reference MLE: r=0.242593 alpha=4.413532 a=0.792886 b=2.425754 LL=-9582.4256
    expect(r).toBeCloseTo(0.242593, 4);
    expect(alpha).toBeCloseTo(4.413532, 3);
    expect(a).toBeCloseTo(0.792886, 4);
    expect(b).toBeCloseTo(2.425754, 3);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4256, 3);
    expect(fit.converged).toBe(true);
  });

  test('summaries built from the event log as the paper does give the same fit and 1,882 hold-out purchases', () => {
    const s = summarizeForBgnbd(loadCdnowOrders(), {
      calibrationEnd: CDNOW_CALIBRATION_END,
      holdoutEnd: CDNOW_HOLDOUT_END,
    });
    expect(s.customerIds.length).toBe(2357);
    expect(s.x.reduce((u, v) => u + v, 0)).toBe(2457); // README: 2,457 repeat transactions in calibration
    expect(s.x.filter((v) => v === 0).length).toBe(1411);
    expect(s.holdout!.length).toBe(39);
    expect(s.holdout!.x.reduce((u, v) => u + v, 0)).toBe(1882);
    const file = loadCdnowSummary();
    for (let i = 0; i < file.x.length; i++) {
      expect(s.x[i]).toBe(file.x[i]);
      expect(Math.abs(s.tx[i]! - file.tx[i]!)).toBeLessThan(0.005);
      expect(Math.abs(s.T[i]! - file.T[i]!)).toBeLessThan(0.005);
    }
    const fit = fitBgnbd(s);
    if (fit.type !== 'ok') throw new Error(fit.reason);
    // scipy reference (from elog): r=0.242595 alpha=4.413602 a=0.792922 b=2.425907 LL=-9582.4292
    expect(fit.params.r).toBeCloseTo(0.242595, 4);
    expect(fit.params.alpha).toBeCloseTo(4.413602, 3);
    expect(fit.params.a).toBeCloseTo(0.792922, 4);
    expect(fit.params.b).toBeCloseTo(2.425907, 3);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4292, 3);
  });

  test('population expectation for the next 39 weeks', () => {
    const res = bgnbdPopulationExpectation(PUBLISHED, loadCdnowSummary(), 39);
    expect(res.totalPurchases).toBeCloseTo(1653.9484, 2);
    expect(res.meanPAlive).toBeCloseTo(0.813414, 5);
    expect(res.customers).toBe(2357);
  });
});
