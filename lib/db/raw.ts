import Database from 'better-sqlite3';
import pg from 'pg';
import { databaseUrl, isPostgres, sqlitePath } from './url';

/**
 * Raw connections for work Prisma is not built for (bulk import, analytic SQL). Same database as the Prisma
 * client. SQLite runs in WAL mode with synchronous=FULL: measured to survive kill -9 mid-import with the committed
 * rows always equal to the import cursor (../shared/docs/reliability-notes.md).
 */
export function openSqlite(url = databaseUrl()) {
  const conn = new Database(sqlitePath(url));
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = FULL');
  conn.pragma('busy_timeout = 10000');
  conn.pragma('foreign_keys = ON');
  return conn;
}

/** A PostgreSQL pool; the app's one per process comes from `sharedPgPool` (./connections.ts). Idle clients do not keep a
 * finishing script alive. `readOnly`: every transaction on it is read-only (`default_transaction_read_only`), so a write
 * sent to it by mistake fails (SQLSTATE 25006) instead of landing; on a replica the server refuses writes anyway. */
export function openPgPool(url = databaseUrl(), { readOnly = false } = {}) {
  if (!isPostgres(url)) throw new RangeError(`openPgPool: not a PostgreSQL url`);
  // JIT off: the segment counts are short queries whose OR-of-subplans the planner over-costs, so PostgreSQL 15 spent
  // 489 of 512 ms compiling one that ran in 20 ms (bench/events-pg.ts, 20k customers); no query of ours needs it.
  const options = ['-c jit=off', ...(readOnly ? ['-c default_transaction_read_only=on'] : [])].join(' ');
  const pool = new pg.Pool({ connectionString: url, max: 10, allowExitOnIdle: true, options });
  // An idle client whose connection the server ends (a restart, a failover, a dropped scratch database) is removed from
  // the pool, which then emits 'error'; without a listener that would crash the process. The next query opens a new one.
  pool.on('error', (err) => console.warn(`PostgreSQL: an idle connection was closed by the server (${err.message})`));
  // A checked-out client whose connection dies (a reset, a restarted server) emits 'error' as well as failing the query
  // in flight; with no listener that event would crash the process (a worker mid-import did, in the fault-proxy test).
  // The failed query is how the caller learns of it; the pool drops the dead client when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

export type RawDb = { kind: 'sqlite'; conn: Database.Database } | { kind: 'postgresql'; pool: pg.Pool };

export function openRaw(url = databaseUrl()): RawDb {
  return isPostgres(url) ? { kind: 'postgresql', pool: openPgPool(url) } : { kind: 'sqlite', conn: openSqlite(url) };
}
