import { describe, expect, test } from 'vitest';
import { emptyTotals, type ArmTotals } from './aggregate';
import { computeBreakdown } from './breakdown';

function totals(n: number, converted: number): ArmTotals {
  return { ...emptyTotals(), n, converted };
}

describe('breakdown', () => {
  test('per-group effects, and Cochran Q flags an effect that differs between groups', () => {
    const groups = [
      { dimension: 'type', value: 'returning', totals: [totals(2000, 100), totals(2000, 200)] },
      { dimension: 'type', value: 'new', totals: [totals(2000, 100), totals(2000, 100)] },
    ];
    const b = computeBreakdown({ groups, comparisons: [{ treatment: 1, control: 0 }], metric: 'conversionRate' });
    expect(b.rows[0]!.effects[0]!.estimate).toBeCloseTo(0.05, 12);
    expect(b.rows[0]!.effects[0]!.lower).toBeGreaterThan(0);
    expect(b.rows[1]!.effects[0]!.estimate).toBe(0);
    expect(b.heterogeneity[0]!.pValue).toBeLessThan(0.001);
    expect(b.heterogeneity[0]!.df).toBe(1);
  });

  test('the same effect everywhere: no heterogeneity; small groups are marked and left out of Q', () => {
    const groups = [
      { dimension: 'g', value: 'x', totals: [totals(3000, 150), totals(3000, 210)] },
      { dimension: 'g', value: 'y', totals: [totals(3000, 150), totals(3000, 212)] },
      { dimension: 'g', value: 'z', totals: [totals(10, 1), totals(10, 9)] },
    ];
    const b = computeBreakdown({ groups, comparisons: [{ treatment: 1, control: 0 }], metric: 'conversionRate' });
    expect(b.rows[2]!.isSmall).toBe(true);
    expect(b.heterogeneity[0]!.df).toBe(1);
    expect(b.heterogeneity[0]!.pValue).toBeGreaterThan(0.5);
  });
});
