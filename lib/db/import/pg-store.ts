import type pg from 'pg';
import type { RowCounts } from '../../import/report';
import { sharedPgPool } from '../connections';
import {
  ROW_INSERTED,
  ROW_UNCHANGED,
  ROW_UPDATED,
  type CategoryLink,
  type CategoryRecord,
  type ErrorRecord,
  type ImportJobRecord,
  type ImportStore,
  type JobPatch,
  type JobProgress,
  type KeyTable,
  LINE_KEY_SEP,
  type NewCategory,
  type ProductRef,
} from './store';
import { type Column, pgTimestamp, pgUpsert } from './tables';

const toMs = (v: unknown) => (v instanceof Date ? v.getTime() : v === null || v === undefined ? null : Number(v));

/**
 * PostgreSQL import store: one pooled connection held for the import, so a batch's statements share its
 * transaction. Bulk writes pass one array per column and `unnest` them: a single statement per table and batch,
 * with no 65,535-parameter limit. `timestamp(3)` values travel as UTC text.
 */
export class PgImportStore implements ImportStore {
  readonly dialect = 'postgresql' as const;
  readonly engine = 'PostgreSQL';
  private readonly sql = new WeakMap<readonly Column[], string>();

  private constructor(private readonly client: pg.PoolClient) {}

  /** Holds one client of the process's shared pool until `close`. */
  static async open(url: string) {
    const client = await sharedPgPool(url).connect();
    // timestamp(3) columns are UTC wall-clock values; read them back as such whatever the server's zone.
    await client.query(`SET TIME ZONE 'UTC'`);
    return new PgImportStore(client);
  }

  private async rows<T>(text: string, values: unknown[] = []): Promise<T[]> {
    return (await this.client.query(text, values)).rows as T[];
  }

  async getJob(id: string): Promise<ImportJobRecord | null> {
    const [row] = await this.rows<Record<string, unknown>>('SELECT * FROM "ImportJob" WHERE "id" = $1', [id]);
    if (!row) return null;
    for (const k of ['startedAt', 'finishedAt', 'createdAt']) row[k] = toMs(row[k]);
    return row as ImportJobRecord;
  }

  async updateJob(id: string, patch: JobPatch) {
    const keys = Object.keys(patch) as (keyof JobPatch)[];
    if (!keys.length) return;
    const values = keys.map((k) =>
      k === 'mapping'
        ? JSON.stringify(patch[k])
        : k === 'startedAt' || k === 'finishedAt'
          ? pgTimestamp(patch[k] ?? null)
          : patch[k],
    );
    await this.client.query(
      `UPDATE "ImportJob" SET ${keys.map((k, i) => `"${k}" = $${i + 1}`).join(', ')} WHERE "id" = $${keys.length + 1}`,
      [...values, id],
    );
  }

  async baseCurrency() {
    const [row] = await this.rows<{ value: unknown }>(`SELECT "value" FROM "Setting" WHERE "key" = 'shop.currency'`);
    return typeof row?.value === 'string' ? row.value.toUpperCase() : null;
  }

  async currencyRates() {
    const rows = await this.rows<{ currency: string; rateToBase: number }>(
      'SELECT "currency", "rateToBase" FROM "CurrencyRate"',
    );
    return new Map(rows.map((r) => [r.currency.toUpperCase(), Number(r.rateToBase)]));
  }

  async categories() {
    return this.rows<CategoryRecord>('SELECT "id", "path", "nameZh", "parentId", "depth" FROM "Category"');
  }

  async brands() {
    return (await this.rows<{ brand: string }>('SELECT DISTINCT "brand" FROM "Product" WHERE "brand" IS NOT NULL')).map(
      (r) => r.brand,
    );
  }

  /** Nothing changes here: every upsert is already one statement over arrays of the whole chunk. */
  bulkEvents() {}

  async begin(jobId: string) {
    await this.client.query('BEGIN');
    // Row lock: a second runner of the same import waits here, then sees the cursor moved and stops.
    const [row] = await this.rows<{ cursorByte: number }>(
      'SELECT "cursorByte" FROM "ImportJob" WHERE "id" = $1 FOR UPDATE',
      [jobId],
    );
    return row ? Number(row.cursorByte) : -1;
  }

  async commit() {
    await this.client.query('COMMIT');
  }

