import type { RawDb } from '../raw';
import { Column, idOrMinus1 } from '../columns';
import { msOf, strOrNull, withSnapshot, type Reader } from './query';
import { realEventSql, SIMULATION_SOURCE } from '../real-events';

/** The behaviour a recommender learns from, as small integer codes (weights are a setting of the service). */
export const INTERACTION_KINDS = ['view', 'click', 'cart', 'purchase'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];
export const KIND_CODE: Record<string, number> = { view: 0, click: 1, cart: 2, purchase: 3 };

/**
 * Every interaction between a customer and a product, as flat columns (one row per event or order line, unsorted):
 * product views, clicks and carts from the events table; purchases from completed order lines, plus purchase events
 * that do not belong to an imported order (so a purchase sent both ways counts once).
 */
export type InteractionSource = {
  customer: Int32Array;
  product: Int32Array;
  /** code into INTERACTION_KINDS */
  kind: Uint8Array;
  /** epoch ms */
  ts: Float64Array;
  /** largest Event and OrderLine ids in the snapshot (rows above arrived later) and when it was read */
  watermark: Watermark;
};
export type Watermark = { eventId: number; lineId: number; at: number };

/** The purchase events that do not duplicate an imported order (shared by the snapshot and the live reads). */
const NOT_DUPLICATE_PURCHASE = `NOT (e."type" = 'purchase' AND e."orderRef" IS NOT NULL AND EXISTS (SELECT 1 FROM "Order" o WHERE o."externalId" = e."orderRef"))`;
const EVENT_KINDS = `e."type" IN ('view', 'click', 'cart', 'purchase')`;

export async function readWatermark(r: Reader): Promise<Watermark> {
  const [row] = await r.all(`SELECT (SELECT MAX("id") FROM "Event"), (SELECT MAX("id") FROM "OrderLine")`);
  return { eventId: Number(row?.[0] ?? 0), lineId: Number(row?.[1] ?? 0), at: Date.now() };
}

/**
 * Reads all interactions in one consistent snapshot, streaming into typed columns.
 * `sinceMs` limits the window (e.g. the last 365 days).
 */
export async function loadInteractionSource(
  raw: RawDb,
  options: { sinceMs?: number } = {},
): Promise<InteractionSource> {
  return withSnapshot(raw, async (r) => {
    const watermark = await readWatermark(r);
    const since = options.sinceMs ?? -1;
    const sinceParam = r.dialect === 'postgresql' ? new Date(Math.max(0, since)) : since;
    const customer = new Column(Int32Array, 1 << 16),
      product = new Column(Int32Array, 1 << 16);
    const kind = new Column(Uint8Array, 1 << 16),
      ts = new Column(Float64Array, 1 << 16);
    const push = (row: unknown[], k: number) => {
      customer.push(Number(row[0]));
      product.push(Number(row[1]));
      kind.push(k);
      ts.push(Number(row[2]));
    };
    await r.each(
      `SELECT e."customerId", e."productId", ${msOf(r, 'e."ts"')}, e."type" FROM "Event" e
       WHERE e."productId" IS NOT NULL AND ${EVENT_KINDS} AND ${realEventSql('e')} AND e."id" <= ? AND e."ts" >= ? AND ${NOT_DUPLICATE_PURCHASE}`,
      [watermark.eventId, sinceParam],
      (row) => push(row, KIND_CODE[String(row[3])] ?? 0),
    );
    await r.each(
      `SELECT o."customerId", l."productId", ${msOf(r, 'o."placedAt"')} FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId"
       WHERE l."productId" IS NOT NULL AND o."status" = 'completed' AND l."id" <= ? AND o."placedAt" >= ?`,
      [watermark.lineId, sinceParam],
      (row) => push(row, KIND_CODE.purchase!),
    );
    return { customer: customer.done(), product: product.done(), kind: kind.done(), ts: ts.done(), watermark };
  });
}

export type NewInteraction = { customerId: number; productId: number; kind: number; ts: number };

/**
 * Interactions that arrived after a watermark (events API, imports), oldest first, at most `limit` of each table;
 * returns the advanced watermark. The serving process polls this to keep popularity counters fresh.
 */
