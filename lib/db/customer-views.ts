import type { Db } from './create-client';

/**
 * Saved views of the customer list live in the Setting table, one row per user (`customers.views:<userId>`), as the
 * JSON list the service validates on read. No schema change: a view is a name and a query string.
 */
const keyOf = (userId: string) => `customers.views:${userId}`;

export async function readCustomerViews(db: Db, userId: string): Promise<unknown> {
  const row = await db.setting.findUnique({ where: { key: keyOf(userId) }, select: { value: true } });
  return row?.value ?? null;
}

/** Replaces a user's views in one transaction with the read, so two saves at once cannot lose one. */
export async function updateCustomerViews<T>(db: Db, userId: string, change: (current: unknown) => T[]): Promise<T[]> {
  return db.$transaction(async (tx) => {
    const key = keyOf(userId);
    const row = await tx.setting.findUnique({ where: { key }, select: { value: true } });
    const next = change(row?.value ?? null);
    const value = JSON.parse(JSON.stringify(next));
    await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
    return next;
  });
}
