import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isPostgres } from '@/lib/db/url';
import {
  createImportJob,
  createScratchDatabase,
  dropScratchTemplate,
  query,
  type ScratchDb,
} from '@/lib/testing/db/scratch';
import { validateWorkerEntry } from './batch-source';
import { runImport } from './run-import';

let db: ScratchDb;
let dir: string;

beforeAll(async () => {
  db = await createScratchDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-import-worker-'));
  const now = isPostgres(db.url) ? new Date().toISOString() : Date.now();
  await query(db.url, `INSERT INTO "CurrencyRate" ("currency", "rateToBase", "updatedAt") VALUES ('EUR', 1.1, ?)`, [
    now,
  ]);
  for (const [kind, content] of [
    ['catalogue', 'sku,title,category,price\nSKU-1,Shoe,Sports > Running,10\nSKU-2,Lamp,Home,20\n'],
    ['customers', 'customer_id,name\nC1,Ann\nC2,Bo\n'],
  ] as const) {
    const filePath = path.join(dir, `${kind}.csv`);
    fs.writeFileSync(filePath, content);
    expect(await runImport(await createImportJob(db.url, { kind, filePath }), { url: db.url })).toMatchObject({
      status: 'completed',
      rejected: 0,
    });
  }
});

afterAll(async () => {
  await db.drop();
  await dropScratchTemplate();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every kind of row the validator and the writer treat differently, repeated so duplicates span chunks. */
const lines = [
  'event_id,customer_id,event_type,timestamp,sku,category,query,quantity,price,value,currency',
  'e1,C1,view,2024-03-05 14:30,SKU-1,,,,,,',
  'e2, C1 ,add_to_cart,2024-03-05T14:31:00+08:00,SKU-1,,,1,"1,234.5",,EUR',
  '',
  'e1,C1,view,2024-03-05 14:30,SKU-1,,,,,,',
  'e1,C1,view,2024-03-05 14:40,SKU-1,,,,,,',
  ',C2,search,2024-03-05 15:00,,,"running, shoes",,,,',
  ',C2,search,2024-03-05 15:00,,,"running, shoes",,,,',
  'e3,C404,view,2024-03-05 15:00,SKU-1,,,,,,',
  'e4,C1,view,2024-03-05 15:00,SKU-404,,,,,,',
  'e6,C1,浏览,1709649000,SKU-2,,,,,,',
  'e7,C2,view,2024-03-05 16:00,,sports/running,,,,,',
  'e8,C1,teleport,2024-03-05 16:00,,,,,,,',
  'e9,C1,purchase,2024-03-05 16:00,SKU-2,,,2,20,40,USD',
  'e10,C1,view,not a date,,,,,,,',
  'e11,C1,view,2024-03-05 16:00,,,,,,,,extra',
  'e12,C1,view',
  'e14,C1,view,2099-01-01 00:00,,,,,,,',
  'e15,C1,purchase,2024-03-05 16:00,SKU-2,,,0,20,0,USD',
  'e16,C1,purchase,2024-03-05 16:00,SKU-2,,,1,-20,-20,USD',
  '"e13,C1,view,2024-03-05 16:00,,,,,,,',
];

async function runMode(validateInWorker: boolean) {
  await query(db.url, 'DELETE FROM "Event"');
  const filePath = path.join(dir, `events-${validateInWorker}.csv`);
  fs.writeFileSync(filePath, `${lines.join('\n')}\n`);
  const id = await createImportJob(db.url, { kind: 'events', filePath, options: { batchSize: 3, commitRows: 4 } });
  const {
    importId: _id,
    durationMs: _d,
    rowsPerSec: _r,
    ...summary
  } = await runImport(id, {
    url: db.url,
    validateInWorker,
  });
  const [job] = await query<{ cleaning: unknown; cursorByte: number }>(
    db.url,
    'SELECT "cleaning", "cursorByte" FROM "ImportJob" WHERE "id" = ?',
    [id],
  );
  return {
    summary,
    job: { ...job, cleaning: typeof job!.cleaning === 'string' ? JSON.parse(job!.cleaning) : job!.cleaning },
    errors: await query(
      db.url,
      'SELECT "line", "column", "reason", "reasonKey", "params", "raw" FROM "ImportError" WHERE "importId" = ? ORDER BY "line", "id"',
      [id],
    ),
    events: await query(
      db.url,
      'SELECT "dedupKey", "customerId", "type", "ts", "productId", "categoryId", "query", "quantity", "price", "value" FROM "Event" ORDER BY "dedupKey"',
    ),
  };
}

describe('validation on a worker thread (impossible values included)', () => {
  test('accepts, rejects (same lines, reasons and raw rows), cleans and counts exactly as in the writer thread', async () => {
    expect(validateWorkerEntry()).not.toBeNull(); // else both runs would validate inline
    const inline = await runMode(false);
    const worker = await runMode(true);
    expect(inline.summary).toMatchObject({
      status: 'completed',
      rowsRead: 19,
      inserted: 6,
      unchanged: 2,
      rejected: 11,
    });
    expect(inline.errors.map((e) => [e.line, e.column])).toEqual([
      [6, null],
      [9, 'customer_id'],
      [10, 'sku'],
      [13, 'event_type'],
      [15, 'timestamp'],
      [16, null],
      [17, null],
      [18, 'timestamp'],
      [19, 'quantity'],
      [20, 'price'],
      [21, 'event_id'],
    ]);
    // impossible values: a catalogue key with its params, translated by the import report
    expect(inline.errors.slice(7, 10).map((e) => [e.reasonKey, JSON.parse(String(e.params))])).toEqual([
      ['importRejections.futureTimestamp', { field: 'timestamp', value: '2099-01-01T00:00:00.000Z' }],
      ['importRejections.purchaseQuantity', { value: 0 }],
      ['importRejections.negativePrice', { value: -20 }],
    ]);
    expect(inline.summary.cleaning).toMatchObject({
      blankLinesSkipped: 1,
      trimmedCells: 1,
      numbersNormalised: 1,
      currencyConverted: 1,
      duplicatesInFile: 2,
      eventTypesNormalised: 2,
    });
    expect(worker).toEqual(inline);
  });
});
