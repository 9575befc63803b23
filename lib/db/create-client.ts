import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { PrismaClient as PgClient } from './generated/postgresql/client';
import { sharedPgPool } from './connections';
import { databaseUrl, isPostgres, sqlitePath } from './url';

/**
 * The two generated clients come from schemas that `npm run db:check` keeps identical, so their APIs agree;
 * the app is typed against the SQLite one.
 */
export type Db = SqliteClient;

export function createClient(url = databaseUrl()): Db {
  if (isPostgres(url)) {
    // The process's one pool, shared with the raw queries (./connections.ts); $disconnect leaves it open.
    return new PgClient({ adapter: new PrismaPg(sharedPgPool(url)) }) as unknown as Db;
  }
  // Timestamps as epoch milliseconds: compact, fast to compare, and what the bulk importer writes.
  const adapter = new PrismaBetterSqlite3({ url: sqlitePath(url) }, { timestampFormat: 'unixepoch-ms' });
  return new SqliteClient({ adapter });
}

/** A client over a read-only PostgreSQL pool (the analytics replica's, from ./connections.ts); its writes fail. */
export function createReadOnlyClient(pool: pg.Pool): Db {
  return new PgClient({ adapter: new PrismaPg(pool) }) as unknown as Db;
}
