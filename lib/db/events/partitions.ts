import type pg from 'pg';
import { sharedPgPool } from '../connections';
import { databaseUrl, isPostgres } from '../url';

/**
 * Monthly partitions of "Event" on PostgreSQL (SQLite keeps one table). The table, its default partition and the
 * "EventKey" triggers come from prisma/postgresql/migrations/20261207140000_event_partitions. This keeps months in
 * place: the current month and the next ones exist before their events arrive, and rows that landed in
 * "Event_default" (history imported for a month that had no partition yet) are moved into a partition of their own.
 * Each month is one short transaction under a session lock that keeps other processes out; running it again
 * changes nothing.
 */

const PARENT = '"Event"';
const DEFAULT = 'Event_default';
/** Months created ahead of the current one, so live events never land in the default partition. */
export const MONTHS_AHEAD = 2;
/** Session advisory lock key: one process maintains partitions at a time (several workers may run the job). */
const LOCK_KEY = 0x45_76_50_61; // "EvPa"

export type PartitionMonth = { year: number; month: number }; // month 1–12

export const partitionName = (m: PartitionMonth) => `Event_y${m.year}m${String(m.month).padStart(2, '0')}`;
const monthStart = (m: PartitionMonth) => `${m.year}-${String(m.month).padStart(2, '0')}-01`;
const nextMonth = (m: PartitionMonth): PartitionMonth =>
  m.month === 12 ? { year: m.year + 1, month: 1 } : { year: m.year, month: m.month + 1 };
const monthOf = (d: Date): PartitionMonth => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 });
const key = (m: PartitionMonth) => m.year * 100 + m.month;

/** The months that have a partition of their own, read from the catalogue. */
export async function listEventPartitions(pool: Pick<pg.Pool, 'query'>): Promise<PartitionMonth[]> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = '${PARENT}'::regclass`,
  );
  return rows
    .map((r) => /^Event_y(\d{4})m(\d{2})$/.exec(r.name))
    .filter((m) => m !== null)
    .map((m) => ({ year: Number(m[1]), month: Number(m[2]) }))
    .sort((a, b) => key(a) - key(b));
}

/** Whether "Event" is partitioned here (false on a database whose migrations stop before the partitions). */
export async function eventsArePartitioned(pool: Pick<pg.Pool, 'query'>) {
  const { rows } = await pool.query(`SELECT 1 FROM pg_partitioned_table WHERE partrelid = '${PARENT}'::regclass`);
  return rows.length > 0;
}

export type PartitionReport = {
  created: string[];
  moved: { partition: string; rows: number }[];
  /** false when another process held the maintenance lock: it is doing the same work. */
  ran: boolean;
};

/**
 * Creates the partitions from the month before `now` to MONTHS_AHEAD after it, and one for every month that has rows
 * in the default partition, moving those rows in. `extra` adds months (a bulk load of known history).
 */
export async function maintainEventPartitions(
  pool: pg.Pool,
  { now = new Date(), extra = [] as PartitionMonth[] } = {},
): Promise<PartitionReport> {
  const report: PartitionReport = { created: [], moved: [], ran: true };
  const client = await pool.connect();
  let locked = false;
  try {
    const { rows: lock } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LOCK_KEY]);
    locked = lock[0]?.ok === true;
    if (!locked) return { ...report, ran: false };
    const have = new Set((await listEventPartitions(client)).map(key));
    const { rows: stray } = await client.query<{ y: number; m: number }>(
      `SELECT DISTINCT extract(year FROM "ts")::int AS y, extract(month FROM "ts")::int AS m FROM "${DEFAULT}"`,
    );
    const strayKeys = new Set(stray.map((s) => s.y * 100 + s.m));
    const wanted = new Map<number, PartitionMonth>();
    let m = monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
    for (let k = 0; k <= MONTHS_AHEAD + 1; k++, m = nextMonth(m)) wanted.set(key(m), m);
    for (const s of stray) wanted.set(s.y * 100 + s.m, { year: s.y, month: s.m });
    for (const e of extra) wanted.set(key(e), e);
    for (const month of [...wanted.values()].sort((a, b) => key(a) - key(b))) {
      if (have.has(key(month))) continue;
      await inTransaction(client, async () => {
        if (strayKeys.has(key(month)))
          report.moved.push({ partition: partitionName(month), rows: await move(client, month) });
        else
          await client.query(
            `CREATE TABLE "${partitionName(month)}" PARTITION OF ${PARENT} FOR VALUES ${bounds(month)}`,
          );
      });
      report.created.push(partitionName(month));
    }
    return report;
  } finally {
    if (locked) await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    client.release();
  }
}

async function inTransaction(client: pg.PoolClient, work: () => Promise<void>) {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

const bounds = (m: PartitionMonth) => `FROM ('${monthStart(m)}') TO ('${monthStart(nextMonth(m))}')`;

/**
 * A month whose rows sit in the default partition: PostgreSQL refuses a new partition while the default holds rows
 * of its range, so the rows move to a plain table first, which is then attached. The default partition is locked
 * meanwhile (writers of other months' history wait; writers of partitioned months do not). The key triggers are
 * told to leave "EventKey" alone: these rows keep their keys.
 */
async function move(client: pg.PoolClient, m: PartitionMonth) {
  const name = partitionName(m);
  const range = `"ts" >= '${monthStart(m)}' AND "ts" < '${monthStart(nextMonth(m))}'`;
  await client.query(`LOCK TABLE "${DEFAULT}" IN ACCESS EXCLUSIVE MODE`);
  await client.query(`SET LOCAL precisa.moving_events = 'on'`);
  await client.query(`CREATE TABLE "${name}" (LIKE ${PARENT} INCLUDING DEFAULTS)`);
  const moved = await client.query(
    `WITH gone AS (DELETE FROM "${DEFAULT}" WHERE ${range} RETURNING *) INSERT INTO "${name}" SELECT * FROM gone`,
  );
  // The check lets ATTACH skip scanning the new table; it is dropped once the partition bound holds the same rule.
  await client.query(`ALTER TABLE "${name}" ADD CONSTRAINT "${name}_range" CHECK (${range})`);
  await client.query(`ALTER TABLE ${PARENT} ATTACH PARTITION "${name}" FOR VALUES ${bounds(m)}`);
  await client.query(`ALTER TABLE "${name}" DROP CONSTRAINT "${name}_range"`);
  await client.query(`SET LOCAL precisa.moving_events = 'off'`);
  return moved.rowCount ?? 0;
}

/**
 * The app's own database: maintains its partitions when it is a PostgreSQL database with a partitioned "Event"; null
 * otherwise (SQLite has one events table).
 */
export async function maintainAppEventPartitions(now = new Date()) {
  const url = databaseUrl();
  if (!isPostgres(url)) return null;
  const pool = sharedPgPool(url);
  if (!(await eventsArePartitioned(pool))) return null;
  return maintainEventPartitions(pool, { now });
}
