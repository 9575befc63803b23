/** Thompson-sampling traffic allocation for adaptive experiments (Bernoulli bandit). */
import { probabilityToBeat, type BetaParams } from '../../stats/beta-binomial';
import { createRng, sampleBeta, type Rng } from '../../stats/random';
import type { Counts } from '../../stats/types';
import { assertCounts } from '../../stats/validate';

export type ThompsonAllocation = {
  /** traffic share per arm for the next period; sums to 1, each ≥ minimumShare */
  shares: number[];
  /** posterior probability that each arm has the highest conversion rate */
  probabilityBest: number[];
  method: 'exact' | 'monte-carlo';
};

/**
 * Thompson sampling (Thompson 1933; Chapelle & Li 2011) in batch form: the share of traffic an arm gets equals the
 * posterior probability that it is the best arm under independent Beta(α₀ + successes, β₀ + failures) posteriors.
 * A floor keeps every arm learning: share_i = m + (1 − k·m)·P(best_i). Two arms: P(best) is exact
 * (`probabilityToBeat`, Evan Miller's formula); more arms: seeded Monte Carlo over `draws` posterior draws.
 * @example computeThompsonAllocation({ arms: [{ successes: 40, trials: 1000 }, { successes: 55, trials: 1000 }],
 *   minimumShare: 0.1 }) // { shares: [≈0.15, ≈0.85], method: 'exact', … }
 */
export function computeThompsonAllocation({
  arms,
  prior = { alpha: 1, beta: 1 },
  minimumShare = 0,
  draws = 20_000,
  seed,
  rng,
}: {
  arms: readonly Counts[];
  prior?: BetaParams;
  minimumShare?: number;
  draws?: number;
  seed?: number;
  rng?: Rng;
}): ThompsonAllocation {
  const fn = 'computeThompsonAllocation';
  const k = arms.length;
  if (k < 2) throw new RangeError(`${fn}: need at least 2 arms`);
  arms.forEach((a, i) => {
    assertCounts(fn, `arms[${i}]`, a.successes, a.trials);
  });
  if (!(minimumShare >= 0 && minimumShare * k <= 1)) throw new RangeError(`${fn}: minimumShare must be in [0, 1/${k}]`);
  if (!(prior.alpha > 0 && prior.beta > 0)) throw new RangeError(`${fn}: prior parameters must be > 0`);
  if (!Number.isInteger(draws) || draws < 1) throw new RangeError(`${fn}: draws must be a positive integer`);
  const posteriors = arms.map((a) => ({ alpha: prior.alpha + a.successes, beta: prior.beta + a.trials - a.successes }));
  let probabilityBest: number[];
  let method: ThompsonAllocation['method'];
  if (k === 2) {
    const p1 = probabilityToBeat({ a: posteriors[0] as BetaParams, b: posteriors[1] as BetaParams });
    probabilityBest = [1 - p1, p1];
    method = 'exact';
  } else {
    const random = rng ?? createRng(seed ?? 1);
    const wins = new Array<number>(k).fill(0);
    for (let d = 0; d < draws; d += 1) {
      let best = 0;
      let bestValue = -1;
      for (let i = 0; i < k; i += 1) {
        const p = posteriors[i] as BetaParams;
        const v = sampleBeta(random, p.alpha, p.beta);
        if (v > bestValue) {
          bestValue = v;
          best = i;
        }
      }
      wins[best] = (wins[best] as number) + 1;
    }
    probabilityBest = wins.map((w) => w / draws);
    method = 'monte-carlo';
  }
  const free = 1 - k * minimumShare;
  return { shares: probabilityBest.map((p) => minimumShare + free * p), probabilityBest, method };
}
