import { describe, expect, test } from 'vitest';
import { csrFromRows } from './csr';
import { loadEaseModel, trainEase, trainEaseSync } from './ease';
import type { ExplainableModel } from './hybrid';
import { decodeModel, encodeModel } from './linalg-io';

// X: 5 users × 4 items; golden B from numpy (Debian python3-numpy 1.24):
//   X = np.array([[1,1,0,0],[0,1,1,0],[1,0,1,1],[1,1,1,0],[0,0,1,1]], float)
//   P = np.linalg.inv(X.T @ X + 0.5 * np.eye(4)); B = P / (-np.diag(P)); np.fill_diagonal(B, 0)
const X = csrFromRows(4, [
  [
    [0, 1],
    [1, 1],
  ],
  [
    [1, 1],
    [2, 1],
  ],
  [
    [0, 1],
    [2, 1],
    [3, 1],
  ],
  [
    [0, 1],
    [1, 1],
    [2, 1],
  ],
  [
    [2, 1],
    [3, 1],
  ],
]);
const GOLDEN_B = [
  [0.0, 0.450331, 0.029197, 0.228856],
  [0.552846, 0.0, 0.554745, -0.437811],
  [0.03252, 0.503311, 0.0, 0.537313],
  [0.373984, -0.582781, 0.788321, 0.0],
];

describe('EASE', () => {
  test('closed form matches numpy on a 4-item matrix', () => {
    const model = trainEaseSync(X, { lambda: 0.5 });
    GOLDEN_B.forEach((row, h) => {
      row.forEach((v, i) => {
        expect(model.weights[h * 4 + i]).toBeCloseTo(v, 5);
      });
    });
    const out = new Float32Array(4);
    model.scoreUser(0, out); // X[0] @ B
    [0.552846, 0.450331, 0.583942, -0.208955].forEach((v, i) => {
      expect(out[i]).toBeCloseTo(v, 5);
    });
  });

  test('worker threads give the same weights as the synchronous fit', async () => {
    const a = await trainEase(X, { lambda: 0.5, threads: 2 });
    expect(Array.from(a.weights)).toEqual(Array.from(trainEaseSync(X, { lambda: 0.5 }).weights));
  });

  test('explanations name the history item with the largest weight', () => {
    const model = trainEaseSync(X, { lambda: 0.5 });
    // user 4 has items 2 and 3; towards item 0: B[2][0] = 0.03252, B[3][0] = 0.373984
    expect(model.explain(4, 0)).toEqual({
      kind: 'because-you-interacted',
      anchorItem: 3,
      similarity: expect.closeTo(0.373984, 5),
    });
    expect(model.explanations(4, 0)).toEqual([
      { kind: 'because-you-interacted', anchorItem: 3, similarity: expect.closeTo(0.373984, 5) },
      { kind: 'because-you-interacted', anchorItem: 2, similarity: expect.closeTo(0.03252, 5) },
    ]);
    expect(model.explainHistory([3], 1)).toEqual([]); // B[3][1] < 0 contributes nothing positive
    const blended: ExplainableModel = model; // usable as a component of hybrid.ts blends
    expect(blended.explain?.(4, 0).kind).toBe('because-you-interacted');
  });

  test('serialises to bytes and back with identical scores', () => {
    const model = trainEaseSync(X, { lambda: 0.5 });
    const again = loadEaseModel(decodeModel(encodeModel(model.serialize())));
    const a = new Float32Array(4),
      b = new Float32Array(4);
    model.scoreUser(2, a);
    again.scoreUser(2, b);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(() =>
      loadEaseModel({ ...model.serialize(), header: { ...model.serialize().header, format: 'als' } }),
    ).toThrow(RangeError);
  });

  test('rejects a non-positive lambda and honours an aborted signal', async () => {
    expect(() => trainEaseSync(X, { lambda: 0 })).toThrow(/trainEaseSync: lambda/);
    expect(() => trainEaseSync(X, { maxItems: 3 })).toThrow(/maxItems/);
    const controller = new AbortController();
    controller.abort();
    await expect(trainEase(X, { signal: controller.signal })).rejects.toThrow();
  });
});
