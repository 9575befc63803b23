import { describe, expect, test } from 'vitest';
import { fitPopularity } from './popularity';
import { createRng } from './random';
import { trainSasRec, trainSasRecSync } from './sasrec';
import { blockParts, sasLayout, sasLossAndGrad, type SasBatch } from './sasrec-net';
import type { Interactions } from './types';

describe('SASRec network gradient', () => {
  // 7 items, d 5 (exercises the 2×4 tiles and their remainders), N 6, two blocks
  const L = sasLayout(7, 5, 6, 2);
  const rng = createRng(3);
  const theta = Float64Array.from({ length: L.size }, () => rng.normal(0, 0.5));
  // two sequences shorter than N and one of exactly N; position 2 of the first has no target
  const batch: SasBatch = {
    ptr: Int32Array.of(0, 4, 7, 13),
    inputs: Int32Array.of(0, 3, 5, 1, 6, 2, 2, 4, 1, 0, 3, 5, 6),
    targets: Int32Array.of(3, 5, -1, 2, 2, 2, 4, 1, 0, 3, 5, 6, 0),
    negatives: Int32Array.of(6, 0, 0, 4, 1, 5, 0, 6, 2, 1, 4, 0, 3),
  };
  const bp = blockParts(L.d);
  const groups: [string, number, number][] = [
    ['item embedding', L.emb, L.pos],
    ['positional embedding', L.pos, L.block],
    ['final layer norm', L.lnf, L.size],
  ];
  for (let l = 0; l < L.blocks; l++) {
    const o = L.block + l * L.blockSize;
    for (const [name, from, to] of [
      ['LN1', bp.ln1g, bp.wq],
      ['Wq', bp.wq, bp.wk],
      ['Wk', bp.wk, bp.wv],
      ['Wv', bp.wv, bp.ln2g],
      ['LN2', bp.ln2g, bp.w1],
      ['W1', bp.w1, bp.b1],
      ['b1', bp.b1, bp.w2],
      ['W2', bp.w2, bp.b2],
      ['b2', bp.b2, bp.size],
    ] as const)
      groups.push([`block ${l} ${name}`, o + from, o + to]);
  }

  test.each([
    ['no dropout', {}],
    ['dropout 0.3 (masks from the seed)', { dropout: 0.3, seed: 17 }],
    // candidate 3 is also a target: it is left out of those positions' softmax
    ['sampled softmax, dropout 0.3', { loss: 'softmax', candidates: Int32Array.of(1, 3, 6), dropout: 0.3, seed: 5 }],
  ] as const)('matches central finite differences for every parameter group: %s', (_name, extra) => {
    const b = { ...batch, ...extra };
    const grad = new Float64Array(L.size);
    const loss = sasLossAndGrad(theta, grad, L, b);
    expect(loss).toBeGreaterThan(0);
    const h = 1e-5;
    for (const [name, from, to] of groups) {
      let worst = 0,
        largest = 0;
      for (let k = from; k < to; k++) {
        const keep = theta[k]!;
        theta[k] = keep + h;
        const up = sasLossAndGrad(theta, null, L, b);
        theta[k] = keep - h;
        const down = sasLossAndGrad(theta, null, L, b);
        theta[k] = keep;
        const numeric = (up - down) / (2 * h);
        largest = Math.max(largest, Math.abs(grad[k]!));
        worst = Math.max(worst, Math.abs(numeric - grad[k]!) / Math.max(1e-6, Math.abs(numeric), Math.abs(grad[k]!)));
      }
      expect(largest, `${name} has a gradient`).toBeGreaterThan(1e-4);
      expect(worst, name).toBeLessThan(1e-4);
    }
    // positions are counted from the end: sequences of 4 and 3 items use rows 2..5 and 3..5, so row 0 of the
    // positional embedding is reached only through the sequence of length N
    expect(grad.subarray(L.pos, L.pos + L.d).some((g) => g !== 0)).toBe(true);
  });

  test('the loss is the binary cross-entropy of the target and the negative, written out by hand', () => {
    // all weights 0 except the final layer-norm bias: every hidden state is that bias y, logits are y·E_i
    const tiny = sasLayout(3, 2, 2, 1);
    const t = new Float64Array(tiny.size);
    t.set([1, 0], tiny.emb + 0 * 2); // E_0 = (1, 0)
    t.set([0, 2], tiny.emb + 1 * 2); // E_1 = (0, 2)
    t.set([0.5, -1], tiny.lnf + 2); // y = (0.5, −1): r_0 = 0.5, r_1 = −2
    const one = { ptr: Int32Array.of(0, 1), inputs: Int32Array.of(2), targets: Int32Array.of(0) };
    const loss = sasLossAndGrad(t, null, tiny, { ...one, negatives: Int32Array.of(1) });
    expect(loss).toBeCloseTo(-Math.log(1 / (1 + Math.exp(-0.5))) - Math.log(1 - 1 / (1 + Math.exp(2))), 12);
    // softmax over the target and the candidates other than it: −0.5 + log(e^0.5 + e^−2)
    const soft = sasLossAndGrad(t, null, tiny, { ...one, loss: 'softmax', candidates: Int32Array.of(1, 0) });
    expect(soft).toBeCloseTo(-0.5 + Math.log(Math.exp(0.5) + Math.exp(-2)), 12);
    expect(() => sasLossAndGrad(t, null, tiny, { ...one, loss: 'softmax' })).toThrow(RangeError);
  });
});

