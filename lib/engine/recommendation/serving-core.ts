/**
 * Ranking one customer's history with a loaded model (pure): the engine's hybrid recommender (`createRecommender`)
 * over the bundle's component models bound to this history, with business rules (items the customer already bought
 * — or viewed, as the offline protocol masks every training item — excluded unless their category is repurchasable;
 * inactive, sold-out and explicitly excluded items never; optional category filter),
 * MMR diversity over content similarity, cold-start fallbacks (profile → content, otherwise trending in the
 * customer's favourite category, otherwise trending) and explanations for every item.
 */
import type { ContentModel } from './content';
import type { CustomerProfile } from './content-profile';
import { createRecommender, type RecommendResult } from './recommender';
import type { ExplainableModel } from './hybrid';
import type { Csr, Explanation, Recommendation } from './types';
import { categoryTrending, type LivePopularity } from './models/popularity';
import type { RequestHistory, ServingModel } from './models/types';

export type ServingCore = {
  nItems: number;
  components: readonly { model: ServingModel; weight: number }[];
  popularity: LivePopularity;
  content: ContentModel;
  /** leaf category id of each item (−1 none) */
  itemCategory: Int32Array;
  /** item → the other categories it is listed in (a product in two categories passes a filter on either) */
  itemOtherCategories?: ReadonlyMap<number, readonly number[]>;
  /** 1 = inactive or sold out (kept current by the serving process) */
  unavailable: Uint8Array;
  /** leaf category ids whose items may be bought again */
  repurchasable: ReadonlySet<number>;
  /** item–item similarity for MMR (default: content similarity) */
  similarity?: (a: number, b: number) => number;
};

export type RankOptions = {
  n: number;
  mmrLambda?: number;
  /** only items of these leaf categories */
  categoryFilter?: ReadonlySet<number>;
  /** item indices never to return */
  exclude?: readonly number[];
  profile?: CustomerProfile;
};

export type Ranked = { strategy: RecommendResult['strategy']; items: Recommendation[]; favouriteCategory: number };

const NOTHING: Explanation = { kind: 'latent-factors', score: Number.NaN };
const EMPTY_HISTORY: RequestHistory = {
  user: -1,
  items: new Int32Array(0),
  values: new Float32Array(0),
  kinds: new Uint8Array(0),
  sequence: new Int32Array(0),
  live: true,
};

export function emptyHistory(): RequestHistory {
  return EMPTY_HISTORY;
}

function oneRow(h: RequestHistory, nItems: number): Csr {
  return { nRows: 1, nCols: nItems, rowPtr: Int32Array.of(0, h.items.length), colIdx: h.items, values: h.values };
}

/**
 * Items not to recommend again: everything the history interacted with (a bought item, and one already viewed or
 * carted — the evaluation masks all of them too); repurchasable categories are let through by the rules.
 */
export function seenItems(h: RequestHistory): number[] {
  return Array.from(h.items);
}

/** The availability mask with the request's exclusions added (a copy only when there are exclusions). */
function blockedMask(core: ServingCore, exclude: readonly number[] | undefined): Uint8Array {
  if (!exclude?.length) return core.unavailable;
  const mask = Uint8Array.from(core.unavailable);
  for (const i of exclude) if (i >= 0 && i < mask.length) mask[i] = 1;
  return mask;
}

/**
 * Ranks items for a history (`known` = a customer we have, so the favourite-category fallback applies; an unknown
 * visitor gets plain trending). Deterministic for the same inputs.
 */
export function rankForHistory(core: ServingCore, h: RequestHistory, known: boolean, options: RankOptions): Ranked {
  const trendingByCategory = categoryTrending(core.popularity, core.itemCategory, h);
  const models = core.components
    .filter((c) => c.weight > 0)
    .map(({ model, weight }) => ({
      weight,
      model: {
        name: model.kind,
        nItems: core.nItems,
        scoreUser: (_u: number, out: Float32Array) => model.score(h, out),
        explain: (_u: number, item: number) => model.explain(h, item) ?? NOTHING,
      } satisfies ExplainableModel,
    }));
  const recommender = createRecommender({
    models,
    history: oneRow(h, core.nItems),
    popularity: core.popularity,
    categoryPopularity: trendingByCategory,
    content: core.content,
    itemCategory: core.itemCategory,
  });
  const result = recommender.recommend(known || h.items.length > 0 ? 0 : null, {
    n: options.n,
    mmrLambda: options.mmrLambda ?? 1,
    similarity: core.similarity ?? core.content.similarity,
    ...(options.profile ? { profile: options.profile } : {}),
    rules: {
      purchased: seenItems(h),
      outOfStock: blockedMask(core, options.exclude),
      itemCategory: core.itemCategory,
      repurchasableCategories: core.repurchasable,
      ...(options.categoryFilter ? { categoryFilter: options.categoryFilter } : {}),
      ...(core.itemOtherCategories ? { itemOtherCategories: core.itemOtherCategories } : {}),
    },
  });
  const favouriteCategory = trendingByCategory.favouriteCategory();
  const items = result.items.map((r) => {
    const explanations = r.explanations.filter((e) => !(e.kind === 'latent-factors' && Number.isNaN(e.score)));
    return {
      ...r,
      explanations: explanations.length ? explanations : [core.popularity.explain(r.item, core.itemCategory[r.item]!)],
    };
  });
  return { strategy: result.strategy, items, favouriteCategory };
}

/** Whether an item passes the request's rules (for lists ranked earlier, e.g. precomputed ones). */
export function allowed(
  core: ServingCore,
  item: number,
  purchased: ReadonlySet<number>,
  options: RankOptions,
): boolean {
  if (core.unavailable[item]) return false;
  if (options.exclude?.includes(item)) return false;
  const cat = core.itemCategory[item]!;
  const filter = options.categoryFilter;
  if (filter && !filter.has(cat) && !core.itemOtherCategories?.get(item)?.some((c) => filter.has(c))) return false;
  if (purchased.has(item) && !core.repurchasable.has(cat)) return false;
  return true;
}

/**
 * Explanations of an item ranked earlier (a precomputed list): each weighted component's reason, heaviest component
 * first and trending last (the least personal reason), at most 2.
 */
export function explainItem(core: ServingCore, h: RequestHistory, item: number): Explanation[] {
  const out: Explanation[] = [];
  const order = (c: { model: ServingModel; weight: number }) => (c.model.kind === 'popularity' ? -1 : c.weight);
  for (const { model } of [...core.components].filter((c) => c.weight > 0).sort((a, b) => order(b) - order(a))) {
    const e = model.explain(h, item);
    if (e) out.push(e);
    if (out.length === 2) break;
  }
  return out.length ? out : [core.popularity.explain(item, core.itemCategory[item]!)];
}

/**
 * Content similarity memoised per pair (MMR compares the same popular items for many customers); the cache is
 * cleared when it reaches a million pairs.
 *
 * @example
 * core.similarity = memoSimilarity(core.content, core.nItems);
 */
export function memoSimilarity(content: ContentModel, nItems: number): (a: number, b: number) => number {
  const cache = new Map<number, number>();
  return (a, b) => {
    const key = a < b ? a * nItems + b : b * nItems + a;
    let v = cache.get(key);
    if (v === undefined) {
      if (cache.size >= 1_000_000) cache.clear();
      v = content.similarity(a, b);
      cache.set(key, v);
    }
    return v;
  };
}
