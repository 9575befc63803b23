/**
 * The catalogue: category tree from taxonomy-data, products spread over leaves by weight, log-normal prices per
 * leaf scaled by the brand's tier and the size, bilingual titles, a few inactive and out-of-stock products.
 */
import {
  ADJECTIVES,
  BOOK_FIRST,
  BOOK_SECOND,
  BRANDS,
  COLOURS,
  DEVICE_COLOURS,
  SHADES,
  SIZE_PRICE,
  SIZES,
  type BrandSpec,
} from './brand-data';
import { DAY_MS } from './calendar';
import { chance, logNormal, normal, pick, randBetween, randInt, type Rng } from './random';
import { LEAVES, TOPS, type AttributeKind } from './taxonomy-data';
import type { Leaf, Product, TopCategory } from './types';

const TOP_CODES = ['SPT', 'FSH', 'ELC', 'HOM', 'BTY', 'BOK', 'FOD', 'BBY'];

export type Catalogue = { tops: TopCategory[]; leaves: Leaf[]; products: Product[] };

export type BuildCatalogueOptions = { products: number; start: number; end: number };

export function buildTops(): TopCategory[] {
  return TOPS.map((t, index) => ({ index, ...t }));
}

export function buildLeaves(tops: readonly TopCategory[]): Leaf[] {
  return LEAVES.map((l, index) => {
    const top = tops.find((t) => t.name === l.top);
    if (!top) throw new RangeError(`buildLeaves: unknown top category ${l.top}`);
    const siblings = LEAVES.filter((x) => x.top === l.top).reduce((s, x) => s + x.weight, 0);
    return {
      index,
      top: top.index,
      path: `${top.name} > ${l.path}`,
      pathZh: `${top.nameZh} > ${l.pathZh}`,
      noun: l.noun,
      nounZh: l.nounZh,
      kind: l.kind,
      medianPrice: l.medianPrice,
      weight: (top.weight * l.weight) / siblings,
      queries: l.queries,
      queriesZh: l.queriesZh,
      ...(l.audience ? { audience: l.audience } : {}),
      products: [],
    };
  });
}

/** Brands allowed to sell in a leaf (top category listed, and `only` prefixes matching if given). */
export function brandsForLeaf(leaf: Leaf, tops: readonly TopCategory[]): BrandSpec[] {
  const top = tops[leaf.top] as TopCategory;
  const below = leaf.path.slice(top.name.length + 3);
  return BRANDS.filter((b) => b.tops.includes(top.name) && (!b.only || b.only.some((p) => below.startsWith(p))));
}

/** Largest-remainder split of `total` over `weights`, at least 1 each. */
function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const spare = total - weights.length;
  const raw = weights.map((w) => (spare * w) / sum);
  const counts = raw.map((r) => 1 + Math.floor(r));
  let left = total - counts.reduce((s, c) => s + c, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const i = (order[k] as readonly [number, number])[1];
    counts[i] = (counts[i] as number) + 1;
  }
  return counts;
}

/** Chinese-style price points: 2999, 459, 45.9. */
export function roundPrice(p: number): number {
  if (p >= 1000) return Math.round(p / 100) * 100 - 1;
  if (p >= 100) return Math.round(p / 10) * 10 - 1;
  return Math.max(2, Math.round(p)) - 0.1;
}

function colourFor(rng: Rng, kind: AttributeKind): readonly [string, string] | null {
  if (kind === 'apparel' || kind === 'shoes' || kind === 'kids' || kind === 'coloured') return pick(rng, COLOURS);
  if (kind === 'storage' || kind === 'screen') return pick(rng, DEVICE_COLOURS);
  if (kind === 'shade') return pick(rng, SHADES);
  return null;
}

