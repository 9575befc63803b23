import { describe, expect, test } from 'vitest';
import { checkSampleRatio } from './srm';

// Golden values: Rscript scripts/reference/stats/frequentist.R — chisq.test(x, p = p)
const R_CHISQ: [number[], number[], number, number, number][] = [
  [[44700, 45489], [0.5, 0.5], 6.90240494961, 1, 0.00860798781084],
  [[5000, 5300], [0.5, 0.5], 8.73786407767, 1, 0.00311669383987],
  [[3300, 3350, 3250], [1, 1, 1], 1.51515151515, 2, 0.46880153914],
  [[2100, 7900], [0.2, 0.8], 6.25, 1, 0.0124193306516],
  [[10000, 10800, 9900], [0.3, 0.35, 0.35], 134.496665116, 2, 6.22902756819e-30],
];

describe('checkSampleRatio', () => {
  test.each(R_CHISQ)('%j with split %j matches R chisq.test', (observed, plannedSplit, x2, df, p) => {
    const r = checkSampleRatio({ observed, plannedSplit });
    if (r.type !== 'ok') throw new Error(r.reason);
    expect(r.chiSquare).toBeCloseTo(x2, 8);
    expect(r.df).toBe(df);
    expect(r.pValue / p).toBeCloseTo(1, 8);
    expect(r.isMismatch).toBe(p < 0.001);
  });

  test('weights are normalised; threshold is configurable; empty arms are insufficient', () => {
    const a = checkSampleRatio({ observed: [5000, 5300], plannedSplit: [50, 50], threshold: 0.01 });
    expect(a.type === 'ok' && a.isMismatch).toBe(true);
    expect(checkSampleRatio({ observed: [0, 0], plannedSplit: [1, 1] }).type).toBe('insufficient-data');
    expect(() => checkSampleRatio({ observed: [1, 2], plannedSplit: [1] })).toThrow(/checkSampleRatio/);
    expect(() => checkSampleRatio({ observed: [1, 2.5], plannedSplit: [1, 1] })).toThrow(RangeError);
    expect(() => checkSampleRatio({ observed: [1, 2], plannedSplit: [1, 0] })).toThrow(RangeError);
  });
});
