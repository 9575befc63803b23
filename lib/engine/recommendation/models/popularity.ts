/**
 * Live popularity: trending counters that the serving process keeps adding to as events arrive.
 *   trend(i) = Σ_k w_k · 2^((t_k − t_ref) / halfLife)
 * measured against a fixed reference time t_ref, so a new event is one addition (scaling every item by the same
 * factor does not change the ranking); `trendNow(i)` rescales to the present for explanations. `purchases(i)` counts
 * purchases. Implements the engine's PopularityModel, so the engine's recommender uses it for fallbacks.
 */
import type { PopularityModel } from '../popularity';
import { TopKHeap } from '../top-k';
import type { Explanation, Interactions } from '../types';
import { PURCHASE } from '../histories';
import type { ModelFamily, RequestHistory } from './types';

const DAY_MS = 86_400_000;

export type LivePopularity = PopularityModel & {
  halfLifeDays: number;
  tRef: number;
  purchases: Float64Array;
  add(item: number, weight: number, ts: number, isPurchase: boolean): void;
  /** decayed count as of `now` (default: the clock's time) */
  trendNow(item: number, now?: number): number;
};

/**
 * Live popularity over trending counters referenced to `tRef`. `clock` gives the present for explanations
 * (`trendNow`); the serving process passes `Date.now`, and without one the present is `tRef`.
 *
 * @example
 * const pop = createPopularity(trend, purchases, 14, tRef, Date.now);
 * pop.add(item, 8, Date.now(), true); // a purchase just now
 */
export function createPopularity(
  trend: Float64Array,
  purchases: Float64Array,
  halfLifeDays: number,
  tRef: number,
  clock: () => number = () => tRef,
): LivePopularity {
  const nItems = trend.length;
  const pop: LivePopularity = {
    name: 'trending',
    nItems,
    scores: trend,
    purchases,
    halfLifeDays,
    tRef,
    scoreUser(_user, out) {
      for (let i = 0; i < nItems; i++) out[i] = trend[i]!;
    },
    topItems(k, opts = {}) {
      const heap = new TopKHeap(k);
      for (let i = 0; i < nItems; i++) {
        if (opts.exclude?.[i]) continue;
        if (opts.category !== undefined && opts.itemCategory?.[i] !== opts.category) continue;
        heap.push(i, trend[i]!);
      }
      const idx = new Int32Array(heap.size),
        val = new Float64Array(heap.size);
      heap.drainSorted(idx, val);
      return Array.from(idx, (item, r) => ({ item, score: val[r]! }));
    },
    explain(item, category): Explanation {
      return {
        kind: 'trending',
        score: Math.round(pop.trendNow(item) * 100) / 100,
        ...(category !== undefined && category >= 0 ? { category } : {}),
      };
    },
    add(item, weight, ts, isPurchase) {
      if (!(item >= 0 && item < nItems)) return;
      trend[item]! += weight * 2 ** ((ts - tRef) / (halfLifeDays * DAY_MS));
      if (isPurchase) purchases[item]!++;
    },
    trendNow(item, now = clock()) {
      return (trend[item] ?? 0) * 2 ** (-(Math.max(now, tRef) - tRef) / (halfLifeDays * DAY_MS));
    },
  };
  return pop;
}

/** Popularity of some interactions (values = event weights; kinds per row), referenced to `tRef`. */
export function fitLivePopularity(
  data: Interactions,
  kinds: Uint8Array | undefined,
  halfLifeDays: number,
  tRef: number,
): LivePopularity {
  const pop = createPopularity(new Float64Array(data.nItems), new Float64Array(data.nItems), halfLifeDays, tRef);
  for (let k = 0; k < data.users.length; k++)
    pop.add(data.items[k]!, data.values[k]!, data.timestamps?.[k] ?? tRef, kinds?.[k] === PURCHASE);
  return pop;
}

/** The category holding most of a history's weight (−1 when none). */
export function favouriteCategoryOf(itemCategory: Int32Array, h: RequestHistory): number {
  const share = new Map<number, number>();
  for (let k = 0; k < h.items.length; k++) {
    const c = itemCategory[h.items[k]!]!;
    if (c >= 0) share.set(c, (share.get(c) ?? 0) + h.values[k]!);
  }
  let favourite = -1,
    best = 0;
  for (const [c, s] of share) {
    if (s > best || (s === best && c < favourite)) {
      favourite = c;
      best = s;
    }
  }
  return favourite;
}

/**
 * "Trending in your favourite category" for one history: score(i) = share(cat(i)) + trend(i) / (1 + max trend),
 * share = the history's weight in the item's category (as the engine's fitCategoryPopularity).
 */
export function categoryTrending(pop: LivePopularity, itemCategory: Int32Array, h: RequestHistory) {
  const share = new Map<number, number>();
  let total = 0;
  for (let k = 0; k < h.items.length; k++) {
    const c = itemCategory[h.items[k]!]!;
    if (c < 0) continue;
    share.set(c, (share.get(c) ?? 0) + h.values[k]!);
    total += h.values[k]!;
  }
  let favourite = -1,
    best = 0;
  for (const [c, s] of share) {
    if (s > best || (s === best && c < favourite)) {
      favourite = c;
      best = s;
    }
  }
  let maxTrend = 0;
  for (const v of pop.scores) if (v > maxTrend) maxTrend = v;
  return {
    ...pop,
    name: 'trending-by-category',
    scoreUser(_user: number, out: Float32Array) {
      for (let i = 0; i < pop.nItems; i++) {
        const c = itemCategory[i]!;
        out[i] = (c >= 0 && total > 0 ? (share.get(c) ?? 0) / total : 0) + pop.scores[i]! / (1 + maxTrend);
      }
    },
    favouriteCategory: () => favourite,
  };
}

export const popularityFamily: ModelFamily = {
  kind: 'popularity',
  async fit() {
    return { buffers: {}, params: {} };
  },
  load(_fitted, shared) {
    const pop = shared.popularity;
    return {
      kind: 'popularity',
      nItems: shared.nItems,
      score(_h, out) {
        pop.scoreUser(-1, out);
      },
      explain(_h, item) {
        return pop.explain(item, shared.itemCategory[item]);
      },
    };
  },
};
