/** Test fixture: a small generated shop in a temporary folder, read back as records. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ShopTruth } from '../../lib/engine/simulate/index';
import { generateShop, type GenerateShopOptions, type GenerateShopResult } from './generate-shop';
import { readCsvRecords } from './read-csv';
import { CATALOGUE_HEADERS, CUSTOMER_HEADERS, EVENT_HEADERS, ORDER_HEADERS } from './rows';

export const SMALL_SHOP = { customers: 600, products: 200, events: 30_000, seed: 7 } as const;

type Row<H extends readonly string[]> = Record<H[number], string>;

export type LoadedShop = {
  dir: string;
  result: GenerateShopResult;
  catalogue: Row<typeof CATALOGUE_HEADERS>[];
  customers: Row<typeof CUSTOMER_HEADERS>[];
  orders: Row<typeof ORDER_HEADERS>[];
  events: Row<typeof EVENT_HEADERS>[];
  headers: Record<'catalogue' | 'customers' | 'orders' | 'events', string[]>;
  truth: ShopTruth;
};

export async function makeShop(options: Partial<GenerateShopOptions> = {}): Promise<LoadedShop> {
  const dir = mkdtempSync(path.join(tmpdir(), 'precisa-demo-'));
  const result = await generateShop({ ...SMALL_SHOP, ...options, out: dir });
  const catalogue = readCsvRecords(path.join(dir, 'catalogue.csv'), CATALOGUE_HEADERS);
  const customers = readCsvRecords(path.join(dir, 'customers.csv'), CUSTOMER_HEADERS);
  const orders = readCsvRecords(path.join(dir, 'orders.csv'), ORDER_HEADERS);
  const events = readCsvRecords(path.join(dir, 'events.csv'), EVENT_HEADERS);
  return {
    dir,
    result,
    catalogue: catalogue.records,
    customers: customers.records,
    orders: orders.records,
    events: events.records,
    headers: {
      catalogue: catalogue.headers,
      customers: customers.headers,
      orders: orders.headers,
      events: events.headers,
    },
    truth: JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as ShopTruth,
  };
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