/** Each user walks i, i+1, i+2 … (mod 24) from a random start: the next item follows the last one. */
function walks(nUsers: number, length: number, seed: number): Interactions {
  const rng = createRng(seed),
    n = 24;
  const users: number[] = [],
    items: number[] = [],
    ts: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    const start = rng.int(n);
    for (let t = 0; t < length; t++) {
      users.push(u);
      items.push((start + t) % n);
      ts.push(t);
    }
  }
  return {
    nUsers,
    nItems: n,
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: new Float32Array(users.length).fill(1),
    timestamps: Float64Array.from(ts),
  };
}

function hitsAt1(model: { scoreUser(u: number, out: Float32Array): void }, data: Interactions): number {
  const out = new Float32Array(data.nItems);
  let hits = 0;
  for (let u = 0; u < data.nUsers; u++) {
    model.scoreUser(u, out);
    const mine = new Set<number>();
    for (let k = 0; k < data.users.length; k++) if (data.users[k] === u) mine.add(data.items[k]!);
    let best = -1;
    for (let i = 0; i < data.nItems; i++) if (!mine.has(i) && (best < 0 || out[i]! > out[best]!)) best = i;
    const lastItem = data.items[data.users.lastIndexOf(u)]!;
    if (best === (lastItem + 1) % 24) hits++;
  }
  return hits / data.nUsers;
}

describe('trainSasRecSync', () => {
  const data = walks(120, 7, 5);
  const options = { factors: 16, maxLen: 8, blocks: 1, epochs: 40, batchSize: 16, learningRate: 0.01, dropout: 0.1 };

  test('learns that item i is followed by i + 1, which popularity cannot', () => {
    const model = trainSasRecSync(data, { ...options, seed: 1 });
    expect(hitsAt1(model, data)).toBeGreaterThan(0.8);
    expect(hitsAt1(fitPopularity(data), data)).toBeLessThan(0.4);
    const softmax = trainSasRecSync(data, { ...options, loss: 'softmax', negatives: 8, seed: 1 });
    expect(hitsAt1(softmax, data)).toBeGreaterThan(0.8);
  });

  test('is reproducible: the same seed gives the same scores, another seed other ones', () => {
    const short = { ...options, epochs: 2 };
    const a = trainSasRecSync(data, { ...short, seed: 9 }),
      b = trainSasRecSync(data, { ...short, seed: 9 }),
      c = trainSasRecSync(data, { ...short, seed: 10 });
    const sa = new Float32Array(24),
      sb = new Float32Array(24),
      sc = new Float32Array(24);
    a.scoreUser(3, sa);
    b.scoreUser(3, sb);
    c.scoreUser(3, sc);
    expect(Array.from(sb)).toEqual(Array.from(sa));
    expect(Array.from(sc)).not.toEqual(Array.from(sa));
  });

  test('trainSasRec (cooperative) gives the synchronous parameters bit for bit, yields and stops when aborted', async () => {
    const short = { ...options, epochs: 3, seed: 5 };
    const sync = trainSasRecSync(data, short);
    const notes: string[] = [];
    const cooperative = await trainSasRec(data, { ...short, onProgress: (_, note) => notes.push(note) });
    expect(Array.from(cooperative.theta)).toEqual(Array.from(sync.theta));
    // 120 windows of 7 items in batches of 16: 8 Adam steps an epoch
    expect(notes).toHaveLength(24);
    const softmax = { ...short, loss: 'softmax' as const, negatives: 8 };
    expect(Array.from((await trainSasRec(data, softmax)).theta)).toEqual(
      Array.from(trainSasRecSync(data, softmax).theta),
    );
    // a timer set now fires while a long training runs, and aborting from it stops the training
    const controller = new AbortController();
    let ticks = 0;
    const timer = setInterval(() => {
      ticks++;
      if (ticks === 2) controller.abort();
    }, 5);
    await expect(trainSasRec(data, { ...options, epochs: 10_000, signal: controller.signal })).rejects.toThrow();
    clearInterval(timer);
    expect(ticks).toBeGreaterThanOrEqual(2);
  });

  test('onEpoch hands out each epoch, and bad options are RangeErrors', () => {
    const seen: number[] = [];
    trainSasRecSync(data, { ...options, epochs: 3, onEpoch: (e) => seen.push(e) });
    expect(seen).toEqual([1, 2, 3]);
    expect(() => trainSasRecSync(data, { factors: 0 })).toThrow(RangeError);
    expect(() => trainSasRecSync(data, { dropout: 1 })).toThrow(RangeError);
    expect(() => trainSasRecSync(data, { epochs: -1 })).toThrow(RangeError);
    expect(() => trainSasRecSync(data, { loss: 'ce' as 'bce' })).toThrow(RangeError);
    const model = trainSasRecSync(data, { ...options, epochs: 0 });
    expect(() => model.scoreUser(999, new Float32Array(24))).toThrow(RangeError);
    expect(model.explain(0, 1)).toEqual({
      kind: 'sequence',
      lastItems: [...Array.from(data.items.subarray(4, 7))].reverse(),
    });
  });
});
