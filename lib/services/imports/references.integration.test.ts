import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ImportStore, openImportStore } from '@/lib/db/import/store';
import { emptyCleaningReport } from '@/lib/import/report';
import { createImportJob, createScratchDatabase, dropScratchTemplate, type ScratchDb } from '@/lib/testing/db/scratch';
import { References } from './references';
import { runImport } from './run-import';

let db: ScratchDb;
let dir: string;
let store: ImportStore;

async function importFile(kind: 'catalogue' | 'customers', content: string) {
  const filePath = path.join(dir, `${kind}-${Date.now()}.csv`);
  fs.writeFileSync(filePath, content);
  const s = await runImport(await createImportJob(db.url, { kind, filePath }), { url: db.url });
  expect(s).toMatchObject({ status: 'completed', rejected: 0 });
}

beforeAll(async () => {
  db = await createScratchDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-refs-'));
  await importFile('customers', 'customer_id,name\nC1,Ann\nC2,Bo\nC3,Cy\n');
  await importFile('catalogue', 'sku,title,price\nSKU-1,Shoe,10\nSKU-2,Lamp,20\n');
  store = await openImportStore(db.url);
});

afterAll(async () => {
  await store.close();
  await db.drop();
  await dropScratchTemplate();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('preloading references', () => {
  test('caches every customer and product when their ids stay within the limit', async () => {
    const refs = new References(store, emptyCleaningReport());
    await refs.preload(3);
    const customers = await store.findCustomers(['C1', 'C2', 'C3']);
    const products = await store.findProducts(['SKU-1', 'SKU-2']);
    expect(new Map(refs.customers)).toEqual(customers);
    expect(new Map(refs.products)).toEqual(products);
  });

  test('leaves a table out when its ids go above the limit, and still finds ids created after the preload', async () => {
    const refs = new References(store, emptyCleaningReport());
    await refs.preload(2);
    expect(refs.customers.size).toBe(0); // ids 1–3 > 2
    expect(refs.products.size).toBe(2);
    await importFile('customers', 'customer_id,name\nC4,Di\n');
    await refs.loadCustomers(['C1', 'C4'], false, Date.now());
    expect(new Map(refs.customers)).toEqual(await store.findCustomers(['C1', 'C4']));
    expect(refs.customers.size).toBe(2);
  });
});
