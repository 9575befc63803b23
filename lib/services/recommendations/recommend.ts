/**
 * Serving use-cases: a customer's recommendations (storefront API with an API key, or the app's pages) and similar
 * items of a product. Unknown customers get cold-start results, never an error. See serving/state.ts for how the
 * model is loaded and kept fresh, serving/core.ts for the ranking and rules, explain.ts for the reasons.
 */
import 'server-only';
import { z } from 'zod';
import { mmrRerank } from '@/lib/engine/recommendation/hybrid';
import { reader, type Reader } from '@/lib/db/recommendations/query';
import { findCustomerId } from '@/lib/db/recommendations/source';
import { AppError } from '@/lib/errors';
import { LOCALES, type Locale } from '@/lib/i18n/translate';
import { authorize, authorizeScope, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import { categoryRef, describe, type Reason } from './explain';
import { historyFor, profileFor } from './history';
import { favouriteCategoryOf } from '@/lib/engine/recommendation/models/popularity';
import type { RequestHistory } from '@/lib/engine/recommendation/models/types';
import { expandCategories, type Bundle } from './serving/bundle';
import {
  allowed,
  emptyHistory,
  explainItem,
  rankForHistory,
  seenItems,
  type RankOptions,
} from '@/lib/engine/recommendation/serving-core';
import { servingBundle } from './serving/state';
import { rawDb } from '@/lib/db/connections';

/** Storefronts read with an API key scoped recommendations:read; people with recommendations:view. */
export function authorizeRead(actor: Actor | null) {
  if (actor?.type === 'api_key') return authorizeScope(actor, 'recommendations:read');
  return authorize(actor, 'recommendations:view');
}

const list = z
  .string()
  .max(5000)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(200)).max(200, 'errors.recommendations.tooManyExcluded'));

export const recommendQuerySchema = z.object({
  customer: z.string().trim().min(1, "customer is required (the shop's customer id).").max(200),
  k: z.coerce.number().int().min(1).max(100).default(10),
  category: z.string().trim().min(1).max(500).optional(),
  exclude: list.optional(),
  lang: z.enum(LOCALES).default('en'),
});

export type RecommendedItem = {
  productId: number;
  sku: string;
  title: string;
  titleZh: string | null;
  price: number;
  imageUrl: string | null;
  category: { categoryId: number; path: string; name: string } | null;
  score: number;
  reasons: Reason[];
};

export type RecommendationList = {
  customer: string | null;
  known: boolean;
  strategy: 'collaborative' | 'profile' | 'popularity';
  source: 'precomputed' | 'live';
  model: { runId: number | null; name: string; version: number };
  items: RecommendedItem[];
};

const skuIndexes = new WeakMap<Bundle, Map<string, number>>();
function skuIndex(bundle: Bundle) {
  let m = skuIndexes.get(bundle);
  if (!m) {
    m = new Map(bundle.products.map((p, i) => [p.sku, i]));
    skuIndexes.set(bundle, m);
  }
  return m;
}

/** The category filter: an id or a path ("Sports > Running"), with every sub-category. */
export function categoryFilter(bundle: Bundle, category: string | undefined): Set<number> | undefined {
  if (category === undefined) return undefined;
  const wanted = category
    .split('>')
    .map((s) => s.trim().toLowerCase())
    .join(' > ');
  const match = [...bundle.categories.values()].find(
    (c) => String(c.id) === category || c.path.toLowerCase() === wanted,
  );
  if (!match) throw new AppError('INVALID_INPUT', 'errors.recommendations.unknownCategory', { category });
  return expandCategories(bundle.categories.values(), [match.id]);
}

function excludedItems(bundle: Bundle, exclude: readonly string[] | undefined): number[] {
  if (!exclude?.length) return [];
  const bySku = skuIndex(bundle);
  return exclude
    .map((x) => bySku.get(x) ?? (/^\d+$/.test(x) ? bundle.itemIndex.get(Number(x)) : undefined))
    .filter((i): i is number => i !== undefined);
}

