/** Reads for attribution (events and orders of assigned customers) and the attributed outcomes themselves. */
import type { Db } from '../create-client';
import { Prisma } from '../generated/sqlite/client';
import { epochMs, num, timeParam } from '../dialect';
import type { Tx } from './campaigns';

type Client = Db | Tx;

const DAY = 86_400_000;

/** Which events a campaign's attribution reads: a simulated campaign only its own simulation; a real one no simulation. */
export type EventScope = { campaignId: number; isSimulated: boolean };

const scopeSql = (s: EventScope) =>
  s.isSimulated
    ? Prisma.sql`e."source" = 'simulation' AND e."dedupKey" LIKE ${`sim:${s.campaignId}:%`}`
    : Prisma.sql`e."source" <> 'simulation'`;

export type RawOutcomeEvent = {
  customerId: number;
  type: string;
  ts: number;
  campaignId: number | null;
  value: number | null;
  price: number | null;
  quantity: number | null;
  orderRef: string | null;
};

/** Events of the given customers in [from, to) that can matter: purchases, and the campaign's own opens, clicks, exposures. */
export async function eventsForAttribution(
  db: Client,
  scope: EventScope,
  customerIds: number[],
  from: number,
  to: number,
): Promise<RawOutcomeEvent[]> {
  if (!customerIds.length) return [];
  const rows = await db.$queryRaw<
    {
      customerId: unknown;
      type: string;
      ts: unknown;
      campaignId: unknown;
      value: unknown;
      price: unknown;
      quantity: unknown;
      orderRef: string | null;
    }[]
  >`
    SELECT e."customerId", e."type", ${epochMs(Prisma.sql`e."ts"`)} AS ts, e."campaignId", e."value", e."price", e."quantity", e."orderRef"
    FROM "Event" e
    WHERE e."customerId" IN (${Prisma.join(customerIds)}) AND e."ts" >= ${timeParam(from)} AND e."ts" < ${timeParam(to)}
      AND (e."type" = 'purchase' OR (e."campaignId" = ${scope.campaignId} AND e."type" IN ('open', 'click', 'exposure')))
      AND ${scopeSql(scope)}
    ORDER BY e."customerId", e."ts"`;
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    customerId: num(r.customerId),
    type: r.type,
    ts: num(r.ts),
    campaignId: n(r.campaignId),
    value: n(r.value),
    price: n(r.price),
    quantity: n(r.quantity),
    orderRef: r.orderRef,
  }));
}

/** Completed orders of the given customers in [from, to) (real campaigns: orders are the source of truth for purchases). */
export async function ordersForAttribution(db: Client, customerIds: number[], from: number, to: number) {
  if (!customerIds.length) return [];
  const rows = await db.order.findMany({
    where: {
      customerId: { in: customerIds },
      status: 'completed',
      placedAt: { gte: new Date(from), lt: new Date(to) },
    },
    select: { customerId: true, externalId: true, placedAt: true, total: true, campaignId: true },
  });
  return rows.map((r) => ({
    customerId: r.customerId,
    orderRef: r.externalId,
    ts: r.placedAt.getTime(),
    value: r.total,
    campaignId: r.campaignId,
  }));
}

/**
 * Pre-period metric for CUPED: each customer's spend in the 90 days before `start`, from completed orders or, for
 * shops that send purchases only as events, from purchase events (the larger of the two; simulated events never count).
 */
export async function preSpend(
  db: Client,
  customerIds: number[],
  start: number,
  days = 90,
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!customerIds.length) return out;
  const from = timeParam(start - days * DAY);
  const to = timeParam(start);
  const orders = await db.$queryRaw<{ customerId: unknown; s: unknown }[]>`
    SELECT "customerId", sum("total") AS s FROM "Order" WHERE "customerId" IN (${Prisma.join(customerIds)}) AND "status" = 'completed' AND "placedAt" >= ${from} AND "placedAt" < ${to} GROUP BY "customerId"`;
  const events = await db.$queryRaw<{ customerId: unknown; s: unknown }[]>`
    SELECT e."customerId", sum(coalesce(e."value", e."price" * coalesce(e."quantity", 1), 0)) AS s FROM "Event" e
    WHERE e."customerId" IN (${Prisma.join(customerIds)}) AND e."type" = 'purchase' AND e."source" <> 'simulation' AND e."ts" >= ${from} AND e."ts" < ${to} GROUP BY e."customerId"`;
  for (const r of [...orders, ...events])
    out.set(num(r.customerId), Math.max(out.get(num(r.customerId)) ?? 0, num(r.s)));
  return out;
}

export type NewOutcome = {
  campaignId: number;
  customerId: number;
  variantId: number;
  opened: boolean;
  clicked: boolean;
  converted: boolean;
  revenue: number;
  orders: number;
  preMetric: number | null;
  convertedAt: Date | null;
};

