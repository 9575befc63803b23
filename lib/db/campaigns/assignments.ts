/** Campaign assignments: who is in which arm, since when, how often exposed. */
import type { Db } from '../create-client';
import { Prisma } from '../generated/sqlite/client';
import { epochMs, num, timeParam } from '../dialect';
import type { Tx } from './campaigns';

type Client = Db | Tx;

export type NewAssignment = {
  campaignId: number;
  customerId: number;
  variantId: number;
  assignedAt: Date;
  exposedAt: Date | null;
  exposures: number;
  wave: number;
};

/** Inserts a batch (the caller skips customers already assigned). */
export function insertAssignments(db: Client, rows: NewAssignment[]) {
  return rows.length ? db.campaignAssignment.createMany({ data: rows }) : Promise.resolve({ count: 0 });
}

export async function assignedCustomerIds(db: Client, campaignId: number, customerIds: number[]): Promise<Set<number>> {
  if (!customerIds.length) return new Set();
  const rows = await db.campaignAssignment.findMany({
    where: { campaignId, customerId: { in: customerIds } },
    select: { customerId: true },
  });
  return new Set(rows.map((r) => r.customerId));
}

export function findAssignment(db: Client, campaignId: number, customerId: number) {
  return db.campaignAssignment.findUnique({
    where: { campaignId_customerId: { campaignId, customerId } },
    select: { variantId: true, assignedAt: true, exposedAt: true, exposures: true, wave: true },
  });
}

/**
 * Creates the assignment unless it exists; returns the stored one either way (idempotent under races). Prisma's
 * upsert reads, then inserts: two processes asking at once both insert, and the loser's unique violation means the
 * winner's row is there (two storefront processes on PostgreSQL answered 500 here; lib/testing/db/multi). Not for
 * use inside a PostgreSQL transaction, which the failed insert would abort.
 */
export async function ensureAssignment(db: Client, row: NewAssignment) {
  try {
    await db.campaignAssignment.upsert({
      where: { campaignId_customerId: { campaignId: row.campaignId, customerId: row.customerId } },
      create: row,
      update: {},
    });
  } catch (e) {
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')) throw e;
  }
  return findAssignment(db, row.campaignId, row.customerId);
}

/**
 * Creates the assignments of one campaign that do not exist yet, in one statement (ON CONFLICT DO NOTHING, so it may
 * run inside a PostgreSQL transaction), and returns each customer's stored variant — the existing one for a customer
 * assigned before. The caller keeps `rows` under SQLite's 999 parameters (7 per row).
 */
export async function ensureAssignments(db: Client, campaignId: number, rows: Omit<NewAssignment, 'campaignId'>[]) {
  if (!rows.length) return new Map<number, number>();
  const values = rows.map(
    (r) =>
      Prisma.sql`(${campaignId}, ${r.customerId}, ${r.variantId}, ${timeParam(r.assignedAt)}, ${
        r.exposedAt ? timeParam(r.exposedAt) : null
      }, ${r.exposures}, ${r.wave})`,
  );
  await db.$executeRaw`INSERT INTO "CampaignAssignment" ("campaignId", "customerId", "variantId", "assignedAt", "exposedAt", "exposures", "wave")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("campaignId", "customerId") DO NOTHING`;
  const stored = await db.campaignAssignment.findMany({
    where: { campaignId, customerId: { in: [...new Set(rows.map((r) => r.customerId))] } },
    select: { customerId: true, variantId: true },
  });
  return new Map(stored.map((a) => [a.customerId, a.variantId]));
}

/** Customers per variant, and how many were exposed. */
export async function assignmentCounts(db: Client, campaignId: number) {
  const rows = await db.campaignAssignment.groupBy({
    by: ['variantId'],
    where: { campaignId },
    _count: { _all: true },
  });
  const exposed = await db.campaignAssignment.groupBy({
    by: ['variantId'],
    where: { campaignId, exposures: { gt: 0 } },
    _count: { _all: true },
  });
  const ex = new Map(exposed.map((r) => [r.variantId, r._count._all]));
  return rows.map((r) => ({ variantId: r.variantId, n: r._count._all, exposed: ex.get(r.variantId) ?? 0 }));
}

/** Customers per wave and variant (adaptive allocation). */
export async function waveCounts(db: Client, campaignId: number) {
  const rows = await db.campaignAssignment.groupBy({
    by: ['wave', 'variantId'],
    where: { campaignId },
    _count: { _all: true },
  });
  return rows.map((r) => ({ wave: r.wave, variantId: r.variantId, n: r._count._all }));
}