  async rollback() {
    await this.client.query('ROLLBACK');
  }

  async saveProgress(jobId: string, p: JobProgress) {
    await this.client.query(
      'UPDATE "ImportJob" SET "cursorByte" = $1, "cursorLine" = $2, "rowsRead" = $3, "inserted" = $4, "updated" = $5, "unchanged" = $6, "rejected" = $7, "cleaning" = $8, "processingMs" = $9 WHERE "id" = $10',
      [
        p.cursorByte,
        p.cursorLine,
        p.rowsRead,
        p.inserted,
        p.updated,
        p.unchanged,
        p.rejected,
        JSON.stringify(p.cleaning),
        Math.round(p.processingMs),
        jobId,
      ],
    );
  }

  async insertErrors(jobId: string, errors: readonly ErrorRecord[]) {
    if (!errors.length) return;
    await this.client.query(
      'INSERT INTO "ImportError" ("importId", "line", "column", "reason", "reasonKey", "params", "raw") SELECT $1, * FROM unnest($2::int4[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])',
      [
        jobId,
        errors.map((e) => e.line),
        errors.map((e) => e.column),
        errors.map((e) => e.reason),
        errors.map((e) => e.reasonKey ?? null),
        errors.map((e) => e.params ?? null),
        errors.map((e) => e.raw.replaceAll('\u0000', '')),
      ],
    );
  }

  async findCustomers(externalIds: readonly string[]) {
    if (!externalIds.length) return new Map<string, number>();
    const rows = await this.rows<{ id: number; externalId: string }>(
      'SELECT "id", "externalId" FROM "Customer" WHERE "externalId" = ANY($1::text[])',
      [externalIds],
    );
    return new Map(rows.map((r) => [r.externalId, r.id]));
  }

  private async maxId(table: 'Customer' | 'Product') {
    const [row] = await this.rows<{ max: number | null }>(`SELECT max("id") AS max FROM "${table}"`, []);
    return row?.max ?? 0;
  }

  async allCustomers(limit: number) {
    if ((await this.maxId('Customer')) > limit) return null;
    const rows = await this.rows<{ id: number; externalId: string }>('SELECT "id", "externalId" FROM "Customer"', []);
    return new Map(rows.map((r) => [r.externalId, r.id]));
  }

  async allProducts(limit: number) {
    if ((await this.maxId('Product')) > limit) return null;
    const rows = await this.rows<{ id: number; sku: string; categoryId: number | null }>(
      'SELECT "id", "sku", "categoryId" FROM "Product"',
      [],
    );
    return new Map<string, ProductRef>(rows.map((r) => [r.sku, { id: r.id, categoryId: r.categoryId }]));
  }

  async createCustomers(externalIds: readonly string[], now: number) {
    if (externalIds.length) {
      await this.client.query(
        'INSERT INTO "Customer" ("externalId", "createdAt", "updatedAt") SELECT x, $2::timestamp(3), $2::timestamp(3) FROM unnest($1::text[]) AS x ON CONFLICT ("externalId") DO NOTHING',
        [externalIds, pgTimestamp(now)],
      );
    }
    return this.findCustomers(externalIds);
  }

  async findProducts(skus: readonly string[]) {
    if (!skus.length) return new Map<string, ProductRef>();
    const rows = await this.rows<{ id: number; sku: string; categoryId: number | null }>(
      'SELECT "id", "sku", "categoryId" FROM "Product" WHERE "sku" = ANY($1::text[])',
      [skus],
    );
    return new Map<string, ProductRef>(rows.map((r) => [r.sku, { id: r.id, categoryId: r.categoryId }]));
  }

  async linkProductCategories(links: readonly CategoryLink[]) {
    if (!links.length) return 0;
    const ids = await this.findProducts([...new Set(links.map((l) => l.sku))]);
    const cleared = links.filter((l) => l.primary && ids.has(l.sku)).map((l) => ids.get(l.sku)!.id);
    if (cleared.length)
      await this.client.query('DELETE FROM "ProductCategory" WHERE "productId" = ANY($1::int4[])', [cleared]);
    let added = 0;
    for (const primary of [true, false]) {
      const pairs = links.filter((l) => l.primary === primary && l.categoryId !== null && ids.has(l.sku));
      if (!pairs.length) continue;
      const r = await this.client.query(
        'INSERT INTO "ProductCategory" ("productId", "categoryId") SELECT * FROM unnest($1::int4[], $2::int4[]) ON CONFLICT DO NOTHING',
        [pairs.map((l) => ids.get(l.sku)!.id), pairs.map((l) => l.categoryId)],
      );
      if (!primary) added += r.rowCount ?? 0;
    }
    return added;
  }

