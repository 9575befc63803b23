import { describe, expect, test } from 'vitest';
import { fitContent } from '../content';
import { createRng } from '../random';
import type { Interactions } from '../types';
import { ALS_PARAMS, alsFamily, alsFoldIn } from './factors';
import { FEDERATED_PROTOCOL, federatedAlsFamily } from './federated';
import type { FitInput, RequestHistory } from './types';

/** 40 customers × 15 products, 2–6 decayed interactions each */
function shop(): Interactions {
  const rng = createRng(7);
  const users: number[] = [],
    items: number[] = [],
    values: number[] = [];
  for (let u = 0; u < 40; u++) {
    const seen = new Set<number>();
    const n = 2 + Math.floor(rng.next() * 5);
    while (seen.size < n) seen.add((u % 3) * 5 + Math.floor(rng.next() * 7) - (u % 3 === 2 ? 2 : 0));
    for (const i of seen) {
      users.push(u);
      items.push(i);
      values.push(0.5 + rng.next() * 3);
    }
  }
  return {
    nUsers: 40,
    nItems: 15,
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: Float32Array.from(values),
  };
}

const input = (train: Interactions, privacy?: FitInput['privacy']): FitInput => ({
  train,
  history: { nRows: 0, nCols: 15, rowPtr: new Int32Array(1), colIdx: new Int32Array(0), values: new Float32Array(0) },
  content: fitContent([]),
  ...(privacy ? { privacy } : {}),
  control: { seed: 3 },
});

const live: RequestHistory = {
  user: -1,
  items: Int32Array.of(1, 4, 9),
  values: Float32Array.of(2, 0.5, 1),
  kinds: new Uint8Array(3),
  sequence: Int32Array.of(4, 1, 9),
  live: true,
};

describe('federated ALS family', () => {
  test('fits on the ALS settings and serves a history with the ALS fold-in: the solution of its normal equations', async () => {
    const fitted = await federatedAlsFamily.fit(input(shop()));
    const f = ALS_PARAMS.factors;
    expect(fitted.params).toMatchObject({ ...ALS_PARAMS, ...FEDERATED_PROTOCOL, clients: 40 });
    expect(fitted.params.bytesSentPerClient).toBe(20 * 15 * 64 * 4);
    expect(fitted.params.epsilon).toBeUndefined();
    const model = federatedAlsFamily.load(fitted, { nItems: 15 } as never);
    const als = alsFamily.load(fitted, { nItems: 15 } as never);
    const ours = new Float32Array(15),
      theirs = new Float32Array(15);
    model.score(live, ours);
    als.score(live, theirs);
    expect(Array.from(ours)).toEqual(Array.from(theirs));
    expect(model.kind).toBe('federated-als');
    // the fold-in's x solves (YᵀY + Σ_H (c_i − 1) y_i y_iᵀ + λI) x = Σ_H c_i y_i, c_i = 1 + 20·log(1 + w_i),
    // checked here by the residual of those equations formed directly, and the scores are Y x
    const y = fitted.buffers.itemFactors as Float32Array;
    const x = alsFoldIn(y, f, 0.1, 20)(live);
    const c = Array.from(live.values, (w) => 1 + 20 * Math.log1p(w));
    for (let k = 0; k < f; k++) expect(Number.isFinite(x[k])).toBe(true);
    let dot7 = 0;
    for (let k = 0; k < f; k++) dot7 += y[7 * f + k]! * x[k]!;
    expect(ours[7]).toBeCloseTo(dot7, 5);
    let worst = 0,
      scale = 0;
    for (let a = 0; a < f; a++) {
      let lhs = 0.1 * x[a]!,
        rhs = 0;
      for (let i = 0; i < 15; i++) {
        const t = live.items.indexOf(i);
        const ci = t >= 0 ? c[t]! : 1;
        let dot = 0;
        for (let k = 0; k < f; k++) dot += y[i * f + k]! * x[k]!;
        lhs += ci * y[i * f + a]! * dot;
        if (t >= 0) rhs += ci * y[i * f + a]!;
      }
      worst = Math.max(worst, Math.abs(lhs - rhs));
      scale = Math.max(scale, Math.abs(rhs));
    }
    expect(scale).toBeGreaterThan(0);
    expect(worst / scale).toBeLessThan(1e-3);
  });

  test('a training customer is scored with its own device vector', async () => {
    const fitted = await federatedAlsFamily.fit(input(shop()));
    const f = ALS_PARAMS.factors,
      x = fitted.buffers.userFactors as Float32Array,
      y = fitted.buffers.itemFactors as Float32Array;
    const out = new Float32Array(15);
    federatedAlsFamily.load(fitted, { nItems: 15 } as never).score({ ...live, user: 5, live: false }, out);
    let dot = 0;
    for (let k = 0; k < f; k++) dot += x[5 * f + k]! * y[7 * f + k]!;
    expect(out[7]).toBeCloseTo(dot, 5);
  });

  test('records ε, δ and the noise multiplier of the zCDP calibration, and the noise changes the model', async () => {
    const plain = await federatedAlsFamily.fit(input(shop()));
    const dp = await federatedAlsFamily.fit(input(shop(), { epsilon: 8, delta: 1e-6 }));
    // z for ε = 8, δ = 1e-6, 20 rounds, computed in python: l = ln 1e6, ρ = (√(l+8) − √l)², z = √(20/(2ρ))
    expect(dp.params.noiseMultiplier).toBeCloseTo(3.3155018332959165, 9);
    expect(dp.params.epsilon).toBeCloseTo(8, 9);
    expect(dp.params.delta).toBe(1e-6);
    expect(dp.params.clipNorm).toBe(5);
    expect(dp.params.rounds).toBe(20);
    const a = plain.buffers.itemFactors as Float32Array,
      b = dp.buffers.itemFactors as Float32Array;
    let diff = 0;
    for (let k = 0; k < a.length; k++) diff = Math.max(diff, Math.abs(a[k]! - b[k]!));
    expect(diff).toBeGreaterThan(0.01);
  });

  test('reports its rounds and stops between steps when the job is cancelled', async () => {
    // 2,000 customers × 300 products: far longer than the 50 ms between yields
    const n = 2000,
      users = new Int32Array(n * 5),
      items = new Int32Array(n * 5);
    for (let k = 0; k < n * 5; k++) {
      users[k] = Math.floor(k / 5);
      items[k] = (users[k]! * 7 + (k % 5) * 31) % 300;
    }
    const train = { nUsers: n, nItems: 300, users, items, values: new Float32Array(n * 5).fill(1) };
    const stop = new AbortController();
    const notes: string[] = [];
    const fit = federatedAlsFamily.fit({
      ...input(train),
      control: {
        seed: 1,
        signal: stop.signal,
        onProgress: (_f, note) => {
          notes.push(note);
          stop.abort(new Error('cancelled by user'));
        },
      },
    });
    await expect(fit).rejects.toThrow('cancelled by user');
    expect(notes).toEqual(['round 1 of 20']);
  });
});
