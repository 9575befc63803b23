import { Prisma } from './generated/sqlite/client';
import type { DbOrTx } from './transaction';

/** The privacy budget ledger and the released (noisy) values. No rules here: lib/services/privacy decides. */

export function getBudget(db: DbOrTx, period: string) {
  return db.privacyBudget.findUnique({ where: { period } });
}

/**
 * Creates the period's budget row with the given limit if it has none yet. Safe when many requests race to create it:
 * Prisma's upsert is a read then an insert, so on PostgreSQL all but one insert hit the primary key; those find the
 * row made by the winner. Call it outside a transaction (on PostgreSQL a failed insert would abort one).
 */
export async function ensureBudget(db: DbOrTx, period: string, limitMilli: number) {
  try {
    return await db.privacyBudget.upsert({ where: { period }, create: { period, limitMilli }, update: {} });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return db.privacyBudget.findUniqueOrThrow({ where: { period } });
  }
}

export function setBudgetLimit(db: DbOrTx, period: string, limitMilli: number) {
  return db.privacyBudget.upsert({
    where: { period },
    create: { period, limitMilli },
    update: { limitMilli },
  });
}

/**
 * Spends `costMilli` of the period's budget if (and only if) it still fits: one conditional UPDATE, so concurrent
 * spenders cannot overdraw (SQLite runs writes one at a time; PostgreSQL locks the row and re-checks the condition).
 * Returns true when the spend was recorded.
 */
export async function trySpend(db: DbOrTx, period: string, costMilli: number): Promise<boolean> {
  const changed = await db.$executeRaw(Prisma.sql`
    UPDATE "PrivacyBudget" SET "spentMilli" = "spentMilli" + ${costMilli}, "releases" = "releases" + 1
    WHERE "period" = ${period} AND "spentMilli" + ${costMilli} <= "limitMilli"`);
  return changed === 1;
}

const releaseSelect = {
  id: true,
  kind: true,
  query: true,
  epsilon: true,
  values: true,
  createdAt: true,
} satisfies Prisma.PrivacyReleaseSelect;

export function findRelease(db: DbOrTx, period: string, queryKey: string) {
  return db.privacyRelease.findUnique({ where: { period_queryKey: { period, queryKey } }, select: releaseSelect });
}

export function createRelease(
  db: DbOrTx,
  data: {
    period: string;
    queryKey: string;
    kind: string;
    query: object;
    epsilon: number;
    values: object;
    actorId: string | null;
  },
) {
  return db.privacyRelease.create({ data, select: releaseSelect });
}

export function listReleases(db: DbOrTx, opts: { period?: string; kinds?: string[]; take: number }) {
  return db.privacyRelease.findMany({
    where: { period: opts.period, kind: opts.kinds ? { in: opts.kinds } : undefined },
    orderBy: { id: 'desc' },
    take: opts.take,
    select: releaseSelect,
  });
}

/** True when `error` is a unique-constraint violation (two identical releases racing on PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
