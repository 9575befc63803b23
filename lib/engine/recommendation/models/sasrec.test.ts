import { describe, expect, test } from 'vitest';
import { fitContent } from '../content';
import { buildCsr } from '../csr';
import { createRng } from '../random';
import { trainSasRec } from '../sasrec';
import { sasLayout } from '../sasrec-net';
import type { Interactions } from '../types';
import { SASREC_SETTINGS, sasRecEpochs, sasRecFamily, withoutRepeats } from './sasrec';
import type { FitInput, RequestHistory, SharedParts } from './types';

const N = 12;

/**
 * 60 customers walking through 12 products with a planted next-item rule: product i is followed by i + 1 (mod 12).
 * Each customer starts somewhere and takes 8 steps; every third step is viewed and then bought (a repeat).
 */
function plantedWalks(seed = 7): Interactions {
  const rng = createRng(seed);
  const users: number[] = [],
    items: number[] = [],
    ts: number[] = [];
  for (let u = 0; u < 60; u++) {
    const start = rng.int(N);
    for (let t = 0; t < 8; t++) {
      for (let r = 0; r < (t % 3 === 0 ? 2 : 1); r++) {
        users.push(u);
        items.push((start + t) % N);
        ts.push(1000 * t + r);
      }
    }
  }
  return {
    nUsers: 60,
    nItems: N,
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: new Float32Array(users.length).fill(1),
    timestamps: Float64Array.from(ts),
  };
}

const input = (train: Interactions, extra: Partial<FitInput> = {}): FitInput => ({
  train,
  history: buildCsr(train, { aggregate: 'sum' }),
  content: fitContent([]),
  control: { seed: 3 },
  ...extra,
});

/** a customer newer than the model whose recent sequence is `sequence` (oldest first) */
const history = (sequence: number[]): RequestHistory => {
  const items = Int32Array.from(new Set(sequence)).sort();
  return {
    user: -1,
    items,
    values: new Float32Array(items.length).fill(1),
    kinds: new Uint8Array(items.length),
    sequence: Int32Array.from(sequence),
    live: true,
  };
};

const shared = (nItems: number) => ({ nItems }) as SharedParts;

