import { createHash, createHmac } from 'node:crypto';

/**
 * Personal identifiers never enter the audit log or an erasure receipt in clear: they are replaced by a keyed HMAC
 * (HMAC-SHA256 under the server's pepper, domain-separated), so the same person gets the same pseudonym across entries
 * while nobody without the server secret can reverse or test a guess. Erasing the person then leaves every audit
 * entry (and its hash) untouched: nothing in it names them.
 */
export function pseudonym(kind: string, value: string | number, key: string) {
  const normalised = String(value).trim().toLowerCase();
  return `psn_${createHmac('sha256', key).update(`audit-pseudonym\u0000${kind}\u0000${normalised}`).digest('hex').slice(0, 24)}`;
}

/**
 * The pseudonyms of a customer's e-mail and phone: what erasure keeps (instead of the values) so that a later import
 * of the same address can be recognised without storing it.
 */
export function contactPseudonyms(c: { email?: string | null; phone?: string | null }, key: string) {
  return [
    ...(c.email ? [{ pseudonym: pseudonym('email', c.email, key), kind: 'email' as const }] : []),
    ...(c.phone ? [{ pseudonym: pseudonym('phone', c.phone, key), kind: 'phone' as const }] : []),
  ];
}

/** Keys of audit details that carry a personal identifier, and the kind of identifier each is. */
const PERSONAL_KEYS: Record<string, string> = {
  email: 'email',
  phone: 'phone',
  name: 'name',
  customer: 'customer',
  customerId: 'customer',
  customerExternalId: 'customer',
  externalId: 'customer',
};

/** A copy of audit details with every personal identifier (at any depth) replaced by its pseudonym. */
export function pseudonymiseDetails(details: unknown, key: string): unknown {
  if (Array.isArray(details)) return details.map((d) => pseudonymiseDetails(d, key));
  if (details === null || typeof details !== 'object') return details;
  return Object.fromEntries(
    Object.entries(details).map(([k, v]) => {
      const kind = PERSONAL_KEYS[k];
      if (kind && (typeof v === 'string' || typeof v === 'number')) return [k, pseudonym(kind, v, key)];
      return [k, pseudonymiseDetails(v, key)];
    }),
  );
}

/** JSON with object keys sorted at every depth: the one serialisation the audit chain hashes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = {
  seq: number;
  at: number;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  ip: string | null;
  prevHash: string;
};

/** SHA-256 (hex) of an audit entry's canonical serialisation; the previous entry's hash is part of it. */
export function auditEntryHash(entry: ChainedFields) {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}
