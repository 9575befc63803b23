import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  count,
  createImportJob,
  createScratchDatabase,
  dropScratchTemplate,
  query,
  type ScratchDb,
} from '@/lib/testing/db/scratch';
import { isPostgres } from '@/lib/db/url';
import { runImport } from './run-import';

let db: ScratchDb;
let dir: string;
let campaignId = 0;
const now = () => (isPostgres(db.url) ? new Date().toISOString() : Date.now());
const tsMs = (v: unknown) => (v instanceof Date ? v.getTime() : Number(v));

async function run(kind: string, name: string, content: string, options?: Record<string, unknown>) {
  const filePath = path.join(dir, name);
  fs.writeFileSync(filePath, content);
  const id = await createImportJob(db.url, { kind, filePath, options });
  return { id, summary: await runImport(id, { url: db.url }) };
}

const errors = (id: string) =>
  query<{ line: number; column: string | null; reason: string }>(
    db.url,
    'SELECT "line", "column", "reason" FROM "ImportError" WHERE "importId" = ? ORDER BY "line", "id"',
    [id],
  );

beforeAll(async () => {
  db = await createScratchDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-import-eo-'));
  await query(db.url, `INSERT INTO "CurrencyRate" ("currency", "rateToBase", "updatedAt") VALUES ('EUR', 1.1, ?)`, [
    now(),
  ]);
  await run('catalogue', 'cat.csv', 'sku,title,category,price\nSKU-1,Shoe,Sports > Running,10\nSKU-2,Lamp,Home,20\n');
  await run('customers', 'cust.csv', 'customer_id,name\nC1,Ann\nC2,Bo\n');
  const [user] = await query<{ id: string }>(db.url, 'SELECT "id" FROM "User"');
  const [c] = await query<{ id: number }>(
    db.url,
    `INSERT INTO "Campaign" ("name", "channel", "goal", "salt", "createdById", "createdAt", "updatedAt") VALUES ('Spring', 'email', 'click', 's', ?, ?, ?) RETURNING "id"`,
    [user!.id, now(), now()],
  );
  campaignId = Number(c!.id);
  await query(
    db.url,
    `INSERT INTO "CampaignVariant" ("campaignId", "key", "name", "weight") VALUES (?, 'a', 'A', 0.5), (?, 'b', 'B', 0.5)`,
    [campaignId, campaignId],
  );
});

