import type { CustomerAffinity } from './affinity';
import type { CategoryTree } from './category-tree';

export type PortraitVectorOptions = {
  /** categories down to this depth get a dimension (default 1: roots and their children) */
  maxCategoryDepth?: number;
  /** at most this many category dimensions, the most frequent in the shop first (default 256) */
  maxCategoryDims?: number;
  /** this many brand dimensions: the shop's brands with the most customers (default 50) */
  maxBrandDims?: number;
  /** block weights before the final normalisation (defaults: categories 1, brands 0.5, price bands 0.5, RFM 0.5) */
  blockWeights?: { categories?: number; brands?: number; priceBands?: number; rfm?: number };
};

/** What each dimension of a portrait vector means. */
export type PortraitVectorLayout = {
  dim: number;
  /** dense category index → dimension, or -1 */
  categoryDim: Int32Array;
  /** brand index → dimension, or -1 */
  brandDim: Int32Array;
  priceBandOffset: number;
  rfmOffset: number;
  blockWeights: Required<NonNullable<PortraitVectorOptions['blockWeights']>>;
  labels: string[];
};

/**
 * Chooses the dimensions from the shop's affinities: category nodes down to `maxCategoryDepth` and the brands
 * present in most customers' affinities, then 3 price bands and R, F, M.
 *
 * @example
 * const layout = buildPortraitLayout(aff.customers, tree, brands); // layout.dim = categories + brands + 3 + 3
 */
export function buildPortraitLayout(
  customers: readonly CustomerAffinity[],
  tree: CategoryTree,
  brands: readonly string[],
  options: PortraitVectorOptions = {},
): PortraitVectorLayout {
  const { maxCategoryDepth = 1, maxCategoryDims = 256, maxBrandDims = 50 } = options;
  const blockWeights = { categories: 1, brands: 0.5, priceBands: 0.5, rfm: 0.5, ...options.blockWeights };
  const catFreq = new Float64Array(tree.nodes.length);
  const brandFreq = new Float64Array(brands.length);
  for (const c of customers) {
    for (const e of c.categories) catFreq[e.index]!++;
    for (const e of c.brands) brandFreq[e.index]!++;
  }
  const pick = (freq: Float64Array, ok: (k: number) => boolean, max: number) =>
    Array.from(freq.keys())
      .filter((k) => ok(k) && freq[k]! > 0)
      .sort((a, b) => freq[b]! - freq[a]! || a - b)
      .slice(0, max);
  const cats = pick(catFreq, (k) => tree.depth[k]! <= maxCategoryDepth, maxCategoryDims);
  const brs = pick(brandFreq, () => true, maxBrandDims);
  const categoryDim = new Int32Array(tree.nodes.length).fill(-1);
  const brandDim = new Int32Array(brands.length).fill(-1);
  const labels: string[] = [];
  cats.forEach((k) => {
    categoryDim[k] = labels.length;
    labels.push(`category:${tree.nodes[k]!.id}`);
  });
  brs.forEach((k) => {
    brandDim[k] = labels.length;
    labels.push(`brand:${brands[k]}`);
  });
  const priceBandOffset = labels.length;
  labels.push('price:budget', 'price:mid', 'price:premium');
  const rfmOffset = labels.length;
  labels.push('rfm:r', 'rfm:f', 'rfm:m');
  return { dim: labels.length, categoryDim, brandDim, priceBandOffset, rfmOffset, blockWeights, labels };
}

/**
 * A customer's portrait vector, written into `out` (length layout.dim): affinity shares per category, brand and
 * price band, and (R−1)/4, (F−1)/4, (M−1)/4 (zeros without orders), each block scaled by its weight, then the whole
 * vector L2-normalised so that cosine similarity is a dot product. An empty portrait stays all zeros.
 *
 * @example
 * const v = new Float32Array(layout.dim);
 * writePortraitVector(layout, aff.customers[k], { r: 5, f: 3, m: 4 }, v);
 */
