import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createClient } from '@/lib/db/create-client';
import {
  getRememberedMapping,
  listRejectedRows,
  listRejectionGroups,
  rememberMapping,
  resetImportForRerun,
} from '@/lib/db/import/review';
import { headerKey } from '@/lib/import/header-key';
import {
  createImportJob,
  createScratchDatabase,
  dropScratchTemplate,
  query,
  type ScratchDb,
} from '@/lib/testing/db/scratch';
import { runImport } from './run-import';

// Issue 8: a product in several categories, rejections grouped by reason, processing time kept apart from waiting.
let db: ScratchDb;
let dir: string;

function file(name: string, content: string) {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

beforeAll(async () => {
  db = await createScratchDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-import-review-'));
});

afterAll(async () => {
  await db.drop();
  await dropScratchTemplate();
  fs.rmSync(dir, { recursive: true, force: true });
});

// As in the IKEA SA scrape: one row per (item, category); the same item appears under each of its categories.
const IKEA = [
  'item_id,name,category,price,sellable_online',
  '80155205,STIG,Bar furniture,69.0,True',
  '80155205,STIG,Chairs,69.0,True',
  '10122647,INGOLF,Bar furniture,345.0,True',
  '10122647,INGOLF,Chairs,345.0,True',
  '10122647,INGOLF,Chairs,345.0,True',
  '30180504,NORBERG,Tables & desks,225.0,True',
].join('\n');

const links = () =>
  query<{ sku: string; path: string }>(
    db.url,
    'SELECT p."sku", c."path" FROM "ProductCategory" pc JOIN "Product" p ON p."id" = pc."productId" JOIN "Category" c ON c."id" = pc."categoryId" ORDER BY p."sku", c."path"',
  );

test('a product listed under several categories keeps all of them; the first is its primary category', async () => {
  const mapping = { sku: 'item_id', title: 'name', category: 'category', price: 'price', active: 'sellable_online' };
  const id = await createImportJob(db.url, { kind: 'catalogue', filePath: file('ikea.csv', IKEA), mapping });
  const summary = await runImport(id, { url: db.url });
  expect(summary).toMatchObject({ status: 'completed', rowsRead: 6, inserted: 3, unchanged: 3, rejected: 0 });
  expect(summary.cleaning).toMatchObject({ productCategoriesAdded: 2, duplicatesInFile: 3 });
  expect(await links()).toEqual([
    { sku: '10122647', path: 'Bar furniture' },
    { sku: '10122647', path: 'Chairs' },
    { sku: '30180504', path: 'Tables & desks' },
    { sku: '80155205', path: 'Bar furniture' },
    { sku: '80155205', path: 'Chairs' },
  ]);
  const primary = await query<{ sku: string; path: string }>(
    db.url,
    'SELECT p."sku", c."path" FROM "Product" p JOIN "Category" c ON c."id" = p."categoryId" ORDER BY p."sku"',
  );
  expect(primary.map((p) => p.path)).toEqual(['Bar furniture', 'Tables & desks', 'Bar furniture']);

  // the next catalogue moves STIG to Outdoor only: its old links go, as the file now says
  const moved = await createImportJob(db.url, {
    kind: 'catalogue',
    filePath: file('ikea2.csv', 'item_id,name,category,price\n80155205,STIG,Outdoor,69.0\n'),
    mapping: { sku: 'item_id', title: 'name', category: 'category', price: 'price' },
  });
  await runImport(moved, { url: db.url });
  expect((await links()).filter((l) => l.sku === '80155205')).toEqual([{ sku: '80155205', path: 'Outdoor' }]);
});

test('rejections grouped by reason with counts, largest first; rows filtered by one reason', async () => {
  const rows = ['sku,title,price'];
  for (let i = 0; i < 7; i++) rows.push(`B-${i},Bad price ${i},ten`);
  for (let i = 0; i < 3; i++) rows.push(`C-${i},,5`);
  rows.push('D-1,Fine,5');
  const id = await createImportJob(db.url, { kind: 'catalogue', filePath: file('bad.csv', rows.join('\n')) });
  const summary = await runImport(id, { url: db.url });
  expect(summary).toMatchObject({ rejected: 10, inserted: 1 });
  const client = createClient(db.url);
  try {
    const groups = await listRejectionGroups(client, id);
    expect(groups).toEqual([
      {
        key: 'importRejections.notNumber',
        example: 'price is not a number: "ten"',
        params: JSON.stringify({ field: 'price', value: 'ten' }),
        column: 'price',
        count: 7,
      },
      {
        key: 'importRejections.required',
        example: 'title is required but the cell is empty',
        params: JSON.stringify({ field: 'title' }),
        column: 'title',
        count: 3,
      },
    ]);
    const page = await listRejectedRows(client, id, { key: groups[1]!.key }, 1, 50);
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.line)).toEqual([9, 10, 11]);
    // rows stored before reasons had codes still group: by their stored key, or by their text when they have none
    const old = { importId: id, column: 'sku', raw: 'x' };
    await client.importError.createMany({
      data: [
        { ...old, line: 20, reason: 'unknown sku "A": no such product', reasonKey: 'unknown sku "…": no such product' },
        { ...old, line: 21, reason: 'unknown sku "B": no such product', reasonKey: 'unknown sku "…": no such product' },
        { ...old, line: 22, reason: 'an old reason' },
      ],
    });
    const withOld = await listRejectionGroups(client, id);
    expect(withOld.slice(2)).toEqual([
      {
        key: 'unknown sku "…": no such product',
        example: 'unknown sku "A": no such product',
        params: null,
        column: 'sku',
        count: 2,
      },
      { key: 'an old reason', example: 'an old reason', params: null, column: 'sku', count: 1 },
    ]);
    const oldPage = await listRejectedRows(client, id, { key: 'an old reason' }, 1, 50);
    expect(oldPage.rows.map((r) => r.line)).toEqual([22]);
    const job = await client.importJob.findUniqueOrThrow({
      where: { id },
      select: { processingMs: true, startedAt: true, finishedAt: true },
    });
    expect(job.processingMs).toBeGreaterThan(0);
    expect(job.processingMs).toBeLessThanOrEqual(job.finishedAt!.getTime() - job.startedAt!.getTime() + 5);
  } finally {
    await client.$disconnect();
  }
});