export async function interactionsAfter(
  r: Reader,
  after: Watermark,
  limit = 5000,
): Promise<{ rows: NewInteraction[]; watermark: Watermark }> {
  const rows: NewInteraction[] = [];
  let { eventId, lineId } = after;
  const events = await r.all(
    `SELECT e."id", e."customerId", e."productId", e."type", ${msOf(r, 'e."ts"')}, e."source" FROM "Event" e
     WHERE e."id" > ? ORDER BY e."id" LIMIT ${Math.floor(limit)}`,
    [after.eventId],
  );
  for (const row of events) {
    eventId = Math.max(eventId, Number(row[0]));
    const kind = KIND_CODE[String(row[3])];
    if (row[2] === null || row[2] === undefined || kind === undefined || row[5] === SIMULATION_SOURCE) continue;
    rows.push({ customerId: Number(row[1]), productId: Number(row[2]), kind, ts: Number(row[4]) });
  }
  const lines = await r.all(
    `SELECT l."id", o."customerId", l."productId", ${msOf(r, 'o."placedAt"')}, o."status" FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId"
     WHERE l."id" > ? ORDER BY l."id" LIMIT ${Math.floor(limit)}`,
    [after.lineId],
  );
  for (const row of lines) {
    lineId = Math.max(lineId, Number(row[0]));
    if (row[2] === null || row[2] === undefined || row[4] !== 'completed') continue;
    rows.push({ customerId: Number(row[1]), productId: Number(row[2]), kind: KIND_CODE.purchase!, ts: Number(row[3]) });
  }
  return { rows, watermark: { eventId, lineId, at: Date.now() } };
}

/**
 * Customers whose orders changed after `sinceMs` (an import touches `updatedAt` when a status or total changes): a line
 * read while its order was pending, or a purchase cancelled or returned since, changes their history although no new
 * line id appears after the watermark. Uses the updatedAt index.
 */
export async function customersWithOrdersChangedSince(r: Reader, sinceMs: number, limit = 5000): Promise<number[]> {
  const since = r.dialect === 'postgresql' ? new Date(sinceMs) : sinceMs;
  const rows = await r.all(
    `SELECT DISTINCT "customerId" FROM "Order" WHERE "updatedAt" > ? LIMIT ${Math.floor(limit)}`,
    [since],
  );
  return rows.map((row) => Number(row[0]));
}

export type CustomerHistoryRow = { productId: number; kind: number; ts: number };

/**
 * A customer's most recent product interactions, newest first (events and completed order lines), read at request
 * time so a view sent through the events API a second ago already counts. Uses the (customerId, ts) and
 * (customerId, placedAt) indexes.
 */
export async function customerHistory(r: Reader, customerId: number, limit = 200): Promise<CustomerHistoryRow[]> {
  const n = Math.floor(limit);
  const rows = await r.all(
    `SELECT * FROM (SELECT e."productId", e."type", ${msOf(r, 'e."ts"')} AS t FROM "Event" e
       WHERE e."customerId" = ? AND e."productId" IS NOT NULL AND ${EVENT_KINDS} AND ${realEventSql('e')} AND ${NOT_DUPLICATE_PURCHASE}
       ORDER BY e."ts" DESC LIMIT ${n}) a
     UNION ALL
     SELECT * FROM (SELECT l."productId", 'purchase', ${msOf(r, 'o."placedAt"')} AS t FROM "Order" o JOIN "OrderLine" l ON l."orderId" = o."id"
       WHERE o."customerId" = ? AND o."status" = 'completed' AND l."productId" IS NOT NULL
       ORDER BY o."placedAt" DESC LIMIT ${n}) b`,
    [customerId, customerId],
  );
  return rows
    .map((row) => ({ productId: Number(row[0]), kind: KIND_CODE[String(row[1])] ?? 0, ts: Number(row[2]) }))
    .sort((a, b) => b.ts - a.ts);
}

/** What a customer without product history told us: recent searches and browsed categories (cold-start profile). */
export async function customerSignals(
  r: Reader,
  customerId: number,
  limit = 30,
): Promise<{ queries: string[]; categoryIds: number[] }> {
  const rows = await r.all(
    `SELECT e."type", e."query", e."categoryId" FROM "Event" e WHERE e."customerId" = ? AND e."productId" IS NULL AND ${realEventSql('e')} AND e."type" IN ('search', 'view')
     ORDER BY e."ts" DESC LIMIT ${Math.floor(limit)}`,
    [customerId],
  );
  const queries: string[] = [],
    categoryIds: number[] = [];
  for (const row of rows) {
    const q = strOrNull(row[1]);
    if (q) queries.push(q);
    const c = idOrMinus1(row[2]);
    if (c >= 0) categoryIds.push(c);
  }
  return { queries, categoryIds };
}

export async function findCustomerId(r: Reader, externalId: string): Promise<number | null> {
  const [row] = await r.all(`SELECT "id" FROM "Customer" WHERE "externalId" = ?`, [externalId]);
  return row ? Number(row[0]) : null;
}

/** A product by numeric id or SKU. */
export async function findProductId(r: Reader, idOrSku: string): Promise<number | null> {
  const [bySku] = await r.all(`SELECT "id" FROM "Product" WHERE "sku" = ?`, [idOrSku]);
  if (bySku) return Number(bySku[0]);
  if (!/^\d{1,9}$/.test(idOrSku)) return null;
  const [byId] = await r.all(`SELECT "id" FROM "Product" WHERE "id" = ?`, [Number(idOrSku)]);
  return byId ? Number(byId[0]) : null;
}
