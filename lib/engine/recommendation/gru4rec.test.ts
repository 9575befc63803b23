import { describe, expect, test } from 'vitest';
import { gruLayout, gruLossAndGrad, type GruBatch } from './gru4rec-cell';
import { loadGru4RecModel, trainGru4Rec, trainGru4RecSync, userSequences } from './gru4rec';
import { decodeModel, encodeModel } from './linalg-io';
import { createRng } from './random';
import type { Interactions } from './types';

describe('GRU4Rec network gradient', () => {
  test('matches central finite differences for every parameter (padding and missing targets included)', () => {
    const L = gruLayout(6, 5); // 6 items, d = 5 (exercises the 2×4 tiles and their remainders)
    const rng = createRng(3);
    const theta = Float64Array.from({ length: L.size }, () => rng.normal(0, 0.5));
    // B = 3 sequences × T = 4 steps, time-major; −1 = padding / no target
    const batch: GruBatch = {
      B: 3,
      T: 4,
      inputs: Int32Array.of(0, 1, 2, 3, 4, -1, 5, 0, -1, 1, 2, -1),
      targets: Int32Array.of(3, 4, -1, 5, 0, -1, 1, 2, -1, 2, -1, -1),
      candidates: Int32Array.of(3, 4, 5, 0, 1, 2),
    };
    const grad = new Float64Array(L.size);
    const loss = gruLossAndGrad(theta, grad, L, batch);
    expect(loss).toBeGreaterThan(0);
    const h = 1e-6;
    let worst = 0;
    for (let k = 0; k < L.size; k++) {
      const keep = theta[k]!;
      theta[k] = keep + h;
      const up = gruLossAndGrad(theta, null, L, batch);
      theta[k] = keep - h;
      const down = gruLossAndGrad(theta, null, L, batch);
      theta[k] = keep;
      const numeric = (up - down) / (2 * h);
      worst = Math.max(worst, Math.abs(numeric - grad[k]!) / Math.max(1e-3, Math.abs(numeric) + Math.abs(grad[k]!)));
    }
    expect(worst).toBeLessThan(1e-6);
  });
});

// Users walk a cycle 0 → 1 → … → 9 → 0 starting at random points: the next item is fully predictable.
function cycles(): Interactions {
  const rng = createRng(8);
  const users: number[] = [],
    items: number[] = [],
    ts: number[] = [];
  for (let u = 0; u < 40; u++) {
    let i = rng.int(10);
    for (let t = 0; t < 12; t++) {
      users.push(u);
      items.push(i);
      ts.push(1000 * (12 - t)); // listed newest first: the trainer must sort by time
      i = (i + 9) % 10;
    }
  }
  return {
    nUsers: 40,
    nItems: 10,
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: new Float32Array(users.length).fill(1),
    timestamps: Float64Array.from(ts),
  };
}

describe('GRU4Rec training', () => {
  const data = cycles();
  const opts = { factors: 8, steps: 6, batchSize: 8, negatives: 4, learningRate: 0.02, seed: 2 };

  test('sequences are ordered by timestamp', () => {
    const s = userSequences(data);
    const first = Array.from(s.items.subarray(0, 3));
    expect((first[0]! + 1) % 10).toBe(first[1]);
  });

  test('learns to predict the next item of a cycle', () => {
    const model = trainGru4RecSync(data, { ...opts, epochs: 30 });
    const s = userSequences(data);
    const out = new Float32Array(10);
    let hits = 0;
    for (let u = 0; u < 40; u++) {
      model.scoreUser(u, out);
      const last = s.items[s.ptr[u + 1]! - 1]!;
      const best = out.indexOf(Math.max(...out));
      if (best === (last + 1) % 10) hits++;
    }
    expect(hits).toBeGreaterThanOrEqual(36);
    expect(model.explain(0, 3)).toEqual({
      kind: 'sequence',
      lastItems: Array.from(s.items.subarray(s.ptr[1]! - 3, s.ptr[1]!)).reverse(),
    });
  });

  test('same seed same model (sync and async), round trip, abort', async () => {
    const a = trainGru4RecSync(data, { ...opts, epochs: 2 });
    const b = await trainGru4Rec(data, { ...opts, epochs: 2 });
    expect(Array.from(b.theta)).toEqual(Array.from(a.theta));
    const again = loadGru4RecModel(decodeModel(encodeModel(a.serialize())));
    const s1 = new Float32Array(10),
      s2 = new Float32Array(10);
    a.scoreUser(5, s1);
    again.scoreUser(5, s2);
    s1.forEach((v, i) => {
      expect(s2[i]).toBeCloseTo(v, 4);
    });
    const controller = new AbortController();
    const fractions: number[] = [];
    await expect(
      trainGru4Rec(data, {
        ...opts,
        epochs: 50,
        signal: controller.signal,
        onProgress: (f) => {
          fractions.push(f);
          if (f > 0.05) controller.abort();
        },
      }),
    ).rejects.toThrow();
    expect(fractions.at(-1)).toBeLessThan(0.1);
    expect(() => trainGru4RecSync(data, { steps: 0 })).toThrow(/trainGru4RecSync: steps/);
  });
});