function makeProduct(
  rng: Rng,
  index: number,
  leaf: Leaf,
  top: TopCategory,
  brands: readonly BrandSpec[],
  opts: BuildCatalogueOptions,
): Product {
  const brand = pick(rng, brands);
  const spec = LEAVES[leaf.index]!;
  const colour = colourFor(rng, leaf.kind);
  const sizes = SIZES[leaf.kind];
  const sizeIdx = sizes ? randInt(rng, sizes.length) : -1;
  const size = sizes ? (sizes[sizeIdx] as string) : null;
  const sizeMult = SIZE_PRICE[leaf.kind]?.[sizeIdx] ?? 1;
  const material = pick(rng, spec.materials);
  const price = roundPrice(leaf.medianPrice * brand.tier * sizeMult * logNormal(rng, 1, LEAVES[leaf.index]!.sigma));
  const [adj, adjZh] = pick(rng, ADJECTIVES);
  const series = `${pick(rng, ['S', 'X', 'R', 'T', 'V'])}${randBetween(rng, 1, 9)}`;
  let title: string;
  let titleZh: string;
  if (leaf.kind === 'book') {
    const [a, aZh] = pick(rng, BOOK_FIRST);
    const [b, bZh] = pick(rng, BOOK_SECOND);
    title = `${a} ${b} – ${leaf.noun} (${brand.name})`;
    titleZh = `《${aZh}${bZh}》${leaf.nounZh}`;
  } else {
    title = `${brand.name} ${adj} ${leaf.noun} ${series}${colour ? `, ${colour[0]}` : ''}`;
    titleZh = `${brand.nameZh} ${adjZh}${leaf.nounZh} ${series}${colour ? ` ${colour[1]}` : ''}`;
  }
  const details = [colour ? colour[0].toLowerCase() : null, material, size ? `size ${size}` : null]
    .filter(Boolean)
    .join(', ');
  const zh = chance(rng, 0.6) ? ` ${pick(rng, top.taglinesZh)}` : '';
  const description =
    leaf.kind === 'book'
      ? `A ${leaf.noun.toLowerCase()} published by ${brand.name} (${details}).${zh}`
      : `${adj} ${leaf.noun.toLowerCase()} by ${brand.name} (${details}).${zh}`;
  const active = !chance(rng, 0.03);
  const popularity = logNormal(rng, 1, 0.9);
  const isOutOfStock = chance(rng, 0.04);
  const windowDays = Math.max(1, Math.floor((opts.end - opts.start) / DAY_MS));
  const offDay = Math.floor(windowDays * (0.15 + 0.8 * rng.next()));
  return {
    index,
    sku: `${TOP_CODES[top.index]}-${String(index + 1).padStart(5, '0')}`,
    title,
    titleZh,
    description,
    leaf: leaf.index,
    top: top.index,
    brand: brand.name,
    price,
    color: colour ? colour[0] : null,
    size,
    material,
    stock: isOutOfStock || !active ? 0 : Math.max(1, Math.round(logNormal(rng, 40 * Math.sqrt(popularity), 0.7))),
    active,
    deactivatedAt: active ? null : opts.start + offDay * DAY_MS,
    popularity,
    quality: Math.min(4.9, Math.max(2.2, 4.1 + 0.45 * normal(rng))),
  };
}

/**
 * Builds the category tree and `products` products (at least one per leaf).
 * @example buildCatalogue(createRng(42, 'catalogue'), { products: 1000, start, end }).products.length // 1000
 */
export function buildCatalogue(rng: Rng, opts: BuildCatalogueOptions): Catalogue {
  if (!Number.isInteger(opts.products) || opts.products < LEAVES.length) {
    throw new RangeError(`buildCatalogue: products must be an integer ≥ ${LEAVES.length} (got ${opts.products})`);
  }
  const tops = buildTops();
  const leaves = buildLeaves(tops);
  const counts = allocate(
    opts.products,
    leaves.map((l) => l.weight),
  );
  const products: Product[] = [];
  for (const leaf of leaves) {
    const top = tops[leaf.top] as TopCategory;
    const brands = brandsForLeaf(leaf, tops);
    if (brands.length === 0) throw new RangeError(`buildCatalogue: no brand sells in ${leaf.path}`);
    for (let k = 0; k < (counts[leaf.index] as number); k++) {
      const product = makeProduct(rng, products.length, leaf, top, brands, opts);
      leaf.products.push(product.index);
      products.push(product);
    }
  }
  return { tops, leaves, products };
}
