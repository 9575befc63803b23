import { describe, expect, test } from 'vitest';
import { datasetSkipReason, hasDataset } from '@/lib/testing/datasets';
import { bgnbdConditionalExpectedPurchases } from './bgnbd';
import { computeCalibrationCheck } from './calibration-check';
import { CDNOW, CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END, loadCdnowOrders } from './testing/cdnow';
import { computeClv, computeDiscountedPurchases } from './clv';
import { fitBgnbd } from './bgnbd-fit';
import { summarizeForBgnbd } from './rf-summary';

// Golden values: `python3 scripts/reference/portrait/btyd_reference.py` (scipy, written from the papers).
const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };
const CUSTOMER_1 = { x: 2, tx: 30.43, T: 38.86, mx: 22.35 };

describe('CLV', () => {
  test('365 days, monthly periods, 10 % a year', () => {
    const res = computeClv(BG, GG, CUSTOMER_1);
    expect(res.clv).toBeCloseTo(36.728511, 4);
    expect(res.expectedPurchases).toBeCloseTo(1.562224, 5);
    expect(res.pAlive).toBeCloseTo(0.726579, 5);
    // Gamma-Gamma mean p(γ + x·mₓ)/(px + q − 1) = 6.25 · 60.14 / 15.24 (by hand)
    expect(res.expectedSpend).toBeCloseTo(24.663714, 5);
    // the purchase part alone: the reference CLV divided by that spend (36.728511 / 24.663714)
    const purchases = computeDiscountedPurchases(BG, CUSTOMER_1);
    expect(purchases.discountedPurchases).toBeCloseTo(1.489172, 5);
    expect(purchases.expectedPurchases).toBeCloseTo(1.562224, 5);
  });

  test('without discounting it telescopes to spend × expected purchases', () => {
    const res = computeClv(BG, GG, CUSTOMER_1, { annualDiscountRate: 0, periods: 1 });
    expect(res.clv).toBeCloseTo(38.530252, 4);
    expect(res.clv).toBeCloseTo(res.expectedSpend * bgnbdConditionalExpectedPurchases(BG, CUSTOMER_1, 365 / 7), 10);
    expect(computeClv(BG, GG, CUSTOMER_1, { annualDiscountRate: 0 }).clv).toBeCloseTo(res.clv, 10);
  });

  test('discounting and margin lower the value; invalid options throw', () => {
    const base = computeClv(BG, GG, CUSTOMER_1).clv;
    expect(computeClv(BG, GG, CUSTOMER_1, { annualDiscountRate: 0.3 }).clv).toBeLessThan(base);
    expect(computeClv(BG, GG, CUSTOMER_1, { margin: 0.25 }).clv).toBeCloseTo(base / 4, 10);
    expect(() => computeClv(BG, GG, CUSTOMER_1, { periods: 0 })).toThrow(/computeClv/);
  });
});

describe.skipIf(!hasDataset(CDNOW))('calibration check on CDNOW (FHL 2005, figure 4)', () => {
  if (!hasDataset(CDNOW)) test.skip(datasetSkipReason(CDNOW), () => {});

  test('hold-out actual vs predicted by calibration frequency', () => {
    const s = summarizeForBgnbd(loadCdnowOrders(), {
      calibrationEnd: CDNOW_CALIBRATION_END,
      holdoutEnd: CDNOW_HOLDOUT_END,
    });
    const fit = fitBgnbd(s);
    if (fit.type !== 'ok') throw new Error(fit.reason);
    const rows = computeCalibrationCheck(fit.params, s, s.holdout!.x, s.holdout!.length);
    // scipy reference with its own MLE (elog): bucket, n, actual mean, predicted mean
    const expected: [string, number, number, number][] = [
      ['0', 1411, 0.236712, 0.225087],
      ['1', 439, 0.697039, 0.523131],
      ['2', 214, 1.392523, 1.044134],
      ['3', 100, 1.56, 1.520279],
      ['4', 62, 2.532258, 2.163866],
      ['5', 38, 2.947368, 2.653846],
      ['6', 29, 3.862069, 3.504042],
      ['7+', 64, 6.359375, 6.15719],
    ];
    expect(rows.map((r) => r.label)).toEqual(expected.map((e) => e[0]));
    rows.forEach((row, i) => {
      const [, n, actual, predicted] = expected[i]!;
      expect(row.customers).toBe(n);
      expect(row.actual).toBeCloseTo(actual, 6);
      expect(row.predicted).toBeCloseTo(predicted, 3);
    });
  });
});
