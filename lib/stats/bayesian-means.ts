/**
 * Bayesian comparison of a continuous metric (revenue per user) under a normal model of each arm's mean.
 *
 * Model (documented choice): by the CLT the arm's sample mean is x̄ ~ N(μ, s²/n) with s² plugged in; the prior on
 * μ is N(m₀, v₀) (default flat, v₀ = ∞), so the posterior is N(m, v) with 1/v = 1/v₀ + n/s² and
 * m = v·(m₀/v₀ + n·x̄/s²). This is the Gaussian approximation GrowthBook's Bayesian engine uses for mean metrics;
 * it needs enough users per arm for the CLT on heavy-tailed revenue (hundreds of buyers), like the t-test does.
 */
import { toSummary, type SampleInput } from './descriptive';
import { normalCdf, normalPdf } from './distributions';
import { createRng, sampleNormal, type Rng } from './random';
import { insufficientData, type StatResult } from './types';

export type NormalPosterior = { mean: number; variance: number };

export type BayesianMeansArm = {
  posterior: NormalPosterior;
  chanceToBeatControl: number | null;
  chanceToBeBest: number;
  expectedLoss: number;
};

/**
 * Posterior of each arm's mean, chance to beat control Φ((m_t − m_c)/√(v_t + v_c)) and, for two arms, the exact
 * expected loss E[max(μ_c − μ_t, 0)] = σ·φ(δ/σ) + δ·Φ(δ/σ) with δ = m_c − m_t, σ = √(v_c + v_t)
 * (the mean of a truncated normal). More than two arms: chance to be best and expected loss by seeded Monte Carlo.
 * @example computeBayesianMeans({ arms: [{ n: 1000, mean: 5, variance: 400 }, { n: 1000, mean: 6.5, variance: 450 }] })
 * // arms[1].chanceToBeatControl ≈ 0.94813
 */
export function computeBayesianMeans(options: {
  /** control first; raw values or summaries */
  arms: readonly SampleInput[];
  /** prior on each mean (default flat) */
  prior?: { mean: number; variance: number };
  draws?: number;
  seed?: number;
  rng?: Rng;
}): StatResult<{ arms: BayesianMeansArm[]; method: 'exact' | 'monte-carlo' }> {
  const fn = 'computeBayesianMeans';
  const { arms, prior = { mean: 0, variance: Infinity }, draws = 100_000 } = options;
  if (arms.length < 2) throw new RangeError(`${fn}: need at least 2 arms`);
  if (!(prior.variance > 0) || !Number.isFinite(prior.mean)) {
    throw new RangeError(`${fn}: prior needs a finite mean and variance > 0 (Infinity = flat)`);
  }
  const summaries = arms.map((a) => toSummary(a, fn));
  if (summaries.some((s) => s.n < 2)) return insufficientData('each arm needs at least 2 observations');
  if (summaries.some((s) => s.variance === 0)) return insufficientData('an arm has no variation');
  const posteriors = summaries.map((s) => {
    const precision = 1 / prior.variance + s.n / s.variance;
    const v = 1 / precision;
    return {
      mean: v * ((Number.isFinite(prior.variance) ? prior.mean / prior.variance : 0) + (s.n * s.mean) / s.variance),
      variance: v,
    };
  });
  const control = posteriors[0] as NormalPosterior;
  const beat = (p: NormalPosterior, q: NormalPosterior) =>
    normalCdf((p.mean - q.mean) / Math.sqrt(p.variance + q.variance));
  if (arms.length === 2) {
    const t = posteriors[1] as NormalPosterior;
    const pt = beat(t, control);
    return {
      type: 'ok',
      method: 'exact',
      arms: [
        { posterior: control, chanceToBeatControl: null, chanceToBeBest: 1 - pt, expectedLoss: normalLoss(t, control) },
        { posterior: t, chanceToBeatControl: pt, chanceToBeBest: pt, expectedLoss: normalLoss(control, t) },
      ],
    };
  }
  const rng = options.rng ?? createRng(options.seed ?? 1);
  const k = posteriors.length;
  const wins = new Float64Array(k);
  const loss = new Float64Array(k);
  const sample = new Float64Array(k);
  for (let d = 0; d < draws; d += 1) {
    let best = 0;
    for (let i = 0; i < k; i += 1) {
      const p = posteriors[i] as NormalPosterior;
      sample[i] = p.mean + Math.sqrt(p.variance) * sampleNormal(rng);
      if ((sample[i] as number) > (sample[best] as number)) best = i;
    }
    wins[best] = (wins[best] as number) + 1;
    for (let i = 0; i < k; i += 1) loss[i] = (loss[i] as number) + (sample[best] as number) - (sample[i] as number);
  }
  return {
    type: 'ok',
    method: 'monte-carlo',
    arms: posteriors.map((p, i) => ({
      posterior: p,
      chanceToBeatControl: i === 0 ? null : beat(p, control),
      chanceToBeBest: (wins[i] as number) / draws,
      expectedLoss: (loss[i] as number) / draws,
    })),
  };
}

/** E[max(A − B, 0)] for independent normal A, B. */
function normalLoss(a: NormalPosterior, b: NormalPosterior): number {
  const delta = a.mean - b.mean;
  const sigma = Math.sqrt(a.variance + b.variance);
  return sigma * normalPdf(delta / sigma) + delta * normalCdf(delta / sigma);
}
