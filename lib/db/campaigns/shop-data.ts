/**
 * Shop data campaigns read or write besides their own tables: simulated events, the baseline of the power panel,
 * and per-customer features for uplift models and the simulation.
 */
import type { Db } from '../create-client';
import { Prisma } from '../generated/sqlite/client';
import { epochMs, num, timeParam } from '../dialect';
import type { Tx } from './campaigns';

type Client = Db | Tx;

export type NewEvent = {
  dedupKey: string;
  customerId: number;
  type: string;
  ts: Date;
  sessionId: string | null;
  productId: number | null;
  categoryId: number | null;
  quantity: number | null;
  price: number | null;
  value: number | null;
  campaignId: number | null;
  variantId: number | null;
  orderRef: string | null;
  source: string;
};

export function insertEvents(db: Client, rows: NewEvent[]) {
  return rows.length ? db.event.createMany({ data: rows }) : Promise.resolve({ count: 0 });
}

/** Removes a simulated campaign's events (a re-run starts from scratch). */
/** The dedup keys among these that are already stored. */
export async function existingDedupKeys(db: Client, keys: string[]): Promise<Set<string>> {
  return new Set(
    (await db.event.findMany({ where: { dedupKey: { in: keys } }, select: { dedupKey: true } })).map((e) => e.dedupKey),
  );
}

export function deleteSimulatedEvents(db: Client, campaignId: number) {
  return db.event.deleteMany({ where: { source: 'simulation', dedupKey: { startsWith: `sim:${campaignId}:` } } });
}

export async function productIdsBySku(
  db: Client,
  skus: string[],
): Promise<Map<string, { id: number; categoryId: number | null }>> {
  if (!skus.length) return new Map();
  const rows = await db.product.findMany({
    where: { sku: { in: skus } },
    select: { id: true, sku: true, categoryId: true },
  });
  return new Map(rows.map((r) => [r.sku, { id: r.id, categoryId: r.categoryId }]));
}

/** The newest moment the shop has real data for (orders or non-simulated events), ignoring rows after `notAfter`. */
export async function latestRealDataTime(db: Client, notAfter = 8.64e15): Promise<number | null> {
  const cap = timeParam(notAfter);
  const rows = await db.$queryRaw<{ t: unknown }[]>`
    SELECT max(t) AS t FROM (
      SELECT max(${epochMs(Prisma.sql`"placedAt"`)}) AS t FROM "Order" WHERE "placedAt" <= ${cap}
      UNION ALL SELECT max(${epochMs(Prisma.sql`"ts"`)}) AS t FROM "Event" WHERE "source" <> 'simulation' AND "ts" <= ${cap}) x`;
  const t = rows[0]?.t;
  return t === null || t === undefined ? null : num(t);
}

/**
 * Baseline of a window of `windowMs` for a set of customers: share who bought and revenue per customer (mean, sd),
 * averaged over the `windows` consecutive windows ending at `end` (orders; purchase events where there are no orders).
 */
export async function purchaseBaseline(db: Client, customerIds: number[], end: number, windowMs: number, windows = 4) {
  if (!customerIds.length) return { rate: 0, revenueMean: 0, revenueSd: 0, n: 0 };
  const perWindow: { rate: number; mean: number; sd: number }[] = [];
  for (let w = 0; w < windows; w++) {
    const to = end - w * windowMs;
    const from = to - windowMs;
    const rows = await db.$queryRaw<{ customerId: unknown; s: unknown }[]>`
      SELECT "customerId", sum("total") AS s FROM "Order" WHERE "customerId" IN (${Prisma.join(customerIds)}) AND "status" = 'completed' AND "placedAt" >= ${timeParam(from)} AND "placedAt" < ${timeParam(to)} GROUP BY "customerId"`;
    const ev = rows.length
      ? []
      : await db.$queryRaw<{ customerId: unknown; s: unknown }[]>`
      SELECT e."customerId", sum(coalesce(e."value", 0)) AS s FROM "Event" e WHERE e."customerId" IN (${Prisma.join(customerIds)}) AND e."type" = 'purchase' AND e."source" <> 'simulation' AND e."ts" >= ${timeParam(from)} AND e."ts" < ${timeParam(to)} GROUP BY e."customerId"`;
    const spend = [...rows, ...ev].map((r) => num(r.s));
    const n = customerIds.length;
    const sum = spend.reduce((a, b) => a + b, 0);
    const sumSq = spend.reduce((a, b) => a + b * b, 0);
    const mean = sum / n;
    perWindow.push({
      rate: spend.length / n,
      mean,
      sd: Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / Math.max(1, n - 1))),
    });
  }
  const avg = (f: (x: (typeof perWindow)[number]) => number) =>
    perWindow.reduce((s, x) => s + f(x), 0) / perWindow.length;
  return {
    rate: avg((x) => x.rate),
    revenueMean: avg((x) => x.mean),
    revenueSd: avg((x) => x.sd),
    n: customerIds.length,
  };
}

