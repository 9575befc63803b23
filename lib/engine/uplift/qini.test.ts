import { describe, expect, test } from 'vitest';
import { createRng } from '../../stats/random';
import { selectTargetsByProfit } from './budget-selection';
import { evaluateUplift } from './qini';

describe('evaluateUplift (Qini / AUUC)', () => {
  // Hand computation, 6 rows ranked by score; cumulative (N_t, Y_t, N_c, Y_c) after each row:
  // (1,1,0,0) (1,1,1,0) (2,2,1,0) (2,2,2,1) (3,2,2,1) (3,2,3,1)
  // Q = Y_t − Y_c·N_t/N_c: 1, 1, 2, 1, 0.5, 1        → Q/N at x = 0, 1/6 … 1: 0, 1/6, 1/6, 2/6, 1/6, 0.5/6, 1/6
  // U = (Y_t/N_t − Y_c/N_c)(N_t + N_c): 0, 2, 3, 2, 5/6, 2
  // trapezoids (h = 1/6): ∫Q/N = 1/6, random = (1/6)/2 → Qini coefficient = 1/12;
  // ∫U/N = (1/36)(0 + 1 + 2.5 + 2.5 + 17/12 + 17/12) = 53/216; random = (2/6)/2 = 1/6
  test('hand-computed fixture', () => {
    const r = evaluateUplift({
      scores: [0.9, 0.8, 0.7, 0.6, 0.5, 0.4],
      treatment: [1, 0, 1, 0, 1, 0],
      outcome: [1, 0, 1, 1, 0, 0],
    });
    expect(Array.from(r.curves.qini)).toEqual([0, 1, 1, 2, 1, 0.5, 1].map((q) => q / 6));
    expect(r.curves.uplift[4]).toBeCloseTo(2 / 6, 12);
    expect(r.qiniCoefficient).toBeCloseTo(1 / 12, 12);
    expect(r.auuc).toBeCloseTo(53 / 216, 12);
    expect(r.auucRandom).toBeCloseTo(1 / 6, 12);
  });

  // Ties form one group: scores [1, 1, 0, 0], T = [1, 0, 1, 0], Y = [1, 0, 0, 0] → points x = 0, ½, 1 with
  // Q/N = 0, ¼, ¼: area ½·⅛ + ½·¼ = 0.1875, random 0.125, coefficient 0.0625 — whatever the order within ties.
  test('tied scores are one group', () => {
    const a = evaluateUplift({ scores: [1, 1, 0, 0], treatment: [1, 0, 1, 0], outcome: [1, 0, 0, 0] });
    const b = evaluateUplift({ scores: [1, 1, 0, 0], treatment: [0, 1, 0, 1], outcome: [0, 1, 0, 0] });
    expect(Array.from(a.curves.fraction)).toEqual([0, 0.5, 1]);
    expect(a.qiniCoefficient).toBeCloseTo(0.0625, 12);
    expect(b.qiniCoefficient).toBeCloseTo(0.0625, 12);
  });

  test('a perfect ranking beats random and its reverse; constant scores give 0', () => {
    const rng = createRng(3);
    const n = 2000;
    const uplift = Float64Array.from({ length: n }, () => rng() * 0.4);
    const treatment = Float64Array.from({ length: n }, () => (rng() < 0.5 ? 1 : 0));
    const outcome = Float64Array.from(uplift, (u, i) => (rng() < 0.1 + (treatment[i] as number) * u ? 1 : 0));
    const good = evaluateUplift({ scores: uplift, treatment, outcome });
    const bad = evaluateUplift({ scores: uplift.map((u) => -u), treatment, outcome });
    const flat = evaluateUplift({ scores: new Float64Array(n), treatment, outcome });
    expect(good.qiniCoefficient).toBeGreaterThan(0.01);
    expect(bad.qiniCoefficient).toBeLessThan(-0.01);
    expect(flat.qiniCoefficient).toBeCloseTo(0, 12);
    expect(good.auuc).toBeGreaterThan(good.auucRandom);
  });

  test('invalid input', () => {
    expect(() => evaluateUplift({ scores: [1], treatment: [2], outcome: [0] })).toThrow(/evaluateUplift/);
    expect(() => evaluateUplift({ scores: [1, 2], treatment: [1], outcome: [0] })).toThrow(RangeError);
  });
});

describe('selectTargetsByProfit', () => {
  test('top-k by expected incremental profit under a budget', () => {
    // profits: 0.05·40 − 0.5 = 1.5, 0.01·40 − 0.5 = −0.1 (never), 0.03·40 − 0.5 = 0.7, 0.02·40 − 0.5 = 0.3
    const r = selectTargetsByProfit({ uplift: [0.05, 0.01, 0.03, 0.02], value: 40, cost: 0.5, budget: 1 });
    expect(r.selected).toEqual([0, 2]);
    expect(r.totalCost).toBeCloseTo(1, 12);
    expect(r.expectedIncrementalProfit).toBeCloseTo(2.2, 12);
    expect(r.expectedIncrementalConversions).toBeCloseTo(0.08, 12);
    expect(selectTargetsByProfit({ uplift: [0.05, 0.01, 0.03, 0.02], value: 40, cost: 0.5 }).selected).toEqual([
      0, 2, 3,
    ]);
    expect(
      selectTargetsByProfit({ uplift: [0.05, 0.01, 0.03, 0.02], value: 40, cost: 0.5, maxContacts: 1 }).selected,
    ).toEqual([0]);
  });

  test('variable costs: greedy by profit per cost, skipping what no longer fits', () => {
    // profit/cost: row0 (0.1·100 − 5)/5 = 1, row1 (0.05·100 − 1)/1 = 4, row2 (0.2·100 − 8)/8 = 1.5
    const r = selectTargetsByProfit({ uplift: [0.1, 0.05, 0.2], value: 100, cost: [5, 1, 8], budget: 10 });
    expect(r.selected).toEqual([1, 2]);
    expect(r.totalCost).toBe(9);
    expect(() => selectTargetsByProfit({ uplift: [0.1], value: [1, 2], cost: 1 })).toThrow(/selectTargetsByProfit/);
  });
});
