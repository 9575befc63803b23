import type { Db } from '../create-client';
import { Prisma } from '../generated/sqlite/client';
import { IS_PG, num, timeParam } from '../dialect';
import type { Range } from './overview';

/**
 * Completed orders in 15-minute UTC buckets (epoch ms of the bucket start). Every time zone's offset is a multiple of
 * 15 minutes, so the service can sum these into the shop's calendar days exactly; a year is at most 35,040 rows.
 */
export async function orderQuarterHours(db: Db, r: Range) {
  const bucket = IS_PG
    ? Prisma.sql`(floor(extract(epoch from "placedAt") / 900) * 900000)::float8`
    : Prisma.sql`(("placedAt" / 900000) * 900000)`;
  const rows = await db.$queryRaw<{ t: unknown; orders: unknown; revenue: unknown }[]>`
    SELECT ${bucket} AS t, count(*) AS orders, sum("total") AS revenue
    FROM "Order" WHERE "status" = 'completed' AND "placedAt" >= ${timeParam(r.from)} AND "placedAt" <= ${timeParam(r.to)}
    GROUP BY 1 ORDER BY 1`;
  return rows.map((row) => ({ t: num(row.t), orders: num(row.orders), revenue: num(row.revenue) }));
}

/** Customers who signed up within the range. */
export async function newCustomerCount(db: Db, r: Range) {
  return db.customer.count({ where: { signupAt: { gte: new Date(r.from), lte: new Date(r.to) } } });
}
