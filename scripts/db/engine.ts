// Drives Prisma's schema engine (compiled to WASM) through a driver adapter, so migrations work offline:
// the `prisma` CLI downloads a native engine first, which this network does not allow
// (see ../shared/docs/offline-toolchain.md). Run under `node --experimental-wasm-modules`.
import fs from 'node:fs';
import path from 'node:path';
import { ColumnTypeEnum, bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { SchemaEngine, type DiffTarget, type MigrationList } from '@prisma/schema-engine-wasm';

export type Provider = 'sqlite' | 'postgresql';
export const PROVIDERS: Provider[] = ['sqlite', 'postgresql'];
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const NO_FILTERS = { externalTables: [], externalEnums: [] };

export const schemaPath = (p: Provider) => path.join(ROOT, 'prisma', p, 'schema.prisma');
export const migrationsDir = (p: Provider) => path.join(ROOT, 'prisma', p, 'migrations');
// The schema as it stood at the last migration: the "from" side of the next diff (no shadow database needed).
export const snapshotPath = (p: Provider) => path.join(migrationsDir(p), 'schema.snapshot.prisma');

export function readSchema(p: Provider) {
  return fs.readFileSync(schemaPath(p), 'utf8');
}

export function providerOf(url: string): Provider {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite';
}

export function sqliteFile(url: string) {
  const file = url.replace(/^file:/, '');
  return path.isAbsolute(file) ? file : path.join(ROOT, file);
}

function adapterFor(url: string) {
  if (providerOf(url) === 'postgresql') return new PrismaPg({ connectionString: url });
  if (url === ':memory:') return new PrismaBetterSqlite3({ url });
  const file = sqliteFile(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return new PrismaBetterSqlite3({ url: file }, { timestampFormat: 'unixepoch-ms' });
}

// Diffing two schema files needs no database, but the engine insists on an adapter. PostgreSQL gets one that
// answers only the engine's version probe and refuses everything else, so writing a migration needs no server.
function offlinePg() {
  const versionProbe = {
    columnNames: ['exists', 'version', 'numeric_version'],
    columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
    rows: [[true, 'PostgreSQL 15.0', 150000]],
  };
  const refuse = async () => {
    throw new Error('no database: this engine only diffs schema files');
  };
  const connection = {
    provider: 'postgres' as const,
    adapterName: 'precisa-offline',
    queryRaw: async (query: { sql: string }) => (query.sql.includes('version()') ? versionProbe : refuse()),
    executeRaw: refuse,
    executeScript: refuse,
    startTransaction: refuse,
    getConnectionInfo: () => ({ schemaName: 'public', supportsRelationJoins: true }),
    dispose: async () => {},
  };
  return {
    provider: 'postgres' as const,
    adapterName: 'precisa-offline',
    connect: async () => connection,
    connectToShadowDb: async () => connection,
  };
}

type Factory = Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0];
type Connection = Awaited<ReturnType<Factory['connect']>>;

/**
 * @prisma/adapter-pg runs a migration script by splitting it at every `;`, which breaks a PL/pgSQL function body (the
 * partitioned events table's key triggers). PostgreSQL takes a whole script as one simple-protocol query, run as one
 * implicit transaction, so a migration applies completely or not at all. Errors still go through the adapter's own
 * conversion (a failed statement aborts the script, as before).
 */
function wholeScripts(c: Connection): Connection {
  const pgConn = c as Connection & { client?: { query(sql: string): Promise<unknown> }; onError?(e: unknown): never };
  if (c.provider !== 'postgres' || !pgConn.client || !pgConn.onError) return c;
  const { client } = pgConn;
  pgConn.executeScript = async (script: string) => {
    await client.query(script).catch((error) => pgConn.onError!(error));
  };
  return c;
}

/** Runs `work` with a schema engine, then closes every connection it opened (an open one keeps SQLite locked). */
export async function withEngine<T>(
  provider: Provider,
  url: string | undefined,
  work: (engine: SchemaEngine) => Promise<T>,
) {
  const schema = readSchema(provider);
  const adapter = (url ? adapterFor(url) : provider === 'sqlite' ? adapterFor(':memory:') : offlinePg()) as Factory;
  const opened: Connection[] = [];
  const tracking: Factory = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    connect: async () => {
      const c = wholeScripts(await adapter.connect());
      opened.push(c);
      return c;
    },
    connectToShadowDb: async () => {
      const c = await adapter.connectToShadowDb();
      opened.push(c);
      return c;
    },
  };
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath(provider), schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracking),
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((c) => c.dispose()));
  }
}

export function listMigrations(provider: Provider): MigrationList {
  const baseDir = migrationsDir(provider);
  const lockPath = path.join(baseDir, 'migration_lock.toml');
  const dirs = fs.existsSync(baseDir)
    ? fs
        .readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok', value: fs.readFileSync(path.join(baseDir, name, 'migration.sql'), 'utf8') },
      },
    })),
  };
}

/** SQL that takes the schema at the last migration to the current schema ('' when nothing changed). */
export async function pendingDiff(provider: Provider) {
  const snapshot = fs.existsSync(snapshotPath(provider)) ? fs.readFileSync(snapshotPath(provider), 'utf8') : null;
  const from: DiffTarget =
    snapshot === null
      ? { tag: 'empty' }
      : { tag: 'schemaDatamodel', files: [{ path: snapshotPath(provider), content: snapshot }] };
  const result = await withEngine(provider, undefined, (engine) =>
    engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath(provider), content: readSchema(provider) }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    }),
  );
  const sql = (result as { stdout?: string }).stdout ?? '';
  return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? '' : sql;
}

export async function applyMigrations(url: string) {
  const provider = providerOf(url);
  const out = await withEngine(provider, url, (engine) =>
    engine.applyMigrations({ migrationsList: listMigrations(provider), filters: NO_FILTERS }),
  );
  return out.appliedMigrationNames;
}
