import { describe, expect, test } from 'vitest';
import { datasetSkipReason, hasDataset } from '@/lib/testing/datasets';
import { CDNOW, CDNOW_CALIBRATION_END, loadCdnowOrders, loadCdnowSummary } from './testing/cdnow';
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLikelihood } from './gamma-gamma';
import { summarizeForBgnbd } from './rf-summary';

// Golden values: `python3 scripts/reference/portrait/btyd_reference.py` (scipy); published values from Fader & Hardie,
// "The Gamma-Gamma Model of Monetary Value" (p = 6.25, q = 3.74, γ = 15.44 on CDNOW's 946 repeat buyers).
describe('Gamma-Gamma spend model', () => {
  test('expected spend: weighted mean of the population mean and the customer mean', () => {
    const params = { p: 6.25, q: 3.74, gamma: 15.44 };
    expect(gammaGammaExpectedSpend(params, { x: 0, mx: 0 })).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
    expect(gammaGammaExpectedSpend(params, { x: 2, mx: 22.35 })).toBeCloseTo(
      (6.25 * (15.44 + 2 * 22.35)) / (6.25 * 2 + 2.74),
      10,
    );
    expect(gammaGammaExpectedSpend(params, { x: 2, mx: 22.35 })).toBeCloseTo(24.66, 2); // the doc comment's example
    // more transactions → closer to the customer's own mean
    const few = gammaGammaExpectedSpend(params, { x: 1, mx: 100 });
    const many = gammaGammaExpectedSpend(params, { x: 50, mx: 100 });
    expect(Math.abs(many - 100)).toBeLessThan(Math.abs(few - 100));
  });

  test('q ≤ 1 has no finite population mean', () => {
    expect(gammaGammaExpectedSpend({ p: 2, q: 0.9, gamma: 3 }, { x: 0, mx: 0 })).toBeNaN();
  });

  test('invalid parameters throw; too few repeat buyers is insufficient-data', () => {
    expect(() => gammaGammaExpectedSpend({ p: 0, q: 2, gamma: 1 }, { x: 1, mx: 1 })).toThrow(/gammaGammaExpectedSpend/);
    expect(fitGammaGamma({ x: [1, 2], mx: [10, 20] }).type).toBe('insufficient-data');
  });
});

describe.skipIf(!hasDataset(CDNOW))('Gamma-Gamma on the CDNOW sample', () => {
  if (!hasDataset(CDNOW)) test.skip(datasetSkipReason(CDNOW), () => {});

  test('MLE on the 946 repeat buyers reproduces p = 6.25, q = 3.74, γ = 15.44', () => {
    const s = loadCdnowSummary();
    const fit = fitGammaGamma({ x: s.x, mx: s.zbar });
    if (fit.type !== 'ok') throw new Error(fit.reason);
    expect(fit.customers).toBe(946);
    expect(fit.params.p).toBeCloseTo(6.25, 2);
    expect(fit.params.q).toBeCloseTo(3.74, 2);
    expect(fit.params.gamma).toBeCloseTo(15.44, 1);
    // scipy: p=6.248803 q=3.744588 gamma=15.447746 LL=-4055.9232
    expect(fit.params.p).toBeCloseTo(6.248803, 3);
    expect(fit.params.q).toBeCloseTo(3.744588, 3);
    expect(fit.params.gamma).toBeCloseTo(15.447746, 2);
    expect(fit.logLikelihood).toBeCloseTo(-4055.9232, 3);
    expect(gammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, { x: s.x, mx: s.zbar })).toBeCloseTo(
      -4055.9247,
      3,
    );
    // README / lifetimes: conditional expected average spend of customers 1–10
    const expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    expected.forEach((v, i) => {
      expect(Math.abs(gammaGammaExpectedSpend(fit.params, { x: s.x[i]!, mx: s.zbar[i]! }) - v)).toBeLessThan(0.01);
    });
  });

  test('mean repeat spend built from the event log gives the same estimates', () => {
    const s = summarizeForBgnbd(loadCdnowOrders(), { calibrationEnd: CDNOW_CALIBRATION_END });
    const fit = fitGammaGamma(s);
    if (fit.type !== 'ok') throw new Error(fit.reason);
    expect(fit.params.p).toBeCloseTo(6.25, 2);
    expect(fit.params.q).toBeCloseTo(3.74, 2);
    expect(fit.params.gamma).toBeCloseTo(15.44, 1);
    expect(Math.abs(fit.frequencySpendCorrelation)).toBeLessThan(0.2); // FH: weak correlation (0.11)
  });
});
