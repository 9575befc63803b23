/**
 * Content-based item similarity — the seed's §4.2 formula
 *   sim(i, j) = Σ_k w_k · sim_k(f_ik, f_jk) / Σ_k w_k
 * over the attributes both items have (an attribute missing on either side drops out of both sums):
 *   category  shared-prefix depth ratio: |common prefix of the two paths| / max(depth_i, depth_j); an item listed in
 *             several categories takes the closest pair of paths
 *   brand     equality (case- and space-insensitive)
 *   price     log-price distance: max(0, 1 − |log2 p_i − log2 p_j| / priceOctaves)   (default 2 octaves: ×4 → 0)
 *   colour, size, material, tags   token Jaccard |A ∩ B| / |A ∪ B| (single words: equality)
 *   text      TF-IDF cosine over title/description (text.ts; Intl.Segmenter, so Chinese titles work)
 * Weights are options (defaults below), can be changed with `withWeights`, and fitted by content-fit.ts.
 *
 * @example
 * const content = fitContent([
 *   { categoryPath: ['women', 'dresses'], brand: 'Acme', price: 40, colour: 'red', text: 'red silk dress' },
 *   { categoryPath: ['women', 'dresses'], brand: 'Acme', price: 45, colour: 'blue', text: 'blue silk dress' },
 * ]);
 * content.similarItems(0, 1)[0].breakdown; // [{ attribute: 'category', weight: 3, similarity: 1 }, …]
 */
import { fitTfidf, documentVector, tokenize, type Tfidf } from './text';
import { TopKHeap } from './top-k';
import type { Csr, Explanation, Scored } from './types';

export type ItemAttributes = {
  /** root → leaf, e.g. ['women', 'dresses', 'maxi'] */
  categoryPath?: readonly string[];
  /** the other categories the item is listed in, each root → leaf (the closest pair of paths counts) */
  otherCategoryPaths?: readonly (readonly string[])[];
  brand?: string;
  price?: number;
  colour?: string;
  size?: string;
  material?: string;
  tags?: readonly string[];
  /** title and/or description */
  text?: string;
};

export const CONTENT_ATTRIBUTES = ['category', 'brand', 'price', 'colour', 'size', 'material', 'tags', 'text'] as const;
export type ContentAttribute = (typeof CONTENT_ATTRIBUTES)[number];
export type ContentWeights = Record<ContentAttribute, number>;
export const DEFAULT_CONTENT_WEIGHTS: ContentWeights = {
  category: 3,
  brand: 2,
  price: 1,
  colour: 1,
  size: 0.5,
  material: 0.5,
  tags: 1,
  text: 2,
};

export type ContentOptions = { weights?: Partial<ContentWeights>; priceOctaves?: number; locale?: string };
export type AttributeBreakdown = { attribute: ContentAttribute; weight: number; similarity: number }[];
export type SimilarItem = Scored & { breakdown: AttributeBreakdown };

/** the encoded catalogue shared by every weighting of it */
export type ContentFeatures = {
  nItems: number;
  categoryLevels: Int32Array[];
  /** the interned levels of each item's other category paths (empty for most items) */
  otherCategoryLevels: Int32Array[][];
  brand: Int32Array;
  log2Price: Float64Array;
  sets: Record<'colour' | 'size' | 'material' | 'tags', Int32Array[]>;
  tfidf: Tfidf;
  priceOctaves: number;
  locale: string;
  /** interned keys ('cat:women/dresses', 'brand:acme', 'colour:red' …) → ids used in the arrays above */
  intern: ReadonlyMap<string, number>;
};

export type ContentModel = {
  nItems: number;
  weights: ContentWeights;
  features: ContentFeatures;
  similarity(i: number, j: number): number;
  breakdown(i: number, j: number): AttributeBreakdown;
  /** per-attribute similarities of item i to every item (NaN = attribute missing on one side) */
  attributeRows(i: number): Record<ContentAttribute, Float32Array>;
  /** weighted similarity of item i to every item, into out */
  similarityRow(i: number, out: Float32Array): void;
  similarItems(i: number, n: number, options?: { exclude?: Uint8Array }): SimilarItem[];
  explain(anchor: number, item: number): Explanation;
  withWeights(weights: Partial<ContentWeights>): ContentModel;
};

/**
 * Encodes the catalogue and returns the weighted similarity model.
 *
 * @example
 * fitContent(items, { weights: { text: 4, price: 0 } }).similarity(0, 1);
 */
