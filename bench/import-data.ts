// Deterministic synthetic shop files for the import benchmark and the import kill test: catalogue, customers and an
// events log whose customer ids and skus reference the first two. Seeded PRNG, so every run writes the same bytes.
import fs from 'node:fs';

export type ShopSize = { customers: number; products: number; events: number; seed?: number };

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES = [
  'Sports > Running > Shoes',
  'Sports > Running > Apparel',
  'Sports > Cycling',
  'Home > Kitchen > Cookware',
  'Home > Living > Lamps',
  'Beauty > Skincare',
  'Beauty > Fragrance',
  'Electronics > Audio > Headphones',
  'Electronics > Phones > Cases',
  'Books > Fiction',
  'Books > Cooking',
  'Toys > Puzzles',
];
const BRANDS = ['Acme', 'Nordlys', 'Kumo', 'Vela', 'Brightway', '山岚', 'Orbit', 'Tessera'];
const QUERIES = [
  'running shoes',
  'red lamp',
  '耳机',
  'gift for mum',
  'yoga mat',
  'wireless earbuds',
  'cookbook',
  'puzzle 1000',
];
const REGIONS = ['US', 'UK', 'DE', 'FR', 'CN', 'JP', 'BR'];

export const customerId = (i: number) => `C${String(i + 1).padStart(7, '0')}`;
export const sku = (i: number) => `SKU-${String(i + 1).padStart(5, '0')}`;

export function catalogueCsv(n: number, seed = 7) {
  const rnd = mulberry32(seed);
  const lines = ['sku,title,title_zh,category,brand,price,currency,stock,active'];
  for (let i = 0; i < n; i++) {
    const cat = CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!;
    const leaf = cat.split(' > ').at(-1)!;
    lines.push(
      `${sku(i)},${leaf} model ${i + 1},商品 ${i + 1},${cat},${BRANDS[i % BRANDS.length]},${(5 + rnd() * 195).toFixed(2)},USD,${Math.floor(rnd() * 500)},true`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function customersCsv(n: number, seed = 11) {
  const rnd = mulberry32(seed);
  const lines = ['customer_id,name,email,gender,birth_year,region,signup_date,consent_email'];
  for (let i = 0; i < n; i++) {
    const day = 1 + Math.floor(rnd() * 28);
    lines.push(
      `${customerId(i)},Customer ${i + 1},c${i + 1}@example.com,${rnd() < 0.5 ? 'f' : 'm'},${1950 + Math.floor(rnd() * 55)},${REGIONS[i % REGIONS.length]},2023-0${1 + (i % 9)}-${String(day).padStart(2, '0')},${rnd() < 0.6 ? 'yes' : 'no'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export const EVENT_HEADER =
  'event_id,customer_id,event_type,timestamp,session_id,sku,category,query,quantity,price,value,currency,campaign_id,variant,order_id';

function uuid(rnd: () => number) {
  const h = (n: number) =>
    Math.floor(rnd() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  return `${h(8)}-${h(4)}-4${h(3)}-${(8 + Math.floor(rnd() * 4)).toString(16)}${h(3)}-${h(6)}${h(6)}`;
}

/**
 * Writes an events CSV: sessions of views and searches that sometimes lead to a cart and a purchase, UUID event ids,
 * ISO timestamps in UTC. Returns the number of data rows written.
 */
export function writeEventsCsv(file: string, size: ShopSize) {
  const rnd = mulberry32(size.seed ?? 42);
  const fd = fs.openSync(file, 'w');
  let out = `${EVENT_HEADER}\n`;
  let rows = 0;
  let t = Date.UTC(2024, 0, 1);
  let session = 0;
  let order = 0;
  while (rows < size.events) {
    session++;
    const c = customerId(Math.floor(rnd() ** 1.5 * size.customers));
    const sid = `s${session.toString(36)}`;
    const steps = 1 + Math.floor(rnd() * 8);
    t += Math.floor(rnd() * 60_000);
    for (let s = 0; s < steps && rows < size.events; s++) {
      t += Math.floor(rnd() * 20_000);
      const p = sku(Math.floor(rnd() ** 2 * size.products));
      const price = (5 + rnd() * 195).toFixed(2);
      const ts = new Date(t).toISOString().replace('.000Z', 'Z');
      const r = rnd();
      let line: string;
      if (r < 0.12)
        line = `${uuid(rnd)},${c},search,${ts},${sid},,,${QUERIES[Math.floor(rnd() * QUERIES.length)]},,,,,,,`;
      else if (r < 0.8) line = `${uuid(rnd)},${c},view,${ts},${sid},${p},,,,${price},,USD,,,`;
      else if (r < 0.93) line = `${uuid(rnd)},${c},add_to_cart,${ts},${sid},${p},,,1,${price},,USD,,,`;
      else {
        const q = 1 + Math.floor(rnd() * 3);
        line = `${uuid(rnd)},${c},purchase,${ts},${sid},${p},,,${q},${price},${(q * Number(price)).toFixed(2)},USD,,,O${++order}`;
      }
      out += `${line}\n`;
      rows++;
      if (out.length > 1 << 20) {
        fs.writeSync(fd, out);
        out = '';
      }
    }
  }
  fs.writeSync(fd, out);
  fs.closeSync(fd);
  return rows;
}
