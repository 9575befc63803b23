import { PROFILE_FIELDS, type ProfileField } from '@/lib/schemas/segment';
import { RawJson } from '@/lib/engine/segment/columnar/segment-index';
import type {
  SegmentCustomer,
  SegmentEvent,
  SegmentOrder,
  SegmentProduct,
  SegmentProfile,
} from '@/lib/engine/segment/types';
import type { SqlDialect } from './sql';

/**
 * Reading the segment-relevant columns as engine records, on either database: times as epoch ms (SQLite stores
 * them so; PostgreSQL converts exactly from timestamp(3)), booleans from 0/1, JSON parsed. Selects return arrays in
 * the column order given here (`queryRows`).
 */
export const msOf = (dialect: SqlDialect, expr: string) =>
  dialect === 'postgresql' ? `(extract(epoch from ${expr}) * 1000)::float8` : expr;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const json = (v: unknown) => {
  if (typeof v !== 'string') return v ?? null; // PostgreSQL returns jsonb parsed
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return null;
  }
};

export const customerSelect = (d: SqlDialect) =>
  `c."id", c."externalId", c."email", c."phone", c."gender", c."birthYear", c."region", c."city", ${msOf(d, 'c."signupAt"')}, c."consentEmail", c."consentSms", c."consentPush", c."attributes", ${msOf(d, 'c."erasedAt"')}`;

/** `lazyAttributes` keeps stored JSON text unparsed (the columnar index parses it on first use). */
export function customerOf(r: unknown[], lazyAttributes = false): SegmentCustomer {
  return {
    id: Number(r[0]),
    externalId: String(r[1]),
    email: str(r[2]),
    phone: str(r[3]),
    gender: str(r[4]),
    birthYear: num(r[5]),
    region: str(r[6]),
    city: str(r[7]),
    signupAt: num(r[8]),
    consentEmail: Boolean(r[9]),
    consentSms: Boolean(r[10]),
    consentPush: Boolean(r[11]),
    attributes: lazyAttributes && typeof r[12] === 'string' ? new RawJson(r[12]) : json(r[12]),
    erasedAt: num(r[13]),
  };
}

const PROFILE_COLUMNS = Object.keys(PROFILE_FIELDS) as ProfileField[];
export const profileSelect = (d: SqlDialect) =>
  [
    'p."customerId"',
    ...PROFILE_COLUMNS.map((f) => (PROFILE_FIELDS[f] === 'date' ? msOf(d, `p."${f}"`) : `p."${f}"`)),
  ].join(', ');

export function profileOf(r: unknown[]): SegmentProfile {
  const p: SegmentProfile = { customerId: Number(r[0]) };
  PROFILE_COLUMNS.forEach((f, k) => {
    p[f] = PROFILE_FIELDS[f] === 'string' ? str(r[k + 1]) : num(r[k + 1]);
  });
  return p;
}

export const eventSelect = (d: SqlDialect) =>
  `e."id", e."customerId", e."type", ${msOf(d, 'e."ts"')}, e."productId", e."categoryId", e."campaignId"`;
export const eventOf = (r: unknown[]): SegmentEvent & { id: number } => ({
  id: Number(r[0]),
  customerId: Number(r[1]),
  type: String(r[2]),
  ts: Number(r[3]),
  productId: num(r[4]),
  categoryId: num(r[5]),
  campaignId: num(r[6]),
});

export const orderSelect = (d: SqlDialect) =>
  `o."id", o."customerId", ${msOf(d, 'o."placedAt"')}, o."status", o."total", o."campaignId"`;
export const orderOf = (r: unknown[]): SegmentOrder => ({
  id: Number(r[0]),
  customerId: Number(r[1]),
  placedAt: Number(r[2]),
  status: String(r[3]),
  total: Number(r[4]),
  campaignId: num(r[5]),
});

export const productSelect = `pr."id", pr."categoryId", pr."brand"`;
/** The categories products are listed in: select `pc."productId", pc."categoryId"` from "ProductCategory" pc. */
export const productLinkSelect = `pc."productId", pc."categoryId"`;

/** The products with their ProductCategory links (rows of `productLinkSelect`) as `categoryIds`. */
export function withCategoryLinks(products: SegmentProduct[], links: unknown[][]): SegmentProduct[] {
  const byProduct = new Map<number, number[]>();
  for (const r of links) {
    const id = Number(r[0]);
    byProduct.set(id, [...(byProduct.get(id) ?? []), Number(r[1])]);
  }
  return products.map((p) => (byProduct.has(p.id) ? { ...p, categoryIds: byProduct.get(p.id)! } : p));
}
export const productOf = (r: unknown[]): SegmentProduct => ({
  id: Number(r[0]),
  categoryId: num(r[1]),
  brand: str(r[2]),
});
