import type { Db } from '../create-client';
import { Prisma } from '../generated/sqlite/client';
import { epochMs, num, timeParam } from '../dialect';

// Simulated campaign events (source 'simulation') are never real behaviour: every query here leaves them out.
export type Range = { from: number; to: number };

/**
 * The latest moment up to `until` (epoch ms) the shop has data for (orders or events), so an imported history still
 * shows up.
 */
export async function latestDataTime(db: Db, until: number): Promise<number | null> {
  const rows = await db.$queryRaw<{ t: unknown }[]>`
    SELECT max(t) AS t FROM (
      SELECT max(${epochMs(Prisma.sql`"placedAt"`)}) AS t FROM "Order" WHERE "placedAt" <= ${timeParam(until)}
      UNION ALL SELECT max(${epochMs(Prisma.sql`"ts"`)}) AS t FROM "Event"
        WHERE "source" <> 'simulation' AND "ts" <= ${timeParam(until)}) x`;
  const t = rows[0]?.t;
  return t === null || t === undefined ? null : num(t);
}

export async function orderTotals(db: Db, r: Range) {
  const rows = await db.$queryRaw<{ orders: unknown; revenue: unknown; buyers: unknown }[]>`
    SELECT count(*) AS orders, coalesce(sum("total"), 0) AS revenue, count(DISTINCT "customerId") AS buyers
    FROM "Order" WHERE "status" = 'completed' AND "placedAt" >= ${timeParam(r.from)} AND "placedAt" <= ${timeParam(r.to)}`;
  const row = rows[0];
  return { orders: num(row?.orders), revenue: num(row?.revenue), buyers: num(row?.buyers) };
}

export async function eventMix(db: Db, r: Range) {
  const rows = await db.$queryRaw<{ type: string; n: unknown }[]>`
    SELECT "type", count(*) AS n FROM "Event" WHERE "source" <> 'simulation' AND "ts" >= ${timeParam(r.from)} AND "ts" <= ${timeParam(r.to)} GROUP BY "type" ORDER BY 2 DESC`;
  return rows.map((row) => ({ type: row.type, count: num(row.n) }));
}

/** Sessions that reached each funnel step (a session counts once per step). */
export async function sessionFunnel(db: Db, r: Range) {
  const rows = await db.$queryRaw<{ sessions: unknown; viewed: unknown; carted: unknown; bought: unknown }[]>`
    SELECT count(*) AS sessions, sum(v) AS viewed, sum(c) AS carted, sum(p) AS bought FROM (
      SELECT "sessionId",
        max(CASE WHEN "type" = 'view' THEN 1 ELSE 0 END) AS v,
        max(CASE WHEN "type" = 'cart' THEN 1 ELSE 0 END) AS c,
        max(CASE WHEN "type" = 'purchase' THEN 1 ELSE 0 END) AS p
      FROM "Event" WHERE "sessionId" IS NOT NULL AND "source" <> 'simulation' AND "ts" >= ${timeParam(r.from)} AND "ts" <= ${timeParam(r.to)}
      GROUP BY "sessionId") s`;
  const row = rows[0];
  return { sessions: num(row?.sessions), viewed: num(row?.viewed), carted: num(row?.carted), bought: num(row?.bought) };
}

/**
 * Revenue by top-level category (the first segment of the category path). A product listed in several categories
 * counts in its primary category only, so the bars add up to the revenue of categorised products (the chart says so).
 */
export async function topCategories(db: Db, r: Range, limit = 8) {
  const rows = await db.$queryRaw<{ path: string; revenue: unknown; units: unknown }[]>`
    SELECT c."path" AS path, sum(l."total") AS revenue, sum(l."quantity") AS units
    FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId" JOIN "Product" p ON p."id" = l."productId" JOIN "Category" c ON c."id" = p."categoryId"
    WHERE o."status" = 'completed' AND o."placedAt" >= ${timeParam(r.from)} AND o."placedAt" <= ${timeParam(r.to)}
    GROUP BY c."path"`;
  const byTop = new Map<string, { revenue: number; units: number }>();
  for (const row of rows) {
    const top = row.path.split(' > ')[0] ?? row.path;
    const acc = byTop.get(top) ?? { revenue: 0, units: 0 };
    acc.revenue += num(row.revenue);
    acc.units += num(row.units);
    byTop.set(top, acc);
  }
  return [...byTop.entries()]
    .map(([category, v]) => ({ category, ...v }))
    .sort((a, b) => b.revenue - a.revenue)
    .slice(0, limit);
}

export async function shopCounts(db: Db) {
  const [customers, activeProducts] = await Promise.all([
    db.customer.count(),
    db.product.count({ where: { active: true } }),
  ]);
  return { customers, activeProducts };
}
