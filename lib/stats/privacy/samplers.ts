import { type Rational, isqrt } from './rational';
import { type WordSource, uniformBelow } from './random-source';

/*
 * Exact samplers for the discrete Laplace and discrete Gaussian distributions, after Canonne, Kamath & Steinke (2020),
 * "The Discrete Gaussian for Differential Privacy", Algorithms 1–3. Every step works on BigInt rationals and uniform
 * integers drawn from a `WordSource` (node:crypto in production), so the output distribution is exactly the one the
 * privacy proof assumes. Floating-point Laplace noise (inverse CDF on doubles) leaks through the gaps between
 * representable doubles (Mironov 2012), and `Math.random` is not a secure source.
 *
 * Why hand-written: no maintained JavaScript library samples these distributions exactly (the npm packages we found
 * draw floating-point noise with Math.random); the algorithms are short and checked here against the exact pmf.
 */

/** Bernoulli(n/d) for 0 ≤ n/d ≤ 1: a uniform integer below d is below n. */
function bernoulli(words: WordSource, p: Rational): boolean {
  return uniformBelow(words, p.d) < p.n;
}

/**
 * Bernoulli(exp(−γ)) for a rational γ ≥ 0 (CKS 2020, Algorithm 1).
 * @example bernoulliExp(words, { n: 1n, d: 2n }) // true with probability e^(−1/2)
 */
export function bernoulliExp(words: WordSource, gamma: Rational): boolean {
  if (gamma.n <= gamma.d) {
    let k = 1n;
    while (bernoulli(words, { n: gamma.n, d: gamma.d * k })) k += 1n;
    return k % 2n === 1n;
  }
  const whole = gamma.n / gamma.d;
  for (let i = 0n; i < whole; i += 1n) {
    if (!bernoulliExp(words, { n: 1n, d: 1n })) return false;
  }
  return bernoulliExp(words, { n: gamma.n - whole * gamma.d, d: gamma.d });
}

/**
 * Discrete Laplace with scale t = n/d > 0: P[X = x] ∝ exp(−|x|/t) on all integers (CKS 2020, Algorithm 2, with
 * s = d and t = n).
 * @example discreteLaplace(words, { n: 2n, d: 1n }) // an integer, P[x] = tanh(1/4)·e^(−|x|/2)
 */
export function discreteLaplace(words: WordSource, scale: Rational): bigint {
  const t = scale.n;
  const s = scale.d;
  if (t < 1n) throw new RangeError('discreteLaplace: scale must be > 0');
  for (;;) {
    const u = uniformBelow(words, t);
    if (!bernoulliExp(words, { n: u, d: t })) continue;
    let v = 0n;
    while (bernoulliExp(words, { n: 1n, d: 1n })) v += 1n;
    const y = (u + t * v) / s;
    const negative = uniformBelow(words, 2n) === 1n;
    if (negative && y === 0n) continue;
    return negative ? -y : y;
  }
}

/**
 * Discrete Gaussian with variance parameter σ² = n/d > 0: P[X = x] ∝ exp(−x²/(2σ²)) on all integers
 * (CKS 2020, Algorithm 3: discrete Laplace proposals with scale t = ⌊σ⌋ + 1, accepted with probability
 * exp(−(|Y| − σ²/t)²/(2σ²))).
 * @example discreteGaussian(words, { n: 4n, d: 1n }) // σ = 2
 */
export function discreteGaussian(words: WordSource, sigma2: Rational): bigint {
  if (sigma2.n < 1n) throw new RangeError('discreteGaussian: σ² must be > 0');
  const t = isqrt(sigma2.n / sigma2.d) + 1n;
  const { n: a, d: b } = sigma2;
  for (;;) {
    const y = discreteLaplace(words, { n: t, d: 1n });
    const abs = y < 0n ? -y : y;
    const diff = abs * t * b - a; // (|y| − σ²/t)²/(2σ²) = (|y|·t·b − a)² / (2·a·b·t²)
    if (bernoulliExp(words, { n: diff * diff, d: 2n * a * b * t * t })) return y;
  }
}
