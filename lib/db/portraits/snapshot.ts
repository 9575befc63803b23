import Database from 'better-sqlite3';
import type pg from 'pg';
import type { RawDb } from '../raw';

/**
 * A read-only, consistent view of the database for a bulk read: every query inside sees the same snapshot, so the
 * watermark read first (largest event and order ids) describes exactly the rows loaded after it.
 * SQLite: a read-only connection of its own inside one read transaction (the app's connection stays free for
 * writers; WAL lets them proceed). PostgreSQL: one pooled client in a REPEATABLE READ READ ONLY transaction.
 * Rows come back as arrays in SELECT order; `each` streams with bounded memory (iterate / a server-side cursor).
 */
export type Snapshot = {
  dialect: 'sqlite' | 'postgresql';
  all(sql: string, params?: unknown[]): Promise<unknown[][]>;
  each(sql: string, params: unknown[], onRow: (row: unknown[]) => void, batchSize?: number): Promise<number>;
};

export async function withSnapshot<T>(raw: RawDb, fn: (s: Snapshot) => Promise<T>): Promise<T> {
  if (raw.kind === 'sqlite') {
    const file = raw.conn.name;
    const isFile = file && file !== ':memory:' && !raw.conn.memory;
    const conn = isFile ? new Database(file, { readonly: true, fileMustExist: true }) : raw.conn;
    if (isFile) conn.pragma('busy_timeout = 10000');
    const ownTx = !conn.inTransaction;
    if (ownTx) conn.exec('BEGIN');
    try {
      const s: Snapshot = {
        dialect: 'sqlite',
        all: async (sql, params = []) =>
          conn
            .prepare(sql)
            .raw(true)
            .all(...params) as unknown[][],
        each: async (sql, params, onRow, batchSize = 200_000) => {
          let n = 0;
          for (const row of conn
            .prepare(sql)
            .raw(true)
            .iterate(...params) as IterableIterator<unknown[]>) {
            onRow(row);
            // reads are synchronous: let timers (the job's heartbeat) and other requests run now and then
            if (++n % batchSize === 0) await new Promise<void>((resolve) => setImmediate(resolve));
          }
          return n;
        },
      };
      return await fn(s);
    } finally {
      if (ownTx && conn.inTransaction) conn.exec('COMMIT');
      if (conn !== raw.conn) conn.close();
    }
  }
  const client = await raw.pool.connect();
  let open = false;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    open = true;
    await client.query(`SET LOCAL TIME ZONE 'UTC'`);
    let cursors = 0;
    const s: Snapshot = {
      dialect: 'postgresql',
      all: async (sql, params = []) =>
        (await client.query({ text: sql, values: params, rowMode: 'array' })).rows as unknown[][],
      each: async (sql, params, onRow, batchSize = 20_000) => {
        const name = `portrait_load_${++cursors}`;
        await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
        let n = 0;
        for (;;) {
          const res: pg.QueryResult<unknown[]> = await client.query({
            text: `FETCH ${Math.floor(batchSize)} FROM ${name}`,
            rowMode: 'array',
          });
          if (res.rows.length === 0) break;
          for (const row of res.rows) onRow(row);
          n += res.rows.length;
        }
        await client.query(`CLOSE ${name}`);
        return n;
      },
    };
    const out = await fn(s);
    await client.query('COMMIT');
    open = false;
    return out;
  } finally {
    if (open) await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