function toItem(bundle: Bundle, item: number, score: number, reasons: Reason[], locale: Locale): RecommendedItem {
  const p = bundle.products[item]!;
  return {
    productId: p.id,
    sku: p.sku,
    title: p.title,
    titleZh: p.titleZh,
    price: p.price,
    imageUrl: p.imageUrl,
    category: categoryRef(bundle, p.categoryId, locale),
    score: Math.round(score * 10_000) / 10_000,
    reasons,
  };
}

/** A precomputed list filtered by today's rules, or null when too little of it survives. */
function fromPrecomputed(bundle: Bundle, h: RequestHistory, options: RankOptions) {
  const pre = bundle.precomputed;
  if (!pre || h.user < 0 || h.live) return null;
  const purchased = new Set(seenItems(h));
  const candidates: { item: number; score: number }[] = [];
  for (let t = 0; t < pre.n; t++) {
    const item = pre.items[h.user * pre.n + t]!;
    if (item < 0) break;
    if (allowed(bundle, item, purchased, options)) candidates.push({ item, score: pre.scores[h.user * pre.n + t]! });
  }
  if (candidates.length < options.n) return null;
  const lambda = options.mmrLambda ?? 1;
  if (!(lambda < 1)) return candidates.slice(0, options.n);
  // the stored order mixes model scores and popularity top-ups (different scales): diversify on rank, keep the scores
  const byRank = candidates.map((c, r) => ({ item: c.item, score: 1 - r / candidates.length }));
  const original = new Map(candidates.map((c) => [c.item, c.score]));
  return mmrRerank(byRank, bundle.similarity ?? bundle.content.similarity, { lambda, n: options.n }).map((c) => ({
    item: c.item,
    score: original.get(c.item)!,
  }));
}

async function serveCustomer(
  bundle: Bundle,
  r: Reader,
  customerId: number | null,
  q: { k: number; category?: string; exclude?: string[]; lang: Locale },
): Promise<Omit<RecommendationList, 'customer'> & { history: RequestHistory }> {
  const options: RankOptions = {
    n: q.k,
    mmrLambda: bundle.settings.mmrLambda,
    exclude: excludedItems(bundle, q.exclude),
  };
  const filter = categoryFilter(bundle, q.category);
  if (filter) options.categoryFilter = filter;
  const model = { runId: bundle.runId, name: bundle.model, version: bundle.version };
  let history = emptyHistory();
  if (customerId !== null) history = (await historyFor(bundle, r, customerId)).history;
  const pre = fromPrecomputed(bundle, history, options);
  if (pre) {
    const ctx = {
      bundle,
      history,
      locale: q.lang,
      favouriteCategory: favouriteCategoryOf(bundle.itemCategory, history),
    };
    const items = pre.map(({ item, score }) =>
      toItem(
        bundle,
        item,
        score,
        explainItem(bundle, history, item).map((e) => describe(e, ctx)),
        q.lang,
      ),
    );
    return { known: true, strategy: 'collaborative', source: 'precomputed', model, items, history };
  }
  if (customerId !== null && history.items.length === 0) {
    const profile = await profileFor(bundle, r, customerId);
    if (profile) options.profile = profile;
  }
  const ranked = rankForHistory(bundle, history, customerId !== null, options);
  const ctx = { bundle, history, locale: q.lang, favouriteCategory: ranked.favouriteCategory };
  const items = ranked.items.map((x) =>
    toItem(
      bundle,
      x.item,
      x.score,
      x.explanations.map((e) => describe(e, ctx)),
      q.lang,
    ),
  );
  return { known: customerId !== null, strategy: ranked.strategy, source: 'live', model, items, history };
}

/** How long the storefront server reuses an answer (see `stillValid`). */
export type AnswerCacheOptions = {
  /** any answer, and the time limit of answers for unknown customers and cold-start profiles */
  cacheMs?: number;
  /** a known customer's live answer, while nothing of theirs changed (it drifts only with trending counters) */
  liveAnswerMs?: number;
};

/**
 * GET /api/v1/recommendations: top-k for a customer by the shop's customer id, with reasons. Unknown customers get
 * trending items (cold start), never an error.
 */
