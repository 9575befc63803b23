/** Canonical import headers and the mapping from model objects to CSV rows. */
import type { Cell } from './csv';
import type { Customer, EmittedEvent, Leaf, Product, ShopModel, SimOrder } from '../../lib/engine/simulate/index';

export const CATALOGUE_HEADERS = [
  'sku',
  'title',
  'title_zh',
  'description',
  'category',
  'category_zh',
  'brand',
  'price',
  'currency',
  'color',
  'size',
  'material',
  'stock',
  'active',
  'image_url',
] as const;

export const CUSTOMER_HEADERS = [
  'customer_id',
  'name',
  'email',
  'phone',
  'gender',
  'birth_year',
  'region',
  'city',
  'signup_date',
  'consent_email',
  'consent_sms',
  'consent_push',
  'loyalty_tier',
  'acquisition_channel',
] as const;

export const ORDER_HEADERS = [
  'order_id',
  'customer_id',
  'order_date',
  'sku',
  'quantity',
  'unit_price',
  'currency',
  'status',
  'line_no',
] as const;

export const EVENT_HEADERS = [
  'event_id',
  'customer_id',
  'event_type',
  'timestamp',
  'session_id',
  'sku',
  'category',
  'query',
  'quantity',
  'price',
  'value',
  'currency',
  'campaign_id',
  'variant',
  'order_id',
] as const;

/** ISO 8601 UTC with second precision, e.g. 2026-10-31T23:59:59Z. */
export function isoSeconds(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

const money = (x: number | null) => (x === null ? null : x.toFixed(2));

export function catalogueRow(model: ShopModel, p: Product): Cell[] {
  const leaf = model.leaves[p.leaf] as Leaf;
  return [
    p.sku,
    p.title,
    p.titleZh,
    p.description,
    leaf.path,
    leaf.pathZh,
    p.brand,
    money(p.price),
    'CNY',
    p.color,
    p.size,
    p.material,
    p.stock,
    p.active,
    `/images/products/${p.sku}.svg`,
  ];
}

/** Loyalty tier from completed spend in the window (CNY). */
export function loyaltyTier(spendCny: number): string {
  return spendCny >= 8000 ? 'platinum' : spendCny >= 2000 ? 'gold' : spendCny >= 500 ? 'silver' : 'bronze';
}

export function customerRow(c: Customer, spendCny: number): Cell[] {
  const p = c.profile;
  return [
    c.id,
    p.name,
    p.email,
    p.phone,
    p.gender,
    p.birthYear,
    p.region,
    p.city,
    isoSeconds(c.traits.signupAt),
    p.consentEmail,
    p.consentSms,
    p.consentPush,
    loyaltyTier(spendCny),
    p.acquisitionChannel,
  ];
}

export function eventRow(model: ShopModel, e: EmittedEvent): Cell[] {
  return [
    e.id,
    (model.customers[e.customer] as Customer).id,
    e.type,
    isoSeconds(e.ts),
    e.sessionId,
    e.product === null ? null : (model.products[e.product] as Product).sku,
    e.category,
    e.query,
    e.quantity,
    money(e.price),
    e.type === 'feedback' ? e.value : money(e.value),
    e.currency,
    e.campaignId,
    e.variant,
    e.orderId,
  ];
}

export function orderRows(model: ShopModel, o: SimOrder): Cell[][] {
  const customerId = (model.customers[o.customer] as Customer).id;
  return o.lines.map((line, i) => [
    o.id,
    customerId,
    isoSeconds(o.placedAt),
    (model.products[line.product] as Product).sku,
    line.quantity,
    money(line.unitPrice),
    o.currency,
    o.status,
    i + 1,
  ]);
}
