import 'server-only';
import { analyticsPgPool } from './connections';
import { createClient, createReadOnlyClient, type Db } from './create-client';

// One client per process (t3 pattern); cached across hot reloads in development.
const globalForDb = globalThis as unknown as { precisaDb?: Db; precisaReadDbs?: WeakMap<object, Db> };

export const db: Db = globalForDb.precisaDb ?? createClient();
if (process.env.NODE_ENV !== 'production') globalForDb.precisaDb = db;

globalForDb.precisaReadDbs ??= new WeakMap();
const readDbs = globalForDb.precisaReadDbs;

/**
 * The Prisma client for analytics reads (dashboards): on the read replica's read-only pool when DATABASE_READ_URL is
 * set, else `db` itself. Where reads go, and which must stay on the primary, is decided in ./connections.ts.
 */
export function analyticsDb(): Db {
  const pool = analyticsPgPool();
  if (!pool) return db;
  let client = readDbs.get(pool);
  if (!client) {
    client = createReadOnlyClient(pool);
    readDbs.set(pool, client);
  }
  return client;
}