describe('SASRec family', () => {
  const data = plantedWalks();
  const fitted = sasRecFamily.fit(input(data));

  test('learns the planted next-item rule: after …, i − 1, i the next product i + 1 ranks first', async () => {
    const f = await fitted;
    // 60 sequences of 8 steps: 2 batches of 32 windows an epoch, so 150 epochs for 300 Adam steps
    expect(f.params).toEqual({ ...SASREC_SETTINGS, epochs: 150, loss: 'bce' });
    expect(f.buffers.theta).toBeInstanceOf(Float32Array);
    expect(f.buffers.theta!.length).toBe(sasLayout(N, 32, 30, 2).size);
    const model = sasRecFamily.load(f, shared(N));
    expect(model.kind).toBe('sasrec');
    const out = new Float32Array(N);
    for (let i = 0; i < N; i++) {
      const seq = [(i + N - 2) % N, (i + N - 1) % N, i];
      model.score(history(seq), out);
      const best = Array.from(out.keys())
        .filter((j) => !seq.includes(j))
        .sort((a, b) => out[b]! - out[a]!)[0];
      expect(best, `after ${seq}`).toBe((i + 1) % N);
    }
    // nothing to read: no scores, no reason
    model.score(history([]), out);
    expect(Array.from(out).every((v) => v === 0)).toBe(true);
    expect(model.explain(history([]), 3)).toBeNull();
  });

  test("scores are the engine's forward pass of the stored weights over the last maxLen items", async () => {
    const f = await fitted;
    // the same seed and settings in the engine's trainer give the same weights (stored as float32)
    const engine = await trainSasRec(withoutRepeats(data), { ...SASREC_SETTINGS, epochs: 150, seed: 3 });
    expect(Array.from(f.buffers.theta!)).toEqual(Array.from(Float32Array.from(engine.theta)));
    const model = sasRecFamily.load(f, shared(N));
    const seq = [4, 5, 6, 9, 2];
    const out = new Float32Array(N),
      reference = new Float32Array(N);
    model.score(history(seq), out);
    engine.scoreSequence(seq, reference);
    for (let i = 0; i < N; i++) expect(out[i]).toBeCloseTo(reference[i]!, 4);
    // a sequence longer than maxLen (30) is read from its last 30 items
    const long = Array.from({ length: 41 }, (_, t) => (t * 5) % N);
    const tail = new Float32Array(N);
    model.score(history(long), out);
    model.score(history(long.slice(11)), tail);
    expect(Array.from(out)).toEqual(Array.from(tail));
    model.score(history(long.slice(12)), tail);
    expect(Array.from(out)).not.toEqual(Array.from(tail));
  });

  test('explains with a product of the history: the one that alone points most towards the recommendation', async () => {
    const model = sasRecFamily.load(await fitted, shared(N));
    const seq = [0, 1, 2, 3];
    const reason = model.explain(history(seq), 4);
    expect(reason).toMatchObject({ kind: 'because-you-interacted' });
    if (reason?.kind !== 'because-you-interacted') throw new Error('no reason');
    expect(seq).toContain(reason.anchorItem);
    expect(reason.similarity).toBeGreaterThan(0);
    expect(reason.similarity).toBeLessThanOrEqual(1);
    // under the planted rule the product read last (3) predicts 4
    expect(reason.anchorItem).toBe(3);
    expect(model.explain(history(seq), N)).toBeNull();
  });

  test('cancelling stops the fitting; progress is reported on the way', async () => {
    const controller = new AbortController();
    const notes: string[] = [];
    const fitting = sasRecFamily.fit(
      input(data, {
        control: {
          seed: 3,
          signal: controller.signal,
          onProgress: (_, note) => {
            notes.push(note);
            if (notes.length === 5) controller.abort();
          },
        },
      }),
    );
    await expect(fitting).rejects.toThrow();
    expect(notes.length).toBeGreaterThanOrEqual(5);
    expect(notes.length).toBeLessThan(300);
    expect(notes[0]).toMatch(/^epoch 1\/150, loss \d\.\d{4}$/);
  });

  test('drops a repeat of the previous product (in time order), and sizes epochs by Adam steps', () => {
    const d: Interactions = {
      nUsers: 2,
      nItems: 4,
      users: Int32Array.of(0, 1, 0, 0, 1, 0, 1),
      items: Int32Array.of(2, 3, 2, 1, 3, 2, 0),
      values: Float32Array.of(1, 2, 3, 4, 5, 6, 7),
      timestamps: Float64Array.of(1, 1, 2, 4, 2, 3, 3),
    };
    // customer 0 in time order: 2, 2, 2 (ts 3), 1 → 2, 1; customer 1: 3, 3, 0 → 3, 0
    const r = withoutRepeats(d);
    expect(Array.from(r.users)).toEqual([0, 1, 0, 1]);
    expect(Array.from(r.items)).toEqual([2, 3, 1, 0]);
    expect(Array.from(r.values)).toEqual([1, 2, 4, 7]);
    expect(Array.from(r.timestamps!)).toEqual([1, 1, 4, 3]);
    // 2 windows → 1 step an epoch → 200 epochs at most
    expect(sasRecEpochs(r)).toBe(200);
    // 4,000 customers of 31 items: one window each, 125 steps an epoch → 10 epochs (≥ 300 steps already at 3)
    const big = { nUsers: 4000, nItems: 1, users: Int32Array.from({ length: 124_000 }, (_, k) => k % 4000) };
    expect(sasRecEpochs(big as Interactions)).toBe(10);
    // 300 customers of 32 items: two windows each, 19 steps an epoch → 16 epochs
    const mid = { nUsers: 300, nItems: 1, users: Int32Array.from({ length: 9600 }, (_, k) => k % 300) };
    expect(sasRecEpochs(mid as Interactions)).toBe(16);
  });
});
