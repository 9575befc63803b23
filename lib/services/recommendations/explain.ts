/**
 * Explanations in words and data: the engine's `Explanation` (item indices, numbers) becomes `{ kind, text, data }`
 * with product references and the sentence in the caller's language, e.g.
 *   { kind: 'because-you-interacted', text: 'Because you bought Trail Shoes X2 (similarity 0.82)',
 *     data: { anchor: { productId, sku, title }, action: 'purchase', similarity: 0.82 } }.
 */
import type { Explanation } from '@/lib/engine/recommendation/types';
import { labelFor } from '@/lib/i18n/message-ref';
import { lookup, messagesFor, type Locale, type MessageKey } from '@/lib/i18n/translate';
import { KIND_NAMES, type KindName } from '@/lib/engine/recommendation/histories';
import type { RequestHistory } from '@/lib/engine/recommendation/models/types';
import type { Bundle } from './serving/bundle';

export type ProductRef = { productId: number; sku: string; title: string };
export type Reason = { kind: string; text: string; data: Record<string, unknown> };

export type ExplainContext = {
  bundle: Bundle;
  history: RequestHistory;
  locale: Locale;
  favouriteCategory: number;
  /**
   * similar items of one product (product page, similar-items API): the product every attribute match compares with,
   * so the reason speaks of "this product", not of the shopper's interests or another anchor
   */
  subject?: ProductRef;
};

export function productRef(bundle: Bundle, item: number, locale: Locale): ProductRef {
  const p = bundle.products[item]!;
  return { productId: p.id, sku: p.sku, title: (locale === 'zh-CN' && p.titleZh) || p.title };
}

export function categoryRef(bundle: Bundle, categoryId: number, locale: Locale) {
  const c = bundle.categories.get(categoryId);
  if (!c) return null;
  return { categoryId: c.id, path: c.path, name: (locale === 'zh-CN' && c.nameZh) || c.name };
}

function kindOf(h: RequestHistory, item: number): KindName {
  let lo = 0,
    hi = h.items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1,
      v = h.items[mid]!;
    if (v === item) return KIND_NAMES[h.kinds[mid]!] ?? 'view';
    if (v < item) lo = mid + 1;
    else hi = mid - 1;
  }
  return 'view';
}

const fixed2 = (x: number) => (Math.round(x * 100) / 100).toFixed(2);

type Words = (key: MessageKey, vars?: Record<string, string | number>) => string;
const wordsCache = new Map<Locale, { t: Words; list: Intl.ListFormat }>();

/**
 * The area's sentences with {placeholders} filled, with the number and list formatters made once per locale
 * (explanations are on the serving hot path: dozens per request).
 */
function words(locale: Locale) {
  let w = wordsCache.get(locale);
  if (!w) {
    const messages = messagesFor(locale);
    const nf = new Intl.NumberFormat(locale);
    const t: Words = (key, vars) =>
      lookup(messages, key).replace(/\{(\w+)\}/g, (m, name: string) => {
        const v = vars?.[name];
        return v === undefined ? m : typeof v === 'number' ? nf.format(v) : v;
      });
    w = { t, list: new Intl.ListFormat(locale, { type: 'conjunction' }) };
    wordsCache.set(locale, w);
  }
  return w;
}

/** Words for the serving layer (similar items' "bought together"). */
export function sentence(locale: Locale, key: MessageKey, vars?: Record<string, string | number>) {
  return words(locale).t(key, vars);
}

function attributeList(
  breakdown: { attribute: string; weight: number; similarity: number }[],
  min: number,
  t: Words,
): string[] {
  return breakdown
    .filter((b) => b.similarity >= min && b.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .map((b) => labelFor(t, 'recommendations.attributes', b.attribute));
}

export function joinList(items: string[], locale: Locale) {
  return words(locale).list.format(items);
}

/** One explanation in words and data. */
export function describe(e: Explanation, ctx: ExplainContext): Reason {
  const { bundle, locale } = ctx;
  const { t } = words(locale);
  switch (e.kind) {
    case 'because-you-interacted': {
      const anchor = productRef(bundle, e.anchorItem, locale);
      const action = kindOf(ctx.history, e.anchorItem);
      return {
        kind: e.kind,
        text: t(`recommendations.reasons.because.${action}`, { title: anchor.title, similarity: fixed2(e.similarity) }),
        data: { anchor, action, similarity: e.similarity },
      };
    }
    case 'similar-users':
      return {
        kind: e.kind,
        text: t('recommendations.reasons.similarUsers', { neighbours: e.neighbours }),
        data: { neighbours: e.neighbours, support: e.support },
      };
    case 'attributes': {
      const breakdown = e.breakdown.map((b) => ({ ...b, similarity: Math.round(b.similarity * 1000) / 1000 }));
      if (ctx.subject) {
        const matched = attributeList(breakdown, 0.5, t);
        const similarity = fixed2(e.similarity);
        return {
          kind: e.kind,
          text: matched.length
            ? t('recommendations.reasons.similarProduct', { attributes: joinList(matched, locale), similarity })
            : t('recommendations.reasons.similarProductNone', { similarity }),
          data: { anchor: ctx.subject, similarity: e.similarity, breakdown },
        };
      }
      if (e.anchorItem < 0) {
        const matched = attributeList(breakdown, 0.5, t);
        return {
          kind: 'profile',
          text: matched.length
            ? t('recommendations.reasons.profile', { attributes: joinList(matched, locale) })
            : t('recommendations.reasons.profileNone'),
          data: { similarity: e.similarity, breakdown },
        };
      }
      const anchor = productRef(bundle, e.anchorItem, locale);
      const same = attributeList(
        breakdown.filter((b) => b.attribute !== 'text'),
        0.999,
        t,
      );
      const text = same.length
        ? t('recommendations.reasons.sameAttributes', {
            attributes: joinList(same, locale),
            title: anchor.title,
            similarity: fixed2(e.similarity),
          })
        : t('recommendations.reasons.similarAttributes', { title: anchor.title, similarity: fixed2(e.similarity) });
      return { kind: e.kind, text, data: { anchor, similarity: e.similarity, breakdown } };
    }
    case 'trending': {
      const category = e.category !== undefined && e.category >= 0 ? categoryRef(bundle, e.category, locale) : null;
      const favourite = category !== null && e.category === ctx.favouriteCategory;
      const text = favourite
        ? t('recommendations.reasons.trendingFavourite', { category: category.name })
        : category
          ? t('recommendations.reasons.trendingCategory', { category: category.name })
          : t('recommendations.reasons.trending');
      return { kind: favourite ? 'trending-favourite-category' : e.kind, text, data: { category, score: e.score } };
    }
    case 'popular':
      return {
        kind: e.kind,
        text: t('recommendations.reasons.popular', { count: Math.round(e.count) }),
        data: { count: e.count },
      };
    case 'latent-factors':
      return {
        kind: e.kind,
        text: t('recommendations.reasons.latent', { score: fixed2(e.score) }),
        data: { score: e.score },
      };
    case 'sequence': {
      const last = e.lastItems.filter((i) => i >= 0 && i < bundle.nItems).map((i) => productRef(bundle, i, locale));
      return {
        kind: e.kind,
        text: t('recommendations.reasons.sequence', {
          titles: joinList(
            last.map((p) => p.title),
            locale,
          ),
        }),
        data: { lastItems: last },
      };
    }
  }
}