/** Share of exposed customers who clicked, over past real campaigns on a channel (null when there were none). */
export async function pastClickRate(db: Client, channel: string): Promise<number | null> {
  const rows = await db.$queryRaw<{ n: unknown; clicked: unknown }[]>`
    SELECT count(*) AS n, sum(CASE WHEN o."clicked" THEN 1 ELSE 0 END) AS clicked
    FROM "CampaignOutcome" o JOIN "Campaign" c ON c."id" = o."campaignId" JOIN "CampaignVariant" v ON v."id" = o."variantId"
    WHERE c."channel" = ${channel} AND c."isSimulated" = ${false} AND v."key" <> 'holdout'`;
  const n = num(rows[0]?.n);
  return n >= 200 ? num(rows[0]?.clicked) / n : null;
}

export type CustomerFeatures = {
  customerId: number;
  externalId: string;
  gender: string | null;
  birthYear: number | null;
  signupAt: number | null;
  orders: number;
  spend: number;
  lastOrderAt: number | null;
  clicks: number;
};

/** History of each customer before `before`: orders, spend, last order, past campaign clicks, and profile basics. */
export async function customerFeatures(db: Client, customerIds: number[], before: number): Promise<CustomerFeatures[]> {
  if (!customerIds.length) return [];
  const t = timeParam(before);
  const base = await db.customer.findMany({
    where: { id: { in: customerIds } },
    select: { id: true, externalId: true, gender: true, birthYear: true, signupAt: true },
  });
  const orders = await db.$queryRaw<{ customerId: unknown; n: unknown; s: unknown; last: unknown }[]>`
    SELECT "customerId", count(*) AS n, sum("total") AS s, max(${epochMs(Prisma.sql`"placedAt"`)}) AS last FROM "Order"
    WHERE "customerId" IN (${Prisma.join(customerIds)}) AND "status" = 'completed' AND "placedAt" < ${t} GROUP BY "customerId"`;
  const events = await db.$queryRaw<{ customerId: unknown; n: unknown; s: unknown; last: unknown; clicks: unknown }[]>`
    SELECT e."customerId", sum(CASE WHEN e."type" = 'purchase' THEN 1 ELSE 0 END) AS n, sum(CASE WHEN e."type" = 'purchase' THEN coalesce(e."value", 0) ELSE 0 END) AS s,
      max(CASE WHEN e."type" = 'purchase' THEN ${epochMs(Prisma.sql`e."ts"`)} END) AS last, sum(CASE WHEN e."type" = 'click' AND e."campaignId" IS NOT NULL THEN 1 ELSE 0 END) AS clicks
    FROM "Event" e WHERE e."customerId" IN (${Prisma.join(customerIds)}) AND e."source" <> 'simulation' AND e."ts" < ${t} AND e."type" IN ('purchase', 'click') GROUP BY e."customerId"`;
  const o = new Map(orders.map((r) => [num(r.customerId), r]));
  const e = new Map(events.map((r) => [num(r.customerId), r]));
  return base.map((c) => {
    const or = o.get(c.id);
    const ev = e.get(c.id);
    const useOrders = or !== undefined;
    const last = useOrders ? or.last : ev?.last;
    return {
      customerId: c.id,
      externalId: c.externalId,
      gender: c.gender,
      birthYear: c.birthYear,
      signupAt: c.signupAt?.getTime() ?? null,
      orders: useOrders ? num(or.n) : num(ev?.n),
      spend: useOrders ? num(or.s) : num(ev?.s),
      lastOrderAt: last === null || last === undefined ? null : num(last),
      clicks: num(ev?.clicks),
    };
  });
}
