import { INDEXED_EVENT_TYPES, SegmentIndex } from '@/lib/engine/segment/columnar/segment-index';
import type { RawDb } from '../raw';
import {
  customerOf,
  customerSelect,
  eventOf,
  eventSelect,
  orderOf,
  orderSelect,
  productOf,
  productLinkSelect,
  productSelect,
  profileOf,
  profileSelect,
  withCategoryLinks,
} from './rows';
import { queryRows } from './runner';
import { SqlBuilder } from './sql';

/**
 * Builds the columnar segment index from the database and keeps it fresh incrementally:
 * - fast refresh (every live count that finds the index older than its staleness bound): events, orders and
 *   customers with ids above the last seen — primary-key range reads, so new API events count within a second;
 * - slow refresh (every few seconds): customers, profiles, orders (status, total), tag rows and products whose
 *   updatedAt moved, tags whose Tag.updatedAt/computedAt moved (reloaded whole, which also catches removed rows), and
 *   the category tree.
 * Changes this cannot see (a deleted tag row without a Tag.updatedAt bump, an order's lines rewritten) wait for the
 * periodic full rebuild. On PostgreSQL, ids are re-read over a trailing margin because sequence values can commit out of order.
 */
export type IndexCursor = {
  eventId: number;
  orderId: number;
  customerId: number;
  /** epoch ms: rows updated at or after this are re-read by the slow refresh */
  updatedSince: number;
  /** ids seen within the PostgreSQL margin, so re-read rows are not appended twice */
  seen: { events: Set<number>; orders: Set<number> };
};

const BATCH = 100_000;
const PG_ID_MARGIN = 2_000;
/** Lets other requests run between batches (better-sqlite3 reads are synchronous). */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Slow refresh re-reads rows updated this long before it started: clock steps and in-flight transactions. */
const UPDATED_OVERLAP_MS = 5_000;

export type LoadStats = {
  customers: number;
  events: number;
  orders: number;
  tags: number;
  ms: number;
  phases: Record<string, number>;
};

export async function buildSegmentIndex(
  db: RawDb,
): Promise<{ index: SegmentIndex; cursor: IndexCursor; stats: LoadStats }> {
  const started = Date.now();
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  let mark = t0;
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - mark);
    mark = now;
  };
  const index = new SegmentIndex();
  const cursor: IndexCursor = {
    eventId: 0,
    orderId: 0,
    customerId: 0,
    updatedSince: started - UPDATED_OVERLAP_MS,
    seen: { events: new Set(), orders: new Set() },
  };
  await loadCatalogue(db, index);
  const customers = await readCustomers(db, index, cursor);
  phase('customers');
  for (const r of await queryRows(db, `SELECT ${profileSelect(db.kind)} FROM "CustomerProfile" p`))
    index.upsertProfile(profileOf(r));
  phase('profiles');
  let tags = 0;
  if (db.kind === 'sqlite') tags = await readTagsSqlite(db, index);
  else {
    for (const r of await queryRows(
      db,
      `SELECT ct."customerId", t."key", ct."score" FROM "CustomerTag" ct JOIN "Tag" t ON t."id" = ct."tagId"`,
    )) {
      index.appendTag(Number(r[0]), String(r[1]), Number(r[2]));
      tags++;
    }
  }
  phase('tags');
  const events = await readEvents(db, index, cursor);
  phase('events');
  const orders = await readOrders(db, index, cursor);
  phase('orders');
  index.compact();
  phase('compact');
  return { index, cursor, stats: { customers, events, orders, tags, ms: performance.now() - t0, phases } };
}

async function loadCatalogue(db: RawDb, index: SegmentIndex, since?: number) {
  index.categories = (await queryRows(db, `SELECT k."id", k."parentId" FROM "Category" k`)).map((r) => ({
    id: Number(r[0]),
    parentId: r[1] === null ? null : Number(r[1]),
  }));
  const b = new SqlBuilder(db.kind);
  const where = since === undefined ? '' : ` WHERE pr."updatedAt" >= ${b.time(since)}`;
  const { sql, params } = b.finish(`SELECT ${productSelect} FROM "Product" pr${where}`);
  const products = (await queryRows(db, sql, params)).map(productOf);
  const l = new SqlBuilder(db.kind);
  const changed =
    since === undefined
      ? ''
      : ` WHERE pc."productId" IN (SELECT pr."id" FROM "Product" pr WHERE pr."updatedAt" >= ${l.time(since)})`;
  const links = l.finish(`SELECT ${productLinkSelect} FROM "ProductCategory" pc${changed}`);
  for (const p of withCategoryLinks(products, await queryRows(db, links.sql, links.params))) index.upsertProduct(p);
}

