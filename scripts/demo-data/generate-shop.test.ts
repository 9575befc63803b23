import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseCsv } from './read-csv';
import { CATALOGUE_HEADERS, CUSTOMER_HEADERS, EVENT_HEADERS, ORDER_HEADERS } from './rows';
import { groupBy, makeShop, type LoadedShop } from './test-shop';

const FILES = ['catalogue.csv', 'customers.csv', 'orders.csv', 'events.csv', 'truth.json'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const CJK = /[\u4e00-\u9fff]/;

const hashes = (dir: string) =>
  FILES.map((f) =>
    createHash('sha256')
      .update(readFileSync(path.join(dir, f)))
      .digest('hex'),
  );

let shop: LoadedShop;
const extra: string[] = [];

beforeAll(async () => {
  shop = await makeShop();
});

afterAll(() => {
  for (const dir of [shop.dir, ...extra]) rmSync(dir, { recursive: true, force: true });
});

describe('generateShop: determinism', () => {
  test('the same seed and options give byte-identical files; another seed does not', async () => {
    const again = await makeShop();
    const other = await makeShop({ seed: 8 });
    extra.push(again.dir, other.dir);
    expect(hashes(again.dir)).toEqual(hashes(shop.dir));
    expect(hashes(other.dir)[3]).not.toEqual(hashes(shop.dir)[3]);
  });

  test('reports counts that match the files', () => {
    const { counts, files } = shop.result;
    expect(counts.products).toBe(200);
    expect(counts.customers).toBe(600);
    expect(counts.events).toBe(shop.events.length);
    expect(counts.orderLines).toBe(shop.orders.length);
    expect(counts.orders).toBe(new Set(shop.orders.map((o) => o.order_id)).size);
    expect(files.events.bytes).toBeGreaterThan(0);
    expect(counts.events).toBeGreaterThan(27_000);
    expect(counts.events).toBeLessThan(33_000);
  });
});

describe('generateShop: canonical format', () => {
  test('headers are the canonical ones, every row has every column', () => {
    expect(shop.headers.catalogue).toEqual([...CATALOGUE_HEADERS]);
    expect(shop.headers.customers).toEqual([...CUSTOMER_HEADERS]);
    expect(shop.headers.orders).toEqual([...ORDER_HEADERS]);
    expect(shop.headers.events).toEqual([...EVENT_HEADERS]);
    for (const [name, width] of [
      ['catalogue.csv', 15],
      ['customers.csv', 14],
      ['orders.csv', 9],
      ['events.csv', 15],
    ] as const) {
      const rows = parseCsv(readFileSync(path.join(shop.dir, name), 'utf8'));
      expect(rows.filter((row) => row.length !== width)).toEqual([]);
    }
    expect(shop.catalogue.some((p) => p.title.includes(','))).toBe(true); // quoted cells survived
  });

  test('dates are ISO 8601 UTC, booleans true/false, money has two decimals', () => {
    const isBool = (x: string) => x === 'true' || x === 'false';
    expect(shop.events.filter((e) => !ISO.test(e.timestamp))).toEqual([]);
    expect(shop.orders.filter((o) => !ISO.test(o.order_date) || !/^\d+\.\d{2}$/.test(o.unit_price))).toEqual([]);
    expect(
      shop.customers.filter(
        (c) => !ISO.test(c.signup_date) || ![c.consent_email, c.consent_sms, c.consent_push].every(isBool),
      ),
    ).toEqual([]);
    expect(
      shop.catalogue.filter(
        (p) => !/^\d+\.\d{2}$/.test(p.price) || !isBool(p.active) || p.image_url !== `/images/products/${p.sku}.svg`,
      ),
    ).toEqual([]);
  });

  test('Chinese text: every title_zh, some descriptions, and both languages in search queries', () => {
    expect(shop.catalogue.every((p) => CJK.test(p.title_zh))).toBe(true);
    expect(
      shop.catalogue.every(
        (p) => CJK.test(p.category_zh) && p.category_zh.split(' > ').length === p.category.split(' > ').length,
      ),
    ).toBe(true);
    expect(shop.catalogue.some((p) => CJK.test(p.description))).toBe(true);
    const queries = shop.events.filter((e) => e.event_type === 'search').map((e) => e.query);
    expect(queries.filter((q) => CJK.test(q)).length / queries.length).toBeGreaterThan(0.4);
    expect(queries.some((q) => /^[a-z ]+$/.test(q))).toBe(true);
    expect(shop.customers.some((c) => CJK.test(c.name))).toBe(true);
  });

  test('the catalogue is a 2–3 level tree with brands spanning categories and a few inactive or sold-out products', () => {
    const depths = new Set(shop.catalogue.map((p) => p.category.split(' > ').length));
    expect([...depths].sort()).toEqual([2, 3]);
    expect(new Set(shop.catalogue.map((p) => p.category.split(' > ')[0])).size).toBe(8);
    const topsByBrand = groupBy(shop.catalogue, (p) => p.brand);
    expect([...topsByBrand.values()].some((ps) => new Set(ps.map((p) => p.category.split(' > ')[0])).size > 1)).toBe(
      true,
    );
    expect(shop.catalogue.some((p) => p.active === 'false')).toBe(true);
    expect(shop.catalogue.some((p) => p.active === 'true' && p.stock === '0')).toBe(true);
  });
});

describe('generateShop: consistency between files', () => {
  test('every event and order refers to an existing customer and sku', () => {
    const customers = new Set(shop.customers.map((c) => c.customer_id));
    const skus = new Set(shop.catalogue.map((p) => p.sku));
    expect(shop.events.filter((e) => !customers.has(e.customer_id) || (e.sku !== '' && !skus.has(e.sku)))).toEqual([]);
    expect(shop.orders.filter((o) => !customers.has(o.customer_id) || !skus.has(o.sku))).toEqual([]);
  });

  test('events are in time order inside the window with unique ids', () => {
    const { start, end } = shop.truth.window;
    expect(new Set(shop.events.map((e) => e.event_id)).size).toBe(shop.events.length);
    expect(shop.events.filter((e, i) => i > 0 && e.timestamp < shop.events[i - 1]!.timestamp)).toEqual([]);
    expect(shop.events.map((e) => e.event_id)).toEqual(shop.events.map((e) => e.event_id).sort());
    expect(shop.events[0]!.timestamp >= start).toBe(true);
    expect(shop.events.at(-1)!.timestamp <= end).toBe(true);
  });

  test("each order's lines equal its purchase events (customer, time, sku, quantity, price, currency)", () => {
    const purchases = groupBy(
      shop.events.filter((e) => e.event_type === 'purchase'),
      (e) => e.order_id,
    );
    const orders = groupBy(shop.orders, (o) => o.order_id);
    expect([...purchases.keys()].sort()).toEqual([...orders.keys()].sort());
    for (const [id, lines] of orders) {
      const events = purchases.get(id)!;
      expect(new Set(events.map((e) => e.session_id)).size).toBe(1);
      expect(lines.map((l) => Number(l.line_no))).toEqual(lines.map((_, i) => i + 1));
      const fromOrder = lines.map((l) =>
        [l.customer_id, l.order_date, l.sku, l.quantity, l.unit_price, l.currency].join('|'),
      );
      const fromEvents = events.map((e) =>
        [e.customer_id, e.timestamp, e.sku, e.quantity, e.price, e.currency].join('|'),
      );
      expect(fromEvents).toEqual(fromOrder);
      for (const l of lines) expect(Number(l.quantity)).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(shop.orders.map((o) => o.status))).toEqual(new Set(['completed', 'cancelled', 'returned']));
  });

  test('feedback scores are 1–5 on an earlier order of the same customer', () => {
    const orders = new Map(shop.orders.map((o) => [o.order_id, o]));
    const feedback = shop.events.filter((e) => e.event_type === 'feedback');
    expect(feedback.length).toBeGreaterThan(0);
    for (const f of feedback) {
      expect(['1', '2', '3', '4', '5']).toContain(f.value);
      const order = orders.get(f.order_id);
      expect(order?.customer_id).toBe(f.customer_id);
      expect(f.timestamp > order!.order_date).toBe(true);
    }
  });

  test('a small documented share of orders is paid in USD or HKD at the assumed rates', () => {
    const { currencyRates } = shop.truth;
    expect(currencyRates).toEqual({ CNY: 1, USD: 7.1, HKD: 0.91 });
    const foreign = shop.orders.filter((o) => o.currency !== 'CNY');
    expect(foreign.length / shop.orders.length).toBeGreaterThan(0.005);
    expect(foreign.length / shop.orders.length).toBeLessThan(0.15);
    const listPrice = new Map(shop.catalogue.map((p) => [p.sku, Number(p.price)]));
    for (const o of foreign) {
      const cny = Number(o.unit_price) * currencyRates[o.currency as 'USD' | 'HKD'];
      expect(cny).toBeLessThanOrEqual(listPrice.get(o.sku)! + 0.1);
      expect(cny).toBeGreaterThanOrEqual(listPrice.get(o.sku)! * 0.74);
    }
  });
});
