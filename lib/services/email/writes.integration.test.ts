import { expect, test, vi } from 'vitest';
import { db } from '@/lib/db/client';
import { groupCommit } from './writes';

// The group commit of a flow run's lanes: writes queued while a group commits go in the next one transaction, each
// caller gets its own result once committed, and a failing write fails only its own caller.
const customer = (key: string) => (tx: Parameters<Parameters<ReturnType<typeof groupCommit>>[0]>[0]) =>
  tx.customer.create({ data: { externalId: key }, select: { externalId: true } });

test('writes side by side share transactions; each caller gets its own result after the commit', async () => {
  const spy = vi.spyOn(db, '$transaction');
  const write = groupCommit();
  const keys = Array.from({ length: 20 }, (_, i) => `G${i}`);
  const results = await Promise.all(keys.map((k) => write(customer(k))));
  expect(results.map((r) => r.externalId)).toEqual(keys);
  // the first write commits alone; the 19 queued meanwhile go together
  expect(spy.mock.calls.length).toBeGreaterThan(0);
  expect(spy.mock.calls.length).toBeLessThanOrEqual(2);
  spy.mockRestore();
  expect(await db.customer.count({ where: { externalId: { startsWith: 'G' } } })).toBe(20);
});

test('a failing write fails only its caller; the rest of its group commits', async () => {
  const write = groupCommit();
  const outcomes = await Promise.allSettled([
    write(customer('F1')),
    write(customer('F2')),
    write(customer('F1')), // the same external id again: a unique violation
    write(customer('F3')),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  const stored = await db.customer.findMany({
    where: { externalId: { startsWith: 'F' } },
    select: { externalId: true },
  });
  expect(stored.map((c) => c.externalId).sort()).toEqual(['F1', 'F2', 'F3']);
});

test('with a gathering window, writes queued one by one within it share one transaction', async () => {
  const spy = vi.spyOn(db, '$transaction');
  const write = groupCommit({ gatherMs: 200 });
  const pending: Promise<{ externalId: string }>[] = [];
  for (let i = 0; i < 5; i++) {
    pending.push(write(customer(`W${i}`)));
    await new Promise((r) => setTimeout(r, 10)); // each on its own turn of the event loop
  }
  expect((await Promise.all(pending)).map((r) => r.externalId)).toEqual(['W0', 'W1', 'W2', 'W3', 'W4']);
  expect(spy.mock.calls.length).toBe(1);
  spy.mockRestore();
});

test('a group commits before its window ends once flushAt writes are queued', async () => {
  const write = groupCommit({ gatherMs: 60_000, flushAt: 3 });
  const started = performance.now();
  await Promise.all(['X1', 'X2', 'X3'].map((k) => write(customer(k))));
  expect(performance.now() - started).toBeLessThan(10_000);
});
