/**
 * The hybrid recommender the service layer calls: blended collaborative models for customers with history,
 * cold-start fallbacks (content/profile, then popularity — "trending in your favourite category" when the
 * favourite category is known), business rules, optional MMR diversity, and explanations for every item.
 *
 * Strategy for customer u:
 *   1. 'collaborative' if u has ≥ minHistory training interactions: Σ_m w_m·ŝ_m (hybrid.ts), each item explained
 *      by the models that contributed most (item-kNN "because you interacted with X (similarity s)", user-kNN
 *      "customers like you (n neighbours)", content "attributes", popularity "trending/popular");
 *   2. 'profile' if a profile (stated preferences or a few items) is given and content is available;
 *   3. 'popularity' otherwise; lists are topped up from popularity when a strategy finds too few items.
 *
 * @example
 * const rec = createRecommender({ models: [{ model: itemKnn, weight: 1 }], history: trainCsr, popularity: pop, content });
 * rec.recommend(42, { n: 10, mmrLambda: 0.8 }); // { strategy: 'collaborative', items: [{ item, score, explanations }] }
 * rec.recommend(null, { profile: { categories: [['women', 'dresses']] } }); // a new visitor
 */
import type { ContentModel } from './content';
import { profileExplainer, scoreProfile, type CustomerProfile } from './content-profile';
import { applyBusinessRules, minMaxInPlace, mmrRerank, type BusinessRules, type ExplainableModel } from './hybrid';
import type { PopularityModel } from './popularity';
import { topKScored } from './top-k';
import type { Csr, Explanation, Recommendation } from './types';

export type RecommenderParts = {
  models: readonly { model: ExplainableModel; weight: number }[];
  /** training history (user × item) */
  history: Csr;
  popularity: PopularityModel;
  /** optional: "trending in your favourite category" */
  categoryPopularity?: PopularityModel & { favouriteCategory(user: number): number };
  content?: ContentModel;
  itemCategory?: ArrayLike<number>;
};

export type RecommendOptions = {
  n?: number;
  /** extra rules; `purchased` defaults to the customer's history */
  rules?: BusinessRules;
  /** MMR trade-off (1 = no diversification, default); needs `similarity` or a content model */
  mmrLambda?: number;
  similarity?: (a: number, b: number) => number;
  profile?: CustomerProfile;
  /** interactions needed for the collaborative strategy; default 1 */
  minHistory?: number;
  /** explanations kept per item; default 2 */
  maxExplanations?: number;
};

export type RecommendResult = { strategy: 'collaborative' | 'profile' | 'popularity'; items: Recommendation[] };