/** Replaces the outcomes of a page of customers (attribution is recomputed from the events each time). */
export async function replaceOutcomes(db: Client, campaignId: number, customerIds: number[], rows: NewOutcome[]) {
  await db.campaignOutcome.deleteMany({ where: { campaignId, customerId: { in: customerIds } } });
  if (rows.length) await db.campaignOutcome.createMany({ data: rows });
}

export function deleteOutcomes(db: Client, campaignId: number) {
  return db.campaignOutcome.deleteMany({ where: { campaignId } });
}

export type OutcomeWithCustomer = {
  customerId: number;
  variantId: number;
  opened: boolean;
  clicked: boolean;
  converted: boolean;
  revenue: number;
  orders: number;
  preMetric: number | null;
  convertedAt: number | null;
  startAt: number;
  exposures: number;
  wave: number;
  gender: string | null;
  region: string | null;
  rfmGroup: string | null;
  lifecycle: string | null;
};

const bool = (v: unknown) => v === true || v === 1 || v === '1' || v === 't' || (typeof v === 'bigint' && v === 1n);

/** A page of attributed outcomes with the customer's attributes for the breakdown, in customer-id order. */
export async function outcomePage(
  db: Client,
  campaignId: number,
  afterCustomerId: number,
  take: number,
): Promise<OutcomeWithCustomer[]> {
  const start = Prisma.sql`coalesce(a."exposedAt", a."assignedAt")`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT o."customerId", o."variantId", o."opened", o."clicked", o."converted", o."revenue", o."orders", o."preMetric",
      ${epochMs(Prisma.sql`o."convertedAt"`)} AS "convertedAt", ${epochMs(start)} AS "startAt", a."exposures", a."wave",
      c."gender", c."region", p."rfmGroup", p."lifecycle"
    FROM "CampaignOutcome" o
    JOIN "CampaignAssignment" a ON a."campaignId" = o."campaignId" AND a."customerId" = o."customerId"
    JOIN "Customer" c ON c."id" = o."customerId"
    LEFT JOIN "CustomerProfile" p ON p."customerId" = o."customerId"
    WHERE o."campaignId" = ${campaignId} AND o."customerId" > ${afterCustomerId}
    ORDER BY o."customerId" LIMIT ${take}`;
  const s = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
  return rows.map((r) => ({
    customerId: num(r.customerId),
    variantId: num(r.variantId),
    opened: bool(r.opened),
    clicked: bool(r.clicked),
    converted: bool(r.converted),
    revenue: num(r.revenue),
    orders: num(r.orders),
    preMetric: r.preMetric === null || r.preMetric === undefined ? null : num(r.preMetric),
    convertedAt: r.convertedAt === null || r.convertedAt === undefined ? null : num(r.convertedAt),
    startAt: num(r.startAt),
    exposures: num(r.exposures),
    wave: num(r.wave),
    gender: s(r.gender),
    region: s(r.region),
    rfmGroup: s(r.rfmGroup),
    lifecycle: s(r.lifecycle),
  }));
}

/** Feedback scores tied to the campaign, per variant (satisfaction). */
export async function feedbackScores(
  db: Client,
  scope: EventScope,
): Promise<{ variantId: number | null; value: number }[]> {
  const rows = await db.$queryRaw<{ variantId: unknown; value: unknown }[]>`
    SELECT e."variantId", e."value" FROM "Event" e WHERE e."campaignId" = ${scope.campaignId} AND e."type" = 'feedback' AND e."value" IS NOT NULL AND ${scopeSql(scope)}`;
  return rows.map((r) => ({
    variantId: r.variantId === null || r.variantId === undefined ? null : num(r.variantId),
    value: num(r.value),
  }));
}

/** Campaign-level sums per variant for the league table (one query over every campaign's outcomes). */
export async function outcomeSumsByCampaign(db: Client) {
  const rows = await db.$queryRaw<
    { campaignId: unknown; variantId: unknown; n: unknown; converted: unknown; revenue: unknown; revenueSq: unknown }[]
  >`
    SELECT "campaignId", "variantId", count(*) AS n, sum(CASE WHEN "converted" THEN 1 ELSE 0 END) AS converted, sum("revenue") AS revenue, sum("revenue" * "revenue") AS "revenueSq"
    FROM "CampaignOutcome" GROUP BY "campaignId", "variantId"`;
  return rows.map((r) => ({
    campaignId: num(r.campaignId),
    variantId: num(r.variantId),
    n: num(r.n),
    converted: num(r.converted),
    revenue: num(r.revenue),
    revenueSq: num(r.revenueSq),
  }));
}
