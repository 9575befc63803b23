import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import {
  codeOnly,
  DATABASE_MODULES,
  databaseCalls,
  prismaDelegates,
  runtimeImports,
} from './testing/data-access-rules';

// Imports flow one way: app and lib/storefront (the storefront API server) → lib/services →
// lib/{db,engine,stats,csv,import}. Engines and statistics stay pure.
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
  return [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]!);
}

const rules: { dirs: string[]; forbidden: RegExp; why: string }[] = [
  {
    dirs: ['lib/engine', 'lib/stats'],
    forbidden: /^(next|react|react-dom|@prisma\/|pg$|better-sqlite3)|lib\/(db|services)|^@\/app|^@\/components/,
    why: 'engines and statistics are pure: plain data in, plain data out',
  },
  {
    dirs: ['lib/csv', 'lib/import'],
    forbidden: /^(next|react|@prisma\/)|lib\/(db|services)|^@\/app|^@\/components/,
    why: 'parsing and validation are pure',
  },
  {
    dirs: ['lib/email'],
    forbidden: /^(next|@prisma\/)(\/|$)|lib\/(db|services)|^@\/app|^@\/components/,
    why: 'e-mail rendering turns ready data into HTML and text (React Email), nothing else',
  },
  {
    dirs: ['lib/db'],
    forbidden: /^(next|react)|lib\/services|^@\/app|^@\/components/,
    why: 'the data layer knows nothing of pages or use-cases',
  },
  {
    dirs: ['lib/storefront'],
    forbidden: /^(next|react|react-dom|next-auth)(\/|$)|lib\/(db|engine|stats)|^@\/app|^@\/components/,
    why: 'the storefront server is an entry point like app/: it calls the use-cases, never the data layer or engines',
  },
  {
    dirs: ['lib/services'],
    forbidden: /^(next|react|react-dom|next-auth)(\/|$)|^@\/app|^@\/components|lib\/storefront/,
    why: 'services are framework-free use-cases',
  },
];

test.each(rules)('$dirs stay independent ($why)', ({ dirs, forbidden }) => {
  const offenders = dirs
    .flatMap((d) => sourceFiles(path.join(root, d)))
    .flatMap((file) =>
      importsOf(file)
        .filter((spec) => forbidden.test(spec))
        .map((spec) => `${path.relative(root, file)} imports ${spec}`),
    );
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
      'lib/engine/recommendation/models/types.ts',
      'lib/engine/recommendation/models/training-parts.ts',
      'lib/engine/recommendation/serving-core.ts',
    ]),
  );
  expect(importsOf(path.join(root, 'lib/engine/recommendation/serving-core.ts'))).toContain('./models/types');
});

// ── Data access: lib/db is the only code that talks to the database ─────────────────────────────────────────────
// Outside lib/db (and outside tests and the database test helpers in lib/testing/db), no Prisma model call, no
// $queryRaw/$executeRaw/$transaction: services pass the client or a `withTransaction` handle back to lib/db. Services
// load no driver, Prisma package or generated client at run time. Detectors: lib/testing/data-access-rules.ts.
const delegates = prismaDelegates(fs.readFileSync(path.join(root, 'prisma/sqlite/schema.prisma'), 'utf8'));
const isTestCode = (file: string) => /\.test\.tsx?$/.test(file) || file.startsWith('lib/testing/db/');
const outsideDb = ['lib', 'app']
  .flatMap((d) => sourceFiles(path.join(root, d)))
  .map((f) => path.relative(root, f))
  .filter((f) => !f.startsWith('lib/db/') && !isTestCode(f));

test('no Prisma model call or raw query outside lib/db', () => {
  const offenders = outsideDb.flatMap((file) =>
    databaseCalls(fs.readFileSync(path.join(root, file), 'utf8'), delegates).map(
      (f) => `${file}:${f.line} ${f.why}: ${f.text}`,
    ),
  );
  expect(offenders).toEqual([]);
});

