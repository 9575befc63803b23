import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  count,
  createImportJob,
  createScratchDatabase,
  dropScratchTemplate,
  query,
  type ScratchDb,
} from '@/lib/testing/db/scratch';
import { datasetPath, hasDataset } from '@/lib/testing/datasets';
import { previewImport } from './preview';
import { runImport } from './run-import';

// Real files through the same path as uploads. Golden numbers from an independent Python reference:
//   python3 scripts/reference/import/uci_orders_reference.py ../shared/datasets/online_retail_uci/online_retail_2010-12.csv.gz
// → {"rows": 42481, "rejected_no_customer": 15631, "rejected_header_conflict": 6, "lines": 26844, "orders": 1708,
//    "customers": 948, "skus": 2422, "revenue": 554564.96, "items": 296350, "returned_orders": 308, "returned_lines": 690}
describe.skipIf(!hasDataset('online_retail_uci'))('UCI Online Retail, December 2010, as orders', () => {
  let db: ScratchDb;
  let file: string;

  beforeAll(async () => {
    db = await createScratchDatabase();
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-uci-')), 'online_retail_2010-12.csv');
    fs.writeFileSync(
      file,
      zlib.gunzipSync(fs.readFileSync(datasetPath('online_retail_uci', 'online_retail_2010-12.csv.gz'))),
    );
  });

  afterAll(async () => {
    await db.drop();
    await dropScratchTemplate();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  test('preview proposes the mapping from the English headers', () => {
    const p = previewImport(file, 'orders');
    expect(p.ok && p.mapping.mapping).toEqual({
      order_id: 'InvoiceNo',
      sku: 'StockCode',
      quantity: 'Quantity',
      order_date: 'InvoiceDate',
      unit_price: 'UnitPrice',
      customer_id: 'CustomerID',
    });
    expect(p.ok && p.rows[0]).toEqual({
      line: 2,
      fields: [
        '536365',
        '85123A',
        'WHITE HANGING HEART T-LIGHT HOLDER',
        '6',
        '2010-12-01 08:26:00',
        '2.55',
        '17850.0',
        'United Kingdom',
      ],
      error: null,
    });
  });

  test('counts, totals and rejections match the reference', async () => {
    const id = await createImportJob(db.url, {
      kind: 'orders',
      filePath: file,
      options: { createMissingCustomers: true, createMissingProducts: true },
    });
    const s = await runImport(id, { url: db.url });
    expect(s).toMatchObject({
      status: 'completed',
      rowsRead: 42481,
      inserted: 26844,
      updated: 0,
      unchanged: 0,
      rejected: 15631 + 6,
    });
    expect(s.cleaning).toMatchObject({
      customersCreated: 948,
      productStubsCreated: 2422,
      idsNormalised: 26850,
      negativeLinesAsReturns: 690,
    });
    // the "C…" cancellation invoices (negative quantities, no status column) are returns, not purchases
    expect(await count(db.url, 'Order', `WHERE "status" = 'returned'`)).toBe(308);
    expect(await count(db.url, 'Order', `WHERE "status" = 'returned' AND "externalId" NOT LIKE 'C%'`)).toBe(0);
    expect(await count(db.url, 'Order')).toBe(1708);
    expect(await count(db.url, 'OrderLine')).toBe(26844);
    const [t] = await query<{ revenue: number; items: number }>(
      db.url,
      'SELECT sum("total") AS revenue, sum("itemCount") AS items FROM "Order"',
    );
    expect(Number(t!.revenue)).toBeCloseTo(554564.96, 2);
    expect(Number(t!.items)).toBe(296350);
    const n = async (like: string) =>
      count(db.url, 'ImportError', `WHERE "importId" = '${id}' AND "reason" LIKE '${like}'`);
    expect(await n('customer_id is required but the cell is empty')).toBe(15631);
    expect(
      await n(
        'order "%" disagrees with its line %: all lines of an order must have the same customer_id, order_date, status and currency',
      ),
    ).toBe(6);
    // and a second run changes nothing
    const again = await runImport(
      await createImportJob(db.url, {
        kind: 'orders',
        filePath: file,
        options: { createMissingCustomers: true, createMissingProducts: true },
      }),
      { url: db.url },
    );
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 26844, rejected: 15637 });
  }, 120_000);
});
