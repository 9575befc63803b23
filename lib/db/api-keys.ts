import type { DbOrTx } from './transaction';

export function listApiKeys(db: DbOrTx) {
  return db.apiKey.findMany({
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      createdAt: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
      createdBy: { select: { email: true } },
    },
  });
}

export function createApiKey(
  db: DbOrTx,
  data: {
    name: string;
    prefix: string;
    secretHash: string;
    scopes: string;
    createdById: string;
    expiresAt: Date | null;
  },
) {
  return db.apiKey.create({ data });
}

/** Revokes the key unless it is already revoked; the number of keys revoked (0 or 1). */
export async function revokeApiKey(db: DbOrTx, id: string, at: Date) {
  return (await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } })).count;
}

export function getApiKeyByPrefix(db: DbOrTx, prefix: string) {
  return db.apiKey.findUnique({ where: { prefix } });
}

export function touchApiKey(db: DbOrTx, id: string, at: Date) {
  return db.apiKey.update({ where: { id }, data: { lastUsedAt: at } });
}

/** The stored answer to an earlier request with this key's Idempotency-Key. */
export function getIdempotencyRecord(db: DbOrTx, apiKeyId: string, key: string) {
  return db.idempotencyRecord.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
}

export function createIdempotencyRecord(
  db: DbOrTx,
  data: { apiKeyId: string; key: string; requestHash: string; status: number; response: object },
) {
  return db.idempotencyRecord.create({ data });
}