/** Reads customers in id batches: those with an id above the cursor, or with `filter` every one it selects. */
async function readCustomers(db: RawDb, index: SegmentIndex, cursor: IndexCursor, filter?: (b: SqlBuilder) => string) {
  let n = 0;
  for (let after = filter ? 0 : cursor.customerId; ; ) {
    const b = new SqlBuilder(db.kind);
    const where = `${filter ? `${filter(b)} AND ` : ''}c."id" > ${b.int(after)}`;
    const { sql, params } = b.finish(
      `SELECT ${customerSelect(db.kind)} FROM "Customer" c WHERE ${where} ORDER BY c."id" LIMIT ${BATCH}`,
    );
    const rows = await queryRows(db, sql, params);
    for (const r of rows) {
      const c = customerOf(r, true);
      index.upsertCustomer(c);
      if (c.id > cursor.customerId) cursor.customerId = c.id;
    }
    n += rows.length;
    if (rows.length < BATCH) return n;
    after = Number(rows[rows.length - 1]![0]);
    await breathe();
  }
}

/** SQLite: one row of json_group_array columns, parsed. */
async function jsonColumns(db: Extract<RawDb, { kind: 'sqlite' }>, sql: string, params: unknown[]) {
  return ((await queryRows(db, sql, params))[0] as (string | number | null)[]).map((c) =>
    typeof c === 'string' ? (JSON.parse(c) as number[]) : c,
  );
}

async function readOrdersSqlite(db: Extract<RawDb, { kind: 'sqlite' }>, index: SegmentIndex, cursor: IndexCursor) {
  const orders = `SELECT max(id), count(*), json_group_array(id), json_group_array(customerId), json_group_array(placedAt), json_group_array(done), json_group_array(total), json_group_array(campaignId)
    FROM (SELECT o."id" AS id, o."customerId" AS customerId, o."placedAt" AS placedAt, CASE WHEN o."status" = 'completed' THEN 1 ELSE 0 END AS done, o."total" AS total, coalesce(o."campaignId", -1) AS campaignId
          FROM "Order" o WHERE o."id" > ? ORDER BY o."id" LIMIT ${BATCH})`;
  const lines = `SELECT json_group_array(orderId), json_group_array(productId) FROM (SELECT l."orderId" AS orderId, coalesce(l."productId", -1) AS productId FROM "OrderLine" l WHERE l."orderId" > ? AND l."orderId" <= ? ORDER BY l."orderId", l."lineNo")`;
  let n = 0;
  for (;;) {
    const [max, count, id, customer, placedAt, done, total, campaign] = (await jsonColumns(db, orders, [
      cursor.orderId,
    ])) as [number | null, number, ...number[][]];
    if (max === null) return n;
    const [lineOrder, lineProduct] = (await jsonColumns(db, lines, [cursor.orderId, max])) as number[][];
    let l = 0;
    for (let k = 0; k < count; k++) {
      index.appendOrderCoded(id![k]!, customer![k]!, placedAt![k]!, done![k]!, total![k]!, campaign![k]!);
      const from = l;
      while (l < lineOrder!.length && lineOrder![l] === id![k]) l++;
      index.endOrderLines(lineProduct!, from, l);
    }
    n += count;
    cursor.orderId = max;
    if (count < BATCH) return n;
    await breathe();
  }
}

async function readTagsSqlite(db: Extract<RawDb, { kind: 'sqlite' }>, index: SegmentIndex) {
  const keys = new Map(
    (await queryRows(db, `SELECT t."id", t."key" FROM "Tag" t`)).map((r) => [Number(r[0]), String(r[1])]),
  );
  const [[maxCustomer]] = (await queryRows(db, `SELECT coalesce(max("customerId"), 0) FROM "CustomerTag"`)) as [
    [number],
  ];
  const sql = `SELECT count(*), json_group_array(customerId), json_group_array(tagId), json_group_array(score) FROM (SELECT ct."customerId" AS customerId, ct."tagId" AS tagId, ct."score" AS score FROM "CustomerTag" ct WHERE ct."customerId" > ? AND ct."customerId" <= ?)`;
  let n = 0;
  for (let a = 0; a < maxCustomer; a += 50_000) {
    const [count, customer, tag, score] = (await jsonColumns(db, sql, [a, a + 50_000])) as [number, ...number[][]];
    for (let k = 0; k < count; k++) index.appendTag(customer![k]!, keys.get(tag![k]!)!, score![k]!);
    n += count;
    await breathe();
  }
  return n;
}

