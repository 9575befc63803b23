// DuckDB as the columnar anchor of bench/segments.ts: the generated shop's SQLite tables are copied into an in-memory
// DuckDB through the appender (no extensions: none can be downloaded here), and each definition runs there as the
// same SQL the app compiles for SQLite, passed through the thin dialect translation `toDuckSql` below.
import {
  BIGINT,
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBType,
  JSToDuckDBValueConverter,
  VARCHAR,
} from '@duckdb/node-api';
import type Database from 'better-sqlite3';
import { countSegmentQuery, type SegmentCount, type SegmentQueryOptions } from '../lib/db/segments/queries';
import type { RawDb } from '../lib/db/raw';
import type { SegmentDefinition } from '../lib/schemas/segment';

/** Every table the compiled segment SQL can read. */
const TABLES = [
  'Customer',
  'CustomerProfile',
  'CustomerTag',
  'Tag',
  'Event',
  'Order',
  'OrderLine',
  'Product',
  'Category',
  'ProductCategory',
];

/**
 * Column types as the app stores them on SQLite: DATETIME is epoch ms (the adapter's unixepoch-ms), BOOLEAN is 0/1,
 * JSONB is JSON text. They are kept as such in DuckDB (BIGINT, BIGINT, VARCHAR), so the compiled SQL's integer time
 * bounds and `= 1` tests apply unchanged. BLOB columns (the profile's embedding vector) no segment reads are left out.
 */
function duckType(declared: string): [DuckDBType, string] | null {
  const d = declared.toUpperCase();
  if (d === 'BLOB') return null;
  if (d === 'INTEGER' || d === 'DATETIME' || d === 'BOOLEAN') return [BIGINT, 'BIGINT'];
  if (d === 'REAL') return [DOUBLE, 'DOUBLE'];
  if (d === 'TEXT' || d === 'JSONB') return [VARCHAR, 'VARCHAR'];
  throw new Error(`segments-duckdb: no DuckDB type for SQLite column type ${declared}`);
}

/**
 * SQLite's json_type names (text, integer, real, true, false, null, object, array) from DuckDB's (VARCHAR, BIGINT,
 * UBIGINT, DOUBLE, BOOLEAN, NULL, OBJECT, ARRAY), so the compiled `json_type(…) = 'text'` guards read the same.
 */
const SQLITE_JSON_TYPE = `CREATE MACRO sqlite_json_type(j, p) AS CASE json_type(j, p)
  WHEN 'VARCHAR' THEN 'text' WHEN 'BIGINT' THEN 'integer' WHEN 'UBIGINT' THEN 'integer' WHEN 'DOUBLE' THEN 'real'
  WHEN 'BOOLEAN' THEN json_extract_string(j, p) WHEN 'NULL' THEN 'null' WHEN 'OBJECT' THEN 'object'
  WHEN 'ARRAY' THEN 'array' END`;

/**
 * The app's SQLite segment SQL as DuckDB SQL. `?` parameters, quoted identifiers, IN/NOT IN subqueries, GROUP BY …
 * HAVING, WITH RECURSIVE, instr/substr/lower, LIKE … ESCAPE and GLOB need no change. Two function names differ:
 * - json_type → sqlite_json_type (the macro above: SQLite's type names);
 * - json_extract → json_extract_string: the compiled SQL only reads a custom attribute's value inside a branch that
 *   has checked its JSON type, and for a string attribute SQLite's json_extract returns the text, as
 *   json_extract_string does in DuckDB (DuckDB's json_extract returns JSON, quotes included).
 * Numeric custom attributes would need a numeric read as well; none of the ten definitions uses one, and the count
 * check in bench/segments.ts fails the run if a translation ever changed a count.
 */
