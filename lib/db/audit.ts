import type { Db } from './create-client';

export type AuditEntry = {
  actorType: 'user' | 'api_key' | 'system';
  actorId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  details?: Record<string, unknown>;
  ip?: string | null;
};

type Tx = Pick<Db, 'auditLog'>;

export function writeAudit(db: Tx, entry: AuditEntry) {
  return db.auditLog.create({
    data: {
      actorType: entry.actorType,
      actorId: entry.actorId ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId === undefined ? null : String(entry.targetId),
      details: entry.details === undefined ? undefined : (entry.details as object),
      ip: entry.ip ?? null,
    },
  });
}

export function listAudit(db: Db, opts: { take: number; skip?: number; action?: string }) {
  return db.auditLog.findMany({
    where: opts.action ? { action: { startsWith: opts.action } } : undefined,
    orderBy: { id: 'desc' },
    take: opts.take,
    skip: opts.skip ?? 0,
  });
}