afterAll(async () => {
  await db.drop();
  await dropScratchTemplate();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('events', () => {
  const file = () =>
    [
      'event_id\tcustomer_id\tevent_type\ttimestamp\tsku\tcategory\tquery\tprice\tcurrency\tcampaign_id\tvariant',
      'e1\tC1\tview\t2024-03-05 14:30\tSKU-1\t\t\t\t\t\t',
      'e2\tC1\tadd_to_cart\t2024-03-05T14:31:00+08:00\tSKU-1\t\t\t10\tEUR\t\t',
      'e1\tC1\tview\t2024-03-05 14:30\tSKU-1\t\t\t\t\t\t',
      'e1\tC1\tview\t2024-03-05 14:40\tSKU-1\t\t\t\t\t\t',
      '\tC2\tsearch\t2024-03-05 15:00\t\t\trunning shoes\t\t\t\t',
      '\tC2\tsearch\t2024-03-05 15:00\t\t\trunning shoes\t\t\t\t',
      'e3\tC404\tview\t2024-03-05 15:00\tSKU-1\t\t\t\t\t\t',
      'e4\tC1\tview\t2024-03-05 15:00\tSKU-404\t\t\t\t\t\t',
      'e5\tC1\tclick\t2024-03-05 15:00\t\t\t\t\t\t999\t',
      'e6\tC1\t浏览\t1709649000\tSKU-2\t\t\t\t\t\t',
      'e7\tC2\tview\t2024-03-05 16:00\t\tsports/running\t\t\t\t\t',
      'e8\tC1\tteleport\t2024-03-05 16:00\t\t\t\t\t\t\t',
      `e9\tC1\texposure\t2024-03-05 16:00\t\t\t\t\t\t${campaignId}\tb`,
      `e10\tC1\texposure\t2024-03-05 16:00\t\t\t\t\t\t${campaignId}\tz`,
    ].join('\n');

  test('tab-separated events: dedup, references, synonyms, time zone, campaign variants', async () => {
    const { id, summary } = await run('events', 'events.tsv', file(), { timezone: 'Asia/Shanghai' });
    expect(summary).toMatchObject({
      status: 'completed',
      delimiter: '\t',
      rowsRead: 14,
      inserted: 6,
      updated: 0,
      unchanged: 2,
      rejected: 6,
    });
    expect(await errors(id)).toEqual([
      {
        line: 5,
        column: null,
        reason: 'duplicate event: line 2 has the same event_id "e1" with different values (the first is kept)',
      },
      {
        line: 8,
        column: 'customer_id',
        reason:
          'unknown customer_id "C404": no such customer (import customers first, or turn on "create missing customers")',
      },
      {
        line: 9,
        column: 'sku',
        reason:
          'unknown sku "SKU-404": no such product (import the catalogue first, or turn on "create stub products")',
      },
      { line: 10, column: 'campaign_id', reason: 'unknown campaign_id 999: no such campaign' },
      { line: 13, column: 'event_type', reason: expect.stringMatching(/^unknown event_type "teleport"/) },
      { line: 15, column: 'variant', reason: `unknown variant "z" for campaign ${campaignId}` },
    ]);
    expect(summary.cleaning).toMatchObject({
      duplicatesInFile: 2,
      eventTypesNormalised: 2,
      currencyConverted: 1,
      categoryPathsNormalised: 1,
    });
    expect(summary.notes.at(-1)).toBe(isPostgres(db.url) ? 'database: PostgreSQL' : 'database: SQLite');
    const events = await query<Record<string, unknown>>(
      db.url,
      `SELECT e."dedupKey", c."externalId" AS customer, e."type", e."ts", p."sku", k."path", e."query", e."price", e."variantId", e."source" FROM "Event" e JOIN "Customer" c ON c."id" = e."customerId" LEFT JOIN "Product" p ON p."id" = e."productId" LEFT JOIN "Category" k ON k."id" = e."categoryId" ORDER BY e."ts", e."dedupKey"`,
    );
    expect(
      events.map((e) => [
        String(e.dedupKey).startsWith('h:') ? 'hash' : e.dedupKey,
        e.customer,
        e.type,
        new Date(tsMs(e.ts)).toISOString(),
        e.sku,
        e.path,
        e.query,
        e.price === null ? null : Number(e.price),
        e.variantId === null ? null : 'variant',
        e.source,
      ]),
    ).toEqual([
      ['e1', 'C1', 'view', '2024-03-05T06:30:00.000Z', 'SKU-1', 'Sports > Running', null, null, null, 'import'],
      ['e2', 'C1', 'cart', '2024-03-05T06:31:00.000Z', 'SKU-1', 'Sports > Running', null, 11, null, 'import'],
      ['hash', 'C2', 'search', '2024-03-05T07:00:00.000Z', null, null, 'running shoes', null, null, 'import'],
      ['e7', 'C2', 'view', '2024-03-05T08:00:00.000Z', null, 'Sports > Running', null, null, null, 'import'],
      ['e9', 'C1', 'exposure', '2024-03-05T08:00:00.000Z', null, null, null, null, 'variant', 'import'],
      ['e6', 'C1', 'view', '2024-03-05T14:30:00.000Z', 'SKU-2', 'Home', null, null, null, 'import'],
    ]);
    expect(await count(db.url, 'Event')).toBe(6);
  });

  test('re-importing the same events changes nothing', async () => {
    const { summary } = await run('events', 'events.tsv', file(), { timezone: 'Asia/Shanghai' });
    expect(summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 8, rejected: 6 });
    expect(summary.cleaning).toMatchObject({ eventsAlreadyImported: 6, duplicatesInFile: 2 });
    expect(await count(db.url, 'Event')).toBe(6);
  });

  test('options: create missing customers and stub products', async () => {
    const { summary } = await run(
      'events',
      'auto.csv',
      'customer_id,event_type,timestamp,sku,price\nC9,view,2024-04-01,NEW-1,12.5\nC9,view,2024-04-02,NEW-1,12.5\n',
      { createMissingCustomers: true, createMissingProducts: true },
    );
    expect(summary).toMatchObject({ inserted: 2, rejected: 0 });
    expect(summary.cleaning).toMatchObject({ customersCreated: 1, productStubsCreated: 1 });
    const [p] = await query<Record<string, unknown>>(
      db.url,
      `SELECT "title", "price", "active", "attributes" FROM "Product" WHERE "sku" = 'NEW-1'`,
    );
    expect([p!.title, Number(p!.price), Boolean(p!.active)]).toEqual(['NEW-1', 12.5, false]);
  });
});

describe('orders', () => {
  const file = (status = '') =>
    [
      'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country,Currency,Status',
      `O1,SKU-1,x,2,13/12/2010 08:26,2.50,C1,UK,,${status}`,
      `O1,SKU-2,x,1,13/12/2010 08:26,10,C1,UK,,${status}`,
      `O1,SKU-1,x,2,13/12/2010 08:26,2.50,C1,UK,,${status}`,
      'O2,SKU-1,x,1,1/12/2010 09:00,5,C2,UK,EUR,',
      'O2,SKU-1,x,1,2/12/2010 09:00,5,C2,UK,EUR,',
      'O3,SKU-404,x,1,1/12/2010 09:00,1,C1,UK,,',
      'O4,SKU-1,x,1,1/12/2010 09:00,1,C404,UK,,',
      'O5,SKU-1,x,abc,1/12/2010 09:00,1,C1,UK,,',
    ].join('\n');

  const orders = () =>
    query<Record<string, unknown>>(
      db.url,
      'SELECT "externalId", "placedAt", "status", "currency", "total", "itemCount" FROM "Order" ORDER BY "externalId"',
    );

  test('UCI-shaped lines: d/m/y detected, positional line numbers, totals from lines, header conflicts', async () => {
    const { id, summary } = await run('orders', 'orders.csv', file());
    expect(summary).toMatchObject({ rowsRead: 8, inserted: 4, updated: 0, unchanged: 0, rejected: 4 });
    expect(summary.notes.join(' ')).toMatch(/day\/month\/year/);
    expect(await errors(id)).toEqual([
      {
        line: 6,
        column: null,
        reason:
          'order "O2" disagrees with its line 5: all lines of an order must have the same customer_id, order_date, status and currency',
      },
      { line: 7, column: 'StockCode', reason: expect.stringMatching(/^unknown sku "SKU-404"/) },
      { line: 8, column: 'CustomerID', reason: expect.stringMatching(/^unknown customer_id "C404"/) },
      { line: 9, column: 'Quantity', reason: 'quantity is not a number: "abc"' },
    ]);
    expect(
      (await orders()).map((o) => [
        o.externalId,
        new Date(tsMs(o.placedAt)).toISOString(),
        o.status,
        o.currency,
        Number(o.total),
        Number(o.itemCount),
      ]),
    ).toEqual([
      ['O1', '2010-12-13T08:26:00.000Z', 'completed', 'USD', 20, 5],
      ['O2', '2010-12-01T09:00:00.000Z', 'completed', 'EUR', 5.5, 1],
    ]);
    const lines = await query<Record<string, unknown>>(
      db.url,
      'SELECT o."externalId", l."lineNo", l."sku", l."quantity", l."unitPrice", l."total" FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId" ORDER BY o."externalId", l."lineNo"',
    );
    expect(lines.map((l) => [l.externalId, Number(l.lineNo), l.sku, Number(l.quantity), Number(l.total)])).toEqual([
      ['O1', 1, 'SKU-1', 2, 5],
      ['O1', 2, 'SKU-2', 1, 10],
      ['O1', 3, 'SKU-1', 2, 5],
      ['O2', 1, 'SKU-1', 1, 5.5],
    ]);
  });

  test('re-import: unchanged; a status change updates the order and counts its rows as updated', async () => {
    expect((await run('orders', 'orders.csv', file())).summary).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 4,
      rejected: 4,
    });
    expect((await run('orders', 'orders2.csv', file('refunded'))).summary).toMatchObject({
      inserted: 0,
      updated: 3,
      unchanged: 1,
      rejected: 4,
    });
    expect((await orders()).map((o) => [o.externalId, o.status, Number(o.total)])).toEqual([
      ['O1', 'returned', 20],
      ['O2', 'completed', 5.5],
    ]);
  });

  test('without a status, negative quantities are returns; an order mixing both is refused with the reason', async () => {
    const { id, summary } = await run(
      'orders',
      'returns.csv',
      [
        'order_id,sku,quantity,order_date,unit_price,customer_id',
        'C7,SKU-1,-2,2010-12-14 10:00,2.50,C1',
        'C7,SKU-2,-1,2010-12-14 10:00,10,C1',
        'O8,SKU-1,1,2010-12-14 11:00,2.50,C1',
        'O8,SKU-2,-1,2010-12-14 11:00,10,C1',
      ].join('\n'),
    );
    expect(summary).toMatchObject({ inserted: 3, rejected: 1 });
    expect(summary.cleaning).toMatchObject({ negativeLinesAsReturns: 3 });
    expect(await errors(id)).toEqual([
      {
        line: 5,
        column: null,
        reason:
          'order "O8" disagrees with its line 4: all lines of an order must have the same customer_id, order_date, status and currency (without a status, a negative quantity makes a line a return, so one order cannot mix purchases and returns: add a status column or give returns their own order id)',
      },
    ]);
    expect(
      (await orders())
        .filter((o) => ['C7', 'O8'].includes(String(o.externalId)))
        .map((o) => [o.externalId, o.status, Number(o.total)]),
    ).toEqual([
      ['C7', 'returned', -15],
      ['O8', 'completed', 2.5],
    ]);
  });
});
