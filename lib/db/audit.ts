import { env } from '@/lib/env';
import { auditEntryHash, GENESIS_HASH, pseudonym, pseudonymiseDetails } from '@/lib/security/pseudonym';
import type { Db } from './create-client';
import { Prisma } from './generated/sqlite/client';
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

/** The chained fields of an entry: identifiers pseudonymised, linked to the previous hash. */
function chainFields(entry: AuditEntry, link: { seq: number; prevHash: string; at: Date }) {
  const key = env().PRECISA_PEPPER;
  return {
    seq: link.seq,
    at: link.at.getTime(),
    actorType: entry.actorType,
    actorId: entry.actorId ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId:
      entry.targetId === undefined || entry.targetId === null
        ? null
        : entry.targetType === 'customer'
          ? pseudonym('customer', entry.targetId, key)
          : String(entry.targetId),
    details: entry.details === undefined || entry.details === null ? null : pseudonymiseDetails(entry.details, key),
    ip: entry.ip ?? null,
    prevHash: link.prevHash,
  };
}

async function appendAudit(tx: Tx, entry: AuditEntry) {
  let head = await lockChainHead(tx);
  if (head.seq === 0) head = await adoptLegacyEntries(tx, head);
  const at = new Date();
  const fields = chainFields(entry, { seq: head.seq + 1, prevHash: head.hash, at });
  const hash = auditEntryHash(fields);
  const row = await tx.auditLog.create({
    data: { ...fields, at, details: fields.details === null ? undefined : (fields.details as object), hash },
  });
  await tx.auditChainHead.update({ where: { id: 1 }, data: { seq: fields.seq, hash } });
  return row;
}

/**
 * The chain's first append takes in the entries written before the chain existed (in id order), pseudonymising
 * their identifiers, so an installation's whole history is covered from then on.
 */
async function adoptLegacyEntries(tx: Tx, head: { seq: number; hash: string }) {
  const legacy = await tx.auditLog.findMany({ where: { seq: null }, orderBy: { id: 'asc' } });
  let { seq, hash } = head;
  for (const row of legacy) {
    const entry = {
      ...row,
      actorType: row.actorType as AuditEntry['actorType'],
      details: row.details as AuditEntry['details'],
    };
    const fields = chainFields(
      { ...entry, targetType: row.targetType ?? undefined, targetId: row.targetId ?? undefined },
      {
        seq: seq + 1,
        prevHash: hash,
        at: row.at,
      },
    );
    hash = auditEntryHash(fields);
    seq = fields.seq;
    await tx.auditLog.update({
      where: { id: row.id },
      data: {
        ...fields,
        at: row.at,
        details: fields.details === null ? Prisma.DbNull : (fields.details as object),
        hash,
      },
    });
  }
  return { seq, hash };
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
