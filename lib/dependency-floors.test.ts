import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

// `npm audit` is not reachable here (reliability-notes), so the security advisories' version floors are asserted
// against the lockfile instead: next ≥ 16.4.6, react ≥ 19.2.1 (CVE-2025-55182), next-auth ≥ 4.24.15.
const lock = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};

const FLOORS: [string, string][] = [
  ['next', '16.4.6'],
  ['react', '19.2.1'],
  ['react-dom', '19.2.1'],
  ['next-auth', '4.24.15'],
];

const parse = (v: string) => v.split(/[.-]/).slice(0, 3).map(Number);
const atLeast = (v: string, floor: string) => {
  const [a, b] = [parse(v), parse(floor)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
};

test.each(FLOORS)('%s is at least %s', (name, floor) => {
  const version = lock.packages[`node_modules/${name}`]?.version;
  expect(version, `${name} missing from package-lock.json`).toBeDefined();
  expect(atLeast(version!, floor), `${name} ${version} < ${floor}`).toBe(true);
});

test('better-sqlite3 stays on 12.x (13 needs Node 22 and crashes on 20)', () => {
  expect(lock.packages['node_modules/better-sqlite3']?.version).toMatch(/^12\./);
});