export function createRecommender(parts: RecommenderParts) {
  const nItems = parts.popularity.nItems;
  for (const { model } of parts.models)
    if (model.nItems !== nItems)
      throw new RangeError(`createRecommender: ${model.name} has ${model.nItems} items, expected ${nItems}`);
  const historyOf = (u: number | null): number[] =>
    u === null || u < 0 || u >= parts.history.nRows
      ? []
      : Array.from(parts.history.colIdx.subarray(parts.history.rowPtr[u]!, parts.history.rowPtr[u + 1]!));

  function popularityExplanation(u: number | null, item: number): Explanation {
    const cp = parts.categoryPopularity;
    const fav = cp && u !== null && u >= 0 ? cp.favouriteCategory(u) : -1;
    const cat = parts.itemCategory?.[item];
    if (cp && fav >= 0 && cat === fav) return cp.explain(item, fav);
    return parts.popularity.explain(item, cat !== undefined && cat >= 0 ? cat : undefined);
  }

  /**
   * Recommendations for customer `user` (null = anonymous visitor).
   */
  function recommend(user: number | null, options: RecommendOptions = {}): RecommendResult {
    const { n = 10, mmrLambda = 1, minHistory = 1, maxExplanations = 2 } = options;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`recommend: n must be a positive integer, got ${n}`);
    const history = historyOf(user);
    const rules: BusinessRules = {
      ...options.rules,
      purchased: options.rules?.purchased ?? history,
      itemCategory: options.rules?.itemCategory ?? parts.itemCategory,
    };
    const scores = new Float32Array(nItems);
    const perModel: Float32Array[] = [];
    let strategy: RecommendResult['strategy'];
    if (user !== null && history.length >= minHistory && parts.models.length > 0) {
      strategy = 'collaborative';
      for (const { model, weight } of parts.models) {
        const s = new Float32Array(nItems);
        model.scoreUser(user, s);
        minMaxInPlace(s);
        for (let i = 0; i < nItems; i++) {
          s[i] = weight * s[i]!;
          scores[i]! += s[i]!;
        }
        perModel.push(s);
      }
    } else if (parts.content && options.profile && hasProfile(options.profile)) {
      strategy = 'profile';
      scoreProfile(parts.content, options.profile, scores);
    } else {
      strategy = 'popularity';
      const fav = parts.categoryPopularity && user !== null ? parts.categoryPopularity : undefined;
      (fav ?? parts.popularity).scoreUser(user ?? -1, scores);
    }
    applyBusinessRules(scores, rules);
    // items no model supports are left to the popularity top-up (with its own explanation)
    if (strategy !== 'popularity') for (let i = 0; i < nItems; i++) if (!(scores[i]! > 0)) scores[i] = -Infinity;
    const pool = mmrLambda < 1 ? 5 * n : n;
    let top = toScored(topKScored(scores, pool));
    if (mmrLambda < 1) {
      const sim = options.similarity ?? (parts.content ? parts.content.similarity : undefined);
      if (!sim) throw new RangeError('recommend: MMR needs options.similarity or a content model');
      top = mmrRerank(top, sim, { lambda: mmrLambda, n });
    }
    top = top.slice(0, n);
    const fromProfile = strategy === 'profile' ? profileExplainer(parts.content!, options.profile!) : undefined;
    const items: Recommendation[] = top.map(({ item, score }) => ({
      item,
      score,
      explanations: fromProfile ? [fromProfile(item)] : explain(user, item, strategy, perModel, maxExplanations),
    }));
    if (items.length < n) topUp(user, items, n, rules);
    return { strategy, items };
  }

  function explain(
    user: number | null,
    item: number,
    strategy: RecommendResult['strategy'],
    perModel: Float32Array[],
    max: number,
  ): Explanation[] {
    if (strategy === 'popularity') return [popularityExplanation(user, item)];
    const ranked = parts.models
      .map(({ model }, m) => ({ model, contribution: perModel[m]![item]! }))
      .filter((x) => x.contribution > 0)
      .sort((a, b) => b.contribution - a.contribution)
      .slice(0, max);
    return ranked.map(
      ({ model, contribution }): Explanation =>
        model.explain
          ? model.explain(user!, item)
          : { kind: 'latent-factors', score: Math.round(contribution * 1000) / 1000 },
    );
  }

  function topUp(user: number | null, items: Recommendation[], n: number, rules: BusinessRules) {
    const s = new Float32Array(nItems);
    parts.popularity.scoreUser(user ?? -1, s);
    applyBusinessRules(s, rules);
    for (const r of items) s[r.item] = -Infinity;
    for (const { item, score } of toScored(topKScored(s, n - items.length)))
      items.push({ item, score, explanations: [popularityExplanation(user, item)] });
  }

  return { recommend };
}

function hasProfile(p: CustomerProfile): boolean {
  return !!(
    p.categories?.length ||
    p.brands?.length ||
    p.price ||
    p.colours?.length ||
    p.sizes?.length ||
    p.materials?.length ||
    p.tags?.length ||
    p.text?.trim() ||
    p.items?.length
  );
}

function toScored(r: { items: Int32Array; scores: Float64Array }) {
  return Array.from(r.items, (item, k) => ({ item, score: r.scores[k]! }));
}
