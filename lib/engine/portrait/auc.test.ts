import { describe, expect, test } from 'vitest';
import { computeAuc } from './auc';
import { formulaFixture } from './testing/formula-fixture';

// Golden values: `/usr/bin/python3 scripts/reference/portrait/logistic_auc_reference.py` (sklearn roc_auc_score).
describe('computeAuc', () => {
  test('hand-computed: 3 of 4 positive/negative pairs ordered correctly', () => {
    expect(computeAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toEqual({
      type: 'ok',
      auc: 0.75,
      positives: 2,
      negatives: 2,
    });
  });

  test('ties count one half (sklearn: 0.62)', () => {
    const res = computeAuc([0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.2, 0.9, 0.1, 0.55], [0, 0, 1, 1, 1, 0, 0, 1, 1, 0]);
    expect(res.type === 'ok' && res.auc).toBeCloseTo(0.62, 12);
  });

  test('heavily tied scores on the formula fixture (sklearn: 0.6353130339)', () => {
    const { y, i } = formulaFixture();
    const s = i.map((k) => Math.round((Math.sin(k * 0.7) + 0.3 * y[k]!) * 10) / 10);
    const res = computeAuc(s, y);
    expect(res.type === 'ok' && res.auc).toBeCloseTo(0.6353130339, 9);
  });

  test('perfect, reversed, single-class and invalid input', () => {
    expect(computeAuc([1, 2, 3], [0, 1, 1])).toMatchObject({ auc: 1 });
    expect(computeAuc([3, 2, 1], [0, 1, 1])).toMatchObject({ auc: 0 });
    expect(computeAuc([1, 2], [1, 1]).type).toBe('insufficient-data');
    expect(() => computeAuc([1], [1, 0])).toThrow(/computeAuc/);
  });
});