export function writePortraitVector(
  layout: PortraitVectorLayout,
  aff: CustomerAffinity | undefined,
  rfm: { r: number; f: number; m: number } | null,
  out: Float32Array,
): Float32Array {
  if (out.length !== layout.dim) throw new RangeError(`writePortraitVector: out must have length ${layout.dim}`);
  out.fill(0);
  const w = layout.blockWeights;
  if (aff) {
    for (const e of aff.categories)
      if (layout.categoryDim[e.index]! >= 0) out[layout.categoryDim[e.index]!] = w.categories * e.share;
    for (const e of aff.brands) if (layout.brandDim[e.index]! >= 0) out[layout.brandDim[e.index]!] = w.brands * e.share;
    for (const e of aff.priceBands) out[layout.priceBandOffset + e.index] = w.priceBands * e.share;
  }
  if (rfm) {
    out[layout.rfmOffset] = (w.rfm * (rfm.r - 1)) / 4;
    out[layout.rfmOffset + 1] = (w.rfm * (rfm.f - 1)) / 4;
    out[layout.rfmOffset + 2] = (w.rfm * (rfm.m - 1)) / 4;
  }
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += out[i]! * out[i]!;
  if (norm > 0) {
    const s = 1 / Math.sqrt(norm);
    for (let i = 0; i < out.length; i++) out[i]! *= s;
  }
  return out;
}

/**
 * Cosine similarity u·v / (‖u‖ ‖v‖); 0 when either vector is zero.
 *
 * @example
 * cosineSimilarity([1, 0], [1, 1]); // 0.7071…
 */
export function cosineSimilarity(u: ArrayLike<number>, v: ArrayLike<number>): number {
  if (u.length !== v.length) throw new RangeError('cosineSimilarity: vectors differ in length');
  let dot = 0;
  let nu = 0;
  let nv = 0;
  for (let i = 0; i < u.length; i++) {
    dot += u[i]! * v[i]!;
    nu += u[i]! * u[i]!;
    nv += v[i]! * v[i]!;
  }
  return nu > 0 && nv > 0 ? dot / Math.sqrt(nu * nv) : 0;
}

export type Lookalike = { row: number; similarity: number };

/**
 * Lookalike expansion: the `topN` rows most similar to a seed set that are not in it, by cosine similarity to the
 * seed centroid (mean of the seeds' unit vectors, re-normalised). `vectors` is row-major n × dim, rows already
 * L2-normalised (as `writePortraitVector` makes them); zero rows are never returned. Ties go to the lower row.
 *
 * @example
 * findLookalikes(vectors, layout.dim, seedRows, { topN: 100 }); // [{ row: 812, similarity: 0.97 }, …]
 */
export function findLookalikes(
  vectors: Float32Array,
  dim: number,
  seedRows: readonly number[],
  options: { topN?: number } = {},
): Lookalike[] {
  const { topN = 100 } = options;
  if (!(dim > 0) || vectors.length % dim !== 0) throw new RangeError('findLookalikes: vectors must be n × dim');
  const n = vectors.length / dim;
  const seeds = new Set(seedRows);
  const centroid = new Float64Array(dim);
  for (const s of seeds) {
    if (!(Number.isInteger(s) && s >= 0 && s < n)) throw new RangeError(`findLookalikes: seed row ${s} out of range`);
    for (let j = 0; j < dim; j++) centroid[j]! += vectors[s * dim + j]!;
  }
  let norm = 0;
  for (let j = 0; j < dim; j++) norm += centroid[j]! ** 2;
  if (norm === 0) return [];
  const inv = 1 / Math.sqrt(norm);
  const sims: Lookalike[] = [];
  for (let i = 0; i < n; i++) {
    if (seeds.has(i)) continue;
    let dot = 0;
    let nn = 0;
    for (let j = 0; j < dim; j++) {
      const v = vectors[i * dim + j]!;
      dot += v * centroid[j]!;
      nn += v * v;
    }
    if (nn === 0) continue;
    sims.push({ row: i, similarity: (dot * inv) / Math.sqrt(nn) });
  }
  sims.sort((a, b) => b.similarity - a.similarity || a.row - b.row);
  return sims.slice(0, topN);
}
