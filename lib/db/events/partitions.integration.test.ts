import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeConnections, sharedPgPool } from '../connections';
import { createClient } from '../create-client';
import { timeParam } from '../dialect';
import { databaseUrl, isPostgres } from '../url';
import {
  eventsArePartitioned,
  listEventPartitions,
  MONTHS_AHEAD,
  maintainEventPartitions,
  partitionName,
} from './partitions';

// Monthly partitions of "Event" on PostgreSQL: every event stored once across months (the "EventKey" trigger), rows
// that land in the default partition moved into their month, and the events queries unchanged. The dedup part runs on
// SQLite as well (one table with a unique index there).
const pg = isPostgres(databaseUrl());
const db = createClient();
let customerId = 0;

beforeAll(async () => {
  customerId = (await db.customer.create({ data: { externalId: 'partitions-c1' } })).id;
});
afterAll(async () => {
  await db.$disconnect();
  await closeConnections();
});

const insert = (key: string, ts: string) =>
  db.$executeRaw`INSERT INTO "Event" ("dedupKey", "customerId", "type", "ts", "source")
    VALUES (${key}, ${customerId}, 'view', ${timeParam(new Date(ts))}, 'api') ON CONFLICT DO NOTHING`;
const count = async (key: string) => db.event.count({ where: { dedupKey: key } });

describe('event keys (SQLite and PostgreSQL)', () => {
  test('a key is stored once even when a repeat carries another month; deleting the event frees the key', async () => {
    expect(await insert('k-once', '2026-11-05T10:00:00Z')).toBe(1);
    expect(await insert('k-once', '2026-12-05T10:00:00Z')).toBe(0);
    expect(await insert('k-once', '2019-03-01T00:00:00Z')).toBe(0);
    expect(await count('k-once')).toBe(1);
    await db.event.deleteMany({ where: { dedupKey: 'k-once' } });
    expect(await insert('k-once', '2026-12-05T10:00:00Z')).toBe(1);
    expect((await db.event.findFirstOrThrow({ where: { dedupKey: 'k-once' } })).ts.toISOString()).toBe(
      '2026-12-05T10:00:00.000Z',
    );
  });

  test('moving an event to another month keeps it and its key; a changed key is claimed, a taken one refused', async () => {
    await insert('k-move', '2026-11-20T00:00:00Z');
    await insert('k-taken', '2026-11-21T00:00:00Z');
    const { id } = await db.event.findFirstOrThrow({ where: { dedupKey: 'k-move' } });
    await db.event.update({ where: { id }, data: { ts: new Date('2027-01-02T00:00:00Z') } });
    expect(await count('k-move')).toBe(1);
    expect(await insert('k-move', '2026-11-20T00:00:00Z')).toBe(0);
    await expect(db.event.updateMany({ where: { id }, data: { dedupKey: 'k-taken' } })).rejects.toThrow();
    await db.event.updateMany({ where: { id }, data: { dedupKey: 'k-renamed' } });
    expect(await insert('k-move', '2026-11-20T00:00:00Z')).toBe(1); // the old key is free again
    expect(await insert('k-renamed', '2026-11-20T00:00:00Z')).toBe(0);
  });

  test("erasing a customer (cascade) frees their events' keys", async () => {
    const other = await db.customer.create({ data: { externalId: 'partitions-c2' } });
    await db.$executeRaw`INSERT INTO "Event" ("dedupKey", "customerId", "type", "ts", "source")
      VALUES ('k-cascade', ${other.id}, 'view', ${timeParam(new Date('2026-12-01T00:00:00Z'))}, 'api')`;
    await db.customer.delete({ where: { id: other.id } });
    expect(await insert('k-cascade', '2026-12-01T00:00:00Z')).toBe(1);
  });
});

describe.skipIf(!pg)('monthly partitions (PostgreSQL only: SQLite keeps one events table)', () => {
  const pool = () => sharedPgPool();
  const now = new Date('2026-12-07T12:00:00Z');

  test('the migration leaves "Event" partitioned; maintenance creates the month before now to two after, once', async () => {
    expect(await eventsArePartitioned(pool())).toBe(true);
    const first = await maintainEventPartitions(pool(), { now });
    const months = (await listEventPartitions(pool())).map(partitionName);
    for (const name of ['Event_y2026m11', 'Event_y2026m12', 'Event_y2027m01', 'Event_y2027m02'])
      expect(months).toContain(name);
    expect(MONTHS_AHEAD).toBe(2);
    expect(first.ran).toBe(true);
    const again = await maintainEventPartitions(pool(), { now });
    expect(again).toEqual({ created: [], moved: [], ran: true });
  });

  test('history lands in the default partition and is moved into its own month with its keys', async () => {
    for (let k = 0; k < 25; k++) await insert(`k-2019-${k}`, `2019-03-${String(1 + k).padStart(2, '0')}T08:00:00Z`);
    await insert('k-2018', '2018-07-31T23:59:59.999Z');
    const inDefault = async () =>
      Number((await pool().query('SELECT count(*) AS n FROM "Event_default"')).rows[0].n as string);
    expect(await inDefault()).toBe(26);
    const before = await db.event.count();

    const report = await maintainEventPartitions(pool(), { now });
    expect(report.moved).toEqual([
      { partition: 'Event_y2018m07', rows: 1 },
      { partition: 'Event_y2019m03', rows: 25 },
    ]);
    expect(await inDefault()).toBe(0);
    expect(await db.event.count()).toBe(before);
    const { rows } = await pool().query(
      `SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM "Event" WHERE "ts" < '2020-01-01' GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toEqual([
      { part: '"Event_y2018m07"', n: 1 },
      { part: '"Event_y2019m03"', n: 25 },
    ]);
    // the moved rows kept their keys: a repeat is still skipped, and the key table holds each key once
    expect(await insert('k-2019-3', '2019-03-04T08:00:00Z')).toBe(0);
    const keys = await pool().query(`SELECT count(*)::int AS n FROM "EventKey" WHERE "dedupKey" LIKE 'k-2019-%'`);
    expect(keys.rows[0].n).toBe(25);
    // the moved partition has the parent's indexes and triggers
    const indexes = await pool().query(`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'Event_y2019m03'`);
    expect(indexes.rows[0].n).toBe(6);
    // a query that reads a month scans that partition only
    const plan = await pool().query(
      `EXPLAIN SELECT count(*) FROM "Event" WHERE "ts" >= '2019-03-01' AND "ts" < '2019-04-01'`,
    );
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('Event_y2019m03');
    expect(text).not.toContain('Event_y2026m12');
  });

  test('two processes maintaining at once: partitions are created once, neither fails', async () => {
    await insert('k-2017', '2017-05-05T00:00:00Z');
    const [a, b] = await Promise.all([
      maintainEventPartitions(sharedPgPool(), { now }),
      maintainEventPartitions(
        sharedPgPool(`${databaseUrl()}${databaseUrl().includes('?') ? '&' : '?'}application_name=second`),
        { now },
      ),
    ]);
    const made = [...a.created, ...b.created];
    expect(made).toEqual(['Event_y2017m05']);
    expect(await count('k-2017')).toBe(1);
  });
});
