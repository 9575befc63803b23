import { describe, expect, test } from 'vitest';
import { summarize } from './descriptive';
import { testWelch } from './welch-t-test';
import type { Alternative } from './types';

// Golden values: Rscript scripts/reference/stats/frequentist.R
// t.test(trt, ctrl, var.equal = FALSE, alternative = alt, conf.level = cl)
const CTRL = [12.1, 0, 0, 35.5, 8.2, 0, 19.9, 3.4, 0, 27.0, 5.5, 0, 14.2];
const TRT = [15.3, 0, 22.8, 41.0, 0, 9.9, 0, 31.7, 6.6, 0, 18.4];
const R_T_TEST: [Alternative, number, number, number][] = [
  ['two-sided', 0.05, -7.58911345077, 14.7261763878],
  ['two-sided', 0.1, -5.65281366321, 12.7898766003],
  ['greater', 0.05, -5.65281366321, Infinity],
  ['greater', 0.1, -3.51466324611, Infinity],
  ['less', 0.05, -Infinity, 12.7898766003],
  ['less', 0.1, -Infinity, 10.6517261832],
];
const R_P = { 'two-sided': 0.511763074617, greater: 0.255881537308, less: 0.744118462692 };

describe('testWelch', () => {
  test.each(R_T_TEST)('%s, alpha %d matches R t.test', (alternative, alpha, lo, hi) => {
    for (const input of [
      { treatment: TRT, control: CTRL },
      { treatment: summarize(TRT), control: summarize(CTRL) },
      { treatment: Float64Array.from(TRT), control: Float64Array.from(CTRL) },
    ]) {
      const r = testWelch({ ...input, alpha, alternative });
      if (r.type !== 'ok') throw new Error(r.reason);
      expect(r.t).toBeCloseTo(0.668348832552, 10);
      expect(r.df).toBeCloseTo(19.4557102022, 8);
      expect(r.pValue).toBeCloseTo(R_P[alternative], 10);
      if (Number.isFinite(lo)) expect(r.absoluteLift.lower).toBeCloseTo(lo, 9);
      else expect(r.absoluteLift.lower).toBe(-Infinity);
      if (Number.isFinite(hi)) expect(r.absoluteLift.upper).toBeCloseTo(hi, 9);
      else expect(r.absoluteLift.upper).toBe(Infinity);
    }
  });

  test('summary statistics (n, mean, variance) as aggregated in SQL', () => {
    // R: se <- sqrt(4/100 + 9/120); t <- 0.8/se; Welch df; 2*pt(-abs(t), df)
    const r = testWelch({ control: { n: 100, mean: 10, variance: 4 }, treatment: { n: 120, mean: 10.8, variance: 9 } });
    if (r.type !== 'ok') throw new Error(r.reason);
    expect(r.t).toBeCloseTo(2.35907129848, 9);
    expect(r.df).toBeCloseTo(208.495834867, 7);
    expect(r.pValue).toBeCloseTo(0.0192450242804, 10);
    expect(r.relativeLift?.estimate).toBeCloseTo(0.08, 12);
  });

  test('insufficient data and invalid input', () => {
    expect(testWelch({ control: [1], treatment: [1, 2] }).type).toBe('insufficient-data');
    expect(testWelch({ control: [3, 3, 3], treatment: [3, 3] }).type).toBe('insufficient-data');
    expect(() => testWelch({ control: { n: 10, mean: 1, variance: -1 }, treatment: [1, 2] })).toThrow(/testWelch/);
    expect(() => testWelch({ control: [1, Number.NaN], treatment: [1, 2] })).toThrow(RangeError);
  });
});
