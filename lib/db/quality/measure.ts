import type { Db } from '../create-client';
import { epochMs, num, timeParam } from '../dialect';
import { Prisma } from '../generated/sqlite/client';

/**
 * The counting queries of the data-quality report (see lib/engine/quality/checks.ts for what each check means).
 * Each returns how many rows have the problem, how many rows were looked at, and the first few problem rows by
 * reference (ids only, no copied personal data). Erased customers and their anonymised orders are not looked at.
 */
export type Example = {
  customerId?: number | null;
  productId?: number | null;
  importId?: string | null;
  rowId?: number | null;
  value?: string;
};
export type Measured = { count: number; total: number; examples: Example[] };

type Query = { from: Prisma.Sql; base: Prisma.Sql; problem: Prisma.Sql; example: Prisma.Sql; order: Prisma.Sql };

async function measure(db: Db, q: Query, limit: number): Promise<Measured> {
  const [counts] = await db.$queryRaw<{ total: unknown; count: unknown }[]>`
    SELECT count(*) AS total, coalesce(sum(CASE WHEN ${q.problem} THEN 1 ELSE 0 END), 0) AS count
    FROM ${q.from} WHERE ${q.base}`;
  const examples = await db.$queryRaw<{ customerId: unknown; productId: unknown; rowId: unknown; value: unknown }[]>`
    SELECT ${q.example} FROM ${q.from} WHERE ${q.base} AND (${q.problem}) ORDER BY ${q.order} LIMIT ${limit}`;
  return {
    count: num(counts?.count),
    total: num(counts?.total),
    examples: examples.map((e) => ({
      customerId: e.customerId === null || e.customerId === undefined ? null : num(e.customerId),
      productId: e.productId === null || e.productId === undefined ? null : num(e.productId),
      rowId: e.rowId === null || e.rowId === undefined ? null : num(e.rowId),
      // a time comes back as a Date on SQLite (the driver knows the column) and as epoch ms on PostgreSQL
      ...(e.value === null || e.value === undefined
        ? {}
        : { value: e.value instanceof Date ? String(e.value.getTime()) : String(e.value) }),
    })),
  };
}

const sql = Prisma.sql;
const blank = (column: string) => Prisma.raw(`TRIM(COALESCE(${column}, '')) = ''`);
const customers = {
  from: sql`"Customer" c`,
  base: sql`c."erasedAt" IS NULL`,
  example: sql`c."id" AS "customerId", NULL AS "productId", NULL AS "rowId", NULL AS "value"`,
  order: sql`c."id"`,
};
const products = {
  from: sql`"Product" p`,
  base: sql`1 = 1`,
  example: sql`NULL AS "customerId", p."id" AS "productId", NULL AS "rowId", p."sku" AS "value"`,
  order: sql`p."id"`,
};
const liveCustomer = sql`JOIN "Customer" c ON c."id" = o."customerId" AND c."erasedAt" IS NULL`;
const liveOrders = sql`"Order" o ${liveCustomer}`;
const orderLines = {
  from: sql`"OrderLine" l JOIN "Order" o ON o."id" = l."orderId" ${liveCustomer}`,
  base: sql`1 = 1`,
  order: sql`l."id"`,
};
const lineExample = (value: Prisma.Sql) =>
  sql`o."customerId" AS "customerId", l."productId" AS "productId", l."id" AS "rowId", ${value} AS "value"`;
const eventExample = (value: Prisma.Sql) =>
  sql`e."customerId" AS "customerId", e."productId" AS "productId", e."id" AS "rowId", ${value} AS "value"`;

export type Completeness =
  | 'customerEmail'
  | 'customerPhone'
  | 'customerSignup'
  | 'productCategory'
  | 'productPrice'
  | 'productImage';

/** Rows missing an important field: customers without e-mail, phone or sign-up date; products without category… */
export function measureCompleteness(db: Db, check: Completeness, limit: number) {
  const problems: Record<Completeness, [typeof customers | typeof products, Prisma.Sql]> = {
    customerEmail: [customers, blank('c."email"')],
    customerPhone: [customers, blank('c."phone"')],
    customerSignup: [customers, sql`c."signupAt" IS NULL`],
    productCategory: [products, sql`p."categoryId" IS NULL`],
    productPrice: [products, sql`p."price" <= 0`],
    productImage: [products, blank('p."imageUrl"')],
  };
  const [table, problem] = problems[check];
  return measure(db, { ...table, problem }, limit);
}

/** Purchase events with a negative price or a quantity of 0 or less. */
export function measureNegativePurchases(db: Db, limit: number) {
  return measure(
    db,
    {
      from: sql`"Event" e`,
      base: sql`e."type" = 'purchase'`,
      problem: sql`e."price" < 0 OR e."quantity" <= 0`,
      example: eventExample(sql`CAST(e."quantity" AS TEXT) || ' × ' || CAST(e."price" AS TEXT)`),
      order: sql`e."id"`,
    },
    limit,
  );
}

/** Order lines with a negative unit price or a quantity of 0 or less. */
export function measureNegativeOrderLines(db: Db, limit: number) {
  return measure(
    db,
    {
      ...orderLines,
      problem: sql`l."unitPrice" < 0 OR l."quantity" <= 0`,
      example: lineExample(sql`CAST(l."quantity" AS TEXT) || ' × ' || CAST(l."unitPrice" AS TEXT)`),
    },
    limit,
  );
}

/** Events dated before `earliest` (when given) or after `latest`. */
export function measureEventDates(db: Db, window: { earliest: Date | null; latest: Date }, limit: number) {
  const early = window.earliest ? sql` OR e."ts" < ${timeParam(window.earliest)}` : sql``;
  return measure(
    db,
    {
      from: sql`"Event" e`,
      base: sql`1 = 1`,
      problem: sql`e."ts" > ${timeParam(window.latest)}${early}`,
      example: eventExample(epochMs(sql`e."ts"`)),
      order: sql`e."id"`,
    },
    limit,
  );
}