/** The earliest and latest window starts (exposure, else assignment), epoch ms. */
export async function windowStarts(
  db: Client,
  campaignId: number,
): Promise<{ first: number | null; last: number | null; count: number }> {
  const start = Prisma.sql`coalesce("exposedAt", "assignedAt")`;
  const rows = await db.$queryRaw<{ first: unknown; last: unknown; n: unknown }[]>`
    SELECT min(${epochMs(start)}) AS first, max(${epochMs(start)}) AS last, count(*) AS n FROM "CampaignAssignment" WHERE "campaignId" = ${campaignId}`;
  const r = rows[0];
  return {
    first: r?.first === null || r?.first === undefined ? null : num(r.first),
    last: r?.last === null || r?.last === undefined ? null : num(r.last),
    count: num(r?.n),
  };
}

export type AudienceRow = {
  customerId: number;
  externalId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  region: string | null;
  attributes: unknown;
  variantId: number;
  wave: number;
  assignedAt: Date;
  exposedAt: Date | null;
  exposures: number;
};

/** A page of assignments with the customer's contact details, in customer-id order (exports, webhook). */
export async function audiencePage(
  db: Client,
  campaignId: number,
  afterCustomerId: number,
  take: number,
): Promise<AudienceRow[]> {
  const rows = await db.campaignAssignment.findMany({
    where: { campaignId, customerId: { gt: afterCustomerId } },
    orderBy: { customerId: 'asc' },
    take,
    select: {
      customerId: true,
      variantId: true,
      wave: true,
      assignedAt: true,
      exposedAt: true,
      exposures: true,
      customer: {
        select: { externalId: true, name: true, email: true, phone: true, city: true, region: true, attributes: true },
      },
    },
  });
  return rows.map((r) => ({
    customerId: r.customerId,
    externalId: r.customer.externalId,
    name: r.customer.name,
    email: r.customer.email,
    phone: r.customer.phone,
    city: r.customer.city,
    region: r.customer.region,
    attributes: r.customer.attributes,
    variantId: r.variantId,
    wave: r.wave,
    assignedAt: r.assignedAt,
    exposedAt: r.exposedAt,
    exposures: r.exposures,
  }));
}

/** A page of assignments (customer id order) for attribution: window start and recorded exposures. */
export async function assignmentPage(db: Client, campaignId: number, afterCustomerId: number, take: number) {
  return db.campaignAssignment.findMany({
    where: { campaignId, customerId: { gt: afterCustomerId } },
    orderBy: { customerId: 'asc' },
    take,
    select: { customerId: true, variantId: true, assignedAt: true, exposedAt: true, exposures: true, wave: true },
  });
}

export function setExposures(
  db: Client,
  campaignId: number,
  customerId: number,
  exposures: number,
  exposedAt: Date | null,
) {
  return db.campaignAssignment.update({
    where: { campaignId_customerId: { campaignId, customerId } },
    data: { exposures, ...(exposedAt ? { exposedAt } : {}) },
  });
}

export function deleteAssignments(db: Client, campaignId: number) {
  return db.campaignAssignment.deleteMany({ where: { campaignId } });
}

/** The assigned variant of each of these customers that is in the campaign. */
export async function assignedVariants(
  db: Client,
  campaignId: number,
  customerIds: number[],
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < customerIds.length; i += 1000) {
    const rows = await db.campaignAssignment.findMany({
      where: { campaignId, customerId: { in: customerIds.slice(i, i + 1000) } },
      select: { customerId: true, variantId: true },
    });
    for (const a of rows) out.set(a.customerId, a.variantId);
  }
  return out;
}

/** Consent flags and erasure of these customers (for an audience export). */
export function customerConsents(db: Client, customerIds: number[]) {
  return db.customer.findMany({
    where: { id: { in: customerIds } },
    select: { id: true, erasedAt: true, consentEmail: true, consentSms: true, consentPush: true },
  });
}

export function customerByExternalId(db: Client, externalId: string) {
  return db.customer.findUnique({
    where: { externalId },
    select: {
      id: true,
      externalId: true,
      consentEmail: true,
      consentSms: true,
      consentPush: true,
      email: true,
      phone: true,
      erasedAt: true,
    },
  });
}