test('a re-run starts from the first row with no rejected rows left; a mapping is remembered per header', async () => {
  const id = await createImportJob(db.url, {
    kind: 'catalogue',
    filePath: file('rerun.csv', 'sku,title,price\nR-1,Fine,5\nR-2,Bad,ten\n'),
  });
  await runImport(id, { url: db.url });
  const client = createClient(db.url);
  try {
    await resetImportForRerun(client, id);
    const job = await client.importJob.findUniqueOrThrow({
      where: { id },
      select: { cursorByte: true, rowsRead: true, rejected: true, processingMs: true, startedAt: true },
    });
    expect(job).toEqual({ cursorByte: 0, rowsRead: 0, rejected: 0, processingMs: 0, startedAt: null });
    expect(await client.importError.count({ where: { importId: id } })).toBe(0);
    await client.importJob.update({ where: { id }, data: { status: 'queued' } }); // as startImport does with the reset
    const again = await runImport(id, { url: db.url });
    expect(again).toMatchObject({ status: 'completed', rowsRead: 2, inserted: 0, unchanged: 1, rejected: 1 });

    const key = headerKey(['SKU', 'Title', 'Price']);
    expect(headerKey([' sku', 'TITLE ', 'price'])).toBe(key);
    expect(headerKey(['sku', 'price', 'title'])).not.toBe(key);
    await rememberMapping(client, 'catalogue', key, { sku: 'SKU', title: 'Title', price: 'Price' }, []);
    await rememberMapping(client, 'catalogue', key, { sku: 'SKU', title: 'Title', price: 'Price' }, ['Notes']);
    expect(await getRememberedMapping(client, 'catalogue', key)).toMatchObject({
      mapping: { sku: 'SKU', title: 'Title', price: 'Price' },
      ignore: ['Notes'],
    });
    expect(await getRememberedMapping(client, 'customers', key)).toBeNull();
  } finally {
    await client.$disconnect();
  }
});
