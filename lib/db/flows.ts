/** Automated flows: definitions, passes (enrollments), step runs, and the reads their triggers and steps need. */
import type { Db } from './create-client';
import { Prisma } from './generated/sqlite/client';
import { timeParam } from './dialect';
import type { DbOrTx } from './transaction';

const flowSelect = {
  id: true,
  name: true,
  template: true,
  enabled: true,
  definition: true,
  campaignId: true,
  enabledAt: true,
  eventCursor: true,
  signupCursor: true,
  createdAt: true,
  updatedAt: true,
} as const;
export type FlowRow = Prisma.FlowGetPayload<{ select: typeof flowSelect }>;

export function createFlowRow(
  db: DbOrTx,
  data: { name: string; template: string | null; definition: object; campaignId: number; createdById: string },
) {
  return db.flow.create({ data, select: flowSelect });
}

export function findFlow(db: DbOrTx, id: number) {
  return db.flow.findUnique({ where: { id }, select: flowSelect });
}

export function listFlowRows(db: DbOrTx) {
  return db.flow.findMany({ orderBy: { id: 'asc' }, select: flowSelect });
}

export function enabledFlows(db: DbOrTx) {
  return db.flow.findMany({ where: { enabled: true }, orderBy: { id: 'asc' }, select: flowSelect });
}

export function updateFlowRow(
  db: DbOrTx,
  id: number,
  data: Partial<{
    name: string;
    definition: object;
    enabled: boolean;
    enabledAt: Date | null;
    eventCursor: number;
    signupCursor: number;
  }>,
) {
  return db.flow.update({ where: { id }, data, select: flowSelect });
}

export function flowByTemplate(db: DbOrTx, template: string) {
  return db.flow.findFirst({ where: { template }, select: { id: true } });
}

/** The highest event and customer ids: where a newly enabled flow starts reading. */
export async function scanHeads(db: DbOrTx) {
  const [e, c] = await Promise.all([
    db.event.aggregate({ _max: { id: true } }),
    db.customer.aggregate({ _max: { id: true } }),
  ]);
  return { event: e._max.id ?? 0, customer: c._max.id ?? 0 };
}

/** Events after `cursor` (by id, so late-arriving events are read too), oldest id first. */
export function eventsAfter(db: DbOrTx, cursor: number, take: number) {
  return db.event.findMany({
    where: { id: { gt: cursor } },
    orderBy: { id: 'asc' },
    take,
    select: { id: true, customerId: true, type: true, ts: true, categoryId: true },
  });
}

/** Whether the customer viewed this category before this event (by time, then by id). */
export async function viewedCategoryBefore(
  db: DbOrTx,
  e: { id: number; customerId: number; categoryId: number; ts: Date },
) {
  const earlier = await db.event.findFirst({
    where: {
      customerId: e.customerId,
      type: 'view',
      categoryId: e.categoryId,
      OR: [{ ts: { lt: e.ts } }, { ts: e.ts, id: { lt: e.id } }],
    },
    select: { id: true },
  });
  return earlier !== null;
}

export function customersAfter(db: DbOrTx, cursor: number, take: number) {
  return db.customer.findMany({
    where: { id: { gt: cursor }, erasedAt: null },
    orderBy: { id: 'asc' },
    take,
    select: { id: true, externalId: true, signupAt: true, createdAt: true },
  });
}

/** Customers whose portrait is in one of these lifecycle stages, with when the portrait was written. */
export function customersInStages(db: DbOrTx, stages: string[]) {
  return db.customerProfile.findMany({
    where: { lifecycle: { in: stages }, customer: { erasedAt: null } },
    orderBy: { customerId: 'asc' },
    select: { customerId: true, updatedAt: true, customer: { select: { externalId: true } } },
  });
}

export async function lifecycleOf(db: DbOrTx, customerId: number) {
  return (
    (await db.customerProfile.findUnique({ where: { customerId }, select: { lifecycle: true } }))?.lifecycle ?? null
  );
}

/** The external ids of these customers (a trigger page reads them once). */
export async function externalIdsOf(db: DbOrTx, customerIds: number[]) {
  const rows = await db.customer.findMany({
    where: { id: { in: customerIds } },
    select: { id: true, externalId: true },
  });
  return new Map(rows.map((r) => [r.id, r.externalId]));
}

/**
 * Reads `ids` 500 at a time: Prisma splits a long `in` list for findMany but not for groupBy, and SQLite takes at most
 * 999 parameters (a trigger page of more than 999 customers failed with P2029).
 */
async function inChunks<T>(ids: number[], read: (part: number[]) => Promise<T[]>) {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += 500) rows.push(...(await read(ids.slice(i, i + 500))));
  return rows;
}

/** The latest entry of each of these customers into a flow. */
export async function lastEntries(db: DbOrTx, flowId: number, customerIds: number[]) {
  const rows = await inChunks(customerIds, (part) =>
    db.flowEnrollment.groupBy({
      by: ['customerId'],
      where: { flowId, customerId: { in: part } },
      _max: { enteredAt: true },
    }),
  );
  return new Map(rows.map((r) => [r.customerId, r._max.enteredAt!.getTime()]));
}

export type NewEnrollment = {
  flowId: number;
  customerId: number;
  windowKey: number;
  arm: string;
  enteredAt: Date;
  stepAt: Date;
  nextAt: Date;
};

/**
 * Inserts passes in one statement; returns the ones that were new as `customerId:windowKey` (a pass of that window
 * exists already otherwise). The caller keeps `rows` under SQLite's 999 parameters (8 per row).
 */
