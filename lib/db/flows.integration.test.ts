import { expect, test } from 'vitest';
import { db } from './client';
import { lastEntries, lastPurchasesAfter } from './flows';

// groupBy does not split a long `in` list as findMany does, and SQLite takes at most 999 parameters: the reads by
// customer of a trigger or send page go 500 ids at a time.
test('last entries and last purchases of 1,200 customers: read in parts, nothing lost', async () => {
  await db.customer.createMany({ data: Array.from({ length: 1200 }, (_, i) => ({ externalId: `L${i}` })) });
  const ids = (await db.customer.findMany({ where: { externalId: { startsWith: 'L' } }, select: { id: true } })).map(
    (c) => c.id,
  );
  const at = new Date('2026-01-01T00:00:00Z');
  const buyers = [ids[0]!, ids[600]!, ids[1199]!];
  await db.event.createMany({
    data: buyers.map((customerId, i) => ({ dedupKey: `l${i}`, customerId, type: 'purchase', ts: at, source: 'api' })),
  });
  const purchases = await lastPurchasesAfter(db, ids, new Date(at.getTime() - 1));
  expect([...purchases.keys()].sort((a, b) => a - b)).toEqual(buyers);
  expect(purchases.get(ids[600]!)?.getTime()).toBe(at.getTime());
  expect((await lastPurchasesAfter(db, ids, at)).size).toBe(0);
  expect((await lastEntries(db, 1, ids)).size).toBe(0);
});
