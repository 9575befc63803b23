/**
 * Similar items of a product: content similarity (the seed's weighted attribute formula, with its per-attribute
 * breakdown) blended with "bought together" co-occurrence from behaviour,
 *   score(j) = 0.6 · content(i, j) + 0.4 · cooc(i, j) / max_j cooc(i, j),
 * inactive and sold-out items excluded. A product newer than the model is matched by its attributes alone, against
 * the whole current catalogue (`similar-new.ts`).
 */
import 'server-only';
import { z } from 'zod';
import { TopKHeap } from '@/lib/engine/recommendation/top-k';
import { reader, type Reader } from '@/lib/db/recommendations/query';
import { findProductId } from '@/lib/db/recommendations/source';
import { AppError } from '@/lib/errors';
import { LOCALES } from '@/lib/i18n/translate';
import { parseInput } from '../validate';
import type { Actor } from '../auth/actor';
import { categoryRef, describe, productRef, sentence, type Reason } from './explain';
import { emptyHistory } from '@/lib/engine/recommendation/serving-core';
import type { Bundle } from './serving/bundle';
import { servingBundle } from './serving/state';
import { authorizeRead, type RecommendedItem } from './recommend';
import { rawDb } from '@/lib/db/connections';
import { similarToNewProduct } from './similar-new';

const CONTENT_SHARE = 0.6;

export const similarQuerySchema = z.object({
  /** id or SKU (the API's path segment) */
  product: z.string().trim().min(1).max(200),
  /** the database id, when the caller has it (product page) */
  productId: z.coerce.number().int().positive().optional(),
  k: z.coerce.number().int().min(1).max(50).default(10),
  lang: z.enum(LOCALES).default('en'),
});

export type SimilarItem = RecommendedItem & { breakdown: { attribute: string; weight: number; similarity: number }[] };

type SimilarResult = {
  product: { productId: number; sku: string; title: string };
  model: { runId: number | null; name: string; version: number };
  items: SimilarItem[];
};

/** Answers do not depend on the customer: kept per bundle until availability or content weights change. */
const answers = new WeakMap<Bundle, Map<string, SimilarResult>>();

/** GET /api/v1/products/{id-or-sku}/similar and the product page. */
export async function similarProducts(actor: Actor | null, input: unknown): Promise<SimilarResult> {
  authorizeRead(actor);
  const q = parseInput(similarQuerySchema, input);
  const bundle = await servingBundle();
  const r = reader(rawDb());
  const productId = q.productId ?? (await findProductId(r, q.product));
  if (productId === null)
    throw new AppError('NOT_FOUND', 'errors.recommendations.unknownProduct', { product: q.product });
  let cache = answers.get(bundle);
  if (!cache) {
    cache = new Map();
    answers.set(bundle, cache);
  }
  const key = `${productId}|${q.k}|${q.lang}|${bundle.live.version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  if (cache.size >= 10_000) cache.clear();
  const result = await computeSimilar(bundle, r, productId, q);
  cache.set(key, result);
  return result;
}

async function computeSimilar(
  bundle: Bundle,
  r: Reader,
  productId: number,
  q: z.infer<typeof similarQuerySchema>,
): Promise<SimilarResult> {
  const anchor = bundle.itemIndex.get(productId);
  if (anchor === undefined) {
    const fresh = await similarToNewProduct(bundle, r, productId, q);
    if (!fresh) throw new AppError('NOT_FOUND', 'errors.recommendations.unknownProduct', { product: q.product });
    return {
      product: fresh.self,
      model: { runId: bundle.runId, name: bundle.model, version: bundle.version },
      items: fresh.items,
    };
  }
  const n = bundle.nItems;
  const score = new Float32Array(n);
  bundle.content.similarityRow(anchor, score);
  for (let j = 0; j < n; j++) score[j] = CONTENT_SHARE * score[j]!;
  const { rowPtr, colIdx, values } = bundle.cooc;
  let max = 0;
  for (let s = rowPtr[anchor]!; s < rowPtr[anchor + 1]!; s++) max = Math.max(max, values[s]!);
  if (max > 0)
    for (let s = rowPtr[anchor]!; s < rowPtr[anchor + 1]!; s++)
      score[colIdx[s]!]! += ((1 - CONTENT_SHARE) * values[s]!) / max;
  score[anchor] = -Infinity;
  const self = productRef(bundle, anchor, q.lang);
  const heap = new TopKHeap(q.k);
  for (let j = 0; j < n; j++) if (!bundle.unavailable[j] && score[j]! > 0) heap.push(j, score[j]!);
  const idx = new Int32Array(heap.size),
    val = new Float64Array(heap.size);
  heap.drainSorted(idx, val);
  const ctx = { bundle, history: emptyHistory(), locale: q.lang, favouriteCategory: -1, subject: self };
  const items = Array.from(idx, (item, rank): SimilarItem => {
    const content = bundle.content.explain(anchor, item);
    const reasons: Reason[] = [describe(content, ctx)];
    const together = coocOf(bundle.cooc, anchor, item);
    if (together > 0) {
      reasons.push({
        kind: 'bought-together',
        text: sentence(q.lang, 'recommendations.reasons.boughtTogether', {
          title: self.title,
          similarity: together.toFixed(2),
        }),
        data: { anchor: self, similarity: Math.round(together * 1000) / 1000 },
      });
    }
    const p = bundle.products[item]!;
    return {
      productId: p.id,
      sku: p.sku,
      title: p.title,
      titleZh: p.titleZh,
      price: p.price,
      imageUrl: p.imageUrl,
      category: categoryRef(bundle, p.categoryId, q.lang),
      score: Math.round(val[rank]! * 10_000) / 10_000,
      reasons,
      breakdown: content.kind === 'attributes' ? content.breakdown : [],
    };
  });
  return { product: self, model: { runId: bundle.runId, name: bundle.model, version: bundle.version }, items };
}

function coocOf(cooc: { rowPtr: Int32Array; colIdx: Int32Array; values: Float32Array }, i: number, j: number): number {
  for (let s = cooc.rowPtr[i]!; s < cooc.rowPtr[i + 1]!; s++) if (cooc.colIdx[s] === j) return cooc.values[s]!;
  return 0;
}
