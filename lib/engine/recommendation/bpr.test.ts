import { describe, expect, test } from 'vitest';
import { loadBprModel, trainBpr, trainBprSync } from './bpr';
import { buildCsr } from './csr';
import { decodeModel, encodeModel } from './linalg-io';
import { createRng } from './random';
import type { Csr, RankingModel } from './types';

// Two taste groups: users 0–29 pick from items 0–19, users 30–59 from items 20–39. Each user's last pick is held out.
function groups() {
  const rng = createRng(11);
  const train: [number, number][] = [],
    test: [number, number][] = [];
  for (let u = 0; u < 60; u++) {
    const base = u < 30 ? 0 : 20;
    const picked = new Set<number>();
    while (picked.size < 7) picked.add(base + rng.int(20));
    const items = [...picked];
    items.slice(0, 6).forEach((i) => {
      train.push([u, i]);
    });
    test.push([u, items[6]!]);
  }
  const toCsr = (pairs: [number, number][]) =>
    buildCsr({
      nUsers: 60,
      nItems: 40,
      users: Int32Array.from(pairs, (p) => p[0]),
      items: Int32Array.from(pairs, (p) => p[1]),
      values: new Float32Array(pairs.length).fill(1),
    });
  return { train: toCsr(train), test: toCsr(test) };
}

/** Mean per-user AUC of the held-out item against every item the user has not interacted with (a test helper). */
function heldOutAuc(model: RankingModel, train: Csr, test: Csr): number {
  const scores = new Float32Array(model.nItems);
  let total = 0;
  for (let u = 0; u < test.nRows; u++) {
    model.scoreUser(u, scores);
    const pos = test.colIdx[test.rowPtr[u]!]!;
    const seen = new Set(train.colIdx.subarray(train.rowPtr[u]!, train.rowPtr[u + 1]!));
    let wins = 0,
      n = 0;
    for (let j = 0; j < model.nItems; j++) {
      if (j === pos || seen.has(j)) continue;
      wins += scores[pos]! > scores[j]! ? 1 : scores[pos] === scores[j] ? 0.5 : 0;
      n++;
    }
    total += wins / n;
  }
  return total / test.nRows;
}

describe('BPR-MF', () => {
  const { train, test: heldOut } = groups();
  const opts = { factors: 8, learningRate: 0.05, regularization: 0.01, seed: 4 };

  test('held-out AUC rises from chance to well above it with training', () => {
    const auc0 = heldOutAuc(trainBprSync(train, { ...opts, epochs: 0 }), train, heldOut);
    const auc = heldOutAuc(trainBprSync(train, { ...opts, epochs: 60 }), train, heldOut);
    expect(auc0).toBeGreaterThan(0.3);
    expect(auc0).toBeLessThan(0.7);
    // a perfect group model scores (20 out-of-group + 13 in-group × ½) / 33 negatives ≈ 0.80
    expect(auc).toBeGreaterThan(0.72);
  });

  test('the same seed gives the same model (sync and async)', async () => {
    const a = trainBprSync(train, { ...opts, epochs: 3 });
    const b = await trainBpr(train, { ...opts, epochs: 3 });
    expect(Array.from(b.itemFactors)).toEqual(Array.from(a.itemFactors));
    expect(Array.from(b.itemBias!)).toEqual(Array.from(a.itemBias!));
    const c = trainBprSync(train, { ...opts, epochs: 3, seed: 5 });
    expect(Array.from(c.itemFactors)).not.toEqual(Array.from(a.itemFactors));
  });

  test('progress, abort, round trip and explanations', async () => {
    const notes: string[] = [];
    const controller = new AbortController();
    await expect(
      trainBpr(train, {
        ...opts,
        epochs: 50,
        signal: controller.signal,
        onProgress: (f, note) => {
          notes.push(note);
          if (f >= 0.1) controller.abort();
        },
      }),
    ).rejects.toThrow();
    expect(notes.length).toBe(5);
    const m = trainBprSync(train, { ...opts, epochs: 5 });
    const again = loadBprModel(decodeModel(encodeModel(m.serialize())));
    const s1 = new Float32Array(40),
      s2 = new Float32Array(40);
    m.scoreUser(7, s1);
    again.scoreUser(7, s2);
    expect(Array.from(s2)).toEqual(Array.from(s1));
    expect(s1[3]).toBeCloseTo(m.score(7, 3), 5);
    expect(m.explanations(7, 3).map((e) => e.kind)).toEqual(['latent-factors', 'because-you-interacted']);
    expect(m.explain(7, 3).kind).toBe('because-you-interacted');
    expect(() => trainBprSync(train, { learningRate: 0 })).toThrow(/trainBprSync: learningRate/);
  });
});
