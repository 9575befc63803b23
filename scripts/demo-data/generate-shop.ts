/**
 * Writes a demo shop as canonical import files (catalogue.csv, customers.csv, orders.csv, events.csv and, unless
 * disabled, truth.json) into a folder. Events stream to disk a day at a time.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  buildShopModel,
  DEFAULT_SHOP_OPTIONS,
  simulateShop,
  toTruth,
  type ShopModelOptions,
} from '../../lib/engine/simulate/index';
import { CsvFile } from './csv';
import {
  CATALOGUE_HEADERS,
  catalogueRow,
  CUSTOMER_HEADERS,
  customerRow,
  EVENT_HEADERS,
  eventRow,
  ORDER_HEADERS,
  orderRows,
} from './rows';
import { ShopStatsCollector, type ShopStats } from './shop-stats';

export type GenerateShopOptions = Partial<ShopModelOptions> & {
  /** output folder (created if missing) */
  out: string;
  /** also write truth.json with the hidden model parameters (default true) */
  truth?: boolean;
};

export type GeneratedFile = { path: string; rows: number; bytes: number };

export type GenerateShopResult = {
  options: ShopModelOptions;
  files: {
    catalogue: GeneratedFile;
    customers: GeneratedFile;
    orders: GeneratedFile;
    events: GeneratedFile;
    truth: GeneratedFile | null;
  };
  counts: { products: number; customers: number; orders: number; orderLines: number; events: number };
  stats: ShopStats;
  durationMs: number;
};

const summary = (f: CsvFile): GeneratedFile => ({ path: f.path, rows: f.rows, bytes: f.bytes });

/**
 * Generates the shop and returns the written files, counts and measured statistics.
 * @example await generateShop({ out: 'data/demo', seed: 42 }) // default: 5,000 customers, 1,000 products, ~200k events
 */
export async function generateShop(options: GenerateShopOptions): Promise<GenerateShopResult> {
  const started = performance.now();
  const { out, truth = true, ...modelOptions } = options;
  if (!out) throw new RangeError('generateShop: out (output folder) is required');
  const model = buildShopModel({ ...DEFAULT_SHOP_OPTIONS, ...modelOptions });
  await mkdir(out, { recursive: true });

  const catalogue = await CsvFile.create(path.join(out, 'catalogue.csv'), CATALOGUE_HEADERS);
  for (const p of model.products) catalogue.write(catalogueRow(model, p));
  await catalogue.close();

  const events = await CsvFile.create(path.join(out, 'events.csv'), EVENT_HEADERS);
  const orders = await CsvFile.create(path.join(out, 'orders.csv'), ORDER_HEADERS);
  const stats = new ShopStatsCollector(model);
  const spend = new Float64Array(model.customers.length);
  for (const batch of simulateShop(model)) {
    stats.observe(batch);
    for (const e of batch.events) events.write(eventRow(model, e));
    for (const o of batch.orders) {
      for (const row of orderRows(model, o)) orders.write(row);
      if (o.status === 'completed') {
        const total = o.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
        spend[o.customer] = (spend[o.customer] ?? 0) + total * model.currencyRates[o.currency];
      }
    }
    await events.drain();
    await orders.drain();
  }
  await events.close();
  await orders.close();

  const customers = await CsvFile.create(path.join(out, 'customers.csv'), CUSTOMER_HEADERS);
  for (const c of model.customers) customers.write(customerRow(c, spend[c.index] ?? 0));
  await customers.close();

  let truthFile: GeneratedFile | null = null;
  if (truth) {
    const json = `${JSON.stringify(toTruth(model))}\n`;
    const truthPath = path.join(out, 'truth.json');
    await writeFile(truthPath, json, 'utf8');
    truthFile = { path: truthPath, rows: model.customers.length, bytes: Buffer.byteLength(json) };
  }

  const measured = stats.summary();
  return {
    options: model.options,
    files: {
      catalogue: summary(catalogue),
      customers: summary(customers),
      orders: summary(orders),
      events: summary(events),
      truth: truthFile,
    },
    counts: {
      products: catalogue.rows,
      customers: customers.rows,
      orders: measured.orders,
      orderLines: orders.rows,
      events: events.rows,
    },
    stats: measured,
    durationMs: Math.round(performance.now() - started),
  };
}
