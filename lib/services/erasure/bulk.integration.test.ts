import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { IS_PG } from '@/lib/db/dialect';
import { verifyChain } from '@/lib/services/audit';
import type { UserActor } from '@/lib/services/auth/actor';
import { seedDemoShop, testActors } from '@/lib/testing/db/seed-shop';
import { runBulkErasure, startBulkErasure } from './bulk';

process.env.PRECISA_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-bulk-erasure-'));

/** A database trigger that makes deleting one customer row fail: a crash in the middle of that customer's erasure. */
async function crashOnDeleting(customerId: number) {
  if (IS_PG) {
    await db.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION erasure_crash() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$ LANGUAGE plpgsql`,
    );
    await db.$executeRawUnsafe(
      `CREATE TRIGGER erasure_crash BEFORE DELETE ON "Customer" FOR EACH ROW WHEN (OLD."id" = ${customerId}) EXECUTE FUNCTION erasure_crash()`,
    );
  } else {
    await db.$executeRawUnsafe(
      `CREATE TRIGGER erasure_crash BEFORE DELETE ON "Customer" WHEN OLD."id" = ${customerId} BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`,
    );
  }
}
const dropCrash = () =>
  db.$executeRawUnsafe(IS_PG ? `DROP TRIGGER erasure_crash ON "Customer"` : 'DROP TRIGGER erasure_crash');

describe('bulk erasure as a job', () => {
  let admin: UserActor;
  let chosen: { id: number; externalId: string }[];
  const eventsBefore = new Map<number, number>();

  beforeAll(async () => {
    await seedDemoShop({ customers: 120, products: 100, events: 3000, seed: 3 });
    admin = (await testActors()).admin;
    chosen = await db.customer.findMany({ orderBy: { id: 'asc' }, take: 40, select: { id: true, externalId: true } });
    for (const c of chosen) eventsBefore.set(c.id, await db.event.count({ where: { customerId: c.id } }));
  }, 300_000);
  afterAll(() => closeConnections());

  /** Each chosen customer is either entirely present (row and every event) or entirely gone. */
  async function states() {
    const out: ('present' | 'gone' | 'half')[] = [];
    for (const c of chosen) {
      const row = await db.customer.count({ where: { id: c.id } });
      const events = await db.event.count({ where: { customerId: c.id } });
      out.push(
        row === 1 && events === eventsBefore.get(c.id) ? 'present' : row === 0 && events === 0 ? 'gone' : 'half',
      );
    }
    return out;
  }

  test('a crash inside one customer’s erasure, then an interruption, leave nobody half-erased; the re-run finishes', async () => {
    const { batchId, jobId, customers } = await startBulkErasure(admin, {
      by: 'externalId',
      values: [...chosen.map((c) => c.externalId), 'NOT-A-CUSTOMER'],
    });
    expect(customers).toBe(40);
    const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(JSON.stringify(job.payload)).not.toContain(chosen[0]!.externalId);
    const payload = job.payload;
    const progress: number[] = [];
    const ctx = (signal: AbortSignal) => ({ signal, progress: (f: number) => progress.push(f) });

    // 1. the 15th customer's transaction fails after its events were deleted in it: rolled back whole
    await crashOnDeleting(chosen[14]!.id);
    await expect(runBulkErasure(payload, ctx(new AbortController().signal))).rejects.toThrow(
      /simulated crash|customer.deleteMany/,
    );
    await dropCrash();
    let s = await states();
    expect(s).not.toContain('half');
    expect(s.slice(0, 14).every((x) => x === 'gone')).toBe(true);
    expect(s.slice(14).every((x) => x === 'present')).toBe(true);

    // 2. the job is interrupted (lease lost, cancelled) after a few more customers
    let checks = 0;
    const interrupting = {
      aborted: false,
      throwIfAborted() {
        if (++checks > 6) throw new Error('interrupted');
      },
    } as unknown as AbortSignal;
    await expect(runBulkErasure(payload, ctx(interrupting))).rejects.toThrow(/interrupted/);
    s = await states();
    expect(s).not.toContain('half');
    const gone = s.filter((x) => x === 'gone').length;
    expect(gone).toBeGreaterThan(14);
    expect(gone).toBeLessThan(40);

    // 3. the re-run (what the worker does after the lease expires) finishes the batch
    expect(await runBulkErasure(payload, ctx(new AbortController().signal))).toEqual({ total: 40, done: 40 });
    expect((await states()).every((x) => x === 'gone')).toBe(true);
    expect(progress.at(-1)).toBe(1);
    expect(await db.erasureReceipt.count({ where: { batchId } })).toBe(40);
    expect(await db.erasureRequest.count({ where: { batchId, customerId: { not: null } } })).toBe(0);
    expect(await verifyChain()).toMatchObject({ ok: true });
  });
});
