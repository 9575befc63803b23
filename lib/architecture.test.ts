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

// ── UI layer ─────────────────────────────────────────────────────────────────────────────────────────────────────
// Components render what pages hand them: data and server actions come in as props. They import nothing from app/
// and no runtime value from lib/services or lib/db (types describing the data they receive are fine).

/** Runtime imports only: `import type …` and imports whose every name is `type X` are left out. */
function runtimeImportsOf(text: string) {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^'"]*?)\s*from\s+['"]([^'"]+)['"]/gm)) {
    if (m[2]) continue;
    const names = /\{([^}]*)\}/.exec(m[3]!)?.[1];
    const bare = m[3]!.replace(/\{[^}]*\}/, '').replace(/,/g, '').trim();
    const allTypes = names !== undefined && !bare && names.split(',').map((n) => n.trim()).filter(Boolean).every((n) => n.startsWith('type '));
    if (!allTypes) out.push(m[4]!);
  }
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)) out.push((m[1] ?? m[2])!);
  return out;
}

function componentOffences(file: string, text: string) {
  const all = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
  const fromApp = all.filter((spec) => /^@\/app(\/|$)/.test(spec) || /^(\.\.\/)+app\//.test(spec));
  const runtime = runtimeImportsOf(text).filter((spec) => /^@\/lib\/(services|db)(\/|$)/.test(spec));
  return [...new Set([...fromApp, ...runtime])].map((spec) => `${file} imports ${spec}`);
}

test('components import nothing from app/ and no runtime value from lib/services or lib/db', () => {
  const dir = path.join(root, 'components');
  const offenders = sourceFiles(dir).flatMap((f) => componentOffences(path.relative(root, f), fs.readFileSync(f, 'utf8')));
  expect(offenders).toEqual([]);
});

test('the component rule catches planted violations and lets type-only imports through', () => {
  const planted = [
    "import { getActor } from '@/app/_server/session';",
    "import type { ActionResult } from '@/app/_server/action';",
    "import { similarProducts, type SimilarItem } from '@/lib/services/recommendations';",
    "import { db } from '@/lib/db/client';",
    "const m = await import('@/lib/services/segments');",
  ].join('\n');
  expect(componentOffences('x.tsx', planted)).toEqual([
    'x.tsx imports @/app/_server/session',
    'x.tsx imports @/app/_server/action',
    'x.tsx imports @/lib/services/recommendations',
    'x.tsx imports @/lib/db/client',
    'x.tsx imports @/lib/services/segments',
  ]);
  const allowed = [
    "import type { SimilarItem } from '@/lib/services/recommendations';",
    "import { type MemberExplanation, type WhyNode } from '@/lib/services/segments';",
    "import type { ActionResult } from '@/lib/action-result';",
  ].join('\n');
  expect(componentOffences('y.tsx', allowed)).toEqual([]);
});
