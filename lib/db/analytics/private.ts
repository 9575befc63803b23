import type { Db } from '../create-client';
import { Prisma } from '../generated/sqlite/client';
import { num, timeParam } from '../dialect';
import type { Range } from './overview';

/**
 * The true inputs of differentially private releases, bounded per customer: counts count distinct customers, and
 * revenue sums clip each customer's total to [0, clip] before adding (so one customer moves a sum by at most clip).
 */
export async function boundedOrderTotals(db: Db, r: Range, clip: number) {
  const rows = await db.$queryRaw<{ buyers: unknown; revenue: unknown }[]>`
    SELECT count(*) AS buyers,
      coalesce(sum(CASE WHEN s > ${clip} THEN ${clip} WHEN s < 0 THEN 0 ELSE s END), 0) AS revenue
    FROM (SELECT "customerId", sum("total") AS s FROM "Order"
      WHERE "status" = 'completed'
        AND "placedAt" >= ${timeParam(r.from)} AND "placedAt" <= ${timeParam(r.to)}
      GROUP BY "customerId") per_customer`;
  return { buyers: num(rows[0]?.buyers), revenue: num(rows[0]?.revenue) };
}

/** Per variant of a campaign: assigned customers, converted customers, attributed revenue clipped per customer. */
export async function boundedVariantTotals(db: Db, campaignId: number, clip: number) {
  const rows = await db.$queryRaw<
    { key: string; name: string; assigned: unknown; converted: unknown; revenue: unknown }[]
  >(Prisma.sql`
    SELECT v."key" AS key, v."name" AS name,
      (SELECT count(*) FROM "CampaignAssignment" a WHERE a."variantId" = v."id") AS assigned,
      (SELECT count(*) FROM "CampaignOutcome" o WHERE o."variantId" = v."id" AND o."converted" = TRUE) AS converted,
      (SELECT coalesce(sum(CASE WHEN o."revenue" > ${clip} THEN ${clip} WHEN o."revenue" < 0 THEN 0 ELSE o."revenue" END), 0)
        FROM "CampaignOutcome" o WHERE o."variantId" = v."id") AS revenue
    FROM "CampaignVariant" v WHERE v."campaignId" = ${campaignId} ORDER BY v."id"`);
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    assigned: num(r.assigned),
    converted: num(r.converted),
    revenue: num(r.revenue),
  }));
}

/** A fingerprint of the data a release is computed on: when it changes, the same query is a new release. */
export async function dataStamp(db: Db): Promise<string> {
  const rows = await db.$queryRaw<{ o: unknown; e: unknown; c: unknown; cu: unknown; co: unknown }[]>`
    SELECT (SELECT max("updatedAt") FROM "Order") AS o, (SELECT count(*) FROM "Event") AS e,
      (SELECT count(*) FROM "Customer") AS c, (SELECT max("updatedAt") FROM "Customer") AS cu,
      (SELECT max("updatedAt") FROM "CampaignOutcome") AS co`;
  const r = rows[0];
  const part = (v: unknown) => (v instanceof Date ? v.getTime() : String(v ?? ''));
  return [r?.o, r?.e, r?.c, r?.cu, r?.co].map(part).join('|');
}
