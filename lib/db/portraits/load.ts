import type { PortraitColumns } from '@/lib/engine/portrait/group-columns';
import type { RawDb } from '../raw';
import { Column, Dictionary, idOrMinus1, numOrNaN } from '../columns';
import { withSnapshot, type Snapshot } from './snapshot';
import { realEventSql } from '../real-events';

/** Everything the portrait engine reads (`PortraitColumns`), with the snapshot's watermark. */
export type PortraitSource = PortraitColumns & {
  /** largest Event and Order ids in the snapshot: rows above them arrived after the load */
  watermark: { eventId: number; orderId: number };
};

const ms = (s: Snapshot, column: string) =>
  s.dialect === 'postgresql' ? `(extract(epoch from ${column}) * 1000)::float8` : column;

/** `"customerId"` restricted to a set of ids, bound as one parameter (json_each on SQLite, ANY on PostgreSQL). */
function idFilter(
  s: Snapshot,
  column: string,
  ids: readonly number[] | null,
  first = 1,
): { sql: string; params: unknown[] } {
  if (ids === null) return { sql: '1=1', params: [] };
  return s.dialect === 'postgresql'
    ? { sql: `${column} = ANY($${first}::int4[])`, params: [ids] }
    : { sql: `${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(ids)] };
}

/**
 * Reads the portrait inputs in one consistent snapshot, streaming orders and events into typed columns. With
 * `customerIds`, only those customers' rows (the incremental refresh); products and categories are always complete
 * (price bands and the category tree are shop-wide).
 */
export async function loadPortraitSource(
  raw: RawDb,
  options: { customerIds?: readonly number[] } = {},
): Promise<PortraitSource> {
  const only = options.customerIds ? [...new Set(options.customerIds)].filter((v) => Number.isSafeInteger(v)) : null;
  return withSnapshot(raw, async (s) => {
    const [wm] = await s.all(`SELECT (SELECT MAX("id") FROM "Event"), (SELECT MAX("id") FROM "Order")`);
    const watermark = { eventId: Number(wm?.[0] ?? 0), orderId: Number(wm?.[1] ?? 0) };

    const customers = new Column(Int32Array, only ? Math.max(16, only.length) : 1 << 16);
    const cf = idFilter(s, '"id"', only);
    await s.each(`SELECT "id" FROM "Customer" WHERE ${cf.sql} ORDER BY "id"`, cf.params, (r) =>
      customers.push(Number(r[0])),
    );

    const oCustomer = new Column(Int32Array, 1 << 14);
    const oPlaced = new Column(Float64Array, 1 << 14);
    const oTotal = new Column(Float64Array, 1 << 14);
    const of = idFilter(s, '"customerId"', only);
    await s.each(
      `SELECT "customerId", ${ms(s, '"placedAt"')}, "total" FROM "Order" WHERE "status" = 'completed' AND ${of.sql}`,
      of.params,
      (r) => {
        oCustomer.push(Number(r[0]));
        oPlaced.push(Number(r[1]));
        oTotal.push(Number(r[2]));
      },
    );

    const cap = only ? 1 << 12 : 1 << 20;
    const eCustomer = new Column(Int32Array, cap);
    const eType = new Column(Int32Array, cap);
    const eTs = new Column(Float64Array, cap);
    const eProduct = new Column(Int32Array, cap);
    const eCategory = new Column(Int32Array, cap);
    const ePrice = new Column(Float64Array, cap);
    const eQuery = new Column(Int32Array, cap);
    const types = new Dictionary();
    const queries = new Dictionary();
    const ef = idFilter(s, '"customerId"', only);
    await s.each(
      `SELECT "customerId", "type", ${ms(s, '"ts"')}, "productId", "categoryId", "price", "query" FROM "Event" WHERE ${realEventSql()} AND ${ef.sql}`,
      ef.params,
      (r) => {
        eCustomer.push(Number(r[0]));
        eType.push(types.code(r[1]));
        eTs.push(Number(r[2]));
        eProduct.push(idOrMinus1(r[3]));
        eCategory.push(idOrMinus1(r[4]));
        ePrice.push(numOrNaN(r[5]));
        eQuery.push(queries.code(r[6]));
      },
    );

    const pId = new Column(Int32Array, 1 << 12);
    const pCategory = new Column(Int32Array, 1 << 12);
    const pPrice = new Column(Float64Array, 1 << 12);
    const pBrand: (string | null)[] = [];
    await s.each(`SELECT "id", "categoryId", "brand", "price" FROM "Product"`, [], (r) => {
      pId.push(Number(r[0]));
      pCategory.push(idOrMinus1(r[1]));
      pBrand.push(r[2] === null || r[2] === undefined ? null : String(r[2]));
      pPrice.push(numOrNaN(r[3]));
    });

    const categories = (await s.all(`SELECT "id", "path", "name", "nameZh" FROM "Category"`)).map((r) => ({
      id: Number(r[0]),
      path: String(r[1]).split(' > '),
      name: String(r[2]),
      nameZh: r[3] === null || r[3] === undefined ? null : String(r[3]),
    }));

    return {
      customerIds: customers.done(),
      orders: { customer: oCustomer.done(), placedAt: oPlaced.done(), total: oTotal.done() },
      events: {
        customer: eCustomer.done(),
        type: eType.done(),
        ts: eTs.done(),
        product: eProduct.done(),
        category: eCategory.done(),
        price: ePrice.done(),
        query: eQuery.done(),
      },
      eventTypes: types.values,
      queries: queries.values,
      products: { id: pId.done(), category: pCategory.done(), brand: pBrand, price: pPrice.done() },
      categories,
      watermark,
    };
  });
}

/** Customers with an event or a completed-or-not order above the watermark: those to refresh after a full run. */
export async function customersChangedSince(
  raw: RawDb,
  watermark: { eventId: number; orderId: number },
): Promise<number[]> {
  return withSnapshot(raw, async (s) => {
    const p = s.dialect === 'postgresql' ? ['$1', '$2'] : ['?', '?'];
    const rows = await s.all(
      `SELECT DISTINCT "customerId" FROM "Event" WHERE "id" > ${p[0]} UNION SELECT DISTINCT "customerId" FROM "Order" WHERE "id" > ${p[1]}`,
      [watermark.eventId, watermark.orderId],
    );
    return rows.map((r) => Number(r[0]));
  });
}
