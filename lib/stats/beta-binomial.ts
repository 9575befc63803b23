/** Exact comparisons of two Beta posteriors (conversion rates under a beta-binomial model). */
import { betaCdf, betaLogPdf, betaQuantile, logBeta } from './distributions';
import { assertNonNegative } from './validate';

/** Parameters of a Beta(α, β) distribution. */
export type BetaParams = { alpha: number; beta: number };

const MAX_EXACT_TERMS = 1_000_000;
const SIMPSON_INTERVALS = 4000;

/**
 * P(X_b > X_a) for independent X_a ~ Beta(a), X_b ~ Beta(b).
 *
 * Exact when b.alpha (or, by symmetry, a.alpha) is an integer — Evan Miller (2015), "Formulas for Bayesian A/B
 * Testing": P(X_b > X_a) = Σ_{i=0}^{α_b−1} B(α_a + i, β_a + β_b) / [(β_b + i)·B(1 + i, β_b)·B(α_a, β_a)],
 * summed in log space. Otherwise ∫ f_b(x)·F_a(x) dx by composite Simpson between the 1e-12 and 1 − 1e-12
 * quantiles of X_b (error ~1e-8).
 * @example probabilityToBeat({ a: { alpha: 201, beta: 801 }, b: { alpha: 251, beta: 751 } }) // ≈ 0.9963
 */
export function probabilityToBeat({ a, b }: { a: BetaParams; b: BetaParams }): number {
  const fn = 'probabilityToBeat';
  for (const [name, p] of [
    ['a', a],
    ['b', b],
  ] as const) {
    assertNonNegative(fn, `${name}.alpha`, p.alpha, true);
    assertNonNegative(fn, `${name}.beta`, p.beta, true);
  }
  if (Number.isInteger(b.alpha) && b.alpha <= MAX_EXACT_TERMS) return evanMiller(a, b);
  if (Number.isInteger(a.alpha) && a.alpha <= MAX_EXACT_TERMS) return 1 - evanMiller(b, a);
  return integrate(a, b);
}

/**
 * Expected loss of choosing b over a, E[max(X_a − X_b, 0)]: the conversion rate given up if b is worse.
 * Uses x·Beta(x; α, β) = (α/(α + β))·Beta(x; α + 1, β), so
 * E[max(X_a − X_b, 0)] = μ_a·P(X_{a+} > X_b) − μ_b·P(X_a > X_{b+}), with X_{a+} ~ Beta(α_a + 1, β_a).
 * @example expectedLoss({ a: { alpha: 201, beta: 801 }, b: { alpha: 251, beta: 751 } }) // ≈ 2.136e-5
 */
export function expectedLoss({ a, b }: { a: BetaParams; b: BetaParams }): number {
  const meanA = a.alpha / (a.alpha + a.beta);
  const meanB = b.alpha / (b.alpha + b.beta);
  const aPlusBeatsB = 1 - probabilityToBeat({ a: { alpha: a.alpha + 1, beta: a.beta }, b });
  const aBeatsBPlus = 1 - probabilityToBeat({ a, b: { alpha: b.alpha + 1, beta: b.beta } });
  return Math.max(0, meanA * aPlusBeatsB - meanB * aBeatsBPlus);
}

function evanMiller(a: BetaParams, b: BetaParams): number {
  const base = logBeta(a.alpha, a.beta);
  let total = 0;
  for (let i = 0; i < b.alpha; i += 1) {
    total += Math.exp(logBeta(a.alpha + i, a.beta + b.beta) - Math.log(b.beta + i) - logBeta(1 + i, b.beta) - base);
  }
  return Math.min(1, Math.max(0, total));
}

function integrate(a: BetaParams, b: BetaParams): number {
  const lo = betaQuantile(1e-12, b.alpha, b.beta);
  const hi = betaQuantile(1 - 1e-12, b.alpha, b.beta);
  const h = (hi - lo) / SIMPSON_INTERVALS;
  let sum = 0;
  for (let i = 0; i <= SIMPSON_INTERVALS; i += 1) {
    const x = lo + i * h;
    const weight = i === 0 || i === SIMPSON_INTERVALS ? 1 : i % 2 === 1 ? 4 : 2;
    sum += weight * Math.exp(betaLogPdf(x, b.alpha, b.beta)) * betaCdf(x, a.alpha, a.beta);
  }
  return Math.min(1, Math.max(0, (sum * h) / 3));
}
