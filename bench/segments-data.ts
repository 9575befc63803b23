// Generates a synthetic shop straight into a SQLite file (migrated schema, direct inserts, secondary indexes rebuilt
// after the load, then ANALYZE). Seeded, so every run writes the same rows. Used by bench/segments.ts.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type ShopSpec = { customers: number; events: number; seed?: number; now: number };

const DAY = 86_400_000;
const REGIONS = ['CN', 'US', 'UK', 'DE', 'FR', 'JP', 'BR'];
const CITIES = [
  'Shanghai',
  'Beijing',
  'Shenzhen',
  'New York',
  'Austin',
  'London',
  'Berlin',
  'Paris',
  'Tokyo',
  'São Paulo',
  'Chengdu',
  'Hangzhou',
];
const DOMAINS = ['gmail.com', 'qq.com', '163.com', 'outlook.com', 'yahoo.com', 'example.com'];
const ROOTS = ['Sports', 'Home', 'Beauty', 'Electronics', 'Books'];
const BRANDS = [
  'Acme',
  'Nordlys',
  'Kumo',
  'Vela',
  'Brightway',
  '山岚',
  'Orbit',
  'Tessera',
  ...Array.from({ length: 32 }, (_, k) => `Brand ${k + 1}`),
];
export const RFM_GROUPS = [
  'champions',
  'loyal',
  'potential-loyalists',
  'new',
  'promising',
  'needs-attention',
  'about-to-sleep',
  'at-risk',
  'cant-lose',
  'hibernating',
  'lost',
];
const STAGES = ['new', 'active', 'at-risk', 'churned', 'reactivated'];
const EVENT_MIX: [string, number][] = [
  ['view', 0.6],
  ['search', 0.1],
  ['cart', 0.12],
  ['click', 0.06],
  ['exposure', 0.07],
  ['open', 0.03],
  ['feedback', 0.01],
  ['purchase', 0.01],
];

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

