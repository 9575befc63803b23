// Seeded synthetic implicit-feedback data "of ml-1m shape" for the recommender benchmarks: 6,040 users × 3,706 items
// × 1,000,000 distinct (user, item) pairs with the skew of MovieLens 1M (every user ≥ 20 interactions, user activity
// log-normal with median ≈ 96 and max 2,314 like ml-1m; item popularity log-normal, so a few items reach most users
// and a long tail gets a handful). Timestamps increase within each user (for sequence models).
// The same seed writes the same data on every machine; `writeRaw` saves it for the numpy baselines.
import fs from 'node:fs';
import path from 'node:path';
import { createRng } from '../lib/engine/recommendation/random';
import type { Interactions } from '../lib/engine/recommendation/types';

export type SyntheticShape = { users: number; items: number; interactions: number; seed?: number };

export const ML1M_SHAPE: SyntheticShape = { users: 6040, items: 3706, interactions: 1_000_000, seed: 20190513 };

/**
 * Generates the interactions (values all 1). Items are drawn without replacement per user, proportionally to a
 * log-normal popularity weight (σ = 1.1), by rejection on a cumulative table.
 *
 * @example
 * const data = generateImplicit(ML1M_SHAPE); // data.users.length === 1_000_000
 */
export function generateImplicit(shape: SyntheticShape): Interactions {
  const { users, items, interactions, seed = 1 } = shape;
  const rng = createRng(seed);
  const minPer = Math.min(20, items),
    maxPer = Math.min(2314, Math.floor(items * 0.65));
  if (interactions > users * maxPer || interactions < users * minPer)
    throw new RangeError('generateImplicit: interactions do not fit the shape');
  // user activity: log-normal, clipped, then scaled until the total matches exactly
  const raw = Float64Array.from({ length: users }, () => Math.exp(rng.normal(Math.log(96), 1.0)));
  const counts = new Int32Array(users);
  let scale = interactions / raw.reduce((a, b) => a + b, 0);
  for (let pass = 0; pass < 50; pass++) {
    let total = 0;
    for (let u = 0; u < users; u++)
      total += counts[u] = Math.max(minPer, Math.min(maxPer, Math.round(raw[u]! * scale)));
    if (total === interactions) break;
    if (pass < 49) scale *= interactions / total;
    else {
      // final correction, one interaction at a time over users with room
      let diff = interactions - total;
      for (let u = 0; diff !== 0; u = (u + 1) % users) {
        const step = Math.sign(diff);
        const c = counts[u]! + step;
        if (c >= minPer && c <= maxPer) {
          counts[u] = c;
          diff -= step;
        }
      }
    }
  }
  // item popularity: log-normal weights, cumulative table
  const cum = new Float64Array(items);
  let acc = 0;
  for (let i = 0; i < items; i++) cum[i] = acc += Math.exp(1.1 * rng.normal());
  const out = {
    users: new Int32Array(interactions),
    items: new Int32Array(interactions),
    ts: new Float64Array(interactions),
  };
  const taken = new Int32Array(items).fill(-1);
  let k = 0;
  const t0 = Date.UTC(2000, 0, 1);
  for (let u = 0; u < users; u++) {
    let t = t0 + rng.next() * 86_400_000 * 365;
    for (let c = 0; c < counts[u]!; ) {
      const x = rng.next() * acc;
      let lo = 0,
        hi = items - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      if (taken[lo] === u) continue;
      taken[lo] = u;
      out.users[k] = u;
      out.items[k] = lo;
      out.ts[k] = t += 1000 + rng.next() * 3_600_000;
      k++;
      c++;
    }
  }
  return {
    nUsers: users,
    nItems: items,
    users: out.users,
    items: out.items,
    values: new Float32Array(interactions).fill(1),
    timestamps: out.ts,
  };
}

/**
 * Writes users and items as raw little-endian int32 files (`users.i32`, `items.i32`) plus `shape.json`, for numpy's
 * `np.fromfile` in scripts/reference/recommend-bench/.
 *
 * @example
 * writeRaw(generateImplicit(ML1M_SHAPE), '/tmp/precisa-bench');
 */
export function writeRaw(data: Interactions, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const write = (name: string, a: Int32Array) =>
    fs.writeFileSync(path.join(dir, name), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  write('users.i32', data.users);
  write('items.i32', data.items);
  fs.writeFileSync(
    path.join(dir, 'shape.json'),
    JSON.stringify({ nUsers: data.nUsers, nItems: data.nItems, nnz: data.users.length }),
  );
}