export function toDuckSql(sql: string) {
  return sql.replace(/\bjson_type\(/g, 'sqlite_json_type(').replace(/\bjson_extract\(/g, 'json_extract_string(');
}

/** Parameter types for DuckDB: whole numbers as BIGINT (epoch ms, ids, counts), other numbers DOUBLE, text VARCHAR. */
function paramType(v: unknown): DuckDBType {
  if (typeof v === 'number') return Number.isInteger(v) ? BIGINT : DOUBLE;
  if (typeof v === 'string') return VARCHAR;
  throw new Error(`segments-duckdb: unexpected parameter ${String(v)}`);
}

export type DuckShop = { conn: DuckDBConnection; close: () => void };

/** An in-memory DuckDB holding a copy of the SQLite shop, with the load's time, rows and memory. */
export async function loadDuckShop(sqlite: Database.Database) {
  const t0 = performance.now();
  const rssBefore = process.memoryUsage().rss;
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(SQLITE_JSON_TYPE);
  const rows: Record<string, number> = {};
  for (const table of TABLES) {
    const columns = (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string }[])
      .map((c) => ({ name: c.name, type: duckType(c.type) }))
      .filter((c): c is { name: string; type: [DuckDBType, string] } => c.type !== null);
    await conn.run(`CREATE TABLE "${table}" (${columns.map((c) => `"${c.name}" ${c.type[1]}`).join(', ')})`);
    const appender = await conn.createAppender(table);
    const types = columns.map((c) => c.type[0]);
    const select = sqlite.prepare(`SELECT ${columns.map((c) => `"${c.name}"`).join(', ')} FROM "${table}"`).raw(true);
    let batch: unknown[][] = [];
    let n = 0;
    const flush = () => {
      const chunk = DuckDBDataChunk.create(types, batch.length);
      chunk.setRowsConverted(batch as (number | string | null)[][], JSToDuckDBValueConverter);
      appender.appendDataChunk(chunk);
      n += batch.length;
      batch = [];
    };
    for (const row of select.iterate() as IterableIterator<unknown[]>) {
      batch.push(row);
      if (batch.length === 2048) flush();
    }
    if (batch.length) flush();
    appender.closeSync();
    rows[table] = n;
  }
  const seconds = (performance.now() - t0) / 1000;
  const [memory] = await readRows(conn, 'SELECT SUM(memory_usage_bytes) AS bytes FROM duckdb_memory()');
  const [threads] = await readRows(conn, `SELECT current_setting('threads') AS n`);
  const [version] = await readRows(conn, 'SELECT version() AS v');
  const close = () => {
    conn.closeSync();
    instance.closeSync();
  };
  return {
    shop: { conn, close } as DuckShop,
    load: {
      path: 'better-sqlite3 raw row iterator → DuckDB appender (2,048-row data chunks), in-memory database',
      seconds: +seconds.toFixed(2),
      rows,
      duckdbMemoryMB: Math.round(Number(memory!.bytes) / 1048576),
      rssGrowthMB: Math.round((process.memoryUsage().rss - rssBefore) / 1048576),
      threads: Number(threads!.n),
      version: String(version!.v),
    },
  };
}

async function readRows(conn: DuckDBConnection, sql: string, params: unknown[] = []) {
  const result = await conn.run(sql, params as (number | string)[], params.map(paramType));
  return (await result.getRowObjectsJS()) as Record<string, unknown>[];
}

/**
 * The live count on DuckDB: the app's compiled count query (countSegmentQuery, SQLite dialect), translated, run
 * with bound parameters. `options` must carry timeZone so that compiling reads nothing from SQLite.
 */
export async function duckCount(
  shop: DuckShop,
  db: RawDb,
  definition: SegmentDefinition,
  options: SegmentQueryOptions & { timeZone: string },
): Promise<SegmentCount> {
  const { sql, params } = await countSegmentQuery(db, definition, options);
  const [row] = await readRows(shop.conn, toDuckSql(sql), params);
  const n = (v: unknown) => Number(v ?? 0);
  return { total: n(row?.total), reachable: { email: n(row?.email), sms: n(row?.sms), push: n(row?.push) } };
}

/** DuckDB's own accounting of the memory it holds (buffer manager), in MB. */
export async function duckMemoryMB(shop: DuckShop) {
  const [memory] = await readRows(shop.conn, 'SELECT SUM(memory_usage_bytes) AS bytes FROM duckdb_memory()');
  return Math.round(Number(memory!.bytes) / 1048576);
}