/** Creates the schema from the migration files, loads the shop, rebuilds indexes. Returns timings. */
export function generateShop(file: string, spec: ShopSpec, log: (s: string) => void = () => {}) {
  const t0 = performance.now();
  fs.rmSync(file, { force: true });
  for (const ext of ['-wal', '-shm', '-journal']) fs.rmSync(file + ext, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  const migrations = path.resolve(import.meta.dirname, '../prisma/sqlite/migrations');
  for (const dir of fs
    .readdirSync(migrations)
    .filter((d) => fs.existsSync(path.join(migrations, d, 'migration.sql')))
    .sort())
    db.exec(fs.readFileSync(path.join(migrations, dir, 'migration.sql'), 'utf8'));
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -400000');
  const tables = [
    'Customer',
    'CustomerProfile',
    'Tag',
    'CustomerTag',
    'Category',
    'Product',
    'Event',
    'Order',
    'OrderLine',
  ];
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(',')})`,
    )
    .all(...tables) as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`);

  const rnd = mulberry32(spec.seed ?? 20_250_615);
  const now = spec.now;
  const n = spec.customers;
  const tx = (f: () => void) => db.transaction(f)();

  // Categories: 5 roots × 4 children × 3 leaves.
  const categories: { id: number; parent: number | null; path: string }[] = [];
  ROOTS.forEach((root) => {
    const r = categories.push({ id: categories.length + 1, parent: null, path: root });
    for (let c = 1; c <= 4; c++) {
      const child = categories.push({ id: categories.length + 1, parent: r, path: `${root} > ${root} ${c}` });
      for (let l = 1; l <= 3; l++)
        categories.push({ id: categories.length + 1, parent: child, path: `${root} > ${root} ${c} > Leaf ${l}` });
    }
  });
  const leaves = categories.filter((c) => c.path.split(' > ').length === 3);
  const products = Array.from({ length: 5000 }, (_, k) => ({
    id: k + 1,
    category: leaves[Math.floor(rnd() * leaves.length)]!.id,
    brand: BRANDS[Math.floor(rnd() ** 2 * BRANDS.length)]!,
    price: Math.round((5 + rnd() * 195) * 4) / 4,
  }));
  tx(() => {
    const ic = db.prepare(`INSERT INTO "Category" ("id", "path", "name", "parentId", "depth") VALUES (?, ?, ?, ?, ?)`);
    for (const c of categories)
      ic.run(c.id, c.path, c.path.split(' > ').at(-1), c.parent, c.path.split(' > ').length - 1);
    const ip = db.prepare(
      `INSERT INTO "Product" ("id", "sku", "title", "categoryId", "brand", "price", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const p of products) ip.run(p.id, `SKU-${p.id}`, `Product ${p.id}`, p.category, p.brand, p.price, now, now);
  });

  // Customers with a skewed activity weight (heavy users exist), profiles, tags.
  const weight = new Float64Array(n);
  tx(() => {
    const ic = db.prepare(
      `INSERT INTO "Customer" ("id", "externalId", "name", "email", "phone", "gender", "birthYear", "region", "city", "signupAt", "consentEmail", "consentSms", "consentPush", "attributes", "erasedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const ipr = db.prepare(
      `INSERT INTO "CustomerProfile" ("customerId", "orderCount", "revenue", "recencyDays", "rfmR", "rfmF", "rfmM", "rfmGroup", "lifecycle", "clv365", "churnProbability", "pAlive", "updatedAt") VALUES (?, 0, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const tagIds = new Map<string, number>();
    const it = db.prepare(
      `INSERT INTO "Tag" ("id", "key", "kind", "family", "label", "computedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const tag = (key: string, family: string) => {
      let id = tagIds.get(key);
      if (id === undefined) {
        id = tagIds.size + 1;
        it.run(id, key, family === 'custom' ? 'custom' : 'system', family, key, now, now, now);
        tagIds.set(key, id);
      }
      return id;
    };
    const ict = db.prepare(
      `INSERT INTO "CustomerTag" ("customerId", "tagId", "score", "source", "updatedAt") VALUES (?, ?, ?, 'system', ?)`,
    );
    for (let i = 0; i < n; i++) {
      const id = i + 1;
      weight[i] = rnd() ** -0.6 - 0.7; // Pareto-like activity
      const hasEmail = rnd() < 0.95;
      const tier = rnd();
      const attributes =
        tier < 0.7
          ? JSON.stringify({
              tier: tier < 0.1 ? 'gold' : tier < 0.35 ? 'silver' : 'bronze',
              points: String(Math.floor(rnd() * 5000)),
            })
          : null;
      ic.run(
        id,
        `C${String(id).padStart(8, '0')}`,
        `Customer ${id}`,
        hasEmail ? `c${id}@${DOMAINS[Math.floor(rnd() * DOMAINS.length)]}` : null,
        rnd() < 0.5 ? `+86 1380000${id}` : null,
        rnd() < 0.5 ? 'f' : 'm',
        1950 + Math.floor(rnd() * 56),
        REGIONS[Math.floor(rnd() ** 1.5 * REGIONS.length)],
        CITIES[Math.floor(rnd() * CITIES.length)],
        now - Math.floor(rnd() * 3 * 365 * DAY),
        rnd() < 0.6 ? 1 : 0,
        rnd() < 0.3 ? 1 : 0,
        rnd() < 0.4 ? 1 : 0,
        attributes,
        rnd() < 0.005 ? now - DAY : null,
        now,
        now,
      );
      if (rnd() < 0.85) {
        const group = RFM_GROUPS[Math.floor(rnd() * RFM_GROUPS.length)]!;
        ipr.run(
          id,
          Math.floor(rnd() * 365),
          1 + Math.floor(rnd() * 5),
          1 + Math.floor(rnd() * 5),
          1 + Math.floor(rnd() * 5),
          group,
          STAGES[Math.floor(rnd() * STAGES.length)],
          Math.round(Math.exp(3 + rnd() * 3) * 100) / 100,
          Math.round(rnd() * 1000) / 1000,
          Math.round(rnd() * 1000) / 1000,
          now,
        );
        ict.run(id, tag(`rfm:${group}`, 'rfm'), 1, now);
      }
      const interests = Math.floor(rnd() * 5);
      const seen = new Set<number>();
      for (let k = 0; k < interests; k++) {
        const cat = 1 + Math.floor(rnd() * 25);
        if (seen.has(cat)) continue;
        seen.add(cat);
        ict.run(id, tag(`interest:likes:category:${cat}`, 'interest'), Math.round(rnd() * 1000) / 1000, now);
      }
      if (rnd() < 0.02) ict.run(id, tag('custom:vip', 'custom'), 1, now);
    }
  });
  log(`customers ${n} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Cumulative weights for picking a customer in proportion to activity.
  const cum = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) cum[i] = acc += weight[i]!;
  const pick = () => {
    const x = rnd() * acc;
    let lo = 0,
      hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  const product = () => products[Math.floor(rnd() ** 1.8 * products.length)]!;
  const mixCum: number[] = [];
  for (const [, p] of EVENT_MIX) mixCum.push((mixCum.at(-1) ?? 0) + p);

  // Events and orders, day by day over the last year (ids follow time, as in a live shop).
  const days = 365;
  const perDay = spec.events / days;
  const ordersPerDay = (n * 4) / days;
  let eventId = 0,
    orderId = 0,
    lineId = 0;
  const ie = db.prepare(
    `INSERT INTO "Event" ("id", "dedupKey", "customerId", "type", "ts", "productId", "categoryId", "campaignId", "query", "value", "source") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'import')`,
  );
  const io = db.prepare(
    `INSERT INTO "Order" ("id", "externalId", "customerId", "placedAt", "status", "currency", "total", "itemCount", "campaignId", "updatedAt") VALUES (?, ?, ?, ?, ?, 'USD', ?, ?, ?, ?)`,
  );
  const il = db.prepare(
    `INSERT INTO "OrderLine" ("id", "orderId", "lineNo", "productId", "sku", "quantity", "unitPrice", "total") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (let d = days; d > 0; d--) {
    const dayStart = now - d * DAY;
    const times = Array.from({ length: Math.round(perDay) }, () => dayStart + Math.floor(rnd() * DAY)).sort(
      (a, b) => a - b,
    );
    const orderTimes = Array.from({ length: Math.round(ordersPerDay) }, () => dayStart + Math.floor(rnd() * DAY)).sort(
      (a, b) => a - b,
    );
    tx(() => {
      for (const ts of times) {
        const r = rnd();
        const type = EVENT_MIX[mixCum.findIndex((c) => r < c)]?.[0] ?? 'view';
        const withProduct = type === 'view' || type === 'cart' || type === 'click' || type === 'purchase';
        const p = withProduct ? product() : null;
        const campaign = type === 'exposure' || type === 'open' || type === 'click' ? 1 + Math.floor(rnd() * 20) : null;
        eventId++;
        ie.run(
          eventId,
          `e${eventId}`,
          pick(),
          type,
          ts,
          p?.id ?? null,
          p?.category ?? null,
          campaign,
          type === 'search' ? 'running shoes' : null,
          type === 'feedback' ? 1 + Math.floor(rnd() * 5) : null,
        );
      }
      for (const ts of orderTimes) {
        orderId++;
        const lines = 1 + Math.floor(rnd() * 3);
        let total = 0;
        for (let l = 1; l <= lines; l++) {
          const p = product();
          const q = 1 + Math.floor(rnd() * 2);
          total += p.price * q;
          il.run(++lineId, orderId, l, p.id, `SKU-${p.id}`, q, p.price, p.price * q);
        }
        const s = rnd();
        io.run(
          orderId,
          `O${orderId}`,
          pick(),
          ts,
          s < 0.92 ? 'completed' : s < 0.97 ? 'cancelled' : 'returned',
          total,
          lines,
          rnd() < 0.1 ? 1 + Math.floor(rnd() * 20) : null,
          ts,
        );
      }
    });
    if (d % 73 === 0)
      log(`events ${eventId}, orders ${orderId} at day −${d} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const loaded = performance.now();
  for (const i of indexes) db.exec(i.sql);
  db.exec('ANALYZE');
  db.pragma('journal_mode = WAL');
  db.close();
  return {
    customers: n,
    events: eventId,
    orders: orderId,
    lines: lineId,
    loadSeconds: (loaded - t0) / 1000,
    indexSeconds: (performance.now() - loaded) / 1000,
  };
}