export async function insertEnrollments(db: DbOrTx, rows: NewEnrollment[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const updatedAt = timeParam(new Date());
  const values = rows.map(
    (r) => Prisma.sql`(${r.flowId}, ${r.customerId}, ${r.windowKey}, ${r.arm}, ${timeParam(r.enteredAt)},
      ${timeParam(r.stepAt)}, ${timeParam(r.nextAt)}, ${updatedAt})`,
  );
  const inserted = await db.$queryRaw<{ customerId: number; windowKey: number }[]>`INSERT INTO "FlowEnrollment"
    ("flowId", "customerId", "windowKey", "arm", "enteredAt", "stepAt", "nextAt", "updatedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("flowId", "customerId", "windowKey") DO NOTHING
    RETURNING "customerId", "windowKey"`;
  return new Set(inserted.map((r) => `${Number(r.customerId)}:${Number(r.windowKey)}`));
}

const enrollmentSelect = {
  id: true,
  flowId: true,
  customerId: true,
  arm: true,
  enteredAt: true,
  stepIndex: true,
  stepAt: true,
  nextAt: true,
} as const;

/** Active passes due by `now`, oldest due first. */
export function dueEnrollments(db: DbOrTx, flowIds: number[], now: Date, take: number) {
  return db.flowEnrollment.findMany({
    where: { state: 'active', flowId: { in: flowIds }, nextAt: { lte: now } },
    orderBy: [{ nextAt: 'asc' }, { id: 'asc' }],
    take,
    select: enrollmentSelect,
  });
}
export type DueEnrollment = Awaited<ReturnType<typeof dueEnrollments>>[number];

export function updateEnrollment(
  db: DbOrTx,
  id: number,
  data: Partial<{ stepIndex: number; stepAt: Date; nextAt: Date; state: string; exitReason: string | null }>,
) {
  return db.flowEnrollment.update({ where: { id }, data, select: { id: true } });
}

export async function purchasedAfter(db: DbOrTx, customerId: number, after: Date) {
  const row = await db.event.findFirst({
    where: { customerId, type: 'purchase', ts: { gt: after } },
    select: { id: true },
  });
  return row !== null;
}

/** Each customer's last purchase after `after` (customers without one are absent): a page of passes reads it once. */
export async function lastPurchasesAfter(db: DbOrTx, customerIds: number[], after: Date) {
  const rows = await inChunks(customerIds, (part) =>
    db.event.groupBy({
      by: ['customerId'],
      where: { customerId: { in: part }, type: 'purchase', ts: { gt: after } },
      _max: { ts: true },
    }),
  );
  return new Map(rows.flatMap((r) => (r._max.ts ? [[r.customerId, r._max.ts] as const] : [])));
}

/** E-mails sent to a customer since `since`, by any campaign or flow (the frequency cap). */
export function emailsSentSince(db: DbOrTx, customerId: number, since: Date) {
  return db.emailSend.count({ where: { customerId, status: 'sent', sentAt: { gte: since } } });
}

/**
 * The run of one step of one pass, created on first call (its id is the e-mail's step number): one INSERT … RETURNING
 * when it is new (an upsert was three statements), a read only when an earlier run made it.
 */
export async function ensureStepRun(db: DbOrTx, enrollmentId: number, stepIndex: number, at: Date) {
  const created = await db.$queryRaw<
    { id: number }[]
  >`INSERT INTO "FlowStepRun" ("enrollmentId", "stepIndex", "outcome", "at")
    VALUES (${enrollmentId}, ${stepIndex}, 'pending', ${timeParam(at)})
    ON CONFLICT ("enrollmentId", "stepIndex") DO NOTHING
    RETURNING "id"`;
  if (created[0]) return { id: Number(created[0].id), outcome: 'pending' };
  return db.flowStepRun.findUniqueOrThrow({
    where: { enrollmentId_stepIndex: { enrollmentId, stepIndex } },
    select: { id: true, outcome: true },
  });
}

export function setStepRunOutcome(db: DbOrTx, id: number, outcome: string, detail: string | null = null) {
  return db.flowStepRun.update({ where: { id }, data: { outcome, detail }, select: { id: true } });
}

/** Passes by state and arm, and step runs by step and outcome, of one flow. */
export async function flowCounts(db: DbOrTx, flowId: number) {
  const [passes, runs] = await Promise.all([
    db.flowEnrollment.groupBy({ by: ['state', 'arm'], where: { flowId }, _count: { _all: true } }),
    db.flowStepRun.groupBy({
      by: ['stepIndex', 'outcome'],
      where: { enrollment: { flowId } },
      _count: { _all: true },
    }),
  ]);
  return {
    passes: passes.map((p) => ({ state: p.state, arm: p.arm, count: p._count._all })),
    runs: runs.map((r) => ({ stepIndex: r.stepIndex, outcome: r.outcome, count: r._count._all })),
  };
}

/** Every pass of a flow with its step runs (tests and the report's path check). */
export function enrollmentsOf(db: Db, flowId: number) {
  return db.flowEnrollment.findMany({
    where: { flowId },
    orderBy: [{ customerId: 'asc' }, { enteredAt: 'asc' }],
    select: {
      ...enrollmentSelect,
      state: true,
      exitReason: true,
      runs: { orderBy: { stepIndex: 'asc' }, select: { id: true, stepIndex: true, outcome: true, at: true } },
    },
  });
}

/** Adds an arm to a flow's campaign when its definition gains one (existing assignments stay). */
export async function ensureFlowVariant(db: DbOrTx, campaignId: number, key: string, name: string) {
  await db.campaignVariant.upsert({
    where: { campaignId_key: { campaignId, key } },
    create: { campaignId, key, name, isControl: false, weight: 1 },
    update: {},
  });
}

export function setCampaignHoldoutShare(db: DbOrTx, campaignId: number, holdoutShare: number) {
  return db.campaign.update({ where: { id: campaignId }, data: { holdoutShare }, select: { id: true } });
}
