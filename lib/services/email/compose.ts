import 'server-only';
import { db } from '@/lib/db/client';
import { listCurrencyRates } from '@/lib/db/settings';
import { URL_RE, type EmailContent } from '@/lib/email/campaign-email';
import { fillMergeFields, firstNameOf, type MergeValues } from '@/lib/engine/email/merge';
import { translator, type Locale } from '@/lib/i18n/translate';
import type { StoredSmtp } from '@/lib/schemas/email';
import { recommendForMessage } from '../recommendations/recommend';
import { getShopSettings } from '../settings';
import { surveyToken } from '../surveys/links';
import { surveysOfCampaign } from '@/lib/db/surveys';
import { signClick, signOpen, signRecipient } from './tokens';
import { markers } from '@/lib/email/fill';

export type Template = { subject: string; preheader: string; body: string; productCount: number };
export type Person = {
  customerId: number;
  name: string | null;
  email: string | null;
  city: string | null;
  region: string | null;
  attributes: unknown;
};
export type Where = { campaignId: number; variantId: number; step: number };

const attr = (p: Pick<Person, 'attributes'>, ...keys: string[]) => {
  const a = p.attributes;
  if (!a || typeof a !== 'object') return null;
  for (const k of keys) {
    const v = (a as Record<string, unknown>)[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return null;
};

/** The customer's language when they have one on file (attribute `locale` or `language`), else null. */
export function preferredLocale(p: Pick<Person, 'attributes'>): Locale | null {
  const l = attr(p, 'locale', 'language')?.toLowerCase();
  if (!l) return null;
  return l.startsWith('zh') ? 'zh-CN' : l.startsWith('en') ? 'en' : null;
}

/** What prices in a message need: the shop's currency and the exchange rates. */
export async function priceContext() {
  const shop = await getShopSettings();
  const rates = new Map((await listCurrencyRates(db)).map((r) => [r.currency, r.rateToBase]));
  return { shop, rates };
}
type PriceContext = Awaited<ReturnType<typeof priceContext>>;

/** Everything that stays the same for every recipient of a send: settings, currencies, translators. */
export async function composeContext(smtp: StoredSmtp) {
  const prices = await priceContext();
  return {
    smtp,
    ...prices,
    surveys: new Map<number, Promise<{ id: number; variantId: number | null }[]>>(),
    /** renderings by shape (`composeEmail`), shared by the e-mails of one send */
    shapes: new Map<string, Promise<{ html: string; text: string }>>(),
  };
}
export type ComposeContext = Awaited<ReturnType<typeof composeContext>>;

/** The campaign's survey for this message: one of the variant's own, else one for every variant (latest first). */
async function surveyOf(ctx: ComposeContext, where: Where) {
  if (!ctx.surveys.has(where.campaignId)) ctx.surveys.set(where.campaignId, surveysOfCampaign(db, where.campaignId));
  const all = (await ctx.surveys.get(where.campaignId)!).toReversed();
  return all.find((s) => s.variantId === where.variantId) ?? all.find((s) => s.variantId === null) ?? null;
}

/** A base-currency price in the customer's display currency (attribute `currency` with a known rate), formatted. */
function price(ctx: PriceContext, p: Pick<Person, 'attributes'>, base: number, locale: Locale): string {
  const wanted = attr(p, 'currency', 'display_currency')?.toUpperCase();
  const rate = wanted ? ctx.rates.get(wanted) : undefined;
  const currency = wanted && rate ? wanted : ctx.shop.currency;
  const amount = wanted && rate ? base / rate : base;
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
}

/** A recommended product of a message; `url` is the shop's product page (untracked). */
export type MessageProduct = {
  id: string;
  title: string;
  price: string;
  imageUrl: string | null;
  reason: string;
  url: string;
};

/**
 * The serving model's `count` products for one customer's message (e-mail, SMS, push): title in the message's
 * language, price in the customer's display currency, the first reason's text, and the model's name (null when no
 * products were asked for).
 */
export async function messageProducts(
  ctx: PriceContext,
  p: Pick<Person, 'customerId' | 'attributes'>,
  count: number,
  locale: Locale,
  shopUrl: string,
): Promise<{ products: MessageProduct[]; model: string | null }> {
  if (count <= 0) return { products: [], model: null };
  const served = await recommendForMessage(p.customerId, count, locale);
  const products = served.items.map((r) => ({
    id: r.sku,
    title: (locale === 'zh-CN' && r.titleZh) || r.title,
    price: price(ctx, p, r.price, locale),
    imageUrl: r.imageUrl,
    reason: r.reasons[0]?.text ?? '',
    url: `${shopUrl}/products/${encodeURIComponent(r.sku)}`,
  }));
  return { products, model: served.model.name };
}

/** What the renderer fills in per customer (see `lib/email/fill.ts`): its shape's content and the strings. */
export type EmailShape = { content: EmailContent; fills: string[] };
type Marks = { mark: (s: string) => string; markMerged: (s: string) => string; fixed: (s: string) => string };
const asIs: Marks = { mark: (s) => s, markMerged: (s) => s, fixed: (s) => s };

/**
 * The e-mail of one customer: merge fields filled, recommended products from the serving model (timed apart, for
 * the benchmark), every link tracked through a signed redirect, the unsubscribe and preference links signed. Also
 * its shape — the same content with a marker for each of the customer's strings — so that customers of the same
 * shape share one rendering (null when a string could change the markup: rendered in full).
 * A preview or test send (`tracked: false`) links straight to the shop, has no open pixel and no working
 * unsubscribe links, so looking at it or clicking in it records nothing against the customer it was made for.
 */
export async function composeEmail(
  ctx: ComposeContext,
  t: Template,
  p: Person,
  where: Where,
  locale: Locale,
  { tracked }: { tracked: boolean } = { tracked: true },
): Promise<{
  content: EmailContent;
  shape: EmailShape | null;
  recommendMs: number;
  unsubscribeUrl: string | null;
}> {
  const tr = translator(locale);
  const base = ctx.smtp.publicUrl;
  const signed = new Map<string, string>();
  const track = (url: string) => {
    if (!tracked) return url;
    let link = signed.get(url);
    if (link === undefined) {
      link = `${base}/r/${signClick({ c: where.campaignId, v: where.variantId, k: p.customerId, s: where.step, url })}`;
      signed.set(url, link);
    }
    return link;
  };
  const started = performance.now();
  const served = await messageProducts(ctx, p, t.productCount, locale, ctx.smtp.shopUrl);
  const recommendMs = performance.now() - started;
  // a preview or test send carries no working survey link either: answering it would answer for the customer
  const survey = tracked ? await surveyOf(ctx, where) : null;
  const values = {
    survey_url: survey ? `${base}/s/${surveyToken(survey.id, p.customerId, served.model)}` : null,
    first_name: firstNameOf(p.name),
    name: p.name,
    email: p.email,
    shop_name: ctx.smtp.shopName,
    city: p.city,
    region: p.region,
  };
  const defaults = { first_name: tr('email.message.defaultFirstName'), shop_name: ctx.smtp.shopName };
  const recipient = tracked ? signRecipient({ k: p.customerId, c: where.campaignId }) : null;
  const preferencesHref = recipient ? `${base}/preferences/${recipient}` : `${base}/preferences/preview`;
  const openPixelHref =
    tracked && ctx.smtp.trackOpens
      ? `${base}/o/${signOpen({ c: where.campaignId, v: where.variantId, k: p.customerId, s: where.step })}`
      : null;
  /** the content, each of the customer's strings through `m` (`asIs`: the e-mail itself) */
  const build = (m: Marks): EmailContent => {
    // marked when a text uses it; an empty value stays as it is, so the inline and the field's default apply
    const merged: MergeValues = {};
    for (const [k, v] of Object.entries(values))
      Object.defineProperty(merged, k, {
        enumerable: true,
        get: () => (v && v.trim() !== '' && k !== 'shop_name' ? m.markMerged(v) : v),
      });
    const fill = (text: string) => fillMergeFields(m.fixed(text), merged, defaults);
    const body = fill(t.body);
    const links = Object.fromEntries([...body.matchAll(URL_RE)].map((u) => [m.fixed(u[0]), m.mark(track(u[0]))]));
    return {
      locale,
      subject: fill(t.subject),
      // the preheader as it is: the preview text's padding depends on its length
      preheader: fillMergeFields(t.preheader, values, defaults),
      body,
      links,
      productsHeading: tr('email.message.productsHeading'),
      products: served.products.map((r) => ({
        title: m.mark(r.title),
        price: m.mark(r.price),
        imageUrl: r.imageUrl === null ? null : m.mark(r.imageUrl),
        reason: m.mark(r.reason),
        href: m.mark(track(r.url)),
      })),
      shopName: m.fixed(ctx.smtp.shopName),
      footerNote: tr('email.message.footerNote', { shop: ctx.smtp.shopName }),
      preferencesLabel: tr('email.message.preferences'),
      preferencesHref: m.mark(preferencesHref),
      unsubscribeLabel: tr('email.message.unsubscribe'),
      unsubscribeHref: m.mark(`${preferencesHref}?unsubscribe=1`),
      openPixelHref: openPixelHref === null ? null : m.mark(openPixelHref),
    };
  };
  const content = build(asIs);
  const marks = markers();
  const shaped = build(marks);
  // the body's links are found in the merged text: the shape must have the same ones
  const sameLinks = Object.keys(shaped.links).join('\n') === Object.keys(content.links).join('\n');
  return {
    content,
    shape: marks.ok && sameLinks ? { content: shaped, fills: marks.fills } : null,
    recommendMs,
    unsubscribeUrl: recipient ? `${base}/u/${recipient}` : null,
  };
}

/** RFC 8058 one-click unsubscribe headers (none on a preview or test send, which unsubscribes nobody). */
export function unsubscribeHeaders(unsubscribeUrl: string | null): Record<string, string> {
  return unsubscribeUrl
    ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
    : {};
}
