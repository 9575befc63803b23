/**
 * SMS and push messages from the same per-variant templates and merge fields as e-mail, for the signed webhook:
 * SMS gets the body as text, push the subject as title and the body as body, and both the recommended-products
 * block when the template asks for products (the shop's app or SMS gateway lays it out). Pure: plain data in and out.
 */
import { fillMergeFields, type MergeField, type MergeValues } from './merge';

export type ChannelTemplate = { locale: string; subject: string; body: string };
/** A recommended product as the webhook carries it: price in the customer's display currency, url tracked. */
export type ChannelProduct = { id: string; title: string; price: string; url: string; reason: string };
export type ChannelMessage = ({ locale: string; text: string } | { locale: string; title: string; body: string }) & {
  products?: ChannelProduct[];
};

/** The template in the customer's language, else English, else the first one; null without any. */
export function pickTemplate<T extends { locale: string }>(
  templates: readonly T[],
  preferred: string | null,
): T | null {
  return (
    templates.find((t) => t.locale === preferred) ?? templates.find((t) => t.locale === 'en') ?? templates[0] ?? null
  );
}

/**
 * One customer's SMS or push message; merge fields filled (inline default, then `defaults`, then '').
 * @example renderChannelMessage('sms', { locale: 'en', subject: 'Hi', body: 'Hi {{first_name|there}}' }, {}) // { locale: 'en', text: 'Hi there' }
 */
export function renderChannelMessage(
  channel: 'sms' | 'push',
  template: ChannelTemplate,
  values: MergeValues,
  defaults: Partial<Record<MergeField, string>> = {},
  products: ChannelProduct[] = [],
): ChannelMessage {
  const body = fillMergeFields(template.body, values, defaults).trim();
  const block = products.length ? { products } : {};
  if (channel === 'sms') return { locale: template.locale, text: body, ...block };
  return { locale: template.locale, title: fillMergeFields(template.subject, values, defaults).trim(), body, ...block };
}
