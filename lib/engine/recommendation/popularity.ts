/**
 * Popularity baselines and cold-start fallbacks.
 *
 *   overall:  pop(i) = Σ_k w_k over interactions k with item i, w_k = 1 per distinct user ('users', default),
 *             1 per interaction ('interactions') or the interaction value ('sum', e.g. quantity)
 *   trending: trend(i) = Σ_k w_k · 2^(−(now − t_k) / halfLife)  (exponential time decay with a half-life)
 *   category: the same scores restricted to one category; `fitCategoryPopularity` ranks, for each user, items of the
 *             categories they interact with most first (share of their interactions), by popularity inside each
 *
 * @example
 * const pop = fitPopularity(train);                       // RankingModel: the same list for everybody
 * pop.topItems(5, { category: 3, itemCategory });         // best sellers of category 3
 * const hot = fitPopularity(train, { halfLifeDays: 7 });  // trending, now = the latest timestamp
 */
import type { Explanation, Interactions, RankingModel, Scored } from './types';
import { validateInteractions } from './csr';
import { TopKHeap } from './top-k';

export type PopularityOptions = {
  /** what one interaction counts for; default 'users' (distinct users per item) */
  weight?: 'users' | 'interactions' | 'sum';
  /** exponential decay half-life in days; omitted → no decay. Needs timestamps (epoch ms). */
  halfLifeDays?: number;
  /** reference time (epoch ms) for the decay; default the latest timestamp in the data */
  now?: number;
};

export type PopularityModel = RankingModel & {
  /** score per item (count or decayed count) */
  scores: Float64Array;
  /** best k items, optionally only of one category and skipping excluded ones */
  topItems(
    k: number,
    options?: { category?: number; itemCategory?: ArrayLike<number>; exclude?: Uint8Array },
  ): Scored[];
  explain(item: number, category?: number): Explanation;
};

const DAY_MS = 86_400_000;

/**
 * Fits overall or trending popularity.
 *
 * @example
 * fitPopularity({ nUsers: 2, nItems: 2, users: Int32Array.of(0, 1, 1), items: Int32Array.of(1, 1, 0),
 *   values: Float32Array.of(1, 1, 1) }).scores; // Float64Array [1, 2]
 */
export function fitPopularity(train: Interactions, options: PopularityOptions = {}): PopularityModel {
  const { weight = 'users', halfLifeDays } = options;
  validateInteractions(train, 'fitPopularity');
  if (halfLifeDays !== undefined && !(halfLifeDays > 0))
    throw new RangeError(`fitPopularity: halfLifeDays must be positive, got ${halfLifeDays}`);
  const ts = train.timestamps;
  if (halfLifeDays !== undefined && !ts)
    throw new RangeError('fitPopularity: trending (halfLifeDays) needs timestamps');
  let now = options.now ?? -Infinity;
  if (halfLifeDays !== undefined && options.now === undefined)
    for (let k = 0; k < ts!.length; k++) now = Math.max(now, ts![k]!);
  const scores = new Float64Array(train.nItems);
  const n = train.users.length;
  // 'users': count each (user, item) pair once, at its latest time
  const keep = weight === 'users' ? latestPerPair(train) : null;
  for (let k = 0; k < n; k++) {
    if (keep && !keep[k]) continue;
    let w = weight === 'sum' ? train.values[k]! : 1;
    if (halfLifeDays !== undefined) w *= 2 ** (-(now - ts![k]!) / (halfLifeDays * DAY_MS));
    scores[train.items[k]!]! += w;
  }
  const trending = halfLifeDays !== undefined;
  return {
    name: trending ? 'trending' : 'popularity',
    nItems: train.nItems,
    scores,
    scoreUser(_user: number, out: Float32Array) {
      for (let i = 0; i < scores.length; i++) out[i] = scores[i]!;
    },
    topItems(k, opts = {}) {
      const heap = new TopKHeap(k);
      for (let i = 0; i < scores.length; i++) {
        if (opts.exclude?.[i]) continue;
        if (opts.category !== undefined && opts.itemCategory?.[i] !== opts.category) continue;
        heap.push(i, scores[i]!);
      }
      const idx = new Int32Array(heap.size),
        val = new Float64Array(heap.size);
      heap.drainSorted(idx, val);
      return Array.from(idx, (item, r) => ({ item, score: val[r]! }));
    },
    explain(item, category) {
      return trending
        ? { kind: 'trending', score: scores[item] ?? 0, ...(category !== undefined ? { category } : {}) }
        : { kind: 'popular', count: scores[item] ?? 0, ...(category !== undefined ? { category } : {}) };
    },
  };
}

/** marks, for every distinct (user, item) pair, the one interaction that represents it (the last in input order) */
function latestPerPair(train: Interactions): Uint8Array {
  const n = train.users.length;
  const keep = new Uint8Array(n);
  const seen = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const key = train.users[k]! * train.nItems + train.items[k]!;
    const prev = seen.get(key);
    if (prev === undefined || !train.timestamps || train.timestamps[k]! >= train.timestamps[prev]!) seen.set(key, k);
  }
  for (const k of seen.values()) keep[k] = 1;
  return keep;
}

export type CategoryPopularityOptions = PopularityOptions & {
  /** category index of every item (length nItems); −1 = none */
  itemCategory: ArrayLike<number>;
};

/**
 * "Popular in your favourite categories": score(u, i) = share_u(cat(i)) + pop(i) / (1 + max pop), where
 * share_u(c) is the fraction of u's interactions in category c. Items of a user's top category come first,
 * ordered by popularity; users without history get plain popularity.
 *
 * @example
 * fitCategoryPopularity(train, { itemCategory, halfLifeDays: 14 }); // trending in your favourite category
 */
export function fitCategoryPopularity(
  train: Interactions,
  options: CategoryPopularityOptions,
): PopularityModel & { favouriteCategory(user: number): number } {
  const { itemCategory } = options;
  if (itemCategory.length !== train.nItems)
    throw new RangeError(
      `fitCategoryPopularity: itemCategory has ${itemCategory.length} entries, expected ${train.nItems}`,
    );
  const base = fitPopularity(train, options);
  let nCategories = 0;
  for (let i = 0; i < itemCategory.length; i++) nCategories = Math.max(nCategories, itemCategory[i]! + 1);
  const userRows: number[][] = Array.from({ length: train.nUsers }, () => []);
  for (let k = 0; k < train.users.length; k++) userRows[train.users[k]!]!.push(train.items[k]!);
  let maxPop = 0;
  for (const s of base.scores) maxPop = Math.max(maxPop, s);
  const share = new Float64Array(nCategories);
  const shares = (u: number) => {
    share.fill(0);
    const row = userRows[u] ?? [];
    for (const i of row) if (itemCategory[i]! >= 0) share[itemCategory[i]!]! += 1 / row.length;
    return share;
  };
  return {
    ...base,
    name: `${base.name}-by-category`,
    scoreUser(user, out) {
      const s = shares(user);
      for (let i = 0; i < base.nItems; i++) {
        const c = itemCategory[i]!;
        out[i] = (c >= 0 ? s[c]! : 0) + base.scores[i]! / (1 + maxPop);
      }
    },
    favouriteCategory(user) {
      const s = shares(user);
      let best = -1,
        bestShare = 0;
      for (let c = 0; c < nCategories; c++) {
        if (s[c]! > bestShare) {
          best = c;
          bestShare = s[c]!;
        }
      }
      return best;
    },
  };
}
