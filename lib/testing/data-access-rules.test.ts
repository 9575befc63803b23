import { describe, expect, test } from 'vitest';
import { codeOnly, DATABASE_MODULES, databaseCalls, prismaDelegates, runtimeImports } from './data-access-rules';

const delegates = prismaDelegates(
  'model User {\n  id String @id\n}\n\nmodel RecModelRun {\n  id Int @id\n}\nenum Role {\n  a\n}\n',
);
const calls = (text: string) => databaseCalls(text, delegates).map((f) => `${f.line}: ${f.why}`);

test('model names become the client delegates', () => {
  expect(delegates).toEqual(['user', 'recModelRun']);
});

describe('databaseCalls', () => {
  test.each([
    ['const u = await db.user.findMany({ where: {} });', ['1: Prisma call user.findMany']],
    ['await tx.recModelRun.update({ where: { id } });', ['1: Prisma call recModelRun.update']],
    ['const c = prisma\n  .user\n  .count();', ['2: Prisma call user.count']],
    ['return client.user?.groupBy({ by: ["x"] })', ['1: Prisma call user.groupBy']],
    ['await db.$transaction(async (tx) => f(tx));', ['1: $transaction']],
    ['const rows = await db.$queryRaw`SELECT 1`;', ['1: $queryRaw']],
    ['x;\nawait db.$executeRawUnsafe("DELETE FROM t");', ['2: $executeRawUnsafe']],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text for the detector under test, not a template
    ['const s = `total: ${await db.user.count()} users`;', ['1: Prisma call user.count']],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text for the detector under test, not a template
    ['const s = `a ${`b ${t.user.delete({})}`}`;', ['1: Prisma call user.delete']],
    ['rawDb().conn.prepare("SELECT 1").get();', ['1: raw conn.prepare']],
    ['const r = raw.pool\n  .query(sql, params);', ['1: raw pool.query']],
  ])('finds %j', (source, expected) => {
    expect(calls(source)).toEqual(expected);
  });

  test.each([
    ['// await db.user.findMany()'],
    ['/* db.$transaction(fn) */ const a = 1;'],
    ["const msg = 'db.user.findMany( is not allowed';"],
    ['const sql = `SELECT * FROM user; db.user.count()`;'],
    ['const re = /db\\.user\\.count\\(/; const b = a / 2 / 3;'],
    ['map.delete(key); set.count(); users.findMany();'],
    ['await withTransaction(db, async (tx) => createUser(tx, data));'],
    ['await db.customer.findMany({});'],
    ['const c = await pool.query(sql); conn.close();'],
  ])('leaves %j alone', (source) => {
    expect(calls(source)).toEqual([]);
  });

  test('a string that spans a quote inside a template does not hide later code', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text for the detector under test, not a template
    expect(calls("const a = `it's ${x}`;\nawait db.user.findFirst({});")).toEqual(['2: Prisma call user.findFirst']);
  });

  test('blanking keeps offsets and line breaks', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text for the detector under test, not a template
    const source = "a('x\\'y');\n// c\nb(`t${u}v`);";
    expect(codeOnly(source)).toHaveLength(source.length);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the expected blanked source text, not a template
    expect(codeOnly(source).split('\n')).toEqual(["a('    ');", '    ', 'b(` ${u} `);']);
  });
});

describe('runtimeImports', () => {
  const source = [
    "import 'server-only';",
    "import { db } from '@/lib/db/client';",
    "import type { Prisma } from '@/lib/db/generated/sqlite/client';",
    "import { type Db, type Tx } from '@/lib/db/transaction';",
    "import pg from 'pg';",
    "export { x } from '@prisma/client';",
    "export type { Y } from '@prisma/adapter-pg';",
    "const m = await import('better-sqlite3');",
    "// import { z } from '@prisma/nothing';",
  ].join('\n');

  test('lists value imports and leaves type-only imports and comments out', () => {
    expect(runtimeImports(source)).toEqual([
      '@/lib/db/client',
      'pg',
      '@prisma/client',
      'server-only',
      'better-sqlite3',
    ]);
  });

  test('the forbidden-module pattern knows drivers, Prisma and the generated client', () => {
    const forbidden = [
      '@prisma/client',
      'pg',
      'better-sqlite3',
      '@/lib/db/generated/sqlite/client',
      '../../db/raw',
      '@/lib/db/create-client',
    ];
    const allowed = ['@/lib/db/users', '@/lib/db/transaction', 'pgp-utils', '@/lib/db/connections', 'zod'];
    expect(forbidden.filter((s) => !DATABASE_MODULES.test(s))).toEqual([]);
    expect(allowed.filter((s) => DATABASE_MODULES.test(s))).toEqual([]);
  });
});
