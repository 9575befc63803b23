#!/usr/bin/env node
// npm run demo — from a fresh clone: installs packages, prepares the database, loads the generated demo shop through
// the import pipeline (first run only), builds the app when needed, and serves it on http://localhost:$PORT (3000).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const sh = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const marker = path.join(root, 'node_modules/.package-lock.json');
if (!fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(path.join(root, 'package-lock.json')).mtimeMs) {
  console.log('Installing packages…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

// Secrets, migrations and the first admin (its password is printed here, once).
sh(process.execPath, ['--experimental-wasm-modules', '--no-warnings', '--import', 'tsx', 'scripts/bootstrap.ts']);
// The demo shop: generated deterministically and imported like any real file (skipped when data already exists).
sh(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/load-demo.ts']);

const buildId = path.join(root, '.next/BUILD_ID');
const newestSource = () => {
  let newest = 0;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (['node_modules', '.next', 'data', 'generated', 'test-results', '.git'].includes(e.name)) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of ['app', 'components', 'lib']) walk(path.join(root, d));
  return newest;
};
if (!fs.existsSync(buildId) || fs.statSync(buildId).mtimeMs < newestSource()) {
  console.log('Building the app…');
  sh('npx', ['next', 'build']);
}

sh(process.execPath, ['--import', 'tsx', 'scripts/serve.ts']);
