import type { DbOrTx } from '../transaction';

export type SuppressionReason = 'unsubscribed' | 'hard_bounce' | 'complaint';

/** The addresses among `emails` (lower-cased) that no e-mail may go to. */
export async function suppressedAmong(db: DbOrTx, emails: string[]): Promise<Set<string>> {
  if (!emails.length) return new Set();
  const rows = await db.emailSuppression.findMany({
    where: { email: { in: emails.map((e) => e.toLowerCase()) } },
    select: { email: true },
  });
  return new Set(rows.map((r) => r.email));
}

export function suppress(db: DbOrTx, email: string, reason: SuppressionReason, detail: string | null = null) {
  const key = email.toLowerCase();
  return db.emailSuppression.upsert({ where: { email: key }, create: { email: key, reason, detail }, update: {} });
}

export function unsuppress(db: DbOrTx, email: string) {
  return db.emailSuppression.deleteMany({ where: { email: email.toLowerCase(), reason: 'unsubscribed' } });
}

export function listSuppressions(db: DbOrTx, take = 200) {
  return db.emailSuppression.findMany({ orderBy: { createdAt: 'desc' }, take });
}
