import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { analyticsPgPool, closeConnections, sharedPgPool } from '@/lib/db/connections';
import { databaseUrl, isPostgres } from '@/lib/db/url';
import type { SegmentDefinition } from '@/lib/schemas/segment';
import type { Role } from '@/lib/security/roles';
import { seedDemoShop, testActors } from '@/lib/testing/db/seed-shop';
import { replicaTools, startReplica, type Replica } from '@/lib/testing/db/replica';
import type { UserActor } from './auth/actor';
import { getDashboard } from './dashboard';
import { createSegment, getSegment, previewSegment } from './segments';

// A second local PostgreSQL, started as a streaming replica of the test server, serves the dashboard and segment
// counts through DATABASE_READ_URL. The proof that it answers: the connection reports pg_is_in_recovery() and the
// replica's port, and while its replay is paused it returns the figures from before a write the primary already has.
const url = databaseUrl();
const tools = isPostgres(url) ? await replicaTools(url) : null;
const skipReason = !tools
  ? 'PostgreSQL only: run with DATABASE_URL=postgresql://… (an embedded SQLite file has no replicas)'
  : 'missing' in tools
    ? tools.missing
    : null;

const EMAIL_CONSENT: SegmentDefinition = {
  type: 'group',
  op: 'and',
  children: [{ type: 'consent', channel: 'email', op: 'granted' }],
};
const NEW_ORDER_TOTAL = 777.25;

describe.skipIf(skipReason !== null)(
  `analytics reads on a streaming replica${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let replica: Replica | null = null;
    let actors: Record<Role, UserActor>;

    const total = async () => {
      const p = await previewSegment(actors.marketer, { definition: EMAIL_CONSENT });
      if (!p.ok) throw new Error('the definition is valid');
      return p.total;
    };
    const dashboard = async () => {
      const d = await getDashboard(actors.manager, { range: '365' });
      if (d.empty) throw new Error('the seeded shop has data');
      return d;
    };
    const onReplica = async (sql: string, params: unknown[] = []) => (await analyticsPgPool()!.query(sql, params)).rows;

    beforeAll(async () => {
      await seedDemoShop({ customers: 200, products: 80, events: 3_000, seed: 13 });
      actors = await testActors();
      if (tools && 'bin' in tools) replica = await startReplica(url, tools.bin);
      process.env.DATABASE_READ_URL = replica!.url;
      await replica!.catchUp();
    }, 600_000);

    afterAll(async () => {
      delete process.env.DATABASE_READ_URL;
      await closeConnections();
      await db.$disconnect();
      replica?.stop();
    }, 120_000);

    test('dashboards and segment counts are served by the replica; writes go to the primary and reach it', async () => {
      const [analytics] = await onReplica(`select pg_is_in_recovery() as standby, current_setting('port') as port`);
      expect(analytics).toEqual({ standby: true, port: String(replica!.port) });
      const [primary] = (await sharedPgPool().query(`select pg_is_in_recovery() as standby`)).rows;
      expect(primary).toEqual({ standby: false });

      const before = await dashboard();
      // the replica's figures are the shop's: checked against the primary by an independent count
      const completed = (from: number, to: number) =>
        db.order.count({ where: { status: 'completed', placedAt: { gte: new Date(from), lte: new Date(to) } } });
      expect(before.totals.orders).toBe(await completed(before.range.from, before.range.to));
      expect(before.totals.orders).toBeGreaterThan(0);
      const countBefore = await total();
      expect(countBefore).toBe(await db.customer.count({ where: { consentEmail: true, erasedAt: null } }));

      // replay paused: the replica keeps receiving WAL but applies none of it
      replica!.superuser('select pg_wal_replay_pause()');
      expect(replica!.superuser('select pg_get_wal_replay_pause_state()')).toBe('paused');

      // writes, through the primary client: a consenting customer with a completed order inside the period
      // at the start of the period, so the newest data time, and with it the period, stay as they were
      const placedAt = new Date(before.range.from + 3_600_000);
      const customer = await db.customer.create({
        data: { externalId: 'replica-test-1', email: 'r@example.com', consentEmail: true, signupAt: placedAt },
      });
      await db.order.create({
        data: {
          externalId: 'replica-test-order-1',
          customerId: customer.id,
          placedAt,
          currency: 'CNY',
          total: NEW_ORDER_TOTAL,
          itemCount: 1,
        },
      });
      const { id: segmentId } = await createSegment(actors.marketer, { name: 'Replica', definition: EMAIL_CONSENT });
      expect(await completed(before.range.from, before.range.to)).toBe(before.totals.orders + 1);

      // the analytics reads answer from the paused replica: the figures from before the writes
      const stale = await dashboard();
      expect(stale.totals).toEqual(before.totals);
      expect(stale.newCustomers).toBe(before.newCustomers);
      expect(await total()).toBe(countBefore);
      expect(await onReplica(`select count(*)::int as n from "Segment" where id = $1`, [segmentId])).toEqual([
        { n: 0 },
      ]);
      // read-your-writes after a save: the segment page loads the row from the primary and shows the size snapshot
      // the save counted there (exact), beside the live count from the replica
      const page = await getSegment(actors.marketer, segmentId);
      expect(page.segment.name).toBe('Replica');
      expect(page.history.map((h) => h.size)).toEqual([countBefore + 1]);
      expect(page.count?.total).toBe(countBefore);
      // and the analytics connection cannot write at all
      await expect(onReplica(`update "Setting" set "key" = "key" where false`)).rejects.toMatchObject({
        code: '25006',
      });

      // replay resumed: after replication the replica sees every write
      replica!.superuser('select pg_wal_replay_resume()');
      await replica!.catchUp();
      const fresh = await dashboard();
      expect(fresh.totals.orders).toBe(before.totals.orders + 1);
      expect(fresh.totals.revenue).toBeCloseTo(before.totals.revenue + NEW_ORDER_TOTAL, 6);
      expect(fresh.newCustomers).toBe(before.newCustomers + 1);
      await expect.poll(total, { timeout: 5_000 }).toBe(countBefore + 1);
      expect(await onReplica(`select count(*)::int as n from "Segment" where id = $1`, [segmentId])).toEqual([
        { n: 1 },
      ]);
    }, 120_000);
  },
);
