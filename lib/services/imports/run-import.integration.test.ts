import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseCsvBuffer } from '@/lib/csv/reader';
import { createClient } from '@/lib/db/create-client';
import {
  count,
  createImportJob,
  createScratchDatabase,
  dropScratchTemplate,
  query,
  type ScratchDb,
} from '@/lib/testing/db/scratch';
import { getProductDetail } from '@/lib/db/products';
import { isPostgres } from '@/lib/db/url';
import { rejectedRowsCsv } from './rejected-rows';
import { runImport } from './run-import';
import { importOutcome } from '@/lib/import/outcome';

// Runs against the dialect of DATABASE_URL (SQLite file or PostgreSQL), each test file in its own scratch database.
let db: ScratchDb;
let dir: string;
const pg = () => isPostgres(db.url);

function file(name: string, content: string | Buffer) {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

async function run(
  kind: string,
  filePath: string,
  opts: { mapping?: Record<string, string>; options?: Record<string, unknown> } = {},
) {
  const id = await createImportJob(db.url, { kind, filePath, mapping: opts.mapping, options: opts.options });
  const summary = await runImport(id, { url: db.url });
  return { id, summary };
}

async function errors(id: string) {
  return query<{ line: number; column: string | null; reason: string; raw: string }>(
    db.url,
    'SELECT "line", "column", "reason", "raw" FROM "ImportError" WHERE "importId" = ? ORDER BY "line", "id"',
    [id],
  );
}

const tsMs = (v: unknown) => (v instanceof Date ? v.getTime() : Number(v));

beforeAll(async () => {
  db = await createScratchDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-import-it-'));
  await query(
    db.url,
    `INSERT INTO "CurrencyRate" ("currency", "rateToBase", "updatedAt") VALUES ('EUR', 1.1, ?), ('CNY', 0.14, ?)`,
    pg() ? [new Date().toISOString(), new Date().toISOString()] : [Date.now(), Date.now()],
  );
});

afterAll(async () => {
  await db.drop();
  await dropScratchTemplate();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HUGE = 'x'.repeat((1 << 20) + 10);

describe('catalogue', () => {
  const catalogue = [
    '\uFEFFsku,title,title_zh,category,brand,price,currency,stock,active,origin',
    'SKU-1,Trail shoe,越野跑鞋,Sports > Running > Shoes,Nike,99.50,,12,yes,VN',
    'SKU-2,Road shoe,,sports/running/shoes,NIKE,"1,099.00",,3,TRUE,',
    'SKU-3,Lamp,台灯,Home › Living › Lamps,Ｎｉｋｅ,20,EUR,,no,CN',
    'SKU-4,"=HYPERLINK(""http://evil"",""x"")",,Home|Living,Brightway,5,,,,',
    'SKU-1,Trail shoe,越野跑鞋,Sports > Running > Shoes,Nike,99.50,,12,yes,VN',
    'SKU-2,Road shoe,,Sports > Running > Shoes,Nike,1200,,3,TRUE,',
    'SKU-5,,,Toys,Acme,5,,,,',
    'SKU-6,Bad price,,Toys,Acme,ten,,,,',
    `SKU-7,Huge,,Toys,Acme,1,,,,${HUGE}`,
    'SKU-8,"broken "quote" here",,Toys,Acme,1,,,,',
    'SKU-9,Ragged,Toys',
    'SKU-10,Unknown currency,,Toys,Acme,3,XYZ,,,',
    '  SKU-11 , Padded title ,,  Toys  , acme ,7,,,,',
  ].join('\r\n');

  test('exact counts, reasons and cleaning steps', async () => {
    const { id, summary } = await run('catalogue', file('catalogue.csv', catalogue));
    expect(summary).toMatchObject({
      status: 'completed',
      rowsRead: 13,
      inserted: 5,
      updated: 0,
      unchanged: 1,
      rejected: 7,
      encoding: 'utf-8',
      delimiter: ',',
    });
    expect(await errors(id)).toEqual([
      {
        line: 7,
        column: null,
        reason: 'duplicate sku "SKU-2": line 3 has the same sku with different values (the first is kept)',
        raw: 'SKU-2,Road shoe,,Sports > Running > Shoes,Nike,1200,,3,TRUE,',
      },
      { line: 8, column: 'title', reason: 'title is required but the cell is empty', raw: 'SKU-5,,,Toys,Acme,5,,,,' },
      { line: 9, column: 'price', reason: 'price is not a number: "ten"', raw: 'SKU-6,Bad price,,Toys,Acme,ten,,,,' },
      {
        line: 10,
        column: 'origin',
        reason: 'field 10 has 1,048,586 bytes, more than the limit of 1,048,576 bytes',
        raw: expect.stringMatching(/^SKU-7,Huge/),
      },
      {
        line: 11,
        column: 'title',
        reason: 'malformed quoting in column 2: text follows a closing quote (an unescaped " inside a quoted field?)',
        raw: 'SKU-8,"broken "quote" here",,Toys,Acme,1,,,,',
      },
      { line: 12, column: null, reason: 'too few fields: expected 10, found 3', raw: 'SKU-9,Ragged,Toys' },
      {
        line: 13,
        column: 'price',
        reason: 'unknown currency XYZ: no exchange rate to USD (add it under Settings → Shop → Exchange rates)',
        raw: 'SKU-10,Unknown currency,,Toys,Acme,3,XYZ,,,',
      },
    ]);
    expect((await errors(id))[3]!.raw.length).toBe(2048);
    expect(summary.cleaning).toMatchObject({
      duplicatesInFile: 1,
      brandsNormalised: 2,
      categoryPathsNormalised: 3,
      categoriesCreated: 7,
      currencyConverted: 1,
      trimmedCells: 4,
      numbersNormalised: 1,
    });
    const products = await query<Record<string, unknown>>(
      db.url,
      'SELECT p."sku", p."title", p."titleZh", p."brand", p."price", p."stock", p."active", p."attributes", c."path" FROM "Product" p LEFT JOIN "Category" c ON c."id" = p."categoryId" ORDER BY p."sku"',
    );
    expect(products.map((p) => [p.sku, p.title, p.brand, Number(p.price), p.path])).toEqual([
      ['SKU-1', 'Trail shoe', 'Nike', 99.5, 'Sports > Running > Shoes'],
      ['SKU-11', 'Padded title', 'acme', 7, 'Toys'],
      ['SKU-2', 'Road shoe', 'Nike', 1099, 'Sports > Running > Shoes'],
      ['SKU-3', 'Lamp', 'Nike', 22, 'Home > Living > Lamps'],
      ['SKU-4', '=HYPERLINK("http://evil","x")', 'Brightway', 5, 'Home > Living'],
    ]);
    const sku1 = products.find((p) => p.sku === 'SKU-1')!;
    expect([sku1.titleZh, Number(sku1.stock), Boolean(sku1.active)]).toEqual(['越野跑鞋', 12, true]);
    expect(typeof sku1.attributes === 'string' ? JSON.parse(sku1.attributes) : sku1.attributes).toEqual({
      origin: 'VN',
    });
    expect(Boolean(products.find((p) => p.sku === 'SKU-3')!.active)).toBe(false);
    const cats = await query<{ path: string; depth: number; parent: string | null; name: string }>(
      db.url,
      'SELECT c."path", c."depth", c."name", p."path" AS parent FROM "Category" c LEFT JOIN "Category" p ON p."id" = c."parentId" ORDER BY c."path"',
    );
    expect(cats).toEqual([
      { path: 'Home', depth: 0, name: 'Home', parent: null },
      { path: 'Home > Living', depth: 1, name: 'Living', parent: 'Home' },
      { path: 'Home > Living > Lamps', depth: 2, name: 'Lamps', parent: 'Home > Living' },
      { path: 'Sports', depth: 0, name: 'Sports', parent: null },
      { path: 'Sports > Running', depth: 1, name: 'Running', parent: 'Sports' },
      { path: 'Sports > Running > Shoes', depth: 2, name: 'Shoes', parent: 'Sports > Running' },
      { path: 'Toys', depth: 0, name: 'Toys', parent: null },
    ]);
    expect(await count(db.url, 'Category')).toBe(7);
  });

  test('re-importing the same file changes nothing; a changed price is one update', async () => {
    const again = await run('catalogue', file('catalogue.csv', catalogue));
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 6, rejected: 7 });
    const before = await query<{ updatedAt: unknown }>(
      db.url,
      `SELECT "updatedAt" FROM "Product" WHERE "sku" = 'SKU-4'`,
    );
    const changed = await run(
      'catalogue',
      file(
        'catalogue2.csv',
        catalogue.replace(
          'SKU-4,"=HYPERLINK(""http://evil"",""x"")",,Home|Living,Brightway,5',
          'SKU-4,"=HYPERLINK(""http://evil"",""x"")",,Home|Living,Brightway,6',
        ),
      ),
    );
    expect(changed.summary).toMatchObject({ inserted: 0, updated: 1, unchanged: 5, rejected: 7 });
    const after = await query<{ updatedAt: unknown; createdAt: unknown }>(
      db.url,
      `SELECT "updatedAt", "createdAt" FROM "Product" WHERE "sku" = 'SKU-4'`,
    );
    expect(tsMs(after[0]!.updatedAt)).toBeGreaterThanOrEqual(tsMs(before[0]!.updatedAt));
    expect(tsMs(after[0]!.createdAt)).toBeLessThanOrEqual(tsMs(after[0]!.updatedAt));
  });

  test('a file without a required column fails as a whole with the reason, writing nothing', async () => {
    const { id, summary } = await run('catalogue', file('prices.csv', 'sku,price\nSKU-1,89.5\nSKU-3,20\n'));
    expect(summary).toMatchObject({
      status: 'failed',
      rowsRead: 0,
      error:
        "missing required column for a catalogue import: title (Title / 商品名称). The file's columns are: sku, price",
    });
    const [job] = await query<{ status: string; error: string }>(
      db.url,
      'SELECT "status", "error" FROM "ImportJob" WHERE "id" = ?',
      [id],
    );
    expect(job).toEqual({ status: 'failed', error: summary.error });
    const [p] = await query<{ title: string; price: number }>(
      db.url,
      `SELECT "title", "price" FROM "Product" WHERE "sku" = 'SKU-1'`,
    );
    expect([p!.title, Number(p!.price)]).toEqual(['Trail shoe', 99.5]);
  });

  test('a header-only file completes with nothing read and ends with a warning, not "Completed"', async () => {
    const { id, summary } = await run('catalogue', file('empty.csv', 'sku,title,price\n'));
    expect(summary).toMatchObject({ status: 'completed', rowsRead: 0, inserted: 0, rejected: 0 });
    const [job] = await query<{ status: string; rowsRead: number; rejected: number }>(
      db.url,
      'SELECT "status", "rowsRead", "rejected" FROM "ImportJob" WHERE "id" = ?',
      [id],
    );
    expect(
      importOutcome({ status: job!.status, rowsRead: Number(job!.rowsRead), rejected: Number(job!.rejected) }),
    ).toBe('noRows');
  });

  test('the Prisma client reads imported rows (epoch-ms timestamps on SQLite, JSON attributes)', async () => {
    const client = createClient(db.url);
    try {
      const p = await client.product.findUnique({
        where: { sku: 'SKU-1' },
        select: {
          createdAt: true,
          updatedAt: true,
          attributes: true,
          active: true,
          category: { select: { path: true } },
        },
      });
      expect(p!.createdAt).toBeInstanceOf(Date);
      expect(Math.abs(p!.createdAt.getTime() - Date.now())).toBeLessThan(600_000);
      expect(p!.attributes).toEqual({ origin: 'VN' });
      expect(p!.active).toBe(true);
      expect(p!.category!.path).toBe('Sports > Running > Shoes');
    } finally {
      await client.$disconnect();
    }
  });

  test('rejected rows download as CSV with formulas neutralised', async () => {
    const { id } = await run(
      'catalogue',
      file('formula.csv', 'sku,title,price\n=cmd|"/c calc"!A1,x,abc\n@SUM(1),y,1\n'),
    );
    let csv = '';
    for await (const chunk of rejectedRowsCsv(id, { url: db.url })) csv += chunk;
    const rows = parseCsvBuffer(Buffer.from(csv.replace(/^\uFEFF/, '')), { delimiter: ',' }).map((r) => r.fields);
    expect(rows).toEqual([
      ['line', 'column', 'reason', 'raw'],
      ['2', 'price', 'price is not a number: "abc"', `'=cmd|"/c calc"!A1,x,abc`],
    ]);
    const [sku] = await query<{ sku: string }>(db.url, `SELECT "sku" FROM "Product" WHERE "title" = 'y'`);
    expect(sku!.sku).toBe('@SUM(1)');
  });

  test('category_zh names every level of the path in Chinese; a path of another depth is rejected', async () => {
    const zh = [
      'sku,title,category,category_zh,price',
      'SKU-1,Trail shoe,Sports > Running > Shoes,运动 > 跑步 > 跑鞋,99.50',
      'SKU-20,Yoga mat,sports / yoga,运动/瑜伽,30',
      'SKU-21,Kite,Toys,玩具 > 风筝,12',
      'SKU-22,Ball,,球类,5',
    ].join('\n');
    const { id, summary } = await run('catalogue', file('catalogue-zh.csv', zh));
    expect(summary).toMatchObject({ status: 'completed', rowsRead: 4, rejected: 2 });
    expect((await errors(id)).map((e) => [e.line, e.column, e.reason])).toEqual([
      [
        4,
        'category_zh',
        'category_zh has 2 level(s) but category has 1: write one Chinese name per level, e.g. "运动 > 跑步 > 跑鞋"',
      ],
      [5, 'category_zh', 'category_zh "球类" needs a category to name'],
    ]);
    expect(summary.cleaning).toMatchObject({ categoriesNamedZh: 4, categoriesCreated: 1 });
    const names = await query<{ path: string; nameZh: string | null }>(
      db.url,
      'SELECT "path", "nameZh" FROM "Category" WHERE "path" LIKE \'Sports%\' ORDER BY "path"',
    );
    expect(names).toEqual([
      { path: 'Sports', nameZh: '运动' },
      { path: 'Sports > Running', nameZh: '跑步' },
      { path: 'Sports > Running > Shoes', nameZh: '跑鞋' },
      { path: 'Sports > yoga', nameZh: '瑜伽' },
    ]);
    // a new sub-category under an existing parent is created and linked (its parent level has nothing missing)
    const [mat] = await query<{ path: string }>(
      db.url,
      `SELECT c."path" FROM "Product" p JOIN "Category" c ON c."id" = p."categoryId" WHERE p."sku" = 'SKU-20'`,
    );
    expect(mat?.path).toBe('Sports > yoga');
    const again = await run('catalogue', file('catalogue-zh.csv', zh));
    expect(again.summary.cleaning).toMatchObject({ categoriesNamedZh: 0 });
    // the product page reads the path in Chinese, level by level; a path with no Chinese names has none
    const prisma = createClient(db.url);
    try {
      const idOf = async (sku: string) =>
        (await prisma.product.findUniqueOrThrow({ where: { sku }, select: { id: true } })).id;
      expect((await getProductDetail(prisma, await idOf('SKU-1'), new Date(0)))?.categoryPathZh).toBe(
        '运动 > 跑步 > 跑鞋',
      );
      expect((await getProductDetail(prisma, await idOf('SKU-3'), new Date(0)))?.categoryPathZh).toBeNull();
    } finally {
      await prisma.$disconnect();
    }
  });
});

describe('customers', () => {
  test('GBK file with semicolons, Chinese booleans and spreadsheet-float ids', async () => {
    const text =
      '客户ID;姓名;性别;出生日期;国家;注册时间;邮件订阅\n17850.0;张伟;男;1985-04-02;中国;2023年3月5日;是\n17851;李娜;女;;中国;2023/03/06 10:00;否\n17852;王芳;F;;;bad date;是\n';
    // GBK bytes produced by Python's codec (an independent encoder): see scripts/reference/import/gbk_fixture.py
    const hex = fs
      .readFileSync(path.join(import.meta.dirname, '../../../scripts/reference/import/customers-gbk.hex'), 'utf8')
      .trim();
    expect(new TextDecoder('gb18030').decode(Buffer.from(hex, 'hex'))).toBe(text);
    const { id, summary } = await run('customers', file('customers-gbk.csv', Buffer.from(hex, 'hex')));
    expect(summary).toMatchObject({
      status: 'completed',
      encoding: 'gb18030',
      delimiter: ';',
      inserted: 2,
      rejected: 1,
    });
    expect(await errors(id)).toEqual([
      {
        line: 4,
        column: '注册时间',
        reason: expect.stringMatching(/^signup_date is not a valid date: "bad date"/),
        raw: '17852;王芳;F;;;bad date;是',
      },
    ]);
    const rows = await query<Record<string, unknown>>(
      db.url,
      'SELECT "externalId", "name", "gender", "birthYear", "region", "signupAt", "consentEmail", "consentUpdatedAt" FROM "Customer" ORDER BY "externalId"',
    );
    expect(
      rows.map((r) => [
        r.externalId,
        r.name,
        r.gender,
        r.birthYear === null ? null : Number(r.birthYear),
        r.region,
        tsMs(r.signupAt),
        Boolean(r.consentEmail),
      ]),
    ).toEqual([
      ['17850', '张伟', 'male', 1985, '中国', Date.UTC(2023, 2, 5), true],
      ['17851', '李娜', 'female', null, '中国', Date.UTC(2023, 2, 6, 10), false],
    ]);
    expect(rows.every((r) => r.consentUpdatedAt !== null)).toBe(true);
    expect(summary.cleaning.idsNormalised).toBe(1);
  });

  test('a partial file (id, city) updates that column and leaves the others alone', async () => {
    const { summary } = await run('customers', file('cities.csv', 'customer_id,city\n17850,北京\n17851,\n'));
    expect(summary).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const rows = await query<Record<string, unknown>>(
      db.url,
      'SELECT "externalId", "name", "city", "region" FROM "Customer" ORDER BY "externalId"',
    );
    expect(rows).toEqual([
      { externalId: '17850', name: '张伟', city: '北京', region: '中国' },
      { externalId: '17851', name: '李娜', city: null, region: '中国' },
    ]);
  });
});
