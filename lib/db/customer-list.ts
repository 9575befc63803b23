import type { ResolveSegment } from '@/lib/engine/segment/inline';
import type { SegmentDefinition } from '@/lib/schemas/segment';
import type { RawDb } from './raw';
import { buildSegmentQuery } from './segments/compile';
import { dialectOf, queryAll } from './segments/runner';
import { escapeLike, SqlBuilder } from './segments/sql';
import { ERASED_HOLDER } from './erasure/erase-customer';

export const CUSTOMER_SORTS = ['name', 'signup', 'orders', 'revenue', 'lastOrder', 'clv', 'churn'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

/** Filters of the customer list; every value is bound as a parameter. A segment arrives already parsed. */
export type CustomerListFilters = {
  q?: string;
  region?: string;
  tag?: string;
  rfmGroup?: string;
  lifecycle?: string;
  segment?: { definition: SegmentDefinition; resolveSegment?: ResolveSegment; now: number; timeZone: string };
};
export type CustomerListQuery = CustomerListFilters & {
  sort: CustomerSort;
  dir: SortDirection;
  page: number;
  pageSize: number;
};

export type CustomerListRow = {
  id: number;
  externalId: string;
  name: string | null;
  region: string | null;
  city: string | null;
  signupAt: number | null;
  erasedAt: number | null;
  consentEmail: boolean;
  consentSms: boolean;
  consentPush: boolean;
  orders: number;
  revenue: number;
  lastOrderAt: number | null;
  rfmGroup: string | null;
  lifecycle: string | null;
  clv365: number | null;
  churnProbability: number | null;
};

/** Completed orders per customer: the numbers the list shows and sorts by. */
const ORDER_STATS = `LEFT JOIN (SELECT "customerId", COUNT(*) AS n, SUM("total") AS revenue, MAX("placedAt") AS last
  FROM "Order" WHERE "status" = 'completed' GROUP BY "customerId") o ON o."customerId" = c."id"`;
const PROFILE = `LEFT JOIN "CustomerProfile" p ON p."customerId" = c."id"`;

const SORT_KEYS: Record<CustomerSort, (b: SqlBuilder) => string[]> = {
  name: (b) => [b.fold('c."name"'), 'c."name"'],
  signup: () => ['c."signupAt"'],
  orders: () => ['COALESCE(o.n, 0)'],
  revenue: () => ['COALESCE(o.revenue, 0)'],
  lastOrder: () => ['o.last'],
  clv: () => ['p."clv365"'],
  churn: () => ['p."churnProbability"'],
};

/** ORDER BY with empty values last in both directions, then the id, so pages never overlap or skip. */
function orderBy(b: SqlBuilder, sort: CustomerSort, dir: SortDirection) {
  const d = dir === 'desc' ? 'DESC' : 'ASC';
  const keys = SORT_KEYS[sort](b);
  return [`CASE WHEN ${keys[0]} IS NULL THEN 1 ELSE 0 END`, ...keys.map((k) => `${k} ${d}`), 'c."id" ASC'].join(', ');
}

function filterSql(b: SqlBuilder, f: CustomerListFilters): string[] {
  const where: string[] = [];
  const q = f.q?.trim();
  if (q) {
    const pattern = b.text(`%${escapeLike(q.replace(/[A-Z]/g, (ch) => ch.toLowerCase()))}%`);
    const like = (col: string) => `${b.fold(col)} LIKE ${pattern} ESCAPE '\\'`;
    where.push(`(${like('c."externalId"')} OR ${like('c."name"')} OR ${like('c."email"')})`);
  }
  if (f.region) where.push(`c."region" = ${b.text(f.region)}`);
  if (f.rfmGroup) where.push(`p."rfmGroup" = ${b.text(f.rfmGroup)}`);
  if (f.lifecycle) where.push(`p."lifecycle" = ${b.text(f.lifecycle)}`);
  if (f.tag) {
    where.push(
      `c."id" IN (SELECT ct."customerId" FROM "CustomerTag" ct JOIN "Tag" t ON t."id" = ct."tagId" WHERE t."key" = ${b.text(f.tag)})`,
    );
  }
  return where;
}

/** Builds one statement over the filtered customers; a segment filter is its compiled query as a subquery. */
function build(db: RawDb, f: CustomerListFilters, shape: (b: SqlBuilder, where: string) => string) {
  // the row holding erased customers' anonymous orders is no customer: never listed
  const joinWhere = (parts: string[]) => [`c."externalId" <> '${ERASED_HOLDER}'`, ...parts].join(' AND ');
  if (!f.segment) {
    const b = new SqlBuilder(dialectOf(db));
    return b.finish(shape(b, joinWhere(filterSql(b, f))));
  }
  const { definition, resolveSegment, now, timeZone } = f.segment;
  return buildSegmentQuery(
    definition,
    { dialect: dialectOf(db), now, timeZone, resolveSegment },
    ({ from, where, b }) =>
      shape(b, joinWhere([...filterSql(b, f), `c."id" IN (SELECT c."id" FROM ${from} WHERE ${where})`])),
  );
}

const epoch = (b: SqlBuilder, expr: string) => (b.isPg ? `(extract(epoch from ${expr}) * 1000)::float8` : expr);

function toRow(r: Record<string, unknown>): CustomerListRow {
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: Number(r.id),
    externalId: String(r.externalId),
    name: str(r.name),
    region: str(r.region),
    city: str(r.city),
    signupAt: num(r.signupAt),
    erasedAt: num(r.erasedAt),
    consentEmail: Boolean(r.consentEmail),
    consentSms: Boolean(r.consentSms),
    consentPush: Boolean(r.consentPush),
    orders: Number(r.orders ?? 0),
    revenue: Number(r.revenue ?? 0),
    lastOrderAt: num(r.lastOrderAt),
    rfmGroup: str(r.rfmGroup),
    lifecycle: str(r.lifecycle),
    clv365: num(r.clv365),
    churnProbability: num(r.churnProbability),
  };
}

