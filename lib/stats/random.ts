/**
 * Seeded pseudo-random numbers and samplers. All randomness in `lib/stats` and `lib/engine` goes through an
 * injected `Rng` made here, so every Monte Carlo result is reproducible from its seed.
 *
 * Hand-written because the generator must be injectable and seedable, and the stdlib samplers
 * (`@stdlib/random-base-*`) each carry their own generator; these algorithms are short and standard.
 */

/** A uniform generator on [0, 1). */
export type Rng = () => number;

/**
 * xoshiro128** (Blackman & Vigna 2018) seeded through splitmix32, returning floats in [0, 1) with 32 bits.
 * Period 2^128 − 1, passes BigCrush; plenty for Monte Carlo over millions of draws.
 * @example const rng = createRng(42); rng() // same number every run for seed 42
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng: seed must be a finite number (got ${seed})`);
  const nextU32 = xoshiro128ss(seed >>> 0 || 0x9e3779b9);
  return () => nextU32() / 4294967296;
}

/**
 * The one xoshiro128** core every seeded generator in the product uses (statistics, recommendation engine, shop
 * simulator): four words of state filled by splitmix32 from a 32-bit `state`, returning unsigned 32-bit integers.
 * @example const next = xoshiro128ss(42); next() // an integer in 0..2^32−1, the same on every run
 */
export function xoshiro128ss(state: number): () => number {
  let s = state | 0;
  const splitmix32 = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = splitmix32();
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is the generator's one fixed point
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Standard normal draw by the Box–Muller transform: √(−2 ln U₁)·cos(2πU₂).
 * @example sampleNormal(createRng(1)) // a N(0, 1) draw
 */
export function sampleNormal(rng: Rng): number {
  let u1 = rng();
  while (u1 === 0) u1 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rng());
}

/**
 * Gamma(shape, 1) draw by Marsaglia & Tsang (2000), "A simple method for generating gamma variables";
 * shape < 1 uses the boost Gamma(shape + 1)·U^(1/shape).
 * @example sampleGamma(createRng(1), 2.5) // mean 2.5
 */
export function sampleGamma(rng: Rng, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`sampleGamma: shape must be > 0 (got ${shape})`);
  if (shape < 1) {
    let u = rng();
    while (u === 0) u = rng();
    return sampleGamma(rng, shape + 1) * u ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * Beta(α, β) draw as G₁/(G₁ + G₂) with G₁ ~ Gamma(α), G₂ ~ Gamma(β).
 * @example sampleBeta(createRng(1), 3, 7) // mean 0.3
 */
export function sampleBeta(rng: Rng, alpha: number, beta: number): number {
  const x = sampleGamma(rng, alpha);
  const y = sampleGamma(rng, beta);
  return x / (x + y);
}

/**
 * Binomial(trials, p) draw. Exact: sequential inversion (BINV, Kachitvichyanukul & Schmeiser 1988) when
 * trials·min(p, 1−p) < 200, otherwise the sum of two half-size binomials (recursively), which keeps
 * q^n from underflowing.
 * @example sampleBinomial(createRng(1), { trials: 1000, p: 0.1 }) // about 100
 */
export function sampleBinomial(rng: Rng, { trials, p }: { trials: number; p: number }): number {
  if (!Number.isInteger(trials) || trials < 0 || !(p >= 0 && p <= 1)) {
    throw new RangeError(`sampleBinomial: need integer trials ≥ 0 and p in [0, 1] (got ${trials}, ${p})`);
  }
  if (p > 0.5) return trials - sampleBinomial(rng, { trials, p: 1 - p });
  if (trials === 0 || p === 0) return 0;
  if (trials * p >= 200) {
    const half = Math.floor(trials / 2);
    return sampleBinomial(rng, { trials: half, p }) + sampleBinomial(rng, { trials: trials - half, p });
  }
  const q = 1 - p;
  const s = p / q;
  const a = (trials + 1) * s;
  let r = q ** trials;
  let u = rng();
  let x = 0;
  while (u > r) {
    u -= r;
    x += 1;
    if (x > trials) return trials;
    r *= a / x - s;
  }
  return x;
}

/**
 * Fisher–Yates shuffle in place; returns the same array.
 * @example shuffleInPlace(createRng(7), [1, 2, 3, 4])
 */
export function shuffleInPlace<T, A extends { length: number; [i: number]: T }>(rng: Rng, array: A): A {
  for (let i = array.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = array[i] as T;
    array[i] = array[j] as T;
    array[j] = tmp;
  }
  return array;
}
