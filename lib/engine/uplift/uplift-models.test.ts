import { describe, expect, test } from 'vitest';
import { createRng, sampleNormal } from '../../stats/random';
import { fitClassTransformation } from './class-transformation';
import { evaluateUplift } from './qini';
import { fitTwoModel } from './two-model';

/**
 * Simulated randomised campaign, 20,000 rows: x1, x2 ~ N(0, 1); baseline logit −1 + 0.5·x1; the treatment adds
 * 1.0·x2 to the logit, so people with x2 > 0 respond and x2 < 0 are put off. `treatedShare` sets the split.
 */
function simulate(seed: number, treatedShare: number, n = 20_000) {
  const rng = createRng(seed);
  const values = new Float64Array(n * 2);
  const treatment = new Float64Array(n);
  const outcome = new Float64Array(n);
  const trueUplift = new Float64Array(n);
  const sigma = (z: number) => 1 / (1 + Math.exp(-z));
  for (let i = 0; i < n; i += 1) {
    const x1 = sampleNormal(rng);
    const x2 = sampleNormal(rng);
    values[2 * i] = x1;
    values[2 * i + 1] = x2;
    const base = -1 + 0.5 * x1;
    trueUplift[i] = sigma(base + x2) - sigma(base);
    treatment[i] = rng() < treatedShare ? 1 : 0;
    outcome[i] = rng() < sigma(base + (treatment[i] as number) * x2) ? 1 : 0;
  }
  return { features: { nRows: n, nFeatures: 2, values }, treatment, outcome, trueUplift };
}

function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i += 1) {
    sab += ((a[i] as number) - ma) * ((b[i] as number) - mb);
    saa += ((a[i] as number) - ma) ** 2;
    sbb += ((b[i] as number) - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('uplift models on simulated data with a known effect', () => {
  test.each([0.5, 0.3])('treated share %d: both approaches rank by the true uplift', (share) => {
    const train = simulate(1, share);
    const test_ = simulate(2, share);
    for (const model of [fitTwoModel(train, { lambda: 1 }), fitClassTransformation(train, { lambda: 1 })]) {
      const scores = model.predictUplift(test_.features);
      expect(correlation(scores, test_.trueUplift)).toBeGreaterThan(0.9);
      const q = evaluateUplift({ scores, treatment: test_.treatment, outcome: test_.outcome });
      const oracle = evaluateUplift({ scores: test_.trueUplift, treatment: test_.treatment, outcome: test_.outcome });
      expect(q.qiniCoefficient).toBeGreaterThan(0.8 * oracle.qiniCoefficient);
    }
  });

  test('class transformation reweights an unbalanced split', () => {
    const train = simulate(3, 0.3);
    const model = fitClassTransformation(train, { lambda: 1 });
    expect(model.treatedShare).toBeGreaterThan(0.28);
    expect(model.treatedShare).toBeLessThan(0.32);
    // the average predicted uplift matches the average true uplift (≈ 0, since x2 is symmetric) within 0.02
    const mean = model.predictUplift(train.features).reduce((s, v) => s + v, 0) / train.features.nRows;
    const truth = train.trueUplift.reduce((s, v) => s + v, 0) / train.features.nRows;
    expect(Math.abs(mean - truth)).toBeLessThan(0.02);
  });

  test('invalid input', () => {
    const d = simulate(4, 0.5, 100);
    expect(() => fitTwoModel({ ...d, treatment: new Float64Array(100) })).toThrow(/fitTwoModel/);
    expect(() => fitClassTransformation({ ...d, outcome: d.outcome.subarray(1) })).toThrow(/fitClassTransformation/);
  });
});