export function fitContent(items: readonly ItemAttributes[], options: ContentOptions = {}): ContentModel {
  const { priceOctaves = 2, locale = 'zh' } = options;
  if (!(priceOctaves > 0)) throw new RangeError(`fitContent: priceOctaves must be positive, got ${priceOctaves}`);
  const intern = new Map<string, number>();
  const id = (s: string) => {
    let v = intern.get(s);
    if (v === undefined) {
      v = intern.size;
      intern.set(s, v);
    }
    return v;
  };
  const norm = normalizeValue;
  const tokenSet = (s: string | readonly string[] | undefined, field: string) => {
    if (s === undefined) return new Int32Array(0);
    const toks = typeof s === 'string' ? tokenize(s, { locale, stopWords: new Set() }) : s.map(norm);
    return Int32Array.from(new Set(toks.map((t) => id(`${field}:${t}`)))).sort();
  };
  const levelsOf = (path: readonly string[]) =>
    Int32Array.from(
      path.map((_, l) =>
        id(
          `cat:${path
            .slice(0, l + 1)
            .map(norm)
            .join('/')}`,
        ),
      ),
    );
  const features: ContentFeatures = {
    nItems: items.length,
    categoryLevels: items.map((it) => levelsOf(it.categoryPath ?? [])),
    otherCategoryLevels: items.map((it) => (it.otherCategoryPaths ?? []).map(levelsOf)),
    brand: Int32Array.from(items, (it) => (it.brand && norm(it.brand) ? id(`brand:${norm(it.brand)}`) : -1)),
    log2Price: Float64Array.from(items, (it) => (it.price !== undefined && it.price > 0 ? Math.log2(it.price) : NaN)),
    sets: {
      colour: items.map((it) => tokenSet(it.colour, 'colour')),
      size: items.map((it) => tokenSet(it.size, 'size')),
      material: items.map((it) => tokenSet(it.material, 'material')),
      tags: items.map((it) => tokenSet(it.tags, 'tags')),
    },
    tfidf: fitTfidf(
      items.map((it) => it.text ?? ''),
      { locale },
    ),
    priceOctaves,
    locale,
    intern,
  };
  return modelFor(features, { ...DEFAULT_CONTENT_WEIGHTS, ...options.weights });
}

/** the normal form of attribute values: NFKC, trimmed, lower-case, single spaces */
export function normalizeValue(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

function jaccard(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 || b.length === 0) return NaN;
  let p = 0,
    q = 0,
    common = 0;
  while (p < a.length && q < b.length) {
    if (a[p] === b[q]) {
      common++;
      p++;
      q++;
    } else if (a[p]! < b[q]!) p++;
    else q++;
  }
  return common / (a.length + b.length - common);
}

/** |common prefix| / max(depth): how far two category paths run together */
function sharedPrefixRatio(a: Int32Array, b: Int32Array) {
  let d = 0;
  while (d < a.length && d < b.length && a[d] === b[d]) d++;
  return d / Math.max(a.length, b.length);
}

/** per-attribute similarity of items i and j (NaN when either lacks the attribute) */
export function attributeSimilarity(f: ContentFeatures, attribute: ContentAttribute, i: number, j: number): number {
  switch (attribute) {
    case 'category': {
      const mine = [f.categoryLevels[i]!, ...f.otherCategoryLevels[i]!].filter((l) => l.length > 0);
      const theirs = [f.categoryLevels[j]!, ...f.otherCategoryLevels[j]!].filter((l) => l.length > 0);
      if (mine.length === 0 || theirs.length === 0) return NaN;
      let best = 0;
      for (const a of mine) for (const b of theirs) best = Math.max(best, sharedPrefixRatio(a, b));
      return best;
    }
    case 'brand':
      return f.brand[i]! < 0 || f.brand[j]! < 0 ? NaN : f.brand[i] === f.brand[j] ? 1 : 0;
    case 'price': {
      const d = Math.abs(f.log2Price[i]! - f.log2Price[j]!);
      return Number.isNaN(d) ? NaN : Math.max(0, 1 - d / f.priceOctaves);
    }
    case 'text': {
      const m = f.tfidf.matrix;
      if (m.rowPtr[i] === m.rowPtr[i + 1] || m.rowPtr[j] === m.rowPtr[j + 1]) return NaN;
      return f.tfidf.cosine(i, j);
    }
    default:
      return jaccard(f.sets[attribute][i]!, f.sets[attribute][j]!);
  }
}

