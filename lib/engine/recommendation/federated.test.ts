import { describe, expect, test } from 'vitest';
import { alsLoss, trainAlsSync } from './als';
import { buildCsr } from './csr';
import { evaluateRanking } from './evaluate';
import { addNoise, itemGradient, trainFederated } from './federated';
import { createRng } from './random';
import type { Interactions } from './types';

// 120 users in 4 taste groups over 60 items (15 per group): a user picks each item of its group with p = 0.45 and
// any other with p = 0.03. Every 5th pick goes to a test part.
function synthetic(seed: number) {
  const rng = createRng(seed);
  const train = { users: [] as number[], items: [] as number[] },
    test = { users: [] as number[], items: [] as number[] };
  let n = 0;
  for (let u = 0; u < 120; u++)
    for (let i = 0; i < 60; i++)
      if (rng.next() < (Math.floor(i / 15) === u % 4 ? 0.45 : 0.03)) {
        const part = n++ % 5 === 4 ? test : train;
        part.users.push(u);
        part.items.push(i);
      }
  const wrap = (p: typeof train): Interactions => ({
    users: Int32Array.from(p.users),
    items: Int32Array.from(p.items),
    values: new Float32Array(p.users.length).fill(1),
    nUsers: 120,
    nItems: 60,
  });
  return { train: wrap(train), test: wrap(test) };
}

const data = synthetic(3);
const train = data.train;
const trainCsr = buildCsr(train, { aggregate: 'binary' });
const testCsr = buildCsr(data.test, { aggregate: 'binary' });
const P = { factors: 8, alpha: 3, regularization: 1 };
const ndcg = (m: Parameters<typeof evaluateRanking>[0]) =>
  evaluateRanking(m, trainCsr, testCsr, { k: 10 }).metrics.ndcg;

describe('trainFederated', () => {
  test('the summed client updates are ∂L/∂Y (central finite differences of alsLoss)', () => {
    const rng = createRng(5);
    const x = Float32Array.from({ length: 120 * 8 }, () => rng.normal(0, 0.3));
    const y = Float32Array.from({ length: 60 * 8 }, () => rng.normal(0, 0.3));
    const g = itemGradient(trainCsr, x, y, P);
    for (const k of [0, 7, 101, 250, 479]) {
      const h = 1e-2;
      const yp = Float32Array.from(y),
        ym = Float32Array.from(y);
      yp[k] = y[k]! + h;
      ym[k] = y[k]! - h;
      const fd = (alsLoss(trainCsr, x, yp, P) - alsLoss(trainCsr, x, ym, P)) / (yp[k]! - ym[k]!);
      expect(g[k]!).toBeCloseTo(fd, 1);
      expect(Math.abs(g[k]! - fd)).toBeLessThan(1e-3 * Math.max(1, Math.abs(fd)));
    }
  });

  test('without noise, full participation approaches centralised ALS (objective and NDCG@10)', () => {
    const als = trainAlsSync(train, { ...P, iterations: 15, seed: 1 });
    const fed = trainFederated(train, { ...P, rounds: 150, learningRate: 0.05, seed: 1 });
    const alsObj = alsLoss(trainCsr, als.userFactors, als.itemFactors, P);
    const fedObj = alsLoss(trainCsr, fed.model.userFactors, fed.model.itemFactors, P);
    const loss = fed.report.loss;
    expect(loss.at(-1)!).toBeLessThan(0.7 * loss[0]!);
    // within 3 % of the centralised objective and 0.03 NDCG@10
    expect(fedObj).toBeLessThan(alsObj * 1.03);
    expect(Math.abs(ndcg(fed.model) - ndcg(als))).toBeLessThan(0.03);
    expect(ndcg(fed.model)).toBeGreaterThan(0.3);
    expect(fed.report.bytesSentPerClient).toBe(150 * 60 * 8 * 4);
  });

  test('the same seed gives identical factors; another seed does not', () => {
    const o = { ...P, rounds: 5, privacy: { epsilon: 4, delta: 1 / 120, clipNorm: 1 } };
    const a = trainFederated(train, { ...o, seed: 9 }),
      b = trainFederated(train, { ...o, seed: 9 }),
      c = trainFederated(train, { ...o, seed: 10 });
    expect(b.model.itemFactors).toEqual(a.model.itemFactors);
    expect(b.model.userFactors).toEqual(a.model.userFactors);
    expect(c.model.itemFactors).not.toEqual(a.model.itemFactors);
    expect(a.report.privacy!.epsilon).toBeCloseTo(4, 10);
  });

  test('the noise follows the calibration: σ = z·C with z from the accountant', () => {
    // z for ε = 1, δ = 1e-5, 20 rounds is 21.915949 (scripts/reference/recommend/zcdp_reference.py)
    const r = trainFederated(train, { ...P, rounds: 20, privacy: { epsilon: 1, delta: 1e-5, clipNorm: 0.5 } });
    expect(r.report.privacy!.noiseStd).toBeCloseTo(21.915949 * 0.5, 4);
    expect(r.report.privacy!.epsilon).toBeCloseTo(1, 10);
    expect(r.report.clippedShare.every((s) => s > 0)).toBe(true);
    const sum = new Float64Array(200_000);
    addNoise(sum, 3, createRng(4));
    let m = 0,
      v = 0;
    for (const s of sum) m += s / sum.length;
    for (const s of sum) v += (s - m) ** 2 / (sum.length - 1);
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(Math.sqrt(v)).toBeGreaterThan(3 * 0.99);
    expect(Math.sqrt(v)).toBeLessThan(3 * 1.01);
  });

  test('a given noise multiplier is accounted; clipping alone adds no noise and no privacy claim', () => {
    const z = trainFederated(train, { ...P, rounds: 20, privacy: { noiseMultiplier: 10, delta: 1e-5, clipNorm: 2 } });
    expect(z.report.privacy!.epsilon).toBeCloseTo(2.245966, 5); // the reference's first setting
    expect(z.report.privacy!.noiseStd).toBe(20);
    const clipOnly = trainFederated(train, { ...P, rounds: 3, clipNorm: 0.1, seed: 4 });
    const free = trainFederated(train, { ...P, rounds: 3, seed: 4 });
    expect(clipOnly.report.privacy).toBeUndefined();
    expect(clipOnly.report.clippedShare).toEqual([1, 1, 1]);
    expect(free.report.clippedShare).toEqual([0, 0, 0]);
    expect(clipOnly.report.loss[0]).toBe(free.report.loss[0]); // same start, the first update differs
    expect(clipOnly.model.itemFactors).not.toEqual(free.model.itemFactors);
  });

  test('privacy costs accuracy: ε = 1 ranks worse than no noise', () => {
    const free = trainFederated(train, { ...P, rounds: 40, seed: 2 });
    const dp = trainFederated(train, {
      ...P,
      rounds: 40,
      seed: 2,
      privacy: { epsilon: 1, delta: 1 / 120, clipNorm: 1 },
    });
    expect(ndcg(dp.model)).toBeLessThan(ndcg(free.model));
  });

  test('bad options throw RangeError', () => {
    expect(() => trainFederated(train, { rounds: 0 })).toThrow(RangeError);
    expect(() => trainFederated(train, { factors: 2.5 })).toThrow(RangeError);
    expect(() => trainFederated(train, { clipNorm: 0 })).toThrow(RangeError);
    expect(() => trainFederated(train, { privacy: { epsilon: 0, delta: 1e-5, clipNorm: 1 } })).toThrow(RangeError);
    expect(() => addNoise(new Float64Array(2), -1, createRng(1))).toThrow(RangeError);
  });
});
