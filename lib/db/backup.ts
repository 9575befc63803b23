import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { rawDb } from './connections';
import { isPostgres, sqlitePath } from './url';

/**
 * Backup and restore of the whole database, with the tools each engine ships for it (no library does this better):
 * SQLite through its online backup API (a consistent copy while the app keeps writing), PostgreSQL through `pg_dump`
 * in the custom format and `pg_restore`. `tableChecksums` proves a round trip: every table hashed row by row.
 */

const run = promisify(execFile);
/** The dump tools of a Debian PostgreSQL install; PRECISA_PG_BIN points at another folder. */
const pgTool = (name: 'pg_dump' | 'pg_restore') =>
  process.env.PRECISA_PG_BIN ? path.join(process.env.PRECISA_PG_BIN, name) : name;

/** Writes a backup of the database at `url` to `file` (which must not exist); returns its size in bytes. */
export async function backupDatabase(url: string, file: string): Promise<number> {
  if (fs.existsSync(file)) throw new Error(`backup: ${file} exists already; choose a new file`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (isPostgres(url)) {
    await run(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, url]);
  } else {
    const raw = rawDb(url);
    if (raw.kind === 'sqlite') await raw.conn.backup(file);
  }
  return fs.statSync(file).size;
}

const SQLITE_MAGIC = 'SQLite format 3\0';
const PG_MAGIC = 'PGDMP';

/**
 * Restores `file` into the database at `url`. SQLite: the database file must not exist (the restore is a copy; stop
 * the app first). PostgreSQL: into an existing database, whose objects of the same names are dropped first.
 */
export async function restoreDatabase(file: string, url: string): Promise<void> {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  if (isPostgres(url)) {
    if (head.subarray(0, 5).toString('latin1') !== PG_MAGIC)
      throw new Error(`restore: ${file} is not a pg_dump custom-format backup`);
    await dropPartitionedTables(url);
    await run(pgTool('pg_restore'), [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      `--dbname=${url}`,
      file,
    ]);
    return;
  }
  if (head.toString('latin1') !== SQLITE_MAGIC) throw new Error(`restore: ${file} is not a SQLite database`);
  const target = sqlitePath(url);
  if (fs.existsSync(target)) throw new Error(`restore: ${target} exists; move it away first (stop the app)`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(file, target, fs.constants.COPYFILE_EXCL);
}

/**
 * pg_restore --clean drops a partitioned table's objects one by one and fails on a partition's inherited primary key
 * (PostgreSQL 15: "cannot drop inherited constraint"). Partitioned tables ("Event" and its months) are dropped whole
 * first; the restore recreates them with the rest.
 */
async function dropPartitionedTables(url: string) {
  const raw = rawDb(url);
  if (raw.kind !== 'postgresql') return;
  const { rows } = await raw.pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()`,
  );
  for (const { name } of rows) await raw.pool.query(`DROP TABLE IF EXISTS "${name.replaceAll('"', '""')}" CASCADE`);
}

/** Normalises a value so the same row hashes the same before and after a round trip (dates, big integers, bytes). */
function cell(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return v.toString();
  if (Buffer.isBuffer(v)) return v.toString('base64');
  return v;
}

/** SHA-256 and row count of every table (rows in a total order), for comparing a database with its restore. */
export async function tableChecksums(url: string): Promise<Record<string, { rows: number; sha256: string }>> {
  const out: Record<string, { rows: number; sha256: string }> = {};
  const digest = (table: string, rows: unknown[][]) => {
    const h = createHash('sha256');
    for (const r of rows) h.update(`${JSON.stringify(r.map(cell))}\n`);
    out[table] = { rows: rows.length, sha256: h.digest('hex') };
  };
  const raw = rawDb(url);
  if (raw.kind === 'postgresql') {
    const tables = await raw.pool.query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    for (const { t } of tables.rows) {
      const cols = await raw.pool.query(`SELECT * FROM "${t}" LIMIT 0`);
      const order = cols.fields.map((_, i) => i + 1).join(', ');
      const rows = await raw.pool.query({ text: `SELECT * FROM "${t}" ORDER BY ${order}`, rowMode: 'array' });
      digest(t, rows.rows as unknown[][]);
    }
    return out;
  }
  const conn = raw.conn;
  const tables = conn
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1`)
    .pluck()
    .all() as string[];
  for (const t of tables) {
    const n = conn.prepare(`SELECT * FROM "${t}" LIMIT 0`).columns().length;
    const order = Array.from({ length: n }, (_, i) => i + 1).join(', ');
    digest(t, conn.prepare(`SELECT * FROM "${t}" ORDER BY ${order}`).raw().all() as unknown[][]);
  }
  return out;
}
