import { describe, expect, test } from 'vitest';
import { fitContent } from '../content';
import { buildCsr } from '../csr';
import { trainMultVae } from '../mult-vae';
import { vaeLayout } from '../mult-vae-net';
import { createRng } from '../random';
import type { Interactions } from '../types';
import { annealSteps, MULT_VAE_EPOCHS, MULT_VAE_SETTINGS, multVaeFamily, multVaeServing } from './mult-vae';
import { validationNdcg } from './tuning';
import type { FitInput, RequestHistory, SharedParts } from './types';

/**
 * 60 customers × 15 products with a planted structure: customers 0–29 choose 3 of products 0–4, customers 30–59
 * 3 of products 5–9; everyone also one of the rarely chosen products 10–14.
 */
function plantedShop(seed = 7): Interactions {
  const rng = createRng(seed);
  const users: number[] = [],
    items: number[] = [];
  for (let u = 0; u < 60; u++) {
    const base = u < 30 ? 0 : 5;
    const seen = new Set<number>();
    while (seen.size < 3) seen.add(base + Math.floor(rng.next() * 5));
    seen.add(10 + Math.floor(rng.next() * 5));
    for (const i of seen) {
      users.push(u);
      items.push(i);
    }
  }
  return {
    nUsers: 60,
    nItems: 15,
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: new Float32Array(users.length).fill(1),
  };
}

const input = (train: Interactions, extra: Partial<FitInput> = {}): FitInput => ({
  train,
  history: buildCsr(train, { aggregate: 'sum' }),
  content: fitContent([]),
  control: { seed: 3 },
  ...extra,
});

const history = (items: number[], user = -1): RequestHistory => ({
  user,
  items: Int32Array.from(items),
  values: new Float32Array(items.length).fill(1),
  kinds: new Uint8Array(items.length),
  sequence: Int32Array.from(items),
  live: user < 0,
});

const shared = (nItems: number) => ({ nItems }) as SharedParts;

/** ranks of the items not in `seen`, best first */
function ranking(scores: Float32Array, seen: number[]): number[] {
  return Array.from(scores.keys())
    .filter((i) => !seen.includes(i))
    .sort((a, b) => scores[b]! - scores[a]!);
}

