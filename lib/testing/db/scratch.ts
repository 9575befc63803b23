// Scratch databases and import jobs for the importer's integration tests, kill test and benchmark. Not used by the app.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openSqlite } from '@/lib/db/raw';
import { databaseUrl, isPostgres } from '@/lib/db/url';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Applies the migrations with the project's offline engine (a child process: it needs --experimental-wasm-modules). */
export function migrate(url: string) {
  execFileSync(
    process.execPath,
    ['--experimental-wasm-modules', '--no-warnings', '--import', 'tsx', 'scripts/db/migrate.ts'],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' },
  );
}

let sqliteTemplate: string | null = null;
let pgTemplate: string | null = null;

function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!['localhost', '127.0.0.1', '::1'].includes(host))
    throw new Error(`refusing to create scratch databases on non-local host "${host}"`);
}

export type ScratchDb = { url: string; drop(): Promise<void> };

/**
 * A fresh, migrated, empty database of the same dialect as DATABASE_URL: a temp SQLite file, or a new PostgreSQL
 * database on the same (local) server. The migrated template is made once per process and copied.
 */
export async function createScratchDatabase(base = databaseUrl()): Promise<ScratchDb> {
  if (isPostgres(base)) {
    assertLocal(base);
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      if (!pgTemplate) {
        const name = `precisa_import_tpl_${process.pid}`;
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        await admin.query(`CREATE DATABASE ${name}`);
        const u = new URL(base);
        u.pathname = `/${name}`;
        migrate(u.toString());
        pgTemplate = name;
      }
      const name = `precisa_import_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${pgTemplate}`);
      const u = new URL(base);
      u.pathname = `/${name}`;
      return {
        url: u.toString(),
        drop: () => dropPgDatabase(base, name),
      };
    } finally {
      await admin.end();
    }
  }
  if (!sqliteTemplate) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-import-tpl-'));
    sqliteTemplate = path.join(dir, 'template.db');
    migrate(`file:${sqliteTemplate}`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-import-'));
  const file = path.join(dir, 'test.db');
  fs.copyFileSync(sqliteTemplate, file);
  return { url: `file:${file}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Removes the template made by createScratchDatabase (call once at the end of a test file). */
export async function dropScratchTemplate(base = databaseUrl()) {
  if (sqliteTemplate) {
    fs.rmSync(path.dirname(sqliteTemplate), { recursive: true, force: true });
    sqliteTemplate = null;
  }
  if (!isPostgres(base) || !pgTemplate) return;
  await dropPgDatabase(base, pgTemplate);
  pgTemplate = null;
}

/**
 * Drops a PostgreSQL database, ending its sessions. `WITH (FORCE)` refuses with 42501 when an autovacuum worker is in
 * the database and the role is not in pg_signal_backend (seen in CI right after a template was migrated); a plain
 * DROP DATABASE stops autovacuum workers by itself, so that is the fallback, retried while the database is in use.
 */
export async function dropPgDatabase(base: string, name: string) {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } catch (e) {
    if ((e as { code?: string }).code !== '42501') throw e;
    for (let attempt = 1; ; attempt++) {
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name}`);
        break;
      } catch (again) {
        if ((again as { code?: string }).code !== '55006' || attempt === 5) throw again;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  } finally {
    await c.end();
  }
}

/** Runs SQL with `?` placeholders on either dialect (rewritten to $n for PostgreSQL); returns rows. */
export async function query<T = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  if (isPostgres(url)) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      let n = 0;
      return (
        await c.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as T[];
    } finally {
      await c.end();
    }
  }
  const db = openSqlite(url);
  try {
    const stmt = db.prepare(sql);
    if (stmt.reader) return stmt.all(...params) as T[];
    stmt.run(...params);
    return [];
  } finally {
    db.close();
  }
}

export async function count(url: string, table: string, where = '') {
  const [row] = await query<{ n: number | string }>(url, `SELECT count(*) AS n FROM "${table}" ${where}`);
  return Number(row!.n);
}

/**
 * How to run one import in a child process (`node …args url jobId`): an esbuild bundle of bench/import-run.ts, so a
 * restarted child starts in a fraction of a second and its time and memory are the importer's rather than an
 * on-the-fly TypeScript compiler's; tsx when esbuild is unavailable.
 */
export async function importRunner(outDir = path.join(ROOT, 'bench', 'tmp')): Promise<{ args: string[] }> {
  const entry = path.join(ROOT, 'bench', 'import-run.ts');
  try {
    const esbuild = await import('esbuild');
    // inside the repository, so the bundle resolves node_modules (packages stay external)
    fs.mkdirSync(outDir, { recursive: true });
    const outfile = path.join(outDir, 'import-run.bundle.mjs');
    // the events validation worker beside it, as runImport looks for it (validate-worker + the bundle's extension)
    const bundles = [
      { entry, out: outfile },
      {
        entry: path.join(ROOT, 'lib', 'services', 'imports', 'validate-worker.ts'),
        out: path.join(outDir, 'validate-worker.mjs'),
      },
    ];
    for (const b of bundles) {
      const tmp = `${b.out}.${process.pid}.tmp.mjs`;
      esbuild.buildSync({
        entryPoints: [b.entry],
        outfile: tmp,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        logLevel: 'error',
      });
      fs.renameSync(tmp, b.out);
    }
    return { args: [outfile] };
  } catch {
    return { args: ['--import', 'tsx', entry] };
  }
}

/** Inserts a user (once) and an ImportJob for a file; returns the job id. */
export async function createImportJob(
  url: string,
  job: {
    kind: string;
    filePath: string;
    mapping?: Record<string, string> | null;
    options?: Record<string, unknown> | null;
  },
) {
  const now = Date.now();
  const pgTs = (ms: number) => new Date(ms).toISOString();
  const ts = isPostgres(url) ? pgTs(now) : now;
  const users = await query<{ id: string }>(url, `SELECT "id" FROM "User" WHERE "email" = 'importer@test.local'`);
  let userId = users[0]?.id;
  if (!userId) {
    userId = randomUUID();
    await query(
      url,
      `INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "createdAt", "updatedAt") VALUES (?, 'importer@test.local', 'Importer', 'x', 'admin', ?, ?)`,
      [userId, ts, ts],
    );
  }
  const id = randomUUID();
  const size = fs.statSync(job.filePath).size;
  await query(
    url,
    `INSERT INTO "ImportJob" ("id", "kind", "fileName", "filePath", "fileSize", "fileSha256", "mapping", "options", "createdById", "createdAt") VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?)`,
    [
      id,
      job.kind,
      path.basename(job.filePath),
      job.filePath,
      size,
      job.mapping ? JSON.stringify(job.mapping) : null,
      job.options ? JSON.stringify(job.options) : null,
      userId,
      ts,
    ],
  );
  return id;
}
