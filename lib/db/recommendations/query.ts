import Database from 'better-sqlite3';
import type pg from 'pg';
import type { RawDb } from '../raw';

/**
 * Dialect-neutral raw reads for the recommendation data layer. SQL is written with `?` placeholders and quoted
 * camelCase identifiers; on PostgreSQL the placeholders become $1…$n. Rows come back as arrays in SELECT order.
 * Times are selected as epoch milliseconds on both databases (`msOf`).
 */
export type Reader = {
  dialect: 'sqlite' | 'postgresql';
  all(sql: string, params?: unknown[]): Promise<unknown[][]>;
  /** streams rows with bounded memory (better-sqlite3 iterate / a PostgreSQL cursor) */
  each(sql: string, params: unknown[], onRow: (row: unknown[]) => void): Promise<number>;
};

export const msOf = (r: Pick<Reader, 'dialect'>, column: string) =>
  r.dialect === 'postgresql' ? `(extract(epoch from ${column}) * 1000)::float8` : column;
export const trueOf = (r: Pick<Reader, 'dialect'>) => (r.dialect === 'postgresql' ? 'true' : '1');

function pgText(sql: string) {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement per connection and SQL text (the serving path runs the same few queries constantly). */
function prepared(conn: Database.Database, sql: string) {
  let cache = statements.get(conn);
  if (!cache) {
    cache = new Map();
    statements.set(conn, cache);
  }
  let st = cache.get(sql);
  if (!st) {
    st = conn.prepare(sql).raw(true);
    cache.set(sql, st);
  }
  return st;
}

/** Single queries on the shared connection (no transaction): the serving path. */
export function reader(raw: RawDb): Reader {
  if (raw.kind === 'sqlite') {
    const conn = raw.conn;
    return {
      dialect: 'sqlite',
      all: async (sql, params = []) => prepared(conn, sql).all(...params) as unknown[][],
      each: async (sql, params, onRow) => {
        let n = 0;
        for (const row of prepared(conn, sql).iterate(...params) as IterableIterator<unknown[]>) {
          onRow(row);
          n++;
        }
        return n;
      },
    };
  }
  return {
    dialect: 'postgresql',
    all: async (sql, params = []) =>
      (await raw.pool.query({ text: pgText(sql), values: params, rowMode: 'array' })).rows as unknown[][],
    each: async (sql, params, onRow) => {
      const rows = (await raw.pool.query({ text: pgText(sql), values: params, rowMode: 'array' })).rows as unknown[][];
      for (const row of rows) onRow(row);
      return rows.length;
    },
  };
}

/**
 * A consistent read-only snapshot for the training load: every query inside sees the same data, so the watermark
 * read first (largest event and order-line ids) describes exactly the rows loaded. SQLite: a read-only connection of
 * its own in one read transaction (writers proceed under WAL). PostgreSQL: one pooled client in a REPEATABLE READ
 * READ ONLY transaction, streaming through a server-side cursor.
 */
export async function withSnapshot<T>(raw: RawDb, fn: (r: Reader) => Promise<T>): Promise<T> {
  if (raw.kind === 'sqlite') {
    const file = raw.conn.name;
    const own = Boolean(file) && file !== ':memory:' && !raw.conn.memory;
    const conn = own ? new Database(file, { readonly: true, fileMustExist: true }) : raw.conn;
    if (own) conn.pragma('busy_timeout = 10000');
    const tx = !conn.inTransaction;
    if (tx) conn.exec('BEGIN');
    try {
      return await fn({
        dialect: 'sqlite',
        all: async (sql, params = []) =>
          conn
            .prepare(sql)
            .raw(true)
            .all(...params) as unknown[][],
        each: async (sql, params, onRow) => {
          let n = 0;
          for (const row of conn
            .prepare(sql)
            .raw(true)
            .iterate(...params) as IterableIterator<unknown[]>) {
            onRow(row);
            n++;
          }
          return n;
        },
      });
    } finally {
      if (tx && conn.inTransaction) conn.exec('COMMIT');
      if (own) conn.close();
    }
  }
  const client = await raw.pool.connect();
  let open = false;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    open = true;
    let cursors = 0;
    const out = await fn({
      dialect: 'postgresql',
      all: async (sql, params = []) =>
        (await client.query({ text: pgText(sql), values: params, rowMode: 'array' })).rows as unknown[][],
      each: async (sql, params, onRow) => {
        const name = `rec_load_${++cursors}`;
        await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${pgText(sql)}`, params);
        let n = 0;
        for (;;) {
          const res: pg.QueryResult<unknown[]> = await client.query({
            text: `FETCH 20000 FROM ${name}`,
            rowMode: 'array',
          });
          if (res.rows.length === 0) break;
          for (const row of res.rows) onRow(row);
          n += res.rows.length;
        }
        await client.query(`CLOSE ${name}`);
        return n;
      },
    });
    await client.query('COMMIT');
    open = false;
    return out;
  } finally {
    if (open) await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}

export const strOrNull = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
