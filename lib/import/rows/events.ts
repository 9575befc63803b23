import { createHash } from 'node:crypto';
import type { CsvRecord } from '../../csv/tokenizer';
import { fnv, fnvNum } from '../key-index';
import { type EventType, normaliseEventType, normaliseCategoryPath } from '../normalise';
import { CellError, type Rejection, RowReader, type RowSettings } from './context';

export type EventRow = {
  line: number;
  /** event_id as sent, or `h:` + a hash of the event's fields. */
  key: string;
  customer: string;
  type: EventType;
  ts: number;
  sessionId: string | null;
  sku: string | null;
  categoryPath: string | null;
  /** the category cell as written (trimmed), to count rewritten paths */
  categoryText: string | null;
  query: string | null;
  quantity: number | null;
  /** unit price in the base currency */
  price: number | null;
  /** revenue (purchase events, converted to the base currency) or a score */
  value: number | null;
  campaignId: number | null;
  variant: string | null;
  orderRef: string | null;
  /** 32-bit hash of the content, to tell a repeated event from a conflicting one with the same key */
  hash: number;
  /** the key's 64-bit hash (`keyHash`), when a validation worker computed it */
  keyH1?: number;
  keyH2?: number;
  /** database ids, filled in when references are resolved */
  customerId: number;
  productId: number | null;
  categoryId: number | null;
  variantId: number | null;
};

export type EventKeyFields = {
  customerId: string;
  type: string;
  ts: number;
  sessionId?: string | null;
  sku?: string | null;
  category?: string | null;
  query?: string | null;
  quantity?: number | null;
  price?: number | null;
  value?: number | null;
  currency?: string | null;
  campaignId?: number | null;
  variant?: string | null;
  orderId?: string | null;
};

/**
 * The dedup key of an event sent without an id: `h:` + 32 hex chars of SHA-256 over its fields as written (amounts in
 * their own currency, so a later change of exchange rates does not make an old event look new). The events API should
 * use the same function so an event sent twice, once by API and once by file, is stored once.
 */
export function eventDedupKey(e: EventKeyFields): string {
  const parts = [
    e.customerId,
    e.type,
    e.ts,
    e.sessionId,
    e.sku,
    e.category,
    e.query,
    e.quantity,
    e.price,
    e.value,
    e.currency,
    e.campaignId,
    e.variant,
    e.orderId,
  ];
  return `h:${createHash('sha256')
    .update(parts.map((p) => (p === null || p === undefined ? '' : String(p))).join('\u001f'))
    .digest('hex')
    .slice(0, 32)}`;
}

/** Builds the validator of event rows for one import. */
export function eventValidator(s: RowSettings) {
  const r = new RowReader(s);
  const c = {
    id: r.col('event_id'),
    customer: r.col('customer_id'),
    type: r.col('event_type'),
    ts: r.col('timestamp'),
    session: r.col('session_id'),
    sku: r.col('sku'),
    category: r.col('category'),
    query: r.col('query'),
    quantity: r.col('quantity'),
    price: r.col('price'),
    value: r.col('value'),
    currency: r.col('currency'),
    campaign: r.col('campaign_id'),
    variant: r.col('variant'),
    order: r.col('order_id'),
  };
  const report = s.report;
  return (rec: CsvRecord): EventRow | Rejection => {
    const bad = r.begin(rec);
    if (bad) return bad;
    try {
      const customer = r.id(c.customer, 'customer_id', true)!;
      const typeText = r.required(c.type, 'event_type');
      const type = normaliseEventType(typeText);
      if (!type) throw new CellError(c.type, 'unknownEventType', { value: typeText.slice(0, 40) });
      if (type !== typeText) report.eventTypesNormalised++;
      const ts = r.date(c.ts, 'timestamp');
      if (ts === null) throw new CellError(c.ts, 'required', { field: 'timestamp' });
      r.notFuture(c.ts, 'timestamp', ts);
      const sessionId = r.opt(c.session);
      const sku = r.id(c.sku, 'sku', false);
      const categoryText = r.opt(c.category);
      const categoryPath = categoryText === null ? null : normaliseCategoryPath(categoryText);
      const query = r.opt(c.query);
      const quantity = r.integer(c.quantity, 'quantity');
      if (type === 'purchase' && quantity !== null && quantity <= 0)
        throw new CellError(c.quantity, 'purchaseQuantity', { value: quantity });
      const price = r.number(c.price, 'price');
      if (type === 'purchase' && price !== null && price.value < 0)
        throw new CellError(c.price, 'negativePrice', { value: price.value });
      const value = r.number(c.value, 'value');
      const currency = price || value ? r.currency(c.currency, price?.currency ?? value?.currency ?? null) : null;
      const campaignId = r.integer(c.campaign, 'campaign_id');
      const variant = r.opt(c.variant);
      if (variant !== null && campaignId === null) throw new CellError(c.variant, 'variantWithoutCampaign');
      const orderRef = r.opt(c.order);
      let basePrice: number | null = null;
      let baseValue: number | null = null;
      if (currency !== null) {
        if (price) basePrice = r.toBase(price.value, currency, c.price);
        if (value) baseValue = type === 'purchase' ? r.toBase(value.value, currency, c.value) : value.value;
        if (currency !== s.baseCurrency) report.currencyConverted++;
      }
      const eventId = r.id(c.id, 'event_id', false);
      const key =
        eventId ??
        eventDedupKey({
          customerId: customer,
          type,
          ts,
          sessionId,
          sku,
          category: categoryPath,
          query,
          quantity,
          price: price?.value,
          value: value?.value,
          currency,
          campaignId,
          variant,
          orderId: orderRef,
        });
      let h = fnv(customer);
      h = fnv(type, h);
      h = fnvNum(ts, h);
      h = fnv(sessionId, h);
      h = fnv(sku, h);
      h = fnv(categoryPath, h);
      h = fnv(query, h);
      h = fnvNum(quantity, h);
      h = fnvNum(basePrice, h);
      h = fnvNum(baseValue, h);
      h = fnvNum(campaignId, h);
      h = fnv(variant, h);
      h = fnv(orderRef, h);
      return {
        line: rec.line,
        key,
        customer,
        type,
        ts,
        sessionId,
        sku,
        categoryPath,
        categoryText,
        query,
        quantity,
        price: basePrice,
        value: baseValue,
        campaignId,
        variant,
        orderRef,
        hash: h,
        customerId: 0,
        productId: null,
        categoryId: null,
        variantId: null,
      };
    } catch (e) {
      if (e instanceof CellError) return r.rejectCell(rec, e);
      throw e;
    }
  };
}
