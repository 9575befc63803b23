/** Bayesian A/B/n summary for conversion metrics under a beta-binomial model. */
import { betaQuantile } from './distributions';
import { expectedLoss, probabilityToBeat, type BetaParams } from './beta-binomial';
import { createRng, sampleBeta, type Rng } from './random';
import { insufficientData, type Counts, type StatResult } from './types';
import { assertCounts, assertNonNegative, assertOpenUnit } from './validate';

export type BayesianArm = {
  posterior: BetaParams;
  /** posterior mean of the conversion rate */
  mean: number;
  /** equal-tailed credible interval at 1 − alpha */
  credibleInterval: [number, number];
  /** P(rate > control rate); null for the control itself */
  chanceToBeatControl: number | null;
  /** P(this arm has the highest rate) */
  chanceToBeBest: number;
  /** E[max over arms − this arm]: expected rate given up by shipping this arm */
  expectedLoss: number;
};

export type BayesianProportionsOptions = {
  /** control first */
  arms: readonly Counts[];
  /** Beta prior on each rate (default uniform Beta(1, 1)) */
  prior?: BetaParams;
  /** credible intervals at 1 − alpha (default 0.05) */
  alpha?: number;
  /** Monte Carlo draws for more than two arms (default 100,000) */
  draws?: number;
  /** seed or generator for the Monte Carlo (default seed 1) */
  seed?: number;
  rng?: Rng;
};

/**
 * Posterior Beta(α₀ + x, β₀ + n − x) per arm. Two arms: chance to beat control and expected loss are exact
 * (`probabilityToBeat`, `expectedLoss`: Evan Miller's closed form). More arms: chance to beat control stays exact
 * (pairwise), chance to be best and expected loss E[max_j p_j − p_i] come from seeded Monte Carlo, whose standard
 * error is ≤ 0.5/√draws for a probability.
 * @example
 * computeBayesianProportions({ arms: [{ successes: 200, trials: 1000 }, { successes: 250, trials: 1000 }] })
 * // { type: 'ok', method: 'exact', arms: [{ chanceToBeBest: 0.0037, … }, { chanceToBeatControl: 0.9963, … }] }
 */
export function computeBayesianProportions(
  options: BayesianProportionsOptions,
): StatResult<{ arms: BayesianArm[]; method: 'exact' | 'monte-carlo' }> {
  const fn = 'computeBayesianProportions';
  const { arms, prior = { alpha: 1, beta: 1 }, alpha = 0.05, draws = 100_000 } = options;
  if (arms.length < 2) throw new RangeError(`${fn}: need at least 2 arms`);
  arms.forEach((a, i) => {
    assertCounts(fn, `arms[${i}]`, a.successes, a.trials);
  });
  assertNonNegative(fn, 'prior.alpha', prior.alpha, true);
  assertNonNegative(fn, 'prior.beta', prior.beta, true);
  assertOpenUnit(fn, 'alpha', alpha);
  if (arms.every((a) => a.trials === 0)) return insufficientData('no trials in any arm');
  const posteriors = arms.map((a) => ({ alpha: prior.alpha + a.successes, beta: prior.beta + a.trials - a.successes }));
  const control = posteriors[0] as BetaParams;
  const base = posteriors.map((p, i) => ({
    posterior: p,
    mean: p.alpha / (p.alpha + p.beta),
    credibleInterval: [betaQuantile(alpha / 2, p.alpha, p.beta), betaQuantile(1 - alpha / 2, p.alpha, p.beta)] as [
      number,
      number,
    ],
    chanceToBeatControl: i === 0 ? null : probabilityToBeat({ a: control, b: p }),
  }));
  if (arms.length === 2) {
    const treatment = posteriors[1] as BetaParams;
    const pTreatment = base[1]?.chanceToBeatControl as number;
    return {
      type: 'ok',
      method: 'exact',
      arms: [
        {
          ...(base[0] as (typeof base)[0]),
          chanceToBeBest: 1 - pTreatment,
          expectedLoss: expectedLoss({ a: treatment, b: control }),
        },
        {
          ...(base[1] as (typeof base)[0]),
          chanceToBeBest: pTreatment,
          expectedLoss: expectedLoss({ a: control, b: treatment }),
        },
      ],
    };
  }
  const rng = options.rng ?? createRng(options.seed ?? 1);
  const wins = new Float64Array(arms.length);
  const loss = new Float64Array(arms.length);
  const sample = new Float64Array(arms.length);
  for (let d = 0; d < draws; d += 1) {
    let best = 0;
    for (let i = 0; i < posteriors.length; i += 1) {
      const p = posteriors[i] as BetaParams;
      sample[i] = sampleBeta(rng, p.alpha, p.beta);
      if ((sample[i] as number) > (sample[best] as number)) best = i;
    }
    wins[best] = (wins[best] as number) + 1;
    const max = sample[best] as number;
    for (let i = 0; i < posteriors.length; i += 1) loss[i] = (loss[i] as number) + max - (sample[i] as number);
  }
  return {
    type: 'ok',
    method: 'monte-carlo',
    arms: base.map((b, i) => ({
      ...b,
      chanceToBeBest: (wins[i] as number) / draws,
      expectedLoss: (loss[i] as number) / draws,
    })),
  };
}
