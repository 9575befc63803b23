/**
 * Every training customer's top-N list, ranked at training time with the served model and the business rules of
 * that moment. The serving process returns it (after re-checking availability, exclusions, the category filter and
 * diversity) for customers without newer events — no database read and no model scoring per request.
 */
import { historyOfUser } from '@/lib/engine/recommendation/models/types';
import { rankForHistory } from '@/lib/engine/recommendation/serving-core';
import type { Bundle } from './serving/bundle';

export async function precompute(
  bundle: Bundle,
  options: { n: number; signal?: AbortSignal },
): Promise<{ n: number; items: Int32Array; scores: Float32Array }> {
  const nUsers = bundle.history.nRows,
    n = options.n;
  const items = new Int32Array(nUsers * n).fill(-1);
  const scores = new Float32Array(nUsers * n);
  for (let u = 0; u < nUsers; u++) {
    if (u % 250 === 0) {
      options.signal?.throwIfAborted();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (bundle.history.rowPtr[u + 1] === bundle.history.rowPtr[u]) continue;
    const ranked = rankForHistory(bundle, historyOfUser(bundle, u, bundle.kinds), true, { n });
    ranked.items.forEach((r, t) => {
      items[u * n + t] = r.item;
      scores[u * n + t] = r.score;
    });
  }
  return { n, items, scores };
}