function modelFor(features: ContentFeatures, weights: ContentWeights): ContentModel {
  for (const a of CONTENT_ATTRIBUTES)
    if (!(weights[a] >= 0)) throw new RangeError(`fitContent: weight of ${a} must be ≥ 0, got ${weights[a]}`);
  const n = features.nItems;
  const active = CONTENT_ATTRIBUTES.filter((a) => weights[a] > 0);
  const combine = (get: (a: ContentAttribute) => number) => {
    let num = 0,
      den = 0;
    for (const a of active) {
      const s = get(a);
      if (Number.isNaN(s)) continue;
      num += weights[a] * s;
      den += weights[a];
    }
    return den === 0 ? 0 : num / den;
  };
  const model: ContentModel = {
    nItems: n,
    weights,
    features,
    similarity: (i, j) => combine((a) => attributeSimilarity(features, a, i, j)),
    breakdown: (i, j) =>
      active
        .map((attribute) => ({
          attribute,
          weight: weights[attribute],
          similarity: attributeSimilarity(features, attribute, i, j),
        }))
        .filter((b) => !Number.isNaN(b.similarity))
        .map((b) => ({ ...b, similarity: Math.round(b.similarity * 1000) / 1000 })),
    attributeRows(i) {
      const rows = {} as Record<ContentAttribute, Float32Array>;
      for (const a of CONTENT_ATTRIBUTES) {
        const row = new Float32Array(n);
        if (a === 'text') {
          const m = features.tfidf.matrix;
          features.tfidf.cosineAll(documentVector(features.tfidf, i), row);
          const empty = m.rowPtr[i] === m.rowPtr[i + 1];
          for (let j = 0; j < n; j++) if (empty || m.rowPtr[j] === m.rowPtr[j + 1]) row[j] = NaN;
        } else for (let j = 0; j < n; j++) row[j] = attributeSimilarity(features, a, i, j);
        rows[a] = row;
      }
      return rows;
    },
    similarityRow(i, out) {
      const rows = model.attributeRows(i);
      for (let j = 0; j < n; j++) out[j] = combine((a) => rows[a][j]!);
    },
    similarItems(i, k, options = {}) {
      if (!(i >= 0 && i < n)) throw new RangeError(`similarItems: item ${i} is outside 0..${n - 1}`);
      const row = new Float32Array(n);
      model.similarityRow(i, row);
      row[i] = -Infinity;
      const heap = new TopKHeap(k);
      for (let j = 0; j < n; j++) if (!options.exclude?.[j] && row[j]! > 0) heap.push(j, row[j]!);
      const idx = new Int32Array(heap.size),
        val = new Float64Array(heap.size);
      heap.drainSorted(idx, val);
      return Array.from(idx, (item, r) => ({ item, score: val[r]!, breakdown: model.breakdown(i, item) }));
    },
    explain: (anchor, item) => ({
      kind: 'attributes',
      anchorItem: anchor,
      similarity: Math.round(model.similarity(anchor, item) * 1000) / 1000,
      breakdown: model.breakdown(anchor, item),
    }),
    withWeights: (w) => modelFor(features, { ...weights, ...w }),
  };
  return model;
}

/**
 * Top-k content neighbours of every item (all pairs, O(n²·attributes)), as an item × item Csr best first —
 * the input of `fitContentRanking` and of hybrid explanations.
 */
export function contentNeighbours(model: ContentModel, k: number): Csr {
  const n = model.nItems;
  const kk = Math.min(k, Math.max(0, n - 1));
  const rowPtr = new Int32Array(n + 1),
    colIdx = new Int32Array(n * kk),
    values = new Float32Array(n * kk);
  const row = new Float32Array(n),
    heap = new TopKHeap(kk),
    idx = new Int32Array(kk),
    val = new Float64Array(kk);
  let out = 0;
  for (let i = 0; i < n; i++) {
    rowPtr[i] = out;
    model.similarityRow(i, row);
    heap.reset();
    for (let j = 0; j < n; j++) if (j !== i && row[j]! > 0 && row[j]! > heap.threshold) heap.push(j, row[j]!);
    const m = heap.drainSorted(idx, val);
    for (let r = 0; r < m; r++) {
      colIdx[out] = idx[r]!;
      values[out++] = val[r]!;
    }
  }
  rowPtr[n] = out;
  return { nRows: n, nCols: n, rowPtr, colIdx: colIdx.slice(0, out), values: values.slice(0, out) };
}