/** One page of customers, filtered and sorted in SQL, with the total number of matches. */
export async function listCustomerPage(
  db: RawDb,
  query: CustomerListQuery,
): Promise<{ total: number; rows: CustomerListRow[] }> {
  if (!Number.isInteger(query.page) || query.page < 1)
    throw new RangeError(`listCustomerPage: page must be ≥ 1, got ${query.page}`);
  if (!Number.isInteger(query.pageSize) || query.pageSize < 1 || query.pageSize > 500)
    throw new RangeError(`listCustomerPage: pageSize must be 1–500, got ${query.pageSize}`);
  const count = build(db, query, (_b, where) => `SELECT COUNT(*) AS n FROM "Customer" c ${PROFILE} WHERE ${where}`);
  const page = build(db, query, (b, where) => {
    const cols = [
      'c."id"',
      'c."externalId"',
      'c."name"',
      'c."region"',
      'c."city"',
      `${epoch(b, 'c."signupAt"')} AS "signupAt"`,
      `${epoch(b, 'c."erasedAt"')} AS "erasedAt"`,
      'c."consentEmail"',
      'c."consentSms"',
      'c."consentPush"',
      'COALESCE(o.n, 0) AS orders',
      'COALESCE(o.revenue, 0) AS revenue',
      `${epoch(b, 'o.last')} AS "lastOrderAt"`,
      'p."rfmGroup"',
      'p."lifecycle"',
      'p."clv365"',
      'p."churnProbability"',
    ];
    return `SELECT ${cols.join(', ')} FROM "Customer" c ${PROFILE} ${ORDER_STATS} WHERE ${where}
      ORDER BY ${orderBy(b, query.sort, query.dir)} LIMIT ${b.int(query.pageSize)} OFFSET ${b.int((query.page - 1) * query.pageSize)}`;
  });
  const [totalRows, rows] = await Promise.all([
    queryAll<{ n: unknown }>(db, count.sql, count.params),
    queryAll(db, page.sql, page.params),
  ]);
  return { total: Number(totalRows[0]?.n ?? 0), rows: rows.map(toRow) };
}

/** Tags a list can be filtered by: key and labels, with how many customers carry each. */
export async function listFilterTags(
  db: RawDb,
): Promise<{ key: string; label: string; labelZh: string | null; family: string; count: number }[]> {
  const rows = await queryAll<Record<string, unknown>>(
    db,
    `SELECT t."key", t."label", t."labelZh", t."family", COUNT(ct."customerId") AS n
    FROM "Tag" t LEFT JOIN "CustomerTag" ct ON ct."tagId" = t."id" GROUP BY t."id", t."key", t."label", t."labelZh", t."family" ORDER BY t."family", t."key"`,
  );
  return rows.map((r) => ({
    key: String(r.key),
    label: String(r.label),
    labelZh: r.labelZh === null ? null : String(r.labelZh),
    family: String(r.family),
    count: Number(r.n ?? 0),
  }));
}
