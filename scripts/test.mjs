#!/usr/bin/env node
// npm test — everything, from a fresh clone: installs what the tests need (npm packages; Chromium and PostgreSQL
// from Debian when missing and we may), then runs schema, type, format and lint checks, unit tests, integration tests
// on SQLite and on PostgreSQL, the unit tests again on Node 24, the production build, and the
// Playwright browser tests. Ends with one line "N passed, N failed, N skipped" counted from the runners' JSON
// reports.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { playwrightCounts, playwrightFailures, vitestCounts, vitestFailures } from './test-counts.mjs';
import { prepareNode24Leg } from './node24.mjs';
import { ensureChromium, ensurePostgres } from './test-env.mjs';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'test-results');
fs.mkdirSync(reports, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- unit integration`
const wants = (stage) => only.length === 0 || only.includes(stage);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const failedTests = []; // "stage: file › test: first line of the error", printed again at the end

// A stage is one command. Its tests are counted from the runner's JSON report; a stage that failed without a failed
// test being counted (a type error, a build error, a suite that broke in its setup, a crashed runner) still counts as
// one failure, so the closing line can never say "0 failed" while a stage failed.
function run(label, cmd, args, env = {}, cwd = root) {
  console.log(`\n━━ ${label}`);
  const r = spawnSync(cmd, args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
  });
  if (r.status !== 0) failures.push(label);
  return r.status === 0;
}

/** A check without its own test count (schema check, typecheck, build, lint): one test that passed or failed. */
function check(label, cmd, args, env = {}) {
  const ok = run(label, cmd, args, env);
  if (ok) totals.passed += 1;
  else totals.failed += 1;
  return ok;
}

function add(counts) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  return counts.failed;
}

const readJson = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);
const countReport = (file, counter, lister, label, dir = root) => {
  const report = readJson(file);
  if (!report) return 0;
  for (const line of lister(report, dir)) failedTests.push(`${label}: ${line}`);
  return add(counter(report));
};

function vitest(label, project, json, env = {}, leg = { node: process.execPath, dir: root }) {
  fs.rmSync(json, { force: true });
  const ok = run(
    label,
    leg.node,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${json}`,
    ],
    env,
    leg.dir,
  );
  if (countReport(json, vitestCounts, vitestFailures, label, leg.dir) === 0 && !ok) totals.failed += 1;
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
  check('schema check (SQLite and PostgreSQL schemas agree, every change migrated)', 'npm', [
    'run',
    '--silent',
    'db:check',
  ]);
  check('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit']);
  check('format and lint (Biome: `npm run format` fixes formatting)', process.execPath, [
    'node_modules/@biomejs/biome/bin/biome',
    'ci',
    '.',
  ]);
}
if (wants('unit')) vitest('unit tests', 'unit', path.join(reports, 'unit.json'));
if (wants('integration')) {
  vitest('integration tests on SQLite', 'integration', path.join(reports, 'integration-sqlite.json'), {
    DATABASE_URL: '',
  });
  const pgUrl = ensurePostgres();
  if (pgUrl)
    vitest('integration tests on PostgreSQL', 'integration', path.join(reports, 'integration-pg.json'), {
      DATABASE_URL: pgUrl,
    });
  else {
    failures.push('PostgreSQL unavailable (see message above)');
    totals.failed += 1;
  }
}
// Node 20 is past its end of life: the unit tests and the SQLite integration tests run again on Node 24
// (scripts/node24.mjs).
if (wants('node24')) {
  const leg = prepareNode24Leg(root);
  if (!leg) {
    failures.push('Node 24 leg unavailable (see message above)');
    totals.failed += 1;
  } else {
    // the copy lives elsewhere: point it at the datasets next to this tree
    const datasets = { PRECISA_DATASETS: process.env.PRECISA_DATASETS ?? path.resolve(root, '../shared/datasets') };
    vitest('unit tests on Node 24', 'unit', path.join(reports, 'unit-node24.json'), datasets, leg);
    vitest(
      'integration tests on SQLite, Node 24',
      'integration',
      path.join(reports, 'integration-sqlite-node24.json'),
      { ...datasets, DATABASE_URL: '' },
      leg,
    );
    leg.cleanup();
  }
}
if (wants('e2e')) {
  const chromium = ensureChromium();
  if (!chromium) {
    failures.push('Chromium unavailable (see message above)');
    totals.failed += 1;
  } else if (check('production build', 'npx', ['next', 'build'])) {
    const json = path.join(reports, 'e2e.json');
    fs.rmSync(json, { force: true });
    const ok = run('browser tests (Playwright, Chromium)', 'npx', ['playwright', 'test'], {
      CHROMIUM_PATH: chromium,
      PLAYWRIGHT_JSON_OUTPUT_NAME: json,
    });
    if (countReport(json, playwrightCounts, playwrightFailures, 'browser tests') === 0 && !ok) totals.failed += 1;
  }
}

if (failedTests.length) console.log(`\nFailed tests:\n${failedTests.map((t) => `  ${t}`).join('\n')}`);
if (failures.length) console.log(`\nFailed stages: ${failures.join('; ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length || totals.failed ? 1 : 0);