  async createStubProducts(stubs: readonly { sku: string; price: number }[], now: number) {
    if (stubs.length) {
      await this.client.query(
        `INSERT INTO "Product" ("sku", "title", "price", "active", "attributes", "createdAt", "updatedAt") SELECT s, s, p, false, '{"stub":true}'::jsonb, $3::timestamp(3), $3::timestamp(3) FROM unnest($1::text[], $2::float8[]) AS u(s, p) ON CONFLICT ("sku") DO NOTHING`,
        [stubs.map((s) => s.sku), stubs.map((s) => s.price), pgTimestamp(now)],
      );
    }
    return this.findProducts(stubs.map((s) => s.sku));
  }

  async createCategories(cats: readonly NewCategory[]) {
    if (!cats.length) return new Map<string, number>();
    await this.client.query(
      'INSERT INTO "Category" ("path", "name", "parentId", "depth") SELECT * FROM unnest($1::text[], $2::text[], $3::int4[], $4::int4[]) ON CONFLICT ("path") DO NOTHING',
      [cats.map((c) => c.path), cats.map((c) => c.name), cats.map((c) => c.parentId), cats.map((c) => c.depth)],
    );
    const rows = await this.rows<{ id: number; path: string }>(
      'SELECT "id", "path" FROM "Category" WHERE "path" = ANY($1::text[])',
      [cats.map((c) => c.path)],
    );
    return new Map(rows.map((r) => [r.path, r.id]));
  }

  async nameCategoriesZh(names: readonly { path: string; nameZh: string }[]) {
    if (!names.length) return;
    await this.client.query(
      'UPDATE "Category" AS c SET "nameZh" = n.name_zh FROM unnest($1::text[], $2::text[]) AS n(path, name_zh) WHERE c."path" = n.path',
      [names.map((n) => n.path), names.map((n) => n.nameZh)],
    );
  }

  async findCampaignVariants(campaignIds: readonly number[]) {
    const out = new Map<number, Map<string, number>>();
    if (!campaignIds.length) return out;
    for (const r of await this.rows<{ id: number }>('SELECT "id" FROM "Campaign" WHERE "id" = ANY($1::int4[])', [
      campaignIds,
    ]))
      out.set(r.id, new Map());
    for (const v of await this.rows<{ id: number; campaignId: number; key: string }>(
      'SELECT "id", "campaignId", "key" FROM "CampaignVariant" WHERE "campaignId" = ANY($1::int4[])',
      [campaignIds],
    )) {
      out.get(v.campaignId)?.set(v.key, v.id).set(String(v.id), v.id);
    }
    return out;
  }

  async existingKeys(table: KeyTable, keys: readonly string[]) {
    if (!keys.length) return new Set<string>();
    if (table === 'OrderLine') {
      const orders = [...new Set(keys.map((k) => k.slice(0, k.indexOf(LINE_KEY_SEP))))];
      const rows = await this.rows<{ k: string }>(
        `SELECT o."externalId" || chr(1) || l."lineNo" AS k FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId" WHERE o."externalId" = ANY($1::text[])`,
        [orders],
      );
      return new Set(rows.map((r) => r.k));
    }
    // "EventKey" holds every stored event's key in one index ("Event" is partitioned by month here)
    const [from, col] =
      table === 'Event' ? ['EventKey', 'dedupKey'] : [table, table === 'Product' ? 'sku' : 'externalId'];
    const rows = await this.rows<{ k: string }>(
      `SELECT "${col}" AS k FROM "${from}" WHERE "${col}" = ANY($1::text[])`,
      [keys],
    );
    return new Set(rows.map((r) => r.k));
  }

  async hasErasedIdentifiers() {
    return (await this.rows('SELECT 1 FROM "ErasedIdentifier" LIMIT 1', [])).length > 0;
  }

