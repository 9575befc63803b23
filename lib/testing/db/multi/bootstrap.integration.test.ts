import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { databaseUrl, isPostgres } from '@/lib/db/url';
import { dropPgDatabase, query } from '@/lib/testing/db/scratch';

// N instances started at once on a new PostgreSQL database (a first deployment, or a rollout that brings a migration)
// each run scripts/bootstrap.ts, as `npm start` does: every one must come up, with the migrations applied once, one
// first admin and one nightly data-quality job. (Before this test, the instances that lost the race to create the
// first admin crashed on its unique e-mail.)
const base = databaseUrl();
const onPostgres = isPostgres(base);
const ROOT = path.resolve(import.meta.dirname, '../../../..');
const INSTANCES = 3;
const name = `precisa_boot_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const url = (() => {
  const u = new URL(onPostgres ? base : 'postgresql://localhost/x');
  u.pathname = `/${name}`;
  return u.toString();
})();

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(sql);
  await c.end();
}

function bootstrap(dataDir: string) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const p = spawn(
      process.execPath,
      ['--experimental-wasm-modules', '--no-warnings', '--import', 'tsx', 'scripts/bootstrap.ts'],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, PRECISA_DATA_DIR: dataDir }, stdio: 'pipe' },
    );
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('exit', (code) => resolve({ code, out }));
  });
}

describe.skipIf(!onPostgres)(
  'instances bootstrapping one new database at once (PostgreSQL only: an SQLite file lives on one machine)',
  () => {
    afterAll(() => dropPgDatabase(base, name));

    test(`${INSTANCES} bootstraps at once: all succeed; migrations, first admin and nightly job once`, async () => {
      await admin(`CREATE DATABASE ${name}`);
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-boot-'));
      try {
        const runs = await Promise.all(Array.from({ length: INSTANCES }, () => bootstrap(dataDir)));
        expect(runs.map((r) => (r.code === 0 ? 0 : r.out.slice(-1500)))).toEqual(runs.map(() => 0));
        expect(runs.filter((r) => r.out.includes('First admin created')).length).toBe(1);
        const migrations = fs
          .readdirSync(path.join(ROOT, 'prisma', 'postgresql', 'migrations'))
          .filter((f) => /^\d+_/.test(f));
        const applied = await query<{ migration_name: string }>(
          url,
          'SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL',
        );
        expect(applied.map((r) => r.migration_name).sort()).toEqual(migrations.sort());
        expect(await query(url, 'SELECT "email" FROM "User"')).toEqual([{ email: 'admin@precisa.local' }]);
        const nightly = await query<{ n: string }>(
          url,
          `SELECT count(*) AS n FROM "Job" WHERE "type" = 'data-quality'`,
        );
        expect(Number(nightly[0]!.n)).toBe(1);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }, 120_000);
  },
);
