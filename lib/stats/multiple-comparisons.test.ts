import { describe, expect, test } from 'vitest';
import { adjustPValues, type PValueAdjustment } from './multiple-comparisons';
import { createRng } from './random';

// Golden values: Rscript scripts/reference/stats/frequentist.R — p.adjust(pv, method)
const PV = [0.01, 0.04, 0.03, 0.005, 0.5, 0.2, 0.04, 0.9];
const PV2 = [0.001, 0.0125, 0.0201, 0.049, 0.051, 0.3];
const R_P_ADJUST: [number[], PValueAdjustment, number[]][] = [
  [PV, 'holm', [0.07, 0.2, 0.18, 0.04, 1, 0.6, 0.2, 1]],
  [PV, 'benjamini-hochberg', [0.04, 0.064, 0.064, 0.04, 0.571428571429, 0.266666666667, 0.064, 0.9]],
  [PV, 'bonferroni', [0.08, 0.32, 0.24, 0.04, 1, 1, 0.32, 1]],
  [PV2, 'holm', [0.006, 0.0625, 0.0804, 0.147, 0.147, 0.3]],
  [PV2, 'benjamini-hochberg', [0.006, 0.0375, 0.0402, 0.0612, 0.0612, 0.3]],
];

describe('adjustPValues', () => {
  test.each(R_P_ADJUST)('%j %s matches R p.adjust', (p, method, expected) => {
    const adjusted = adjustPValues(p, { method });
    expected.forEach((e, i) => {
      expect(adjusted[i]).toBeCloseTo(e, 10);
    });
  });

  test('invariants: adjusted ≥ raw, ≤ 1, Holm ≥ BH, order preserved', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 100; trial += 1) {
      const p = Array.from({ length: 1 + Math.floor(rng() * 12) }, () => rng() ** 3);
      const holm = adjustPValues(p, { method: 'holm' });
      const bh = adjustPValues(p, { method: 'benjamini-hochberg' });
      p.forEach((raw, i) => {
        expect(holm[i]).toBeGreaterThanOrEqual(raw);
        expect(bh[i]).toBeGreaterThanOrEqual(raw);
        expect(holm[i]).toBeLessThanOrEqual(1);
        expect(holm[i]).toBeGreaterThanOrEqual((bh[i] as number) - 1e-12);
        p.forEach((other, j) => {
          if (raw < other) expect(holm[i]).toBeLessThanOrEqual(holm[j] as number);
        });
      });
    }
  });

  test('invalid input', () => {
    expect(adjustPValues([], { method: 'holm' })).toEqual([]);
    expect(() => adjustPValues([0.1, 1.2], { method: 'holm' })).toThrow(/adjustPValues/);
    expect(() => adjustPValues([Number.NaN], { method: 'benjamini-hochberg' })).toThrow(RangeError);
  });
});
