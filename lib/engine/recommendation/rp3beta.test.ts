import { describe, expect, test } from 'vitest';
import { fitItemKnn } from './item-knn';
import { fitRp3beta } from './rp3beta';
import { createRng } from './random';
import type { Interactions } from './types';

/** random 0/1 data: nUsers × nItems with about `density` filled */
function randomData(nUsers: number, nItems: number, density: number, seed: number): Interactions {
  const rng = createRng(seed);
  const users: number[] = [],
    items: number[] = [];
  for (let u = 0; u < nUsers; u++)
    for (let i = 0; i < nItems; i++)
      if (rng.next() < density) {
        users.push(u);
        items.push(i);
      }
  return {
    nUsers,
    nItems,
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: new Float32Array(users.length).fill(1),
  };
}

/** dense reference: W = (P_iu)^α (P_ui)^α · diag(pop^−β), zero diagonal (Dacrema et al.'s RP3betaRecommender) */
function denseW(d: Interactions, alpha: number, beta: number): number[][] {
  const X = Array.from({ length: d.nUsers }, () => new Array<number>(d.nItems).fill(0));
  d.users.forEach((u, t) => {
    X[u]![d.items[t]!] = 1;
  });
  const userDeg = X.map((row) => row.reduce((a, b) => a + b, 0));
  const itemDeg = Array.from({ length: d.nItems }, (_, i) => X.reduce((a, row) => a + row[i]!, 0));
  return Array.from({ length: d.nItems }, (_, i) =>
    Array.from({ length: d.nItems }, (_, j) => {
      if (i === j || itemDeg[j] === 0) return 0;
      let s = 0;
      for (let u = 0; u < d.nUsers; u++)
        if (X[u]![i] && X[u]![j]) s += (1 / itemDeg[i]!) ** alpha * (1 / userDeg[u]!) ** alpha;
      return s * itemDeg[j]! ** -beta;
    }),
  );
}

describe('fitRp3beta', () => {
  const d = randomData(30, 12, 0.3, 7);

  test.each([
    [1, 0],
    [0.7, 0.4],
    [1.2, 1],
  ])('α=%d β=%d: neighbour weights equal the dense random-walk product', (alpha, beta) => {
    const W = denseW(d, alpha, beta);
    const m = fitRp3beta(d, { k: 11, alpha, beta });
    for (let i = 0; i < d.nItems; i++) {
      const got = new Map(m.similarItems(i, 11).map((s) => [s.item, s.score]));
      for (let j = 0; j < d.nItems; j++) expect(got.get(j) ?? 0).toBeCloseTo(W[i]![j]!, 6);
    }
  });

  test('k keeps the largest entries best first; scores sum the rows of the history; explanation names the anchor', () => {
    const W = denseW(d, 1, 0.5);
    const m = fitRp3beta(d, { k: 3, alpha: 1, beta: 0.5 });
    const row = m.similarItems(0, 3).map((s) => s.score);
    const top = [...W[0]!].sort((a, b) => b - a).slice(0, 3);
    for (const [r, v] of row.entries()) expect(v).toBeCloseTo(top[r]!, 6);
    const full = fitRp3beta(d, { k: 11, alpha: 1, beta: 0.5 });
    const out = new Float32Array(d.nItems);
    full.scoreUser(2, out);
    const hist = Array.from(d.items.filter((_, t) => d.users[t] === 2));
    for (let j = 0; j < d.nItems; j++)
      expect(out[j]).toBeCloseTo(
        hist.reduce((a, i) => a + W[i]![j]!, 0),
        5,
      );
    const candidate = [...Array(d.nItems).keys()].find((j) => !hist.includes(j) && hist.some((i) => W[i]![j]! > 0))!;
    const anchor = hist.reduce((a, i) => (W[i]![candidate]! > W[a]![candidate]! ? i : a), hist[0]!);
    expect(full.explain(2, candidate)).toMatchObject({ kind: 'because-you-interacted', anchorItem: anchor });
  });

  test('invalid options throw', () => {
    expect(() => fitRp3beta(d, { k: 0 })).toThrow(/fitRp3beta/);
    expect(() => fitRp3beta(d, { beta: -1 })).toThrow(/fitRp3beta/);
  });
});

describe("item-kNN pruning by candidate (Dacrema et al.'s column-wise top-k)", () => {
  test('each candidate keeps its k most similar history items', () => {
    const d = randomData(40, 10, 0.35, 3);
    const all = fitItemKnn(d, { k: 9 });
    const byCandidate = fitItemKnn(d, { k: 2, prune: 'candidate' });
    // reference: from the full similarity matrix S[j][i], keep per column i the 2 largest j
    const S = Array.from({ length: 10 }, (_, j) => new Map(all.similarItems(j, 9).map((s) => [s.item, s.score])));
    for (let i = 0; i < 10; i++) {
      const column = S.map((row, j) => [j, row.get(i) ?? 0] as const)
        .filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, 2);
      const kept = new Set(column.map(([j]) => j));
      for (let j = 0; j < 10; j++) {
        const got = byCandidate.similarItems(j, 9).find((s) => s.item === i)?.score ?? 0;
        expect(got).toBeCloseTo(kept.has(j) ? S[j]!.get(i)! : 0, 6);
      }
    }
  });
});
