import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import {
  createApiKey,
  getApiKeyByPrefix,
  listApiKeys as dbListApiKeys,
  revokeApiKey as dbRevokeApiKey,
  touchApiKey,
} from '@/lib/db/api-keys';
import { writeAudit } from '@/lib/db/audit';
import { withTransaction } from '@/lib/db/transaction';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { API_SCOPES, generateApiKey, hashApiKey, parseApiKey, sameHash, type ApiScope } from '@/lib/security/api-keys';
import { authorize, type Actor, type ApiKeyActor } from './auth/actor';
import { parseInput } from './validate';

const issueSchema = z.object({
  name: z.string().trim().min(1, 'errors.apiKeys.name').max(100),
  scopes: z.array(z.enum(API_SCOPES)).min(1, 'errors.apiKeys.scopes'),
  expiresInDays: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce.number().int().min(1).max(3650).optional(),
  ),
});

export async function listApiKeys(actor: Actor | null) {
  authorize(actor, 'apikeys:manage');
  return dbListApiKeys(db);
}

/** Returns the full key exactly once; only its HMAC is stored. */
export async function issueApiKey(actor: Actor | null, input: unknown) {
  const admin = authorize(actor, 'apikeys:manage');
  const data = parseInput(issueSchema, input);
  const { key, prefix } = generateApiKey();
  const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null;
  await withTransaction(db, async (tx) => {
    const secretHash = hashApiKey(key, env().PRECISA_PEPPER);
    const row = await createApiKey(tx, {
      name: data.name,
      prefix,
      secretHash,
      scopes: data.scopes.join(' '),
      createdById: admin.userId,
      expiresAt,
    });
    await writeAudit(tx, {
      actorType: 'user',
      actorId: admin.userId,
      action: 'apikey.issue',
      targetType: 'api_key',
      targetId: row.id,
      details: { name: data.name, prefix, scopes: data.scopes },
    });
  });
  return { key, prefix };
}

export async function revokeApiKey(actor: Actor | null, id: unknown) {
  const admin = authorize(actor, 'apikeys:manage');
  const keyId = parseInput(z.string().min(1).max(64), id);
  await withTransaction(db, async (tx) => {
    if ((await dbRevokeApiKey(tx, keyId, new Date())) === 0) throw new AppError('NOT_FOUND', 'errors.apiKeys.notFound');
    await writeAudit(tx, {
      actorType: 'user',
      actorId: admin.userId,
      action: 'apikey.revoke',
      targetType: 'api_key',
      targetId: keyId,
    });
  });
}

type KeyRow = Awaited<ReturnType<typeof getApiKeyByPrefix>>;
const keyRows = new Map<string, { row: KeyRow; at: number }>();

/** The key's row by prefix; with `cacheMs`, from this process's cache when read less than that long ago. */
async function keyRow(prefix: string, cacheMs: number): Promise<KeyRow> {
  const hit = cacheMs > 0 ? keyRows.get(prefix) : undefined;
  if (hit && Date.now() - hit.at < cacheMs) return hit.row;
  const row = await getApiKeyByPrefix(db, prefix);
  if (cacheMs > 0) {
    if (keyRows.size >= 10_000) keyRows.clear();
    keyRows.set(prefix, { row, at: Date.now() });
  }
  return row;
}

/**
 * Resolves an `Authorization: Bearer <key>` header to an API-key actor, or null for anything invalid. The secret is
 * checked on every call; `cacheMs` lets a high-traffic process (the storefront server) reuse the key's row for that
 * long, so a revocation or expiry reaches it within `cacheMs`.
 */
export async function authenticateApiKey(
  header: string | null,
  { cacheMs = 0 }: { cacheMs?: number } = {},
): Promise<ApiKeyActor | null> {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  const parsed = match ? parseApiKey(match[1]!) : null;
  if (!match || !parsed) return null;
  const row = await keyRow(parsed.prefix, cacheMs);
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() < Date.now())) return null;
  if (!sameHash(hashApiKey(match[1]!, env().PRECISA_PEPPER), row.secretHash)) return null;
  // lastUsedAt at minute resolution keeps the hot path from writing on every request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    row.lastUsedAt = new Date();
    await touchApiKey(db, row.id, row.lastUsedAt);
  }
  return {
    type: 'api_key',
    keyId: row.id,
    scopes: row.scopes.split(' ').filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)),
  };
}
