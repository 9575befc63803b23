// Test fixture shared by the device bundle tests.
import { csrBuffers } from '../../models/neighbours';
import type { Fitted } from '../../models/types';
import { createRng } from '../../random';
import type { Csr, Interactions } from '../../types';

export const T0 = Date.UTC(2026, 0, 1);
export const knnFitted = (N: Csr): Fitted => ({ buffers: csrBuffers(N, 'nb'), params: {} });

/** 600 users, 400 items in 8 categories; each user mostly stays in one category. */
export function synthetic(seed: number) {
  const rng = createRng(seed);
  const nUsers = 600,
    nItems = 400,
    nCat = 8;
  const itemCategory = Int32Array.from({ length: nItems }, (_, i) => i % nCat);
  const users: number[] = [],
    items: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    const fav = rng.int(nCat);
    for (let t = 0, n = 5 + rng.int(20); t < n; t++) {
      const cat = rng.next() < 0.8 ? fav : rng.int(nCat);
      users.push(u);
      items.push(cat + nCat * Math.floor((rng.next() ** 2 * nItems) / nCat));
    }
  }
  const data: Interactions = {
    nUsers,
    nItems,
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: new Float32Array(users.length).fill(1),
  };
  const trend = new Float64Array(nItems);
  for (const i of items) trend[i]! += 1;
  return { data, itemCategory, nCat, trend, rng };
}