  async erasedIdentifiers(pseudonyms: readonly string[]) {
    if (!pseudonyms.length) return new Map<string, number>();
    const rows = await this.rows<{ pseudonym: string; at: Date }>(
      'SELECT "pseudonym", "erasedAt" AS at FROM "ErasedIdentifier" WHERE "pseudonym" = ANY($1::text[])',
      [pseudonyms],
    );
    return new Map(rows.map((r) => [r.pseudonym, toMs(r.at) ?? 0]));
  }

  async liftErasedIdentifiers(pseudonyms: readonly string[]) {
    if (pseudonyms.length)
      await this.client.query('DELETE FROM "ErasedIdentifier" WHERE "pseudonym" = ANY($1::text[])', [pseudonyms]);
  }

  async orderIds(externalIds: readonly string[]) {
    if (!externalIds.length) return new Map<string, number>();
    const rows = await this.rows<{ id: number; externalId: string }>(
      'SELECT "id", "externalId" FROM "Order" WHERE "externalId" = ANY($1::text[])',
      [externalIds],
    );
    return new Map(rows.map((r) => [r.externalId, r.id]));
  }

  async upsert(
    table: string,
    cols: readonly Column[],
    values: readonly unknown[],
    status?: Uint8Array,
  ): Promise<RowCounts> {
    const width = cols.length;
    const rows = values.length / width;
    if (!rows) return { inserted: 0, updated: 0, unchanged: 0 };
    let text = this.sql.get(cols);
    if (!text) {
      text = pgUpsert(table, cols as Column[]);
      this.sql.set(cols, text);
    }
    const arrays = cols.map((col, j) => {
      const out: unknown[] = new Array(rows);
      for (let r = 0; r < rows; r++) {
        const v = values[r * width + j];
        if (v === undefined || v === null) out[r] = null;
        else if (col.type === 'timestamp') out[r] = pgTimestamp(v as number);
        else if (col.type === 'text' && typeof v === 'string' && v.includes('\u0000'))
          out[r] = v.replaceAll('\u0000', '');
        else if (col.type === 'jsonb' && typeof v === 'string' && v.includes('\\u0000'))
          out[r] = v.replaceAll('\\u0000', '');
        else out[r] = v;
      }
      return out;
    });
    const res = await this.rows<{ inserted: boolean; k: string }>(text, arrays);
    let inserted = 0;
    for (const r of res) if (r.inserted) inserted++;
    if (status) {
      // RETURNING gives the keys of the rows written; every other row was unchanged
      const keys = cols.map((c, j) => ({ c, j })).filter((x) => x.c.role === 'key');
      const byKey = new Map(res.map((r) => [r.k, r.inserted ? ROW_INSERTED : ROW_UPDATED]));
      for (let r = 0; r < rows; r++)
        status[r] = byKey.get(keys.map((x) => String(values[r * width + x.j])).join('\u0001')) ?? ROW_UNCHANGED;
    }
    return { inserted, updated: res.length - inserted, unchanged: rows - res.length };
  }

  async listErrors(importId: string, after: { line: number; id: number } | null, limit: number) {
    const a = after ?? { line: -1, id: -1 };
    return this.rows<ErrorRecord & { id: number }>(
      'SELECT "id", "line", "column", "reason", "raw" FROM "ImportError" WHERE "importId" = $1 AND ("line", "id") > ($2, $3) ORDER BY "line", "id" LIMIT $4',
      [importId, a.line, a.id, limit],
    );
  }

  async recomputeOrders(orderIds: readonly number[], now: number) {
    if (!orderIds.length) return;
    await this.client.query(
      `UPDATE "Order" o SET "total" = s.total, "itemCount" = s.items, "updatedAt" = $2
       FROM (SELECT i AS id, coalesce((SELECT sum("total") FROM "OrderLine" WHERE "orderId" = i), 0) AS total,
                    coalesce((SELECT sum("quantity") FROM "OrderLine" WHERE "orderId" = i), 0)::int4 AS items
             FROM unnest($1::int4[]) AS i) s
       WHERE o."id" = s.id AND (o."total" IS DISTINCT FROM s.total OR o."itemCount" IS DISTINCT FROM s.items)`,
      [orderIds, new Date(now)],
    );
  }

  async close() {
    // The client goes back to the shared pool: leave its session as it found it.
    try {
      await this.client.query('RESET TIME ZONE');
      this.client.release();
    } catch (err) {
      this.client.release(err instanceof Error ? err : true);
    }
  }
}
