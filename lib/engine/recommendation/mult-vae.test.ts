import { describe, expect, test } from 'vitest';
import { buildCsr } from './csr';
import { trainMultVaeSync } from './mult-vae';
import { vaeLayout, vaeLossAndGrad, type VaeBatch } from './mult-vae-net';
import { fitPopularity } from './popularity';
import { createRng } from './random';
import { createRecommender } from './recommender';
import type { Interactions } from './types';

describe('Mult-VAE network gradient', () => {
  const L = vaeLayout(7, 5, 3); // 7 items, hidden 5, latent 3 (exercises the 2×4 tiles and their remainders)
  const rng = createRng(11);
  const theta = Float64Array.from({ length: L.size }, () => rng.normal(0, 0.5));
  // 3 users; the second entry of user 0 is dropped out (input 0) but still a likelihood target; user 2 counts 2
  const rows: Omit<VaeBatch, 'eps'> = {
    B: 3,
    ptr: Int32Array.of(0, 3, 5, 9),
    cols: Int32Array.of(0, 2, 6, 1, 3, 0, 4, 5, 6),
    input: Float64Array.of(0.8, 0, 1.1, 1.4, 1.4, 0.5, 0.5, 1, 0.5),
    target: Float64Array.of(1, 1, 1, 1, 1, 1, 1, 2, 1),
  };
  const eps = Float64Array.from({ length: 3 * 3 }, () => rng.normal());

  test.each([
    ['training (ε drawn, β = 0.3)', { ...rows, eps }, 0.3],
    ['inference path (z = μ, β = 0)', rows, 0],
  ] as const)('matches central finite differences for every parameter: %s', (_name, batch, beta) => {
    const grad = new Float64Array(L.size);
    const loss = vaeLossAndGrad(theta, grad, L, batch, beta);
    expect(loss.loss).toBeCloseTo(loss.negLogLikelihood + beta * loss.kl, 12);
    expect(loss.negLogLikelihood).toBeGreaterThan(0);
    const h = 1e-5;
    let worst = 0;
    for (let k = 0; k < L.size; k++) {
      const keep = theta[k]!;
      theta[k] = keep + h;
      const up = vaeLossAndGrad(theta, null, L, batch, beta).loss;
      theta[k] = keep - h;
      const down = vaeLossAndGrad(theta, null, L, batch, beta).loss;
      theta[k] = keep;
      const numeric = (up - down) / (2 * h);
      worst = Math.max(worst, Math.abs(numeric - grad[k]!) / Math.max(1e-6, Math.abs(numeric), Math.abs(grad[k]!)));
    }
    expect(worst).toBeLessThan(1e-4);
    // W1 rows of items no user feeds into the encoder (item 2 only appears dropped out) get no gradient
    for (let j = 0; j < L.hidden; j++) expect(grad[L.w1 + 2 * L.hidden + j]).toBe(0);
  });

  test('the loss is the multinomial likelihood plus the Gaussian KL, as written out by hand', () => {
    // one user, one item entry, hidden 1, latent 1, every weight 0 except the output bias: logits = b4, μ = log σ² = 0
    const tiny = vaeLayout(2, 1, 1);
    const t = new Float64Array(tiny.size);
    t[tiny.b4] = Math.log(3); // softmax = (3/4, 1/4)
    t[tiny.b2] = 0.5; // μ = 0.5: KL = ½·μ² = 0.125
    const batch = {
      B: 1,
      ptr: Int32Array.of(0, 1),
      cols: Int32Array.of(1),
      input: Float64Array.of(1),
      target: Float64Array.of(1),
    };
    const r = vaeLossAndGrad(t, null, tiny, batch, 0.2);
    expect(r.negLogLikelihood).toBeCloseTo(Math.log(4), 12);
    expect(r.kl).toBeCloseTo(0.125, 12);
    expect(r.loss).toBeCloseTo(Math.log(4) + 0.2 * 0.125, 12);
  });
});

