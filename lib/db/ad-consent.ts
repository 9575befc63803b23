import type { DbOrTx } from './transaction';

/** The customers among `ids` who agreed to ad-platform matching and were not erased (read per batch of an export). */
export async function adConsentedAmong(db: DbOrTx, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db.customer.findMany({
    where: { id: { in: ids }, consentAds: true, erasedAt: null },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}
