import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * Vitest global setup for *.integration.test.ts: a fresh, migrated database per run.
 * DATABASE_URL=postgresql://… → that database's public schema is dropped and recreated (it must be local: we refuse
 * anything else, so a test run can never wipe a real server). Otherwise → a new SQLite file in a temp folder.
 */
export default async function setup() {
  let url = process.env.DATABASE_URL;
  if (url && /^postgres/.test(url)) {
    const host = new URL(url).hostname;
    if (!['localhost', '127.0.0.1', '::1'].includes(host))
      throw new Error(`Refusing to reset non-local database host "${host}".`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
    await client.end();
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-it-'));
    url = `file:${path.join(dir, 'test.db')}`;
    process.env.DATABASE_URL = url;
  }
  const root = path.resolve(import.meta.dirname, '../../..');
  execFileSync(
    process.execPath,
    ['--experimental-wasm-modules', '--no-warnings', '--import', 'tsx', 'scripts/db/migrate.ts'],
    { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'inherit' },
  );
  if (!/^postgres/.test(url)) {
    // WAL once for the file, as bootstrap does.
    execFileSync('sqlite3', [url.replace(/^file:/, ''), 'PRAGMA journal_mode=WAL;'], { stdio: 'ignore' });
  }
}
