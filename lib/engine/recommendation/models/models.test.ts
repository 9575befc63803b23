import { describe, expect, test } from 'vitest';
import { searchParams } from '../tune';
import { fitUserKnn } from '../user-knn';
import { solveSpd } from './factors';
import { createPopularity } from './popularity';
import { searchParamsAsync } from './tuning';
import { historyOfUser } from './types';
import { userKnnModel } from './user-knn';

describe('models', () => {
  test("sparse user-kNN scores training users exactly like the engine's implicit user-kNN", () => {
    const data = {
      nUsers: 4,
      nItems: 5,
      users: Int32Array.of(0, 0, 1, 1, 1, 2, 2, 3, 3),
      items: Int32Array.of(0, 1, 0, 1, 2, 1, 3, 3, 4),
      values: new Float32Array(9).fill(1),
    };
    const engine = fitUserKnn(data, { mode: 'implicit', k: 2, similarity: 'cosine-full' });
    const history = {
      nRows: 4,
      nCols: 5,
      rowPtr: Int32Array.of(0, 2, 5, 7, 9),
      colIdx: data.items,
      values: data.values,
    };
    const ours = userKnnModel(history, 2);
    const a = new Float32Array(5),
      b = new Float32Array(5);
    for (let u = 0; u < 4; u++) {
      engine.scoreUser(u, a);
      ours.score(historyOfUser({ history, sequences: { ptr: new Int32Array(5), items: new Int32Array(0) } }, u), b);
      for (let i = 0; i < 5; i++) expect(b[i]).toBeCloseTo(a[i]!, 5);
    }
  });

  test('Cholesky solve of a symmetric positive-definite system', () => {
    // A = [[4,2,0],[2,5,1],[0,1,3]], x = [1,-1,2] → b = [2,-1,5]
    const x = solveSpd(Float64Array.of(4, 2, 0, 2, 5, 1, 0, 1, 3), Float64Array.of(2, -1, 5), 3);
    expect(Array.from(x).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([1, -1, 2]);
  });

  test("the asynchronous parameter search finds what the engine's synchronous search finds", async () => {
    const grid = { k: [10, 50, 100, 200], shrink: [0, 10, 100] };
    const f = (p: { k: number; shrink: number }) => -((Math.log(p.k) - 4) ** 2) - ((p.shrink - 10) / 50) ** 2;
    const sync = searchParams(grid, (p) => f(p as { k: number; shrink: number }), { start: { k: 10, shrink: 0 } });
    const async = await searchParamsAsync(grid, async (p: { k: number; shrink: number }) => f(p), { k: 10, shrink: 0 });
    expect(async.best).toEqual(sync.best);
    expect(async.score).toBe(sync.score);
    expect(async.trials).toBe(sync.trials.length);
  });

  test('trending counts decay by half per half-life up to the injected clock, and not before tRef', () => {
    const DAY = 86_400_000;
    const tRef = Date.UTC(2026, 0, 1);
    let now = tRef + 14 * DAY;
    const pop = createPopularity(new Float64Array(2), new Float64Array(2), 14, tRef, () => now);
    pop.add(0, 8, tRef, true);
    expect(pop.trendNow(0)).toBeCloseTo(4, 10);
    expect(pop.explain(0, -1)).toEqual({ kind: 'trending', score: 4 });
    now = tRef - DAY;
    expect(pop.trendNow(0)).toBe(8);
    expect(createPopularity(Float64Array.of(8), new Float64Array(1), 14, tRef).trendNow(0)).toBe(8);
    expect(pop.purchases[0]).toBe(1);
  });
});
