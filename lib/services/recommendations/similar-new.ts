/**
 * Similar items of a product the serving model has not seen (added or imported after training): the content model
 * is fitted on the whole current catalogue, so the product is compared with every product, new ones included, by
 * its own category tree, brand, price, attributes and text. Kept until the catalogue changes (count or last update).
 */
import 'server-only';
import { fitContent, type ContentModel } from '@/lib/engine/recommendation/content';
import { emptyHistory } from '@/lib/engine/recommendation/serving-core';
import { TopKHeap } from '@/lib/engine/recommendation/top-k';
import { loadCatalogue, type CatalogueCategory, type CatalogueProduct } from '@/lib/db/recommendations/catalogue';
import type { Reader } from '@/lib/db/recommendations/query';
import type { Locale } from '@/lib/i18n/translate';
import { isAvailable, itemAttributes } from './data';
import { describe, type ProductRef } from './explain';
import type { Bundle } from './serving/bundle';
import type { SimilarItem } from './similar';

type CatalogueContent = {
  key: string;
  products: CatalogueProduct[];
  index: Map<number, number>;
  categories: Map<number, CatalogueCategory>;
  content: ContentModel;
};

let cached: CatalogueContent | null = null;

async function catalogueContent(r: Reader, bundle: Bundle): Promise<CatalogueContent> {
  const catalogue = await loadCatalogue(r);
  let last = 0;
  for (const p of catalogue.products) last = Math.max(last, p.updatedAt);
  const key = `${catalogue.products.length}|${last}|${catalogue.categories.length}|${JSON.stringify(bundle.settings.contentWeights)}`;
  if (cached?.key === key) return cached;
  const content = fitContent(catalogue.products.map(itemAttributes), { weights: bundle.settings.contentWeights });
  cached = {
    key,
    products: catalogue.products,
    index: new Map(catalogue.products.map((p, i) => [p.id, i])),
    categories: new Map(catalogue.categories.map((c) => [c.id, c])),
    content,
  };
  return cached;
}

/** The k most similar available products to `productId` over the whole catalogue, with attribute reasons. */
export async function similarToNewProduct(
  bundle: Bundle,
  r: Reader,
  productId: number,
  q: { k: number; lang: Locale },
): Promise<{ self: ProductRef; items: SimilarItem[] } | null> {
  const c = await catalogueContent(r, bundle);
  const anchor = c.index.get(productId);
  if (anchor === undefined) return null;
  const n = c.products.length;
  const score = new Float32Array(n);
  c.content.similarityRow(anchor, score);
  const heap = new TopKHeap(q.k);
  for (let j = 0; j < n; j++) if (j !== anchor && isAvailable(c.products[j]!) && score[j]! > 0) heap.push(j, score[j]!);
  const idx = new Int32Array(heap.size),
    val = new Float64Array(heap.size);
  heap.drainSorted(idx, val);
  const ref = (p: CatalogueProduct): ProductRef => ({
    productId: p.id,
    sku: p.sku,
    title: (q.lang === 'zh-CN' && p.titleZh) || p.title,
  });
  const self = ref(c.products[anchor]!);
  const ctx = { bundle, history: emptyHistory(), locale: q.lang, favouriteCategory: -1, subject: self };
  const items = Array.from(idx, (item, rank): SimilarItem => {
    const e = c.content.explain(anchor, item);
    // `subject`: the reason speaks of the product page's product (its index is in this catalogue, not the bundle)
    const reason = describe(e, ctx);
    const p = c.products[item]!;
    const category = c.categories.get(p.categoryId);
    return {
      productId: p.id,
      sku: p.sku,
      title: p.title,
      titleZh: p.titleZh,
      price: p.price,
      imageUrl: p.imageUrl,
      category: category
        ? {
            categoryId: category.id,
            path: category.path,
            name: (q.lang === 'zh-CN' && category.nameZh) || category.name,
          }
        : null,
      score: Math.round(val[rank]! * 10_000) / 10_000,
      reasons: [reason],
      breakdown: e.kind === 'attributes' ? e.breakdown : [],
    };
  });
  return { self, items };
}
