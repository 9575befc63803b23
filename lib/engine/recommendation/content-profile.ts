/**
 * Content-based scoring for customers: from their history (`fitContentRanking`, item-kNN-style over the
 * top-k content neighbours) or, for cold-start customers, from a profile of stated or inferred preferences
 * (`scoreProfile`).
 *
 * Profile score of item j, with the content model's weights, over the attributes present on both sides:
 *   category  max over preferred paths of the shared-prefix depth ratio
 *   brand     1 if j's brand is preferred, else 0
 *   price     1 − |log2 p_j − log2 p_profile| / priceOctaves (floored at 0)
 *   colour/size/material/tags   |preferred ∩ item tokens| / |item tokens| (share of the item's values preferred)
 *   text      TF-IDF cosine of the profile keywords and the item text
 * and, when `items` (a few interactions) are given, the mean content similarity to them; both parts present →
 * their average.
 *
 * @example
 * scoreProfile(content, { categories: [['women', 'dresses']], brands: ['Acme'], price: 40 }, out);
 */
import {
  CONTENT_ATTRIBUTES,
  contentNeighbours,
  normalizeValue,
  type ContentAttribute,
  type ContentModel,
} from './content';
import { buildCsr } from './csr';
import { tokenize } from './text';
import type { Csr, Explanation, Interactions, RankingModel } from './types';

export type CustomerProfile = {
  categories?: readonly (readonly string[])[];
  brands?: readonly string[];
  price?: number;
  colours?: readonly string[];
  sizes?: readonly string[];
  materials?: readonly string[];
  tags?: readonly string[];
  /** free-text interests, e.g. from search queries */
  text?: string;
  /** item indices the customer already interacted with (few) */
  items?: readonly number[];
};

/**
 * Fills `out` (length nItems) with the profile score of every item; see the file comment.
 *
 * @example
 * const out = new Float32Array(content.nItems);
 * scoreProfile(content, { brands: ['acme'] }, out); // 1 for Acme items, 0 for other brands
 */
export function scoreProfile(content: ContentModel, profile: CustomerProfile, out: Float32Array): void {
  if (out.length !== content.nItems)
    throw new RangeError(`scoreProfile: out has length ${out.length}, expected ${content.nItems}`);
  const p = compileProfile(content, profile);
  for (let j = 0; j < content.nItems; j++) out[j] = p.score(j);
}

/**
 * Why the profile matches `item`: the per-attribute breakdown (anchorItem −1 = the stated preferences, or the
 * most similar of `profile.items` when there are no stated attributes).
 *
 * @example
 * explainProfile(content, { brands: ['acme'] }, 4); // { kind: 'attributes', anchorItem: -1, similarity: 1, breakdown: [{ attribute: 'brand', … }] }
 */
export function explainProfile(content: ContentModel, profile: CustomerProfile, item: number): Explanation {
  return profileExplainer(content, profile)(item);
}

/** `explainProfile` for many items: compiles the profile once. */
export function profileExplainer(content: ContentModel, profile: CustomerProfile): (item: number) => Explanation {
  const p = compileProfile(content, profile);
  return (item) => {
    if (!p.hasAttributes && p.items.length > 0) {
      let anchor = p.items[0]!;
      for (const i of p.items) if (content.similarity(i, item) > content.similarity(anchor, item)) anchor = i;
      return content.explain(anchor, item);
    }
    const breakdown = CONTENT_ATTRIBUTES.filter((a) => content.weights[a] > 0)
      .map((attribute) => ({ attribute, weight: content.weights[attribute], similarity: p.attrSim(attribute, item) }))
      .filter((b) => !Number.isNaN(b.similarity))
      .map((b) => ({ ...b, similarity: Math.round(b.similarity * 1000) / 1000 }));
    return { kind: 'attributes', anchorItem: -1, similarity: Math.round(p.score(item) * 1000) / 1000, breakdown };
  };
}

