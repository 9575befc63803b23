import { describe, expect, test } from 'vitest';
import { csrFromRows } from './csr';
import {
  applyBusinessRules,
  blendModels,
  fitBlendWeights,
  minMaxInPlace,
  mmrRerank,
  withCachedScores,
  zScoreInPlace,
} from './hybrid';
import type { RankingModel } from './types';

const fixed = (name: string, scores: number[]): RankingModel => ({
  name,
  nItems: scores.length,
  scoreUser: (_u, out) => out.set(scores),
});

describe('blendModels', () => {
  test('min–max scaled weighted sum', () => {
    const blend = blendModels([
      { model: fixed('a', [0, 5, 10]), weight: 1 },
      { model: fixed('b', [1, 0, 0]), weight: 2 },
    ]);
    const out = new Float32Array(3);
    blend.scoreUser(0, out);
    expect(Array.from(out)).toEqual([0 + 2, 0.5, 1]);
  });
  test('reciprocal-rank fusion', () => {
    const blend = blendModels([{ model: fixed('a', [3, 2, 1]), weight: 1 }], { normalize: 'rank', depth: 2 });
    const out = new Float32Array(3);
    blend.scoreUser(0, out);
    expect(out[0]).toBeCloseTo(1 / 61, 7);
    expect(out[1]).toBeCloseTo(1 / 62, 7);
    expect(out[2]).toBe(0);
  });
  test('mismatched models throw', () => {
    expect(() => blendModels([])).toThrow(/blendModels/);
    expect(() =>
      blendModels([
        { model: fixed('a', [1]), weight: 1 },
        { model: fixed('b', [1, 2]), weight: 1 },
      ]),
    ).toThrow(/blendModels/);
  });
  test('minMaxInPlace leaves −∞ at 0 and handles constants', () => {
    const s = Float32Array.of(2, -Infinity, 4);
    minMaxInPlace(s);
    expect(Array.from(s)).toEqual([0, 0, 1]);
  });
});

describe('z-score fusion and cached scores', () => {
  test('zScoreInPlace: mean 0, population sd 1 over finite entries; −∞ and constant vectors become 0', () => {
    const s = Float32Array.of(1, 2, 3, -Infinity);
    zScoreInPlace(s);
    // numpy: (x - x.mean()) / x.std() for x = [1, 2, 3] → [-1.224745, 0, 1.224745]
    expect(Array.from(s, (v) => +v.toFixed(6))).toEqual([-1.224745, 0, 1.224745, 0]);
    const c = Float32Array.of(4, 4);
    zScoreInPlace(c);
    expect(Array.from(c)).toEqual([0, 0]);
  });
  test('withCachedScores answers cached users from memory and others from the model', () => {
    let calls = 0;
    const model: RankingModel = {
      name: 'count',
      nItems: 2,
      scoreUser(u, out) {
        calls++;
        out[0] = u;
        out[1] = -u;
      },
    };
    const cached = withCachedScores(model, [3]);
    const out = new Float32Array(2);
    cached.scoreUser(3, out);
    cached.scoreUser(3, out);
    expect(Array.from(out)).toEqual([3, -3]);
    expect(calls).toBe(1);
    cached.scoreUser(5, out);
    expect(Array.from(out)).toEqual([5, -5]);
    expect(calls).toBe(2);
  });
});

describe('fitBlendWeights', () => {
  test('puts the weight on the model that predicts the validation items', () => {
    const train = csrFromRows(4, [[[0, 1]], [[0, 1]]]);
    const validation = csrFromRows(4, [[[3, 1]], [[3, 1]]]);
    const good = fixed('good', [0, 0, 0, 1]),
      bad = fixed('bad', [0, 1, 0.5, 0]);
    const r = fitBlendWeights([bad, good], train, validation, { grid: [0, 0.5, 1], k: 1 });
    expect(r.ndcg).toBe(1);
    expect(r.weights[1]).toBeGreaterThan(r.weights[0]!);
  });
  test('never below its best component on validation; the fusion is chosen among the given ones', () => {
    // 3 users, 5 items; each model ranks a different user's validation item first
    const train = csrFromRows(5, [[[0, 1]], [[0, 1]], [[0, 1]]]);
    const validation = csrFromRows(5, [[[2, 1]], [[3, 1]], [[4, 1]]]);
    const perUser = (name: string, rows: number[][]): RankingModel => ({
      name,
      nItems: 5,
      scoreUser(u, out) {
        out.set(rows[u]!);
      },
    });
    const a = perUser('a', [
      [0, 0, 9, 1, 2],
      [0, 0, 9, 1, 2],
      [0, 0, 9, 1, 2],
    ]);
    const b = perUser('b', [
      [0, 0, 1, 9, 2],
      [0, 0, 1, 9, 2],
      [0, 0, 1, 9, 2],
    ]);
    const r = fitBlendWeights([a, b], train, validation, { grid: [0, 0.5, 1], k: 1, normalize: ['minmax', 'rank'] });
    expect(r.singles).toHaveLength(2);
    expect(r.ndcg).toBeGreaterThanOrEqual(Math.max(...r.singles));
    expect(['minmax', 'rank']).toContain(r.normalize);
    expect(() => fitBlendWeights([a, b], train, validation, { grid: [0.5, 1] })).toThrow(/fitBlendWeights/);
  });
});

describe('applyBusinessRules', () => {
  const itemCategory = [0, 1, 1, 2];
  test('purchased items out unless repurchasable; out-of-stock out; category filter', () => {
    const s = Float32Array.of(1, 1, 1, 1);
    applyBusinessRules(s, { purchased: [0, 1], itemCategory, repurchasableCategories: [1], outOfStock: [0, 0, 0, 1] });
    expect(Array.from(s)).toEqual([-Infinity, 1, 1, -Infinity]);
    const t = Float32Array.of(1, 1, 1, 1);
    applyBusinessRules(t, { itemCategory, categoryFilter: [1] });
    expect(Array.from(t)).toEqual([-Infinity, 1, 1, -Infinity]);
  });
  test('category rules need itemCategory', () => {
    expect(() => applyBusinessRules(new Float32Array(2), { categoryFilter: [1] })).toThrow(/applyBusinessRules/);
  });
});

describe('mmrRerank', () => {
  const cands = [
    { item: 1, score: 1 },
    { item: 2, score: 0.9 },
    { item: 3, score: 0.5 },
  ];
  const sim = (a: number, b: number) => (a + b === 3 ? 0.95 : 0); // 1 and 2 are near-duplicates
  test('λ = 1 keeps the ranking; smaller λ swaps in the diverse item', () => {
    expect(mmrRerank(cands, sim, { lambda: 1 }).map((c) => c.item)).toEqual([1, 2, 3]);
    // step 2: item 2 → 0.5·0.8 − 0.5·0.95 = −0.075; item 3 → 0.5·0 − 0 = 0 → item 3 first
    expect(mmrRerank(cands, sim, { lambda: 0.5, n: 2 }).map((c) => c.item)).toEqual([1, 3]);
    expect(() => mmrRerank(cands, sim, { lambda: 2 })).toThrow(/mmrRerank/);
  });
});