/**
 * SQLite bulk path: each chunk comes back as one JSON array per column (json_group_array), which parses ~2.5× faster
 * than a JS array per row and leaves far less garbage.
 */
async function readEventsSqlite(db: Extract<RawDb, { kind: 'sqlite' }>, index: SegmentIndex, cursor: IndexCursor) {
  const type = `CASE e."type" ${INDEXED_EVENT_TYPES.map((t, k) => `WHEN '${t}' THEN ${k}`).join(' ')} ELSE -1 END`;
  const { sql } = new SqlBuilder('sqlite').finish(
    `SELECT max(id), count(*), json_group_array(customerId), json_group_array(t), json_group_array(ts), json_group_array(productId), json_group_array(categoryId), json_group_array(campaignId)
     FROM (SELECT e."id" AS id, e."customerId" AS customerId, ${type} AS t, e."ts" AS ts, coalesce(e."productId", -1) AS productId, coalesce(e."categoryId", -1) AS categoryId, coalesce(e."campaignId", -1) AS campaignId
           FROM "Event" e WHERE e."id" > ? AND e."type" <> 'purchase' AND e."source" <> 'simulation' ORDER BY e."id" LIMIT ${BATCH})`,
  );
  let n = 0;
  for (;;) {
    const [max, count, ...columns] = (await queryRows(db, sql, [cursor.eventId]))[0] as [
      number | null,
      number,
      ...string[],
    ];
    const [customer, t, ts, product, category, campaign] = columns.map((c) => JSON.parse(c) as number[]) as number[][];
    for (let k = 0; k < count; k++)
      index.appendEventCoded(customer![k]!, t![k]!, ts![k]!, product![k]!, category![k]!, campaign![k]!);
    n += count;
    if (max !== null) cursor.eventId = max;
    if (count < BATCH) return n;
    await breathe();
  }
}

async function readEvents(db: RawDb, index: SegmentIndex, cursor: IndexCursor) {
  if (db.kind === 'sqlite') return readEventsSqlite(db, index, cursor);
  let n = 0;
  const margin = db.kind === 'postgresql' && cursor.eventId > 0 ? PG_ID_MARGIN : 0;
  for (let after = Math.max(0, cursor.eventId - margin); ; ) {
    const b = new SqlBuilder(db.kind);
    const { sql, params } = b.finish(
      `SELECT ${eventSelect(db.kind)} FROM "Event" e WHERE e."id" > ${b.int(after)} AND e."type" <> 'purchase' AND e."source" <> 'simulation' ORDER BY e."id" LIMIT ${BATCH}`,
    );
    const rows = await queryRows(db, sql, params);
    for (const r of rows) {
      const id = Number(r[0]);
      if (id <= cursor.eventId && cursor.seen.events.has(id)) continue;
      const e = eventOf(r);
      index.appendEvent(e.customerId, e.type, e.ts, e.productId, e.categoryId, e.campaignId);
      if (db.kind === 'postgresql') cursor.seen.events.add(id);
      n++;
    }
    if (rows.length) {
      after = Number(rows[rows.length - 1]![0]);
      cursor.eventId = Math.max(cursor.eventId, after);
    }
    prune(cursor.seen.events, cursor.eventId - PG_ID_MARGIN); // keeps the set to the margin, even during a build
    if (rows.length < BATCH) break;
    await breathe();
  }
  return n;
}

async function readOrders(db: RawDb, index: SegmentIndex, cursor: IndexCursor) {
  if (db.kind === 'sqlite') return readOrdersSqlite(db, index, cursor);
  let n = 0;
  const margin = db.kind === 'postgresql' && cursor.orderId > 0 ? PG_ID_MARGIN : 0;
  for (let after = Math.max(0, cursor.orderId - margin); ; ) {
    const b = new SqlBuilder(db.kind);
    const { sql, params } = b.finish(
      `SELECT ${orderSelect(db.kind)} FROM "Order" o WHERE o."id" > ${b.int(after)} ORDER BY o."id" LIMIT ${BATCH}`,
    );
    const rows = await queryRows(db, sql, params);
    if (rows.length === 0) break;
    const last = Number(rows[rows.length - 1]![0]);
    const lb = new SqlBuilder(db.kind);
    const lines = lb.finish(
      `SELECT l."orderId", l."productId" FROM "OrderLine" l WHERE l."orderId" > ${lb.int(after)} AND l."orderId" <= ${lb.int(last)} ORDER BY l."orderId", l."lineNo"`,
    );
    const byOrder = new Map<number, (number | null)[]>();
    for (const [orderId, productId] of await queryRows(db, lines.sql, lines.params)) {
      const k = Number(orderId);
      let list = byOrder.get(k);
      if (!list) {
        list = [];
        byOrder.set(k, list);
      }
      list.push(productId === null ? null : Number(productId));
    }
    for (const r of rows) {
      const o = orderOf(r);
      if (o.id <= cursor.orderId && cursor.seen.orders.has(o.id)) continue;
      index.appendOrder(o, byOrder.get(o.id) ?? []);
      if (db.kind === 'postgresql') cursor.seen.orders.add(o.id);
      n++;
    }
    after = last;
    cursor.orderId = Math.max(cursor.orderId, last);
    prune(cursor.seen.orders, cursor.orderId - PG_ID_MARGIN);
    if (rows.length < BATCH) break;
    await breathe();
  }
  return n;
}

