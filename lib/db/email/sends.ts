import { Prisma } from '../generated/sqlite/client';
import { timeParam } from '../dialect';
import type { DbOrTx } from '../transaction';

/** Statuses of one e-mail: `sending` is set right before the SMTP transaction and `sent` right after it. */
export type SendStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed' | 'uncertain';

export type SendKey = { campaignId: number; variantId: number; customerId: number; step: number };

/** Creates the pending rows that do not exist yet (the idempotency key is campaign × customer × step). */
export async function insertPendingSends(db: DbOrTx, rows: SendKey[]) {
  if (!rows.length) return;
  const now = timeParam(new Date());
  const values = rows.map(
    (r) => Prisma.sql`(${r.campaignId}, ${r.variantId}, ${r.customerId}, ${r.step}, 'pending', 0, ${now}, ${now})`,
  );
  // one statement for the page; ON CONFLICT DO NOTHING is the same on SQLite and PostgreSQL
  await db.$executeRaw`INSERT INTO "EmailSend" ("campaignId", "variantId", "customerId", "step", "status", "attempts", "createdAt", "updatedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("campaignId", "customerId", "step") DO NOTHING`;
}

/** Creates the pending row of one send; its id when created now, null when it existed already (then read it). */
export async function insertPendingSend(db: DbOrTx, r: SendKey) {
  const now = timeParam(new Date());
  const rows = await db.$queryRaw<
    { id: number }[]
  >`INSERT INTO "EmailSend" ("campaignId", "variantId", "customerId", "step", "status", "attempts", "createdAt", "updatedAt")
    VALUES (${r.campaignId}, ${r.variantId}, ${r.customerId}, ${r.step}, 'pending', 0, ${now}, ${now})
    ON CONFLICT ("campaignId", "customerId", "step") DO NOTHING
    RETURNING "id"`;
  return rows[0] ? Number(rows[0].id) : null;
}

export function sendsOf(db: DbOrTx, campaignId: number, step: number, customerIds: number[]) {
  return db.emailSend.findMany({
    where: { campaignId, step, customerId: { in: customerIds } },
    select: { id: true, customerId: true, variantId: true, status: true, attempts: true },
  });
}

/** Moves a row from one status to another; false when another worker changed it first. */
export async function moveSend(
  db: DbOrTx,
  id: number,
  from: SendStatus,
  to: { status: SendStatus; error?: string | null; messageId?: string | null; sentAt?: Date; attempts?: number },
) {
  const { count } = await db.emailSend.updateMany({ where: { id, status: from }, data: to });
  return count === 1;
}

/**
 * Rows left in `sending` by a worker that died mid-transaction: the server may or may not have accepted the message,
 * so they become `uncertain` and are never sent again (at most once per customer and step).
 */
export async function markInterruptedSends(db: DbOrTx, campaignId: number, step: number) {
  const { count } = await db.emailSend.updateMany({
    where: { campaignId, step, status: 'sending' },
    data: { status: 'uncertain', error: 'the worker stopped during the SMTP transaction' },
  });
  return count;
}

export async function sendCounts(db: DbOrTx, campaignId: number) {
  const rows = await db.emailSend.groupBy({ by: ['status'], where: { campaignId }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all])) as Partial<Record<SendStatus, number>>;
}

/** How many assigned customers (of one wave, or all) an e-mail goes to: every variant but `exceptKey`, the holdout. */
export function messageAudienceSize(db: DbOrTx, campaignId: number, exceptKey: string, wave?: number) {
  return db.campaignAssignment.count({ where: { campaignId, wave, variant: { key: { not: exceptKey } } } });
}

export function failedSends(db: DbOrTx, campaignId: number, take = 100) {
  return db.emailSend.findMany({
    where: { campaignId, status: { in: ['failed', 'uncertain'] } },
    orderBy: { id: 'asc' },
    take,
    select: { customerId: true, status: true, error: true, attempts: true, updatedAt: true },
  });
}
