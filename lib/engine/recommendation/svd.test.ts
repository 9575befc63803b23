import { describe, expect, test } from 'vitest';
import { fitSvd } from './svd';
import type { Interactions } from './types';

function lowRank(seed = 3): Interactions {
  // ratings from a rank-2 model plus biases, on a 30 × 20 grid with ~60 % observed
  let s = seed;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const U = Array.from({ length: 30 }, () => [rand() - 0.5, rand() - 0.5]);
  const V = Array.from({ length: 20 }, () => [rand() - 0.5, rand() - 0.5]);
  const users: number[] = [],
    items: number[] = [],
    values: number[] = [];
  for (let u = 0; u < 30; u++) {
    for (let i = 0; i < 20; i++) {
      if (rand() > 0.6) continue;
      users.push(u);
      items.push(i);
      values.push(3 + 2 * (U[u]![0]! * V[i]![0]! + U[u]![1]! * V[i]![1]!) * 4 + (u % 3) * 0.3 - (i % 2) * 0.2);
    }
  }
  return {
    nUsers: 30,
    nItems: 20,
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: Float32Array.from(values),
  };
}

describe('fitSvd (Funk / Surprise SVD)', () => {
  const data = lowRank();
  test('one SGD step by hand (1 factor, 1 rating)', () => {
    const one: Interactions = {
      nUsers: 1,
      nItems: 1,
      users: Int32Array.of(0),
      items: Int32Array.of(0),
      values: Float32Array.of(4),
    };
    // with initStd 0 the factors stay 0: b_u = b_i = γ(e − λ·0) = 0.1·(4 − 4) = 0 … so use two ratings
    const two: Interactions = {
      nUsers: 1,
      nItems: 2,
      users: Int32Array.of(0, 0),
      items: Int32Array.of(0, 1),
      values: Float32Array.of(5, 3),
    };
    const m = fitSvd(two, {
      factors: 1,
      epochs: 1,
      learningRate: 0.1,
      regularization: 0.5,
      initStd: 0,
      order: 'by-user',
    });
    // μ = 4. Rating 1: e = 1 → b_u = 0.1, b_i0 = 0.1. Rating 2: e = 3 − (4 + 0.1) = −1.1 →
    // b_u = 0.1 + 0.1(−1.1 − 0.05) = −0.015, b_i1 = 0.1(−1.1) = −0.11
    expect(m.userBias[0]).toBeCloseTo(-0.015, 12);
    expect(m.itemBias[0]).toBeCloseTo(0.1, 12);
    expect(m.itemBias[1]).toBeCloseTo(-0.11, 12);
    expect(fitSvd(one, { epochs: 3 }).predict(0, 0)).toBe(4);
  });
  test('fits a low-rank matrix far better than the global mean; deterministic per seed', () => {
    const m = fitSvd(data, { factors: 4, epochs: 200, learningRate: 0.02, regularization: 0.01, seed: 5 });
    let se = 0,
      base = 0;
    const mu = data.values.reduce((a, b) => a + b, 0) / data.values.length;
    data.users.forEach((u, k) => {
      se += (m.predict(u, data.items[k]!) - data.values[k]!) ** 2;
      base += (mu - data.values[k]!) ** 2;
    });
    expect(se / base).toBeLessThan(0.05);
    const again = fitSvd(data, { factors: 4, epochs: 200, learningRate: 0.02, regularization: 0.01, seed: 5 });
    expect(again.predict(3, 4)).toBe(m.predict(3, 4));
    expect(fitSvd(data, { seed: 6 }).predict(3, 4)).not.toBe(fitSvd(data, { seed: 7 }).predict(3, 4));
  });
  test('unknown users/items fall back to biases and the mean; predictions clip to the scale', () => {
    const m = fitSvd(data, { seed: 1 });
    const lo = Math.min(...data.values),
      hi = Math.max(...data.values);
    expect(m.predict(99, 99)).toBeCloseTo(Math.min(hi, Math.max(lo, m.globalMean)), 12);
    for (let i = 0; i < 20; i++) expect(m.predict(0, i)).toBeLessThanOrEqual(hi);
  });
  test('invalid options throw a RangeError naming the function', () => {
    expect(() => fitSvd(data, { factors: 0 })).toThrow(/fitSvd/);
    expect(() => fitSvd(data, { learningRate: 0 })).toThrow(/fitSvd/);
  });
});