// Two tastes: users 0..29 take 3 of items 0..4, users 30..59 take 3 of items 5..9
function twoTastes(): Interactions {
  const rng = createRng(5);
  const users: number[] = [],
    items: number[] = [];
  for (let u = 0; u < 60; u++) {
    const base = u < 30 ? 0 : 5;
    const picks = [0, 1, 2, 3, 4].sort(() => rng.next() - 0.5).slice(0, 3);
    for (const p of picks) {
      users.push(u);
      items.push(base + p);
    }
  }
  return {
    nUsers: 60,
    nItems: 10,
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: new Float32Array(users.length).fill(1),
  };
}

const small = { hidden: 16, latent: 4, batchSize: 16, learningRate: 0.01, epochs: 60 };

describe('trainMultVaeSync', () => {
  test('learns which taste a user has: both unseen items of the own taste rank first', () => {
    const data = twoTastes();
    const model = trainMultVaeSync(data, { ...small, seed: 3 });
    const history = buildCsr(data, { aggregate: 'binary' });
    const out = new Float32Array(10);
    for (let u = 0; u < 60; u++) {
      model.scoreUser(u, out);
      const seen = new Set(history.colIdx.subarray(history.rowPtr[u]!, history.rowPtr[u + 1]!));
      const unseen = [...Array(10).keys()].filter((i) => !seen.has(i)).sort((a, b) => out[b]! - out[a]!);
      const own = u < 30 ? (i: number) => i < 5 : (i: number) => i >= 5;
      expect(own(unseen[0]!) && own(unseen[1]!)).toBe(true);
    }
    expect(model.epochLosses[model.epochLosses.length - 1]).toBeLessThan(model.epochLosses[0]!);
  });

  test('the same seed gives the same model, another seed another one', () => {
    const data = twoTastes();
    const a = trainMultVaeSync(data, { ...small, epochs: 3, seed: 9 });
    const b = trainMultVaeSync(data, { ...small, epochs: 3, seed: 9 });
    const c = trainMultVaeSync(data, { ...small, epochs: 3, seed: 10 });
    expect(b.theta).toEqual(a.theta);
    expect(c.theta).not.toEqual(a.theta);
  });

  test('scores a free history as the user with that history, and serves in the recommender without seen items', () => {
    const data = twoTastes();
    const model = trainMultVaeSync(data, { ...small, epochs: 5, seed: 1 });
    const history = buildCsr(data, { aggregate: 'binary' });
    const byUser = new Float32Array(10),
      byHistory = new Float32Array(10);
    model.scoreUser(31, byUser);
    model.scoreHistory(history.colIdx.subarray(history.rowPtr[31]!, history.rowPtr[32]!), byHistory);
    expect(byHistory).toEqual(byUser);
    const rec = createRecommender({ models: [{ model, weight: 1 }], history, popularity: fitPopularity(data) });
    const r = rec.recommend(31, { n: 5 });
    const seen = new Set(history.colIdx.subarray(history.rowPtr[31]!, history.rowPtr[32]!));
    expect(r.items).toHaveLength(5);
    expect(r.items.some((x) => seen.has(x.item))).toBe(false);
  });

  test('bad input is a RangeError naming the function', () => {
    const data = twoTastes();
    expect(() => trainMultVaeSync(data, { hidden: 0 })).toThrow(/trainMultVaeSync: hidden/);
    expect(() => trainMultVaeSync(data, { dropout: 1 })).toThrow(/dropout/);
    expect(() => trainMultVaeSync(data, { learningRate: -1 })).toThrow(/learningRate/);
    expect(() => trainMultVaeSync(data, { annealSteps: 0 })).toThrow(/annealSteps/);
    const model = trainMultVaeSync(data, { ...small, epochs: 0 });
    expect(() => model.scoreUser(60, new Float32Array(10))).toThrow(RangeError);
    expect(() => model.scoreHistory([10], new Float32Array(10))).toThrow(/unknown item 10/);
    expect(() => model.explain(0, -1)).toThrow(/explain: unknown item -1/);
    expect(model.explain(0, 3).kind).toBe('latent-factors');
  });
});
