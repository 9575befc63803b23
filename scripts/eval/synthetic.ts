/**
 * A synthetic implicit-feedback matrix with the shape and skew of MovieLens 1M (6,040 users × 3,706 items,
 * 1,000,209 interactions; user activity mean 165.6 / median 96 / min 20, item popularity long-tailed), for timing
 * the item-kNN fit/serve path without the ml-1m files. Seeded and deterministic.
 */
import { createRng } from '@/lib/engine/recommendation/random';
import type { Interactions } from '@/lib/engine/recommendation/types';

export type SyntheticOptions = { nUsers?: number; nItems?: number; nnz?: number; seed?: number };

export function syntheticMl1mShape(options: SyntheticOptions = {}): Interactions {
  const { nUsers = 6040, nItems = 3706, nnz = 1_000_209, seed = 1 } = options;
  const rng = createRng(seed);
  // user activity: log-normal with median 96 and mean 165.6 (σ = √(2 ln(165.6/96))), clipped to [20, nItems/2]
  const sigma = Math.sqrt(2 * Math.log(165.6 / 96));
  const raw = Float64Array.from({ length: nUsers }, () => Math.exp(Math.log(96) + sigma * rng.normal()));
  const total = raw.reduce((a, b) => a + b, 0);
  const counts = Int32Array.from(raw, (x) =>
    Math.max(20, Math.min(Math.floor(nItems / 2), Math.round((x * nnz) / total))),
  );
  // item popularity weights: log-normal too (σ = 1.3), sampled through a cumulative table
  const weight = Float64Array.from({ length: nItems }, () => Math.exp(1.3 * rng.normal()));
  const cum = new Float64Array(nItems);
  let acc = 0;
  weight.forEach((w, i) => {
    acc += w;
    cum[i] = acc;
  });
  const users: number[] = [],
    items: number[] = [];
  const taken = new Uint8Array(nItems);
  for (let u = 0; u < nUsers; u++) {
    const picked: number[] = [];
    while (picked.length < counts[u]!) {
      const x = rng.next() * acc;
      let lo = 0,
        hi = nItems - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      if (!taken[lo]) {
        taken[lo] = 1;
        picked.push(lo);
      }
    }
    for (const i of picked) {
      taken[i] = 0;
      users.push(u);
      items.push(i);
    }
  }
  return {
    nUsers,
    nItems,
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: new Float32Array(users.length).fill(1),
  };
}