export async function recommendForCustomer(
  actor: Actor | null,
  input: unknown,
  { cacheMs = 0, liveAnswerMs = cacheMs }: AnswerCacheOptions = {},
): Promise<RecommendationList> {
  authorizeRead(actor);
  const q = parseInput(recommendQuerySchema, input);
  const bundle = await servingBundle();
  const cache = cacheMs > 0 ? answerCache(bundle) : null;
  const key = cache ? JSON.stringify([q.customer, q.k, q.category, q.exclude, q.lang]) : '';
  const hit = cache?.get(key);
  if (hit && stillValid(hit, bundle, cacheMs, liveAnswerMs)) return hit.list;
  // read before the customer's history: behaviour seen after this point makes the answer stale
  const round = bundle.live.round;
  const r = reader(rawDb());
  const customerId = await findCustomerId(r, q.customer);
  const { history: _history, ...result } = await serveCustomer(bundle, r, customerId, q);
  const list = { customer: q.customer, ...result };
  if (cache) {
    if (cache.size >= ANSWER_CACHE_MAX) cache.clear();
    cache.set(key, { list, at: Date.now(), version: bundle.live.version, customerId, round });
  }
  return list;
}

type CachedAnswer = {
  list: RecommendationList;
  at: number;
  version: number;
  customerId: number | null;
  round: number;
};

/**
 * A cached answer is stale once products or settings changed (`live.version`) or its customer has newer behaviour
 * (`live.touched`: seen by the poll, at most a second after it was stored anywhere, or received by this process's
 * events API, at once). Otherwise a precomputed list is reused for as long as that holds; a known customer's live
 * list for `liveAnswerMs` (it also draws on trending counters, which move with everyone's events); other answers
 * (unknown customers, cold-start profiles built from searches and browsed categories) for `cacheMs`.
 */
function stillValid(hit: CachedAnswer, bundle: Bundle, cacheMs: number, liveAnswerMs: number) {
  if (hit.version !== bundle.live.version) return false;
  const age = Date.now() - hit.at;
  if (hit.customerId === null) return age < cacheMs;
  if ((bundle.live.touched.get(hit.customerId) ?? -1) > hit.round) return false;
  if (hit.list.source === 'precomputed') return true;
  return age < (hit.list.strategy === 'collaborative' ? Math.max(cacheMs, liveAnswerMs) : cacheMs);
}

const ANSWER_CACHE_MAX = 50_000;
/**
 * Read-through answers of the storefront server, per serving bundle: a new model served (a new bundle object) starts
 * empty, and the old bundle's answers go with it.
 */
const answers = new WeakMap<Bundle, Map<string, CachedAnswer>>();
function answerCache(bundle: Bundle) {
  let cache = answers.get(bundle);
  if (!cache) {
    cache = new Map();
    answers.set(bundle, cache);
  }
  return cache;
}

const byIdSchema = z.object({
  customerId: z.coerce.number().int().positive(),
  k: z.coerce.number().int().min(1).max(50).default(8),
  lang: z.enum(LOCALES).default('en'),
});

/** The app's view (portrait, preview): recommendations of a customer by database id, with their recent behaviour. */
export async function recommendationsForCustomerId(actor: Actor | null, input: unknown) {
  authorize(actor, 'recommendations:view');
  const q = parseInput(byIdSchema, input);
  const bundle = await servingBundle();
  const { history, ...result } = await serveCustomer(bundle, reader(rawDb()), q.customerId, q);
  const recent = Array.from(history.sequence)
    .reverse()
    .slice(0, 8)
    .map((i) => ({ ...toItem(bundle, i, 0, [], q.lang), kind: history.kinds[history.items.indexOf(i)] ?? 0 }));
  return { ...result, customer: null, recent };
}

export type CustomerRecommendations = Awaited<ReturnType<typeof recommendationsForCustomerId>>;

/** Top-k of a customer by database id for a message sent on the shop's behalf (the e-mail job: no actor). */
export async function recommendForMessage(customerId: number, k: number, lang: Locale) {
  const bundle = await servingBundle();
  const { items, model } = await serveCustomer(bundle, reader(rawDb()), customerId, { k, lang });
  return { items, model };
}
