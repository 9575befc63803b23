/**
 * Seeded randomness for the shop simulator: the shared xoshiro128** core (lib/stats/random) behind named streams, plus
 * the few samplers the shop model needs. Named streams (`createRng(seed, 'customers')`) keep the parts of the model
 * independent, so changing e.g. the event volume does not reshuffle the catalogue.
 */
import { sampleGamma, sampleNormal, xoshiro128ss } from '@/lib/stats/random';

export type Rng = {
  /** uniform on [0, 1) with 32 bits */
  next(): number;
};

function hashStream(seed: number, stream: string): number {
  // FNV-1a over the stream name, mixed with the seed.
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < stream.length; i++) {
    h ^= stream.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A generator for `seed` and an optional stream name.
 * @example createRng(42, 'catalogue').next() // the same number on every run
 */
export function createRng(seed: number, stream = ''): Rng {
  if (!Number.isInteger(seed)) throw new RangeError(`createRng: seed must be an integer (got ${seed})`);
  const nextU32 = xoshiro128ss(hashStream(seed, stream) || 0x9e3779b9);
  return { next: () => nextU32() / 4294967296 };
}

/** Integer in [0, n). */
export function randInt(rng: Rng, n: number): number {
  return Math.floor(rng.next() * n);
}

/** Integer in [lo, hi] inclusive. */
export function randBetween(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng.next() * (hi - lo + 1));
}

export function chance(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick: empty list');
  return items[Math.floor(rng.next() * items.length)] as T;
}

/** Index drawn with probability proportional to `weights` (non-negative, not all zero). */
export function pickWeighted(rng: Rng, weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i] as number;
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i] as number;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** Standard normal by Box–Muller. */
export function normal(rng: Rng): number {
  return sampleNormal(() => rng.next());
}

/** Log-normal with the given median and log-scale sigma. */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 through Gamma(shape + 1)·U^(1/shape). */
export function gamma(rng: Rng, shape: number): number {
  return sampleGamma(() => rng.next(), shape);
}

/** Dirichlet draw with concentration `alpha` (all > 0); the result sums to 1. */
export function dirichlet(rng: Rng, alpha: readonly number[]): number[] {
  const draws = alpha.map((a) => gamma(rng, a));
  const total = draws.reduce((s, x) => s + x, 0) || 1;
  return draws.map((x) => x / total);
}

/** Poisson draw by inversion (fine for the small means of daily session counts; falls back to normal above 30). */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rng)));
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = rng.next();
  while (u > cdf) {
    k++;
    p *= mean / k;
    cdf += p;
    if (k > 200) break;
  }
  return k;
}

/** Geometric count of trials ≥ 1 with success probability p (mean 1/p). */
export function geometric(rng: Rng, p: number): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return 1 + Math.floor(Math.log(u) / Math.log(1 - p));
}
