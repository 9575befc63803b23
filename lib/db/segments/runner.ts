import Database from 'better-sqlite3';
import type { RawDb } from '../raw';
import type { SqlDialect } from './sql';

/**
 * Segment queries run on the raw connections of lib/db/raw.ts, not through Prisma: exports need a real cursor
 * (better-sqlite3's iterate, a PostgreSQL DECLARE CURSOR) to keep memory bounded, and the columnar loader reads
 * millions of rows as arrays. Values are always bound parameters.
 */
export const dialectOf = (db: RawDb): SqlDialect => db.kind;

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepare(conn: Database.Database, sql: string) {
  let cache = statements.get(conn);
  if (!cache) {
    cache = new Map();
    statements.set(conn, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    if (cache.size > 200) cache.clear();
    stmt = conn.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}

export async function queryAll<T = Record<string, unknown>>(
  db: RawDb,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  if (db.kind === 'sqlite') return prepare(db.conn, sql).all(...params) as T[];
  return (await db.pool.query(sql, params as unknown[])).rows as T[];
}

/** A statement that returns no rows; resolves to the number of rows changed. */
export async function execute(db: RawDb, sql: string, params: readonly unknown[] = []): Promise<number> {
  if (db.kind === 'sqlite') return prepare(db.conn, sql).run(...params).changes;
  return (await db.pool.query(sql, params as unknown[])).rowCount ?? 0;
}

/** Rows as arrays (column order of the SELECT): cheaper than objects for bulk reads. */
export async function queryRows(db: RawDb, sql: string, params: readonly unknown[] = []): Promise<unknown[][]> {
  if (db.kind === 'sqlite')
    return prepare(db.conn, sql)
      .raw(true)
      .all(...params) as unknown[][];
  return (await db.pool.query({ text: sql, values: params as unknown[], rowMode: 'array' })).rows as unknown[][];
}

/**
 * Streams a query's rows in batches with bounded memory. SQLite: a read-only connection of its own (a connection
 * with an open iterator cannot run other statements, and the app shares one), so the export sees one consistent
 * snapshot. PostgreSQL: a cursor in a read-only transaction, FETCHed `batchSize` rows at a time.
 */
export async function* queryBatches<T = Record<string, unknown>>(
  db: RawDb,
  sql: string,
  params: readonly unknown[],
  batchSize: number,
): AsyncGenerator<T[]> {
  if (db.kind === 'sqlite') {
    const isFile = db.conn.name && db.conn.name !== ':memory:' && !db.conn.memory;
    const conn = isFile ? new Database(db.conn.name, { readonly: true, fileMustExist: true }) : db.conn;
    try {
      let batch: T[] = [];
      for (const row of conn.prepare(sql).iterate(...params) as IterableIterator<T>) {
        batch.push(row);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    } finally {
      if (conn !== db.conn) conn.close();
    }
    return;
  }
  const client = await db.pool.connect();
  let open = false;
  try {
    await client.query('BEGIN READ ONLY');
    open = true;
    await client.query(`DECLARE segment_export NO SCROLL CURSOR FOR ${sql}`, params as unknown[]);
    for (;;) {
      const { rows } = await client.query(`FETCH ${Math.floor(batchSize)} FROM segment_export`);
      if (rows.length === 0) break;
      yield rows as T[];
    }
    await client.query('CLOSE segment_export');
    await client.query('COMMIT');
    open = false;
  } finally {
    if (open) await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