/** Orders placed after `latest` (no order can be earlier than the first one). */
export function measureOrderDates(db: Db, latest: Date, limit: number) {
  return measure(
    db,
    {
      from: liveOrders,
      base: sql`1 = 1`,
      problem: sql`o."placedAt" > ${timeParam(latest)}`,
      example: sql`o."customerId" AS "customerId", NULL AS "productId", o."id" AS "rowId", ${epochMs(sql`o."placedAt"`)} AS "value"`,
      order: sql`o."id"`,
    },
    limit,
  );
}

/**
 * Product events (view, cart, purchase) whose product is not in the catalogue: a product id that no longer exists,
 * or a cart or purchase without any product (a view without product is a category view).
 */
export function measureEventProducts(db: Db, limit: number) {
  return measure(
    db,
    {
      from: sql`"Event" e`,
      base: sql`e."type" IN ('view', 'cart', 'purchase')`,
      problem: sql`(e."productId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Product" p WHERE p."id" = e."productId"))
        OR (e."productId" IS NULL AND e."type" IN ('cart', 'purchase'))`,
      example: eventExample(sql`e."type"`),
      order: sql`e."id"`,
    },
    limit,
  );
}

/** Order lines whose SKU is not in the catalogue. */
export function measureOrderLineSkus(db: Db, limit: number) {
  return measure(
    db,
    {
      ...orderLines,
      problem: sql`NOT EXISTS (SELECT 1 FROM "Product" p WHERE p."sku" = l."sku")`,
      example: lineExample(sql`l."sku"`),
    },
    limit,
  );
}

/** Orders that repeat an earlier order of the same customer at the same time with the same total. */
export function measureRepeatedOrders(db: Db, limit: number) {
  return measure(
    db,
    {
      from: liveOrders,
      base: sql`1 = 1`,
      problem: sql`EXISTS (SELECT 1 FROM "Order" o2 WHERE o2."customerId" = o."customerId"
        AND o2."placedAt" = o."placedAt" AND o2."total" = o."total" AND o2."id" < o."id")`,
      example: sql`o."customerId" AS "customerId", NULL AS "productId", o."id" AS "rowId", NULL AS "value"`,
      order: sql`o."id"`,
    },
    limit,
  );
}

/**
 * Order numbers on purchase events recorded as two orders: under two customers, or at two different times.
 * Counts order numbers (total: distinct order numbers on purchase events); an example is the number's first event.
 */
export async function measureRepeatedOrderRefs(db: Db, limit: number): Promise<Measured> {
  const refs = sql`SELECT e."orderRef" AS ref, min(e."id") AS "rowId",
      CASE WHEN count(DISTINCT e."customerId") > 1 OR count(DISTINCT e."ts") > 1 THEN 1 ELSE 0 END AS repeated
    FROM "Event" e WHERE e."type" = 'purchase' AND e."orderRef" IS NOT NULL GROUP BY e."orderRef"`;
  const [counts] = await db.$queryRaw<{ total: unknown; count: unknown }[]>`
    SELECT count(*) AS total, coalesce(sum(r.repeated), 0) AS count FROM (${refs}) r`;
  const examples = await db.$queryRaw<{ rowId: unknown; customerId: unknown }[]>`
    SELECT r."rowId" AS "rowId", e."customerId" AS "customerId" FROM (${refs}) r JOIN "Event" e ON e."id" = r."rowId"
    WHERE r.repeated = 1 ORDER BY r."rowId" LIMIT ${limit}`;
  return {
    count: num(counts?.count),
    total: num(counts?.total),
    examples: examples.map((e) => ({ customerId: num(e.customerId), rowId: num(e.rowId) })),
  };
}

/** One page of non-erased customers with a non-blank e-mail, in id order after `afterId`. */
export function listCustomerEmails(db: Db, afterId: number, take: number) {
  return db.customer.findMany({
    where: { erasedAt: null, email: { not: null }, id: { gt: afterId } },
    select: { id: true, email: true },
    orderBy: { id: 'asc' },
    take,
  });
}

/** The shop's first order (of any customer), or null without orders. */
export async function firstOrderAt(db: Db) {
  const o = await db.order.findFirst({ orderBy: { placedAt: 'asc' }, select: { placedAt: true } });
  return o?.placedAt ?? null;
}

/** The newest event per source, ignoring times after `latest`, and how many events each source has. */
export async function lastEventPerSource(db: Db, latest: Date) {
  const rows = await db.$queryRaw<{ source: string; lastAt: unknown; events: unknown }[]>`
    SELECT e."source" AS source, max(CASE WHEN e."ts" <= ${timeParam(latest)} THEN ${epochMs(sql`e."ts"`)} END) AS "lastAt",
      count(*) AS events
    FROM "Event" e GROUP BY e."source" ORDER BY e."source"`;
  return rows.map((r) => ({
    source: r.source,
    lastAt: r.lastAt === null ? null : new Date(num(r.lastAt)),
    events: num(r.events),
  }));
}

/** The newest completed import per kind. */
export async function lastImportPerKind(db: Db) {
  const rows = await db.importJob.findMany({
    where: { status: 'completed', finishedAt: { not: null } },
    select: { id: true, kind: true, finishedAt: true },
    orderBy: { finishedAt: 'desc' },
    distinct: ['kind'],
  });
  return rows
    .map((r) => ({ kind: r.kind, lastAt: r.finishedAt!, importId: r.id }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
}
