import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { databaseUrl, isPostgres } from '@/lib/db/url';
import { PARTITIONS_JOB, queueEventPartitions, runEventPartitions } from './partitions';

// The `event-partitions` job: on PostgreSQL it maintains the months and queues the next day's run; on SQLite (one
// events table) it does nothing and queues nothing.
const pg = isPostgres(databaseUrl());

afterAll(async () => {
  await closeConnections();
});

describe('event-partitions job', () => {
  test(
    pg ? 'PostgreSQL: a run keeps the months and queues the next one at 00:00 UTC' : 'SQLite: nothing to do',
    async () => {
      const now = new Date('2026-12-07T15:20:00Z');
      const report = await runEventPartitions(now);
      const jobs = await db.job.findMany({ where: { type: PARTITIONS_JOB } });
      if (!pg) {
        expect(report).toEqual({ partitioned: false });
        expect(await queueEventPartitions(now)).toBeNull();
        expect(jobs).toEqual([]);
        return;
      }
      expect(report).toMatchObject({ ran: true });
      expect(jobs.map((j) => [j.idempotencyKey, j.runAt.toISOString()])).toEqual([
        ['event-partitions:day:2026-12-08', '2026-12-08T00:00:00.000Z'],
      ]);
      // queueing the same day again (a second worker starting) adds no job
      await runEventPartitions(new Date('2026-12-07T18:00:00Z'));
      await queueEventPartitions(new Date('2026-12-08T00:00:00Z'));
      expect(await db.job.count({ where: { type: PARTITIONS_JOB } })).toBe(1);
    },
  );
});
