import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

// Imports flow one way: app → lib/services → lib/{db,engine,stats,csv,import}. Engines and statistics stay pure.
const root = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

function importsOf(file: string) {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

const rules: { dirs: string[]; forbidden: RegExp; why: string }[] = [
  { dirs: ['lib/engine', 'lib/stats'], forbidden: /^(next|react|react-dom|@prisma\/|pg$|better-sqlite3)|lib\/(db|services)|^@\/app|^@\/components/, why: 'engines and statistics are pure: plain data in, plain data out' },
  { dirs: ['lib/csv', 'lib/import'], forbidden: /^(next|react|@prisma\/)|lib\/(db|services)|^@\/app|^@\/components/, why: 'parsing and validation are pure' },
  { dirs: ['lib/db'], forbidden: /^(next|react)|lib\/services|^@\/app|^@\/components/, why: 'the data layer knows nothing of pages or use-cases' },
  { dirs: ['lib/services'], forbidden: /^(next|react|react-dom|next-auth)(\/|$)|^@\/app|^@\/components/, why: 'services are framework-free use-cases' },
];

test.each(rules)('$dirs stay independent ($why)', ({ dirs, forbidden }) => {
  const offenders = dirs.flatMap((d) => sourceFiles(path.join(root, d))).flatMap((file) => importsOf(file).filter((spec) => forbidden.test(spec)).map((spec) => `${path.relative(root, file)} imports ${spec}`));
  expect(offenders).toEqual([]);
});

test('the rule sees real imports (guards against a regex that matches nothing)', () => {
  expect(importsOf(path.join(root, 'lib/services/users.ts'))).toContain('@/lib/db/client');
});

test('the engine rule reaches the code moved out of services (nested folders included)', () => {
  const files = sourceFiles(path.join(root, 'lib/engine')).map((f) => path.relative(root, f));
  expect(files).toEqual(
    expect.arrayContaining([
      'lib/engine/portrait/pipeline.ts',
      'lib/engine/portrait/group-columns.ts',
      'lib/engine/portrait/score-stored.ts',
      'lib/engine/recommend/models/types.ts',
      'lib/engine/recommend/models/training-parts.ts',
      'lib/engine/recommend/serving-core.ts',
    ]),
  );
  expect(importsOf(path.join(root, 'lib/engine/recommend/serving-core.ts'))).toContain('./models/types');
});
