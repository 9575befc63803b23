import { describe, expect, test } from 'vitest';
import { alsLoss, loadAlsModel, trainAls, trainAlsSync } from './als';
import { csrFromRows } from './csr';
import { decodeModel, encodeModel } from './linalg-io';

// 5 users × 4 items with r_ui; f = 3, α = 2, λ = 0.1, 3 CG steps, deterministic start.
// Golden values: `python3 scripts/reference/recommend-bench/als.py golden` (Debian numpy 1.24 / scipy 1.10).
const C = csrFromRows(4, [
  [
    [0, 1],
    [1, 2],
  ],
  [
    [1, 1],
    [2, 1],
  ],
  [
    [0, 3],
    [3, 1],
  ],
  [[2, 2]],
  [
    [0, 1],
    [3, 1],
  ],
]);
const F = 3;
const init = () => ({
  userFactors: Float32Array.from({ length: 5 * F }, (_, k) => 0.1 * Math.sin(1 + k)),
  itemFactors: Float32Array.from({ length: 4 * F }, (_, k) => 0.1 * Math.cos(1 + k)),
});
const GOLDEN_LOSSES = [35.139289, 12.773308, 8.81623, 4.996647];
const GOLDEN_X = [
  [-1.446086, -0.028621, 1.549233],
  [0.390574, 1.196895, 1.189632],
  [-0.753122, -1.343883, -0.604547],
  [1.210698, 0.368181, -0.625238],
  [-0.696606, -1.312579, -0.630677],
];
const GOLDEN_Y = [
  [0.450966, -1.406789, 0.983135],
  [0.57967, -0.65057, 1.169832],
  [1.810211, -1.326335, 1.422548],
  [0.55138, -1.228797, 0.556377],
];
const opts = { factors: F, alpha: 2, regularization: 0.1, cgSteps: 3 };

describe('implicit ALS with conjugate gradient', () => {
  test('matches the numpy reference factors and loss after 1–3 iterations', () => {
    const start = init();
    expect(alsLoss(C, start.userFactors, start.itemFactors, opts)).toBeCloseTo(GOLDEN_LOSSES[0]!, 4);
    for (let it = 1; it <= 3; it++) {
      const m = trainAlsSync(C, { ...opts, iterations: it, init: init() });
      expect(alsLoss(C, m.userFactors, m.itemFactors, opts)).toBeCloseTo(GOLDEN_LOSSES[it]!, 3);
      if (it === 3) {
        GOLDEN_X.forEach((row, u) => {
          row.forEach((v, k) => {
            expect(m.userFactors[u * F + k]).toBeCloseTo(v, 4);
          });
        });
        GOLDEN_Y.forEach((row, i) => {
          row.forEach((v, k) => {
            expect(m.itemFactors[i * F + k]).toBeCloseTo(v, 4);
          });
        });
      }
    }
  });

  test('the loss decreases with random starts, and the seed fixes the model', () => {
    const losses = [1, 2, 4, 8].map((iterations) => {
      const m = trainAlsSync(C, { ...opts, iterations, seed: 5 });
      return alsLoss(C, m.userFactors, m.itemFactors, opts);
    });
    for (let k = 1; k < losses.length; k++) expect(losses[k]).toBeLessThan(losses[k - 1]!);
    const a = trainAlsSync(C, { ...opts, iterations: 2, seed: 9 }),
      b = trainAlsSync(C, { ...opts, iterations: 2, seed: 9 });
    expect(Array.from(a.itemFactors)).toEqual(Array.from(b.itemFactors));
  });

  test('two worker threads give the same factors as the synchronous fit', async () => {
    const a = await trainAls(C, { ...opts, iterations: 3, seed: 3, threads: 2 });
    const b = trainAlsSync(C, { ...opts, iterations: 3, seed: 3 });
    expect(Array.from(a.userFactors)).toEqual(Array.from(b.userFactors));
    expect(Array.from(a.itemFactors)).toEqual(Array.from(b.itemFactors));
  });

  test('scores, explains and survives a round trip through bytes', () => {
    const m = trainAlsSync(C, { ...opts, iterations: 5, seed: 1 });
    const out = new Float32Array(4);
    m.scoreUser(3, out);
    expect(out[2]).toBeCloseTo(m.score(3, 2), 5);
    const why = m.explanations(0, 3);
    expect(m.explain(0, 3)).toEqual(why[1]);
    expect(why[0]).toEqual({ kind: 'latent-factors', score: expect.closeTo(m.score(0, 3), 5) });
    expect(why[1]).toMatchObject({ kind: 'because-you-interacted' });
    const again = loadAlsModel(decodeModel(encodeModel(m.serialize())));
    const out2 = new Float32Array(4);
    again.scoreUser(3, out2);
    expect(Array.from(out2)).toEqual(Array.from(out));
    expect(again.explanations(0, 3)).toEqual(why);
  });

  test('bad options throw RangeErrors naming the function', () => {
    expect(() => trainAlsSync(C, { factors: 0 })).toThrow(/trainAlsSync: factors/);
    expect(() => trainAlsSync(C, { alpha: -1 })).toThrow(RangeError);
  });
});