function compileProfile(content: ContentModel, profile: CustomerProfile) {
  const f = content.features,
    n = content.nItems,
    w = content.weights;
  const key = (k: string) => f.intern.get(k) ?? -1;
  const paths = (profile.categories ?? []).map((p) =>
    p.map((_, l) =>
      key(
        `cat:${p
          .slice(0, l + 1)
          .map(normalizeValue)
          .join('/')}`,
      ),
    ),
  );
  const brands = new Set((profile.brands ?? []).map((b) => key(`brand:${normalizeValue(b)}`)));
  const sets: Partial<Record<'colour' | 'size' | 'material' | 'tags', Set<number>>> = {};
  const addSet = (
    field: 'colour' | 'size' | 'material' | 'tags',
    values: readonly string[] | undefined,
    split: boolean,
  ) => {
    if (!values?.length) return;
    const toks = values.flatMap((v) =>
      split ? tokenize(v, { locale: f.locale, stopWords: new Set() }) : [normalizeValue(v)],
    );
    sets[field] = new Set(toks.map((t) => key(`${field}:${t}`)));
  };
  addSet('colour', profile.colours, true);
  addSet('size', profile.sizes, true);
  addSet('material', profile.materials, true);
  addSet('tags', profile.tags, false);
  const text = new Float32Array(n);
  const hasText = !!profile.text && profile.text.trim().length > 0;
  if (hasText) f.tfidf.cosineAll(f.tfidf.transform(profile.text!), text);
  const logPrice = profile.price !== undefined && profile.price > 0 ? Math.log2(profile.price) : NaN;
  const attrSim = (a: ContentAttribute, j: number): number => {
    switch (a) {
      case 'category': {
        const lv = f.categoryLevels[j]!;
        if (paths.length === 0 || lv.length === 0) return NaN;
        let best = 0;
        for (const p of paths) {
          let d = 0;
          while (d < p.length && d < lv.length && p[d] === lv[d]) d++;
          best = Math.max(best, d / Math.max(p.length, lv.length));
        }
        return best;
      }
      case 'brand':
        return brands.size === 0 || f.brand[j]! < 0 ? NaN : brands.has(f.brand[j]!) ? 1 : 0;
      case 'price':
        return Number.isNaN(logPrice) || Number.isNaN(f.log2Price[j]!)
          ? NaN
          : Math.max(0, 1 - Math.abs(logPrice - f.log2Price[j]!) / f.priceOctaves);
      case 'text':
        return hasText && f.tfidf.matrix.rowPtr[j] !== f.tfidf.matrix.rowPtr[j + 1] ? text[j]! : NaN;
      default: {
        const pref = sets[a],
          toks = f.sets[a][j]!;
        if (!pref || toks.length === 0) return NaN;
        let hit = 0;
        for (const t of toks) if (pref.has(t)) hit++;
        return hit / toks.length;
      }
    }
  };
  const hasAttributes =
    paths.length > 0 || brands.size > 0 || !Number.isNaN(logPrice) || hasText || Object.keys(sets).length > 0;
  const items = (profile.items ?? []).filter((i) => i >= 0 && i < n);
  const itemPart = new Float32Array(n);
  if (items.length > 0) {
    const row = new Float32Array(n);
    for (const i of items) {
      content.similarityRow(i, row);
      for (let j = 0; j < n; j++) itemPart[j]! += row[j]! / items.length;
    }
  }
  const score = (j: number) => {
    let num = 0,
      den = 0;
    if (hasAttributes) {
      for (const a of CONTENT_ATTRIBUTES) {
        if (!(w[a] > 0)) continue;
        const s = attrSim(a, j);
        if (!Number.isNaN(s)) {
          num += w[a] * s;
          den += w[a];
        }
      }
    }
    const attr = den > 0 ? num / den : 0;
    return hasAttributes && items.length > 0 ? (attr + itemPart[j]!) / 2 : hasAttributes ? attr : itemPart[j]!;
  };
  return { attrSim, score, hasAttributes, items };
}

export type ContentRankingModel = RankingModel & { neighbours: Csr; explain(user: number, item: number): Explanation };

/**
 * A RankingModel from content similarity: score(u, i) = Σ_{j ∈ I_u} s_ji over the k content neighbours of
 * each history item (like item-kNN, but with attribute similarity instead of co-occurrence).
 *
 * @example
 * fitContentRanking(content, train, { k: 50 }).scoreUser(u, out);
 */
export function fitContentRanking(
  content: ContentModel,
  train: Interactions,
  options: { k?: number; neighbours?: Csr } = {},
): ContentRankingModel {
  const { k = 50 } = options;
  if (train.nItems !== content.nItems)
    throw new RangeError(`fitContentRanking: train has ${train.nItems} items, content ${content.nItems}`);
  const neighbours = options.neighbours ?? contentNeighbours(content, k);
  const history = buildCsr(train, { aggregate: 'binary' });
  const best = (user: number, item: number) => {
    let anchor = -1,
      sim = 0;
    for (let t = history.rowPtr[user] ?? 0; t < (history.rowPtr[user + 1] ?? 0); t++) {
      const j = history.colIdx[t]!;
      for (let s = neighbours.rowPtr[j]!; s < neighbours.rowPtr[j + 1]!; s++) {
        if (neighbours.colIdx[s] === item && neighbours.values[s]! > sim) {
          sim = neighbours.values[s]!;
          anchor = j;
        }
      }
    }
    return anchor;
  };
  return {
    name: 'content',
    nItems: content.nItems,
    neighbours,
    scoreUser(u, out) {
      out.fill(0);
      if (u < 0 || u >= history.nRows) return;
      for (let t = history.rowPtr[u]!; t < history.rowPtr[u + 1]!; t++) {
        const j = history.colIdx[t]!;
        for (let s = neighbours.rowPtr[j]!; s < neighbours.rowPtr[j + 1]!; s++)
          out[neighbours.colIdx[s]!]! += neighbours.values[s]!;
      }
    },
    explain(user, item) {
      const anchor = best(user, item);
      return anchor < 0
        ? { kind: 'attributes', anchorItem: -1, similarity: 0, breakdown: [] }
        : content.explain(anchor, item);
    },
  };
}
