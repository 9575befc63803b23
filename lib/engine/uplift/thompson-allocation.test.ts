import { describe, expect, test } from 'vitest';
import { createRng, sampleBinomial } from '../../stats/random';
import { computeThompsonAllocation } from './thompson-allocation';

describe('computeThompsonAllocation', () => {
  test('two arms are exact: share = floor + (1 − 2·floor)·P(best); P(best) from scipy (bayesian.py: 0.99628332913)', () => {
    const r = computeThompsonAllocation({
      arms: [
        { successes: 200, trials: 1000 },
        { successes: 250, trials: 1000 },
      ],
      minimumShare: 0.1,
    });
    expect(r.method).toBe('exact');
    expect(r.probabilityBest[1]).toBeCloseTo(0.99628332913, 8);
    expect(r.shares[1]).toBeCloseTo(0.1 + 0.8 * 0.99628332913, 8);
    expect(r.shares[0]! + r.shares[1]!).toBeCloseTo(1, 12);
  });

  test('three arms: seeded Monte Carlo, same seed → same shares, floor respected', () => {
    // scipy P(best) for Beta(101, 901), Beta(111, 891), Beta(121, 881): 0.0462, 0.2269, 0.7269 (bayesian.py);
    // 20,000 draws → SE ≤ 0.0036, 4 SE = 0.014
    const arms = [
      { successes: 100, trials: 1000 },
      { successes: 110, trials: 1000 },
      { successes: 120, trials: 1000 },
    ];
    const r = computeThompsonAllocation({ arms, minimumShare: 0.05, seed: 9 });
    [0.04620831499, 0.2269051872, 0.7268864978].forEach((p, i) => {
      expect(Math.abs(r.probabilityBest[i]! - p)).toBeLessThan(0.014);
    });
    expect(computeThompsonAllocation({ arms, minimumShare: 0.05, seed: 9 })).toEqual(r);
    r.shares.forEach((s) => {
      expect(s).toBeGreaterThanOrEqual(0.05);
    });
    expect(r.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(() => computeThompsonAllocation({ arms, minimumShare: 0.4 })).toThrow(/computeThompsonAllocation/);
  });

  // Simulated bandit: true rates 4 %, 5 %, 7 %; 30 periods of 2,000 visitors allocated by the previous shares.
  test('converges to the best arm and beats uniform allocation', () => {
    const rng = createRng(77);
    const rates = [0.04, 0.05, 0.07];
    const arms = rates.map(() => ({ successes: 0, trials: 0 }));
    let shares = [1 / 3, 1 / 3, 1 / 3];
    let conversions = 0;
    for (let period = 0; period < 30; period += 1) {
      let left = 2000;
      shares.forEach((s, i) => {
        const n = i === shares.length - 1 ? left : Math.round(2000 * s);
        left -= n;
        const x = sampleBinomial(rng, { trials: n, p: rates[i]! });
        arms[i]!.trials += n;
        arms[i]!.successes += x;
        conversions += x;
      });
      shares = computeThompsonAllocation({ arms, minimumShare: 0.02, draws: 5000, rng }).shares;
    }
    expect(shares[2]).toBeGreaterThan(0.9);
    expect(arms[2]!.trials).toBeGreaterThan(arms[0]!.trials + arms[1]!.trials);
    // uniform allocation would expect 60,000 · (0.04 + 0.05 + 0.07)/3 = 3,200 conversions; always-best 4,200
    expect(conversions).toBeGreaterThan(3200 + 4 * Math.sqrt(3200));
  });
});
