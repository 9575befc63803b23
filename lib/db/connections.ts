import type Database from 'better-sqlite3';
import type pg from 'pg';
import { openPgPool, openSqlite, type RawDb } from './raw';
import { databaseUrl, isPostgres } from './url';

/**
 * The process's database connections, one set per database URL, cached across hot reloads in development.
 *
 * PostgreSQL: one pool (`sharedPgPool`) serves the Prisma client, every raw query and the import store.
 * SQLite: one raw connection (`rawDb`) for segments, campaigns, recommendations, portraits and tags beside the Prisma
 * client's own; an import opens a connection of its own (`openImportSqlite`) because its batch transaction spans
 * awaits, and other raw work must not land inside it. The shared SQLite connection's writes are portraits and tags,
 * derived data that a re-run rebuilds: a larger page cache (64 MiB, grown on demand) halves their bulk upserts, and
 * they skip the fsync per commit (WAL + NORMAL: a power cut can lose the latest commits, in order, never corrupt).
 * Imports keep synchronous = FULL on their own connection.
 */
type Entry = { pool?: pg.Pool; raw?: RawDb };

const g = globalThis as unknown as { precisaConnections?: Map<string, Entry> };
g.precisaConnections ??= new Map<string, Entry>();
const entries = g.precisaConnections;

function entry(url: string) {
  let e = entries.get(url);
  if (!e) {
    e = {};
    entries.set(url, e);
  }
  return e;
}

/** The one PostgreSQL pool of this process for `url`. */
export function sharedPgPool(url = databaseUrl()): pg.Pool {
  const e = entry(url);
  e.pool ??= openPgPool(url);
  return e.pool;
}

/** The shared raw connection for `url`: the SQLite connection described above, or the shared PostgreSQL pool. */
export function rawDb(url = databaseUrl()): RawDb {
  const e = entry(url);
  if (!e.raw) {
    if (isPostgres(url)) e.raw = { kind: 'postgresql', pool: sharedPgPool(url) };
    else {
      const conn = openSqlite(url);
      conn.pragma('cache_size = -65536');
      conn.pragma('synchronous = NORMAL');
      e.raw = { kind: 'sqlite', conn };
    }
  }
  return e.raw;
}

/** A SQLite connection of the import's own (WAL, synchronous = FULL); the import store closes it. */
export function openImportSqlite(url: string): Database.Database {
  return openSqlite(url);
}

/** Closes every cached connection (tests and scripts that exit). A Prisma client is disconnected by its owner. */
export async function closeConnections() {
  const all = [...entries.values()];
  entries.clear();
  for (const e of all) {
    if (e.raw?.kind === 'sqlite') e.raw.conn.close();
    await e.pool?.end();
  }
}
