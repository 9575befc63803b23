#!/usr/bin/env node
// npm test — everything, from a fresh clone: installs what the tests need (npm packages; Chromium and PostgreSQL
// from Debian when missing and we may), then runs type and schema checks, unit tests, integration tests on SQLite
// and on PostgreSQL, the production build, and the Playwright browser tests. Ends with one line
// "N passed, N failed, N skipped" counted from the runners' JSON reports.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureChromium, ensurePostgres } from './test-env.mjs';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'test-results');
fs.mkdirSync(reports, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- unit integration`
const wants = (stage) => only.length === 0 || only.includes(stage);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n━━ ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } });
  if (r.status !== 0) failures.push(label);
  return r.status === 0;
}

function countVitest(file) {
  if (!fs.existsSync(file)) return;
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += r.numFailedTests ?? 0;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}

function countPlaywright(file) {
  if (!fs.existsSync(file)) return;
  const s = JSON.parse(fs.readFileSync(file, 'utf8')).stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
}

function vitest(label, project, json, env = {}) {
  fs.rmSync(json, { force: true });
  run(label, process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`], env);
  countVitest(json);
}

// 1. npm packages (postinstall generates the Prisma clients).
const lock = path.join(root, 'package-lock.json');
const marker = path.join(root, 'node_modules/.package-lock.json');
if (!fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
} else if (!fs.existsSync(path.join(root, 'lib/db/generated/sqlite/client.ts'))) {
  execFileSync('npm', ['run', 'db:generate'], { cwd: root, stdio: 'inherit' });
}

if (wants('check')) {
  run('schema check (SQLite and PostgreSQL schemas agree, every change migrated)', 'npm', ['run', '--silent', 'db:check']);
  run('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit']);
}
if (wants('unit')) vitest('unit tests', 'unit', path.join(reports, 'unit.json'));
if (wants('integration')) {
  vitest('integration tests on SQLite', 'integration', path.join(reports, 'integration-sqlite.json'), { DATABASE_URL: '' });
  const pgUrl = ensurePostgres();
  if (pgUrl) vitest('integration tests on PostgreSQL', 'integration', path.join(reports, 'integration-pg.json'), { DATABASE_URL: pgUrl });
  else failures.push('PostgreSQL unavailable (see message above)');
}
if (wants('e2e')) {
  const chromium = ensureChromium();
  if (!chromium) failures.push('Chromium unavailable (see message above)');
  else if (run('production build', 'npx', ['next', 'build'])) {
    const json = path.join(reports, 'e2e.json');
    fs.rmSync(json, { force: true });
    run('browser tests (Playwright, Chromium)', 'npx', ['playwright', 'test'], { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: json });
    countPlaywright(json);
  }
}

if (failures.length) console.log(`\nFailed stages: ${failures.join('; ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length || totals.failed ? 1 : 0);