test('services load no database driver, Prisma package or generated client at run time', () => {
  const services = outsideDb.filter((f) => f.startsWith('lib/services/'));
  const offenders = services.flatMap((file) =>
    runtimeImports(fs.readFileSync(path.join(root, file), 'utf8'))
      .filter((s) => DATABASE_MODULES.test(s))
      .map((s) => `${file} imports ${s}`),
  );
  expect(offenders).toEqual([]);
});

test('the data-access rules see the real schema and real queries (guards against detectors that match nothing)', () => {
  expect(delegates).toEqual(expect.arrayContaining(['user', 'recModelRun', 'campaignAssignment', 'job']));
  expect(databaseCalls(fs.readFileSync(path.join(root, 'lib/db/users.ts'), 'utf8'), delegates).length).toBeGreaterThan(
    5,
  );
  expect(
    databaseCalls(fs.readFileSync(path.join(root, 'lib/db/transaction.ts'), 'utf8'), delegates).map((f) => f.why),
  ).toEqual(['$transaction']);
  expect(outsideDb.filter((f) => f.startsWith('lib/services/')).length).toBeGreaterThan(50);
});

test('connections are opened in lib/db/connections.ts only (one pool or shared connection per process)', () => {
  const files = sourceFiles(path.join(root, 'lib'))
    .map((f) => path.relative(root, f))
    .filter((f) => !isTestCode(f) && !['lib/db/connections.ts', 'lib/db/raw.ts'].includes(f));
  const offenders = files.filter((f) =>
    /\b(openRaw|openSqlite|openPgPool)\s*\(|new\s+(pg\.)?(Pool|Client)\s*\(/.test(
      codeOnly(fs.readFileSync(path.join(root, f), 'utf8')),
    ),
  );
  expect(offenders).toEqual([]);
  expect(/\bopenPgPool\s*\(/.test(codeOnly(fs.readFileSync(path.join(root, 'lib/db/connections.ts'), 'utf8')))).toBe(
    true,
  );
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
    const bare = m[3]!
      .replace(/\{[^}]*\}/, '')
      .replace(/,/g, '')
      .trim();
    const allTypes =
      names !== undefined &&
      !bare &&
      names
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
        .every((n) => n.startsWith('type '));
    if (!allTypes) out.push(m[4]!);
  }
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm))
    out.push((m[1] ?? m[2])!);
  return out;
}

function componentOffences(file: string, text: string) {
  const all = [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => (m[1] ?? m[2])!);
  const fromApp = all.filter((spec) => /^@\/app(\/|$)/.test(spec) || /^(\.\.\/)+app\//.test(spec));
  const runtime = runtimeImportsOf(text).filter((spec) => /^@\/lib\/(services|db)(\/|$)/.test(spec));
  return [...new Set([...fromApp, ...runtime])].map((spec) => `${file} imports ${spec}`);
}

test('components import nothing from app/ and no runtime value from lib/services or lib/db', () => {
  const dir = path.join(root, 'components');
  const offenders = sourceFiles(dir).flatMap((f) =>
    componentOffences(path.relative(root, f), fs.readFileSync(f, 'utf8')),
  );
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

// The audit log is append-only: no code changes or removes an entry (the hash chain would name it as altered).
// The one exception is lib/db/audit.ts, which takes entries written before the chain existed into it, once.
const AUDIT_REWRITE =
  /auditLog\s*\.\s*(update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)\b|(UPDATE|DELETE\s+FROM)\s+"?AuditLog\b/;

test('no code outside lib/db/audit.ts updates or deletes audit log entries', () => {
  const files = ['lib', 'app', 'scripts', 'bench']
    .flatMap((d) => sourceFiles(path.join(root, d)))
    .map((f) => path.relative(root, f))
    .filter((f) => !isTestCode(f));
  const offenders = files.filter((f) => AUDIT_REWRITE.test(fs.readFileSync(path.join(root, f), 'utf8')));
  expect(offenders).toEqual(['lib/db/audit.ts']);
  expect(AUDIT_REWRITE.test('await tx.auditLog.deleteMany({})')).toBe(true);
  expect(AUDIT_REWRITE.test('DELETE FROM "AuditLog" WHERE id = 1')).toBe(true);
  expect(AUDIT_REWRITE.test('await tx.auditLog.create({ data })')).toBe(false);
});
