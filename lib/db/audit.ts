import { env } from '@/lib/env';
import { auditEntryHash, GENESIS_HASH, pseudonym, pseudonymiseDetails } from '@/lib/security/pseudonym';
import type { Db } from './create-client';
import { IS_PG, timeParam } from './dialect';
import type { DbOrTx, Tx } from './transaction';

export type AuditEntry = {
  actorType: 'user' | 'api_key' | 'system';
  actorId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  details?: Record<string, unknown>;
  ip?: string | null;
};

/**
 * Appends an entry to the hash-chained audit log. The chain head row is locked first (an UPDATE on SQLite takes the
 * database's write lock; SELECT … FOR UPDATE on PostgreSQL), so concurrent writers append one after another and the
 * chain never forks. Personal identifiers in `details` are pseudonymised before they are stored or hashed.
 */
export function writeAudit(db: DbOrTx, entry: AuditEntry) {
  if ('$transaction' in db) return db.$transaction((tx) => appendAudit(tx, entry));
  return appendAudit(db, entry);
}

async function appendAudit(tx: Tx, entry: AuditEntry) {
  const head = await lockChainHead(tx);
  const at = new Date();
  const fields = {
    seq: head.seq + 1,
    at: at.getTime(),
    actorType: entry.actorType,
    actorId: entry.actorId ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId:
      entry.targetId === undefined
        ? null
        : entry.targetType === 'customer'
          ? pseudonym('customer', entry.targetId, env().PRECISA_PEPPER)
          : String(entry.targetId),
    details: entry.details === undefined ? null : pseudonymiseDetails(entry.details, env().PRECISA_PEPPER),
    ip: entry.ip ?? null,
    prevHash: head.hash,
  };
  const hash = auditEntryHash(fields);
  const row = await tx.auditLog.create({
    data: { ...fields, at, details: fields.details === null ? undefined : (fields.details as object), hash },
  });
  await tx.auditChainHead.update({ where: { id: 1 }, data: { seq: fields.seq, hash } });
  return row;
}

async function lockChainHead(tx: Tx) {
  const now = timeParam(Date.now());
  await tx.$executeRaw`INSERT INTO "AuditChainHead" ("id", "seq", "hash", "updatedAt") VALUES (1, 0, ${GENESIS_HASH}, ${now}) ON CONFLICT ("id") DO NOTHING`;
  if (IS_PG) {
    const rows = await tx.$queryRaw<{ seq: number; hash: string }[]>`
      SELECT "seq", "hash" FROM "AuditChainHead" WHERE "id" = 1 FOR UPDATE`;
    return { seq: Number(rows[0]!.seq), hash: rows[0]!.hash };
  }
  await tx.$executeRaw`UPDATE "AuditChainHead" SET "seq" = "seq" WHERE "id" = 1`;
  const head = await tx.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
  return { seq: head.seq, hash: head.hash };
}

export function getChainHead(db: DbOrTx) {
  return db.auditChainHead.findUnique({ where: { id: 1 }, select: { seq: true, hash: true } });
}

/** Chained entries in chain order, a page at a time (after `afterSeq`); legacy rows without a seq are not included. */
export function listChainPage(db: DbOrTx, afterSeq: number, take: number) {
  return db.auditLog.findMany({ where: { seq: { gt: afterSeq } }, orderBy: { seq: 'asc' }, take });
}

export function countUnchained(db: DbOrTx) {
  return db.auditLog.count({ where: { seq: null } });
}

export function listAudit(db: Db, opts: { take: number; skip?: number; action?: string }) {
  return db.auditLog.findMany({
    where: opts.action ? { action: { startsWith: opts.action } } : undefined,
    orderBy: { id: 'desc' },
    take: opts.take,
    skip: opts.skip ?? 0,
  });
}
