import type { SegmentData } from '@/lib/engine/segment/types';
import type { RawDb } from '../raw';
import { q } from './sql';

/**
 * Test and benchmark support: replaces the segment-relevant tables' rows with a shop given as engine records,
 * keeping every id, so the SQL path and the in-memory evaluator see the same data. Never used by the app.
 */
const TABLES = [
  'OrderLine',
  'Order',
  'Event',
  'CustomerTag',
  'Tag',
  'CustomerProfile',
  'Customer',
  'ProductCategory',
  'Product',
  'Category',
];

type Row = Record<string, unknown>;
/** Events and order lines carry no id in engine records: an `id` property set by the caller wins over the position. */
const idOf = (row: object, k: number) => ('id' in row && typeof row.id === 'number' ? row.id : k + 1);
type Kind = 'time' | 'bool' | 'json' | 'plain';

/**
 * With `merge`, nothing is deleted and rows whose key exists are skipped: writing a whole shop over a part of it
 * written before adds the rest. `tagKeys` fixes Tag ids (by position) so both writes agree on them.
 */
export async function writeShop(
  db: RawDb,
  data: SegmentData,
  options: { now?: number; merge?: boolean; tagKeys?: readonly string[] } = {},
) {
  const now = options.now ?? Date.now();
  const tagIds = new Map<string, number>((options.tagKeys ?? []).map((k, i) => [k, i + 1]));
  for (const t of data.tags) if (!tagIds.has(t.key)) tagIds.set(t.key, tagIds.size + 1);
  const batches: [string, Row[], Record<string, Kind>][] = [
    [
      'Category',
      data.categories.map((c) => ({
        id: c.id,
        path: `cat-${c.id}`,
        name: `Category ${c.id}`,
        parentId: c.parentId,
        depth: 0,
      })),
      {},
    ],
    [
      'Product',
      data.products.map((p) => ({
        id: p.id,
        sku: `SKU-${p.id}`,
        title: `Product ${p.id}`,
        categoryId: p.categoryId,
        brand: p.brand,
        price: 1,
        createdAt: now,
        updatedAt: now,
      })),
      { createdAt: 'time', updatedAt: 'time' },
    ],
    [
      'ProductCategory',
      data.products.flatMap((p) => (p.categoryIds ?? []).map((categoryId) => ({ productId: p.id, categoryId }))),
      {},
    ],
    [
      'Customer',
      data.customers.map((c) => ({
        id: c.id,
        externalId: c.externalId,
        name: `Customer ${c.id}`,
        email: c.email,
        phone: c.phone,
        gender: c.gender,
        birthYear: c.birthYear,
        region: c.region,
        city: c.city,
        signupAt: c.signupAt,
        consentEmail: c.consentEmail,
        consentSms: c.consentSms,
        consentPush: c.consentPush,
        attributes: c.attributes,
        erasedAt: c.erasedAt,
        createdAt: now,
        updatedAt: now,
      })),
      {
        signupAt: 'time',
        erasedAt: 'time',
        createdAt: 'time',
        updatedAt: 'time',
        consentEmail: 'bool',
        consentSms: 'bool',
        consentPush: 'bool',
        attributes: 'json',
      },
    ],
    [
      'CustomerProfile',
      data.profiles.map((p) => ({ ...p, updatedAt: now })),
      { firstSeenAt: 'time', lastSeenAt: 'time', updatedAt: 'time' },
    ],
    [
      'Tag',
      [...tagIds]
        .filter(([key]) => data.tags.some((t) => t.key === key))
        .map(([key, id]) => ({
          id,
          key,
          kind: 'system',
          family: 'custom',
          label: key,
          createdAt: now,
          updatedAt: now,
        })),
      { createdAt: 'time', updatedAt: 'time' },
    ],
    [
      'CustomerTag',
      data.tags.map((t) => ({
        customerId: t.customerId,
        tagId: tagIds.get(t.key),
        score: t.score,
        source: 'system',
        updatedAt: now,
      })),
      { updatedAt: 'time' },
    ],
    [
      'Event',
      data.events.map((e, k) => ({
        id: idOf(e, k),
        dedupKey: `e${idOf(e, k)}`,
        customerId: e.customerId,
        type: e.type,
        ts: e.ts,
        productId: e.productId,
        categoryId: e.categoryId,
        campaignId: e.campaignId,
        source: 'import',
      })),
      { ts: 'time' },
    ],
    [
      'Order',
      data.orders.map((o) => ({
        id: o.id,
        externalId: `O${o.id}`,
        customerId: o.customerId,
        placedAt: o.placedAt,
        status: o.status,
        currency: 'USD',
        total: o.total,
        itemCount: 1,
        campaignId: o.campaignId,
        updatedAt: now,
      })),
      { placedAt: 'time', updatedAt: 'time' },
    ],
    [
      'OrderLine',
      data.orderLines.map((l, k) => ({
        id: idOf(l, k),
        orderId: l.orderId,
        lineNo: idOf(l, k),
        productId: l.productId,
        sku: 'SKU',
        quantity: 1,
        unitPrice: 1,
        total: 1,
      })),
      {},
    ],
  ];
  const pg = db.kind === 'postgresql';
  const value = (v: unknown, kind: Kind | undefined) => {
    if (v === null || v === undefined) return null;
    if (kind === 'time') return pg ? new Date(v as number).toISOString() : v;
    if (kind === 'bool') return pg ? v : v ? 1 : 0;
    if (kind === 'json') return v === 'json-null' ? 'null' : JSON.stringify(v);
    return v;
  };
  const statements: [string, unknown[]][] = options.merge ? [] : TABLES.map((t) => [`DELETE FROM ${q(t)}`, []]);
  for (const [table, rows, kinds] of batches) {
    if (rows.length === 0) continue;
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = rows.slice(start, start + 500);
      const params: unknown[] = [];
      const tuples = chunk.map((r) => {
        const marks = columns.map((c) => {
          params.push(value(r[c], kinds[c]));
          return pg ? `$${params.length}` : '?';
        });
        return `(${marks.join(', ')})`;
      });
      statements.push([
        `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${tuples.join(', ')}${options.merge ? ' ON CONFLICT DO NOTHING' : ''}`,
        params,
      ]);
    }
  }
  if (db.kind === 'sqlite') {
    db.conn.transaction(() => {
      for (const [sql, params] of statements) db.conn.prepare(sql).run(...params);
    })();
    return;
  }
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    // A superuser (test databases) skips the per-row foreign-key triggers: whole-table rewrites get ~10× faster.
    const { rows } = await client.query(`SELECT current_setting('is_superuser') AS su`);
    if (rows[0]?.su === 'on') await client.query('SET LOCAL session_replication_role = replica');
    await client.query('SET LOCAL synchronous_commit = off');
    for (const [sql, params] of statements) await client.query(sql, params);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}
