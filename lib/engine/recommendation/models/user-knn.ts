/**
 * User-based collaborative filtering for implicit feedback, computed sparsely at request time:
 *   sim(h, v) = |H ∩ I_v| / (√|H| · √|I_v|)          (cosine on the 0/1 pattern, the engine's 'cosine-full')
 *   score(h, i) = Σ_{v ∈ N_k(h)} sim(h, v) · [i ∈ I_v]
 * over the k most similar training users, walking only the users who share an item with the history (item → users
 * lists), so no user × user matrix is stored and a customer's newest events count immediately. Equals the engine's
 * `fitUserKnn(…, { mode: 'implicit', neighbourhood: 'global' })` for a training user (unit-tested).
 * Explanation: "customers like you (n neighbours) …" — how many of the k neighbours had the item.
 */
import { transposeCsr } from '../csr';
import { TopKHeap } from '../top-k';
import type { Csr } from '../types';
import { tuneParams } from './tuning';
import { round3, type ModelFamily, type RequestHistory, type ServingModel } from './types';

type Neighbours = { users: Int32Array; sims: Float64Array };

export function userKnnModel(history: Csr, k: number): ServingModel & { neighbours(h: RequestHistory): Neighbours } {
  const byItem = transposeCsr(history);
  const nUsers = history.nRows,
    nItems = history.nCols;
  const norm = new Float64Array(nUsers);
  for (let u = 0; u < nUsers; u++) norm[u] = Math.sqrt(history.rowPtr[u + 1]! - history.rowPtr[u]!);
  const dot = new Float64Array(nUsers);
  const touched = new Int32Array(nUsers);
  const heap = new TopKHeap(k);
  const cache = new WeakMap<RequestHistory, Neighbours>();

  function neighbours(h: RequestHistory): Neighbours {
    const hit = cache.get(h);
    if (hit) return hit;
    let m = 0;
    for (let t = 0; t < h.items.length; t++) {
      const j = h.items[t]!;
      if (j >= byItem.nRows) continue;
      for (let p = byItem.rowPtr[j]!; p < byItem.rowPtr[j + 1]!; p++) {
        const v = byItem.colIdx[p]!;
        if (v === h.user) continue;
        if (dot[v] === 0) touched[m++] = v;
        dot[v]! += 1;
      }
    }
    heap.reset();
    const hNorm = Math.sqrt(h.items.length);
    for (let t = 0; t < m; t++) {
      const v = touched[t]!;
      heap.push(v, dot[v]! / (hNorm * norm[v]!));
      dot[v] = 0;
    }
    const users = new Int32Array(heap.size),
      sims = new Float64Array(heap.size);
    heap.drainSorted(users, sims);
    const out = { users, sims };
    cache.set(h, out);
    return out;
  }

  return {
    kind: 'user-knn',
    nItems,
    neighbours,
    score(h, out) {
      out.fill(0);
      const { users, sims } = neighbours(h);
      for (let r = 0; r < users.length; r++) {
        const v = users[r]!,
          w = sims[r]!;
        for (let p = history.rowPtr[v]!; p < history.rowPtr[v + 1]!; p++) out[history.colIdx[p]!]! += w;
      }
    },
    explain(h, item) {
      const { users, sims } = neighbours(h);
      let count = 0,
        support = 0;
      for (let r = 0; r < users.length; r++) {
        const v = users[r]!;
        let lo = history.rowPtr[v]!,
          hi = history.rowPtr[v + 1]! - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1,
            c = history.colIdx[mid]!;
          if (c === item) {
            count++;
            support += sims[r]!;
            break;
          }
          if (c < item) lo = mid + 1;
          else hi = mid - 1;
        }
      }
      return count > 0 ? { kind: 'similar-users', neighbours: count, support: round3(support) } : null;
    },
  };
}

export const userKnnFamily: ModelFamily = {
  kind: 'user-knn',
  async fit(input) {
    const tuned = await tuneParams(input, { k: [20, 50, 100] }, { k: 50 }, async (p, t) =>
      userKnnModel(t.shared(t.train).history, p.k),
    );
    return {
      buffers: {},
      params: {
        k: tuned.best.k,
        similarity: 'cosine',
        ...(tuned.score !== undefined ? { validationNdcg: round3(tuned.score) } : {}),
      },
    };
  },
  load(fitted, shared) {
    return userKnnModel(shared.history, Number(fitted.params.k ?? 50));
  },
};