function prune(set: Set<number>, below: number) {
  for (const id of set) if (id <= below) set.delete(id);
}

export type RefreshStats = {
  customers: number;
  events: number;
  orders: number;
  profiles: number;
  tags: number;
  ms: number;
};

/** Appends what was added since the last refresh; with `slow`, also re-reads rows whose updatedAt moved. */
export async function refreshSegmentIndex(
  db: RawDb,
  index: SegmentIndex,
  cursor: IndexCursor,
  options: { slow?: boolean } = {},
): Promise<RefreshStats> {
  const t0 = performance.now();
  const started = Date.now();
  const stats: RefreshStats = { customers: 0, events: 0, orders: 0, profiles: 0, tags: 0, ms: 0 };
  const since = cursor.updatedSince;
  // Appends first, so a slow refresh never delays new events behind its table scans.
  stats.customers += await readCustomers(db, index, cursor);
  stats.events = await readEvents(db, index, cursor);
  stats.orders = await readOrders(db, index, cursor);
  if (options.slow) {
    stats.customers += await readCustomers(db, index, cursor, (b) => `c."updatedAt" >= ${b.time(since)}`);
    await loadCatalogue(db, index, since);
    const ob = new SqlBuilder(db.kind);
    const changedOrders = ob.finish(
      `SELECT o."id", o."status", o."total" FROM "Order" o WHERE o."updatedAt" >= ${ob.time(since)}`,
    );
    for (const [id, status, total] of await queryRows(db, changedOrders.sql, changedOrders.params)) {
      if (index.updateOrder(Number(id), String(status), Number(total))) stats.orders++;
    }
    const pb = new SqlBuilder(db.kind);
    const profiles = pb.finish(
      `SELECT ${profileSelect(db.kind)} FROM "CustomerProfile" p WHERE p."updatedAt" >= ${pb.time(since)}`,
    );
    for (const r of await queryRows(db, profiles.sql, profiles.params)) {
      index.upsertProfile(profileOf(r));
      stats.profiles++;
    }
    const tb = new SqlBuilder(db.kind);
    const changedTags = tb.finish(
      `SELECT t."id", t."key" FROM "Tag" t WHERE t."updatedAt" >= ${tb.time(since)} OR t."computedAt" >= ${tb.time(since)}`,
    );
    const whole = new Set<string>();
    for (const [id, key] of await queryRows(db, changedTags.sql, changedTags.params)) {
      const rb = new SqlBuilder(db.kind);
      const rows = rb.finish(
        `SELECT ct."customerId", ct."score" FROM "CustomerTag" ct WHERE ct."tagId" = ${rb.int(Number(id))}`,
      );
      index.replaceTag(
        String(key),
        (await queryRows(db, rows.sql, rows.params)).map((r) => ({ customerId: Number(r[0]), score: Number(r[1]) })),
      );
      whole.add(String(key));
      stats.tags++;
    }
    const cb = new SqlBuilder(db.kind);
    const tagRows = cb.finish(
      `SELECT ct."customerId", t."key", ct."score" FROM "CustomerTag" ct JOIN "Tag" t ON t."id" = ct."tagId" WHERE ct."updatedAt" >= ${cb.time(since)}`,
    );
    for (const [customerId, key, score] of await queryRows(db, tagRows.sql, tagRows.params)) {
      if (whole.has(String(key))) continue;
      index.setTag(Number(customerId), String(key), Number(score));
      stats.tags++;
    }
    cursor.updatedSince = started - UPDATED_OVERLAP_MS;
  }
  stats.ms = performance.now() - t0;
  return stats;
}
