import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `pk_<8 hex>_<secret>`: the prefix is shown in the UI to tell keys apart; the whole key is shown
 * once and stored only as HMAC-SHA256 under a server-side pepper, compared in constant time.
 */
export const API_SCOPES = ['events:write', 'recommendations:read', 'campaigns:read', 'customers:erase'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export function generateApiKey() {
  const prefix = `pk_${randomBytes(4).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { prefix, key };
}

export function hashApiKey(key: string, pepper: string) {
  return createHmac('sha256', pepper).update(key).digest('hex');
}

export function parseApiKey(key: string) {
  const match = /^(pk_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$/.exec(key);
  return match ? { prefix: match[1]! } : null;
}

export function sameHash(a: string, b: string) {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
