/**
 * Seeded pseudo-random numbers for the recommendation engine (splits, SGD initialisation, sampling).
 * The shared xoshiro128** core (lib/stats/random; Blackman & Vigna 2018), so the same seed gives the same stream on
 * every platform. Never use Math.random in engine code.
 *
 * @example
 * const rng = createRng(42);
 * rng.next();        // a float in [0, 1)
 * rng.int(10);       // an integer in 0..9
 * rng.normal(0, 1);  // a standard normal draw (Box–Muller)
 */
import { xoshiro128ss } from '@/lib/stats/random';

export type Rng = {
  /** uniform float in [0, 1) with 32 bits of randomness */
  next(): number;
  /** uniform integer in 0..n-1 (unbiased, rejection sampling) */
  int(n: number): number;
  /** normal draw with the given mean and standard deviation */
  normal(mean?: number, sd?: number): number;
};

/**
 * A seeded generator. `seed` is any finite number (its low 32 bits and the high part are mixed in).
 *
 * @example
 * const a = createRng(7), b = createRng(7);
 * a.next() === b.next(); // true
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng: seed must be a finite number, got ${seed}`);
  const nextU32 = xoshiro128ss((seed >>> 0) ^ Math.floor(seed / 4294967296));
  let spare: number | undefined;
  return {
    next: () => nextU32() / 4294967296,
    int(n: number) {
      if (!(n >= 1 && n <= 4294967296 && Number.isInteger(n)))
        throw new RangeError(`createRng.int: n must be an integer in 1..2^32, got ${n}`);
      const limit = 4294967296 - (4294967296 % n);
      let x = nextU32();
      while (x >= limit) x = nextU32();
      return x % n;
    },
    normal(mean = 0, sd = 1) {
      if (spare !== undefined) {
        const z = spare;
        spare = undefined;
        return mean + sd * z;
      }
      let u = 0;
      while (u === 0) u = nextU32() / 4294967296;
      const v = nextU32() / 4294967296;
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return mean + sd * r * Math.cos(2 * Math.PI * v);
    },
  };
}

/**
 * Fisher–Yates shuffle in place (Durstenfeld), driven by `rng`.
 *
 * @example
 * shuffleInPlace(Int32Array.from([0, 1, 2, 3]), createRng(1)); // a permutation of 0..3, same for the same seed
 */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(arr: T, rng: Rng): T {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = arr[i]!;
    arr[i] = arr[j]!;
    arr[j] = tmp;
  }
  return arr;
}