describe('Mult-VAE family', () => {
  test("learns the planted tastes: a new customer's history ranks the other items of its group first", async () => {
    // one Adam step per epoch here (60 customers, batch 500): the grid's largest epoch count
    const fitted = await multVaeFamily.fit(input(plantedShop(), { fixed: { epochs: 100 } }));
    expect(fitted.params).toEqual({ ...MULT_VAE_SETTINGS, epochs: 100, annealEpochs: 100 });
    const L = vaeLayout(15, MULT_VAE_SETTINGS.hidden, MULT_VAE_SETTINGS.latent);
    expect(fitted.buffers.theta).toBeInstanceOf(Float32Array);
    expect(fitted.buffers.theta!.length).toBe(L.size);
    const model = multVaeFamily.load(fitted, shared(15));
    expect(model.kind).toBe('mult-vae');
    const out = new Float32Array(15);
    model.score(history([0, 1]), out);
    expect(ranking(out, [0, 1]).slice(0, 3).sort()).toEqual([2, 3, 4]);
    model.score(history([6, 9]), out);
    expect(ranking(out, [6, 9]).slice(0, 3).sort()).toEqual([5, 7, 8]);
    // nothing to encode: no scores, no reason
    model.score(history([]), out);
    expect(Array.from(out).every((v) => v === 0)).toBe(true);
    expect(model.explain(history([]), 3)).toBeNull();
  });

  test("scores are the engine's forward pass of the stored weights (z = μ), written out here by hand", async () => {
    const data = plantedShop(11);
    const fitted = await multVaeFamily.fit(input(data, { fixed: { epochs: 25 } }));
    expect(fitted.params.epochs).toBe(25);
    // the same seed and settings in the engine's trainer give the same weights (stored as float32); β rises over
    // 100 epochs of one Adam step (60 customers, batch 500)
    expect(annealSteps(data)).toBe(100);
    const engine = await trainMultVae(data, { ...MULT_VAE_SETTINGS, epochs: 25, annealSteps: 100, seed: 3 });
    const theta = fitted.buffers.theta as Float32Array;
    expect(Array.from(theta)).toEqual(Array.from(Float32Array.from(engine.theta)));
    const model = multVaeFamily.load(fitted, shared(15));
    const h = [2, 4, 11];
    const out = new Float32Array(15),
      reference = new Float32Array(15);
    model.score(history(h), out);
    engine.scoreHistory(h, reference);
    for (let i = 0; i < 15; i++) expect(out[i]).toBeCloseTo(reference[i]!, 4);

    // h1 = tanh(Σ_{i∈H} W1[i]/√|H| + b1), μ = W2[0:Z]·h1 + b2[0:Z], h2 = tanh(W3·μ + b3), logits = W4·h2 + b4
    const { hidden: H, latent: Z } = MULT_VAE_SETTINGS;
    const L = vaeLayout(15, H, Z);
    const w = (k: number) => theta[k]!;
    const h1 = Array.from({ length: H }, (_, j) =>
      Math.tanh(w(L.b1 + j) + h.reduce((s, i) => s + w(L.w1 + i * H + j) / Math.sqrt(h.length), 0)),
    );
    const mu = Array.from({ length: Z }, (_, k) => h1.reduce((s, x, j) => s + x * w(L.w2 + k * H + j), w(L.b2 + k)));
    const h2 = Array.from({ length: H }, (_, j) =>
      Math.tanh(mu.reduce((s, x, k) => s + x * w(L.w3 + j * Z + k), w(L.b3 + j))),
    );
    for (let i = 0; i < 15; i++)
      expect(out[i]).toBeCloseTo(
        h2.reduce((s, x, j) => s + x * w(L.w4 + i * H + j), w(L.b4 + i)),
        5,
      );
  });

  test("explains with the history item whose latent embedding (encoder mean of it alone) is closest to the item's", async () => {
    const fitted = await multVaeFamily.fit(input(plantedShop(), { fixed: { epochs: 100 } }));
    const model = multVaeFamily.load(fitted, shared(15));
    const h = history([0, 7], 12);
    const whyA = model.explain(h, 3);
    expect(whyA).toMatchObject({ kind: 'because-you-interacted', anchorItem: 0 });
    expect(model.explain(h, 8)).toMatchObject({ kind: 'because-you-interacted', anchorItem: 7 });
    // the similarity is the cosine of μ({0}) and μ({3}): μ = W2[0:Z]·tanh(W1[i] + b1) + b2[0:Z]
    const theta = fitted.buffers.theta as Float32Array;
    const { hidden: H, latent: Z } = MULT_VAE_SETTINGS;
    const L = vaeLayout(15, H, Z);
    const mu = (i: number) => {
      const h1 = Array.from({ length: H }, (_, j) => Math.tanh(theta[L.b1 + j]! + theta[L.w1 + i * H + j]!));
      return Array.from({ length: Z }, (_, k) =>
        h1.reduce((s, x, j) => s + x * theta[L.w2 + k * H + j]!, theta[L.b2 + k]!),
      );
    };
    const dot = (a: number[], b: number[]) => a.reduce((s, x, k) => s + x * b[k]!, 0);
    const cos = dot(mu(0), mu(3)) / Math.sqrt(dot(mu(0), mu(0)) * dot(mu(3), mu(3)));
    expect(whyA?.kind === 'because-you-interacted' && whyA.similarity).toBeCloseTo(cos, 3);
    // an item alone in the history has nothing to be compared with
    expect(model.explain(history([3]), 3)).toBeNull();
  });

  test('chooses its epochs on validation NDCG when tuning data is given, and reuses them when fixed', async () => {
    const all = plantedShop(5);
    // each customer has 4 items in a row (3 of its group, then a rare one): the first is held out for validation
    const keep = Array.from(all.users.keys()).filter((k) => k % 4 !== 0);
    const held = Array.from(all.users.keys()).filter((k) => k % 4 === 0);
    expect(held.map((k) => all.users[k])).toEqual(Array.from({ length: 60 }, (_, u) => u));
    const part = (idx: number[]): Interactions => ({
      ...all,
      users: Int32Array.from(idx, (k) => all.users[k]!),
      items: Int32Array.from(idx, (k) => all.items[k]!),
      values: new Float32Array(idx.length).fill(1),
    });
    const tuning = {
      train: part(keep),
      validation: part(held),
      shared: (d: Interactions) =>
        ({
          nItems: 15,
          history: buildCsr(d, { aggregate: 'sum' }),
          sequences: { ptr: new Int32Array(61), items: new Int32Array(0) },
        }) as SharedParts,
    };
    const fitted = await multVaeFamily.fit(input(all, { tuning }));
    const epochs = Number(fitted.params.epochs);
    expect(MULT_VAE_EPOCHS).toContain(epochs);
    // the score recorded is that of a training of the chosen length on the tuning part (one training of 100
    // epochs passed through it), and no other length scored higher
    const scoreOf = async (e: number) => {
      const m = await trainMultVae(tuning.train, { ...MULT_VAE_SETTINGS, epochs: e, annealSteps: 100, seed: 3 });
      const L = vaeLayout(15, MULT_VAE_SETTINGS.hidden, MULT_VAE_SETTINGS.latent);
      return validationNdcg(multVaeServing(Float32Array.from(m.theta), L), tuning);
    };
    expect(fitted.params.validationNdcg).toBeCloseTo(await scoreOf(epochs), 3);
    for (const e of MULT_VAE_EPOCHS) expect(await scoreOf(e)).toBeLessThanOrEqual((await scoreOf(epochs)) + 1e-12);
    expect(fitted.params.validationNdcg).toBeGreaterThan(0);
    const again = await multVaeFamily.fit(input(all, { tuning, fixed: fitted.params }));
    expect(again.params.epochs).toBe(fitted.params.epochs);
    expect(again.params.validationNdcg).toBeUndefined();
    expect(Array.from(again.buffers.theta!)).toEqual(Array.from(fitted.buffers.theta!));
  });

  test('reports the epoch reached and stops between steps when the job is cancelled', async () => {
    const stop = new AbortController();
    const notes: string[] = [];
    const fit = multVaeFamily.fit(
      input(plantedShop(), {
        control: {
          seed: 1,
          signal: stop.signal,
          onProgress: (_f, note) => {
            notes.push(note);
            stop.abort(new Error('cancelled by user'));
          },
        },
      }),
    );
    await expect(fit).rejects.toThrow('cancelled by user');
    expect(notes).toEqual(['epoch 1/50, β 0.000']);
  });
});
