import { afterAll, describe, expect, test } from 'vitest';
import { closeConnections } from './connections';
import { createClient } from './create-client';
import { claimJob, enqueueJob, finishJob, heartbeat, LEASE_MS } from './jobs';
import { databaseUrl } from './url';

// Several workers on one database (two clients with their own connections, as two processes would have): no job is
// run twice at once, and a dead worker's job is taken over once its lease has expired. On SQLite and PostgreSQL.
describe('job claims by competing workers', () => {
  const a = createClient(databaseUrl());
  const b = createClient(databaseUrl());
  afterAll(async () => {
    await a.$disconnect();
    await b.$disconnect();
    await closeConnections();
  });

  test('40 jobs, two workers claiming concurrently: each job is claimed once and finished once', async () => {
    const type = `test.race.${Date.now()}`;
    for (let i = 0; i < 40; i++) await enqueueJob(a, { type, payload: { i } });
    const drain = async (db: typeof a, owner: string) => {
      const mine: string[] = [];
      for (;;) {
        const job = await claimJob(db, owner, [type]);
        if (!job) return mine;
        mine.push(job.id);
        const { count } = await finishJob(db, job.id, owner, { state: 'succeeded', result: { owner } });
        expect(count).toBe(1);
      }
    };
    const [byA, byB] = await Promise.all([drain(a, 'worker-a'), drain(b, 'worker-b')]);
    expect(byA.length + byB.length).toBe(40);
    expect(new Set([...byA, ...byB]).size).toBe(40);
    expect(byA.filter((id) => byB.includes(id))).toEqual([]);
    const rows = await a.job.findMany({ where: { type } });
    expect(rows.every((r) => r.state === 'succeeded' && r.attempts === 1)).toBe(true);
  });

  test("a killed worker's job is re-claimed after its lease; the old owner can neither extend nor finish it", async () => {
    const type = `test.lease.${Date.now()}`;
    const job = await enqueueJob(a, { type, payload: {} });
    const t0 = new Date();
    expect((await claimJob(a, 'worker-a', [type], t0))?.id).toBe(job.id);
    // while the lease runs, nobody else gets it
    expect(await claimJob(b, 'worker-b', [type], new Date(t0.getTime() + LEASE_MS - 1_000))).toBeNull();
    // worker-a was killed: its lease expires and worker-b takes the job over, as a second attempt
    const taken = await claimJob(b, 'worker-b', [type], new Date(t0.getTime() + LEASE_MS + 1_000));
    expect(taken).toMatchObject({ id: job.id, leaseOwner: 'worker-b', attempts: 2 });
    expect(await heartbeat(a, job.id, 'worker-a')).toEqual({ lost: true, cancel: true });
    expect((await finishJob(a, job.id, 'worker-a', { state: 'succeeded' })).count).toBe(0);
    expect((await finishJob(b, job.id, 'worker-b', { state: 'succeeded' })).count).toBe(1);
    expect(await a.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ state: 'succeeded' });
  });

  test('a job whose worker keeps dying is dead-lettered after its attempts, not run forever', async () => {
    const type = `test.dead.${Date.now()}`;
    const job = await enqueueJob(a, { type, payload: {}, maxAttempts: 2 });
    let t = Date.now();
    expect(await claimJob(a, 'w1', [type], new Date(t))).toMatchObject({ attempts: 1 });
    t += LEASE_MS + 1_000;
    expect(await claimJob(b, 'w2', [type], new Date(t))).toMatchObject({ attempts: 2 });
    t += LEASE_MS + 1_000;
    expect(await claimJob(a, 'w3', [type], new Date(t))).toBeNull();
    expect(await a.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ state: 'dead' });
  });
});
