import type Database from 'better-sqlite3';
import { openImportSqlite } from '../connections';
import { type Checkpointer, startCheckpointer } from './checkpointer';
import {
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
import { SqliteUpserter } from './sqlite-upsert';
import type { Column } from './tables';

const JSON_COLUMNS = ['mapping', 'options', 'cleaning'] as const;

function parseJson(v: unknown) {
  if (typeof v !== 'string') return v ?? null;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
}

/**
 * One write transaction at a time per database file in this process. A batch transaction spans awaits, and
 * better-sqlite3 waits for a lock synchronously: a second transaction begun in the same process while the first is
 * open would block the event loop the first needs to finish, until busy_timeout fails it ("database is locked" under
 * concurrent events-API requests). Queued here instead, each waits without blocking; other processes still wait
 * for the lock in SQLite.
 */
const writeTurns = new Map<string, Promise<void>>();
async function takeWriteTurn(file: string): Promise<() => void> {
  const previous = writeTurns.get(file) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  writeTurns.set(file, tail);
  await previous;
  return () => {
    release();
    if (writeTurns.get(file) === tail) writeTurns.delete(file);
  };
}

/**
 * SQLite import store on a better-sqlite3 connection of its own (WAL, synchronous=FULL, from lib/db/connections.ts):
 * its batch transaction spans awaits. DateTime columns hold epoch ms, booleans 0/1, JSON as text — the same
 * representation Prisma's adapter uses here.
 */
export class SqliteImportStore implements ImportStore {
  readonly dialect = 'sqlite' as const;
  readonly engine = 'SQLite';
  private readonly stmts = new Map<string, Database.Statement>();

  /** Checkpoints the log beside the writer (./checkpointer.ts) from a long import's second commit on. */
  private checkpointer: Checkpointer | null = null;
  private commits = 0;

  private readonly upserter: SqliteUpserter;

  private constructor(readonly conn: Database.Database) {
    this.upserter = new SqliteUpserter(conn);
  }

  /** See `SqliteUpserter.bulkEvents`. */
  bulkEvents() {
    this.upserter.bulkEvents();
  }

  async upsert(table: string, cols: readonly Column[], values: readonly unknown[], status?: Uint8Array) {
    return this.upserter.upsert(table, cols, values, status);
  }

  static open(url: string) {
    const conn = openImportSqlite(url);
    // A multi-row INSERT inside a transaction keeps a statement journal (the pages it touches, to undo just that
    // statement if it fails). On disk that was 2.6 GB of writes for 300k events — 9× the data written to the WAL;
    // in memory it is a memcpy.
    conn.pragma('temp_store = MEMORY');
    // 64 MiB page cache for this connection (default 2 MiB): the index pages a transaction dirties stay in memory
    // until the commit instead of spilling to the WAL and being written again.
    conn.pragma('cache_size = -65536');
    return new SqliteImportStore(conn);
  }

  private stmt(sql: string) {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.conn.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  async getJob(id: string): Promise<ImportJobRecord | null> {
    const row = this.stmt('SELECT * FROM "ImportJob" WHERE "id" = ?').get(id) as Record<string, unknown> | undefined;
    if (!row) return null;
    for (const k of JSON_COLUMNS) row[k] = parseJson(row[k]);
    return row as ImportJobRecord;
  }

  async updateJob(id: string, patch: JobPatch) {
    const keys = Object.keys(patch) as (keyof JobPatch)[];
    if (!keys.length) return;
    const values = keys.map((k) => (k === 'mapping' ? JSON.stringify(patch[k]) : patch[k]));
    this.conn
      .prepare(`UPDATE "ImportJob" SET ${keys.map((k) => `"${k}" = ?`).join(', ')} WHERE "id" = ?`)
      .run(...values, id);
  }

  async baseCurrency() {
    const row = this.stmt(`SELECT "value" FROM "Setting" WHERE "key" = 'shop.currency'`).get() as
      | { value: string }
      | undefined;
    const v = row ? parseJson(row.value) : null;
    return typeof v === 'string' ? v.toUpperCase() : null;
  }

  async currencyRates() {
    const rows = this.stmt('SELECT "currency", "rateToBase" FROM "CurrencyRate"').all() as {
      currency: string;
      rateToBase: number;
    }[];
    return new Map(rows.map((r) => [r.currency.toUpperCase(), r.rateToBase]));
  }

  async categories() {
    return this.stmt('SELECT "id", "path", "nameZh", "parentId", "depth" FROM "Category"').all() as CategoryRecord[];
  }

  async brands() {
    return (
      this.stmt('SELECT DISTINCT "brand" FROM "Product" WHERE "brand" IS NOT NULL').all() as { brand: string }[]
    ).map((r) => r.brand);
  }

  async begin(jobId: string) {
    this.release = await takeWriteTurn(this.conn.name);
    try {
      this.conn.exec('BEGIN IMMEDIATE');
      const row = this.stmt('SELECT "cursorByte" FROM "ImportJob" WHERE "id" = ?').get(jobId) as
        | { cursorByte: number }
        | undefined;
      return row?.cursorByte ?? -1;
    } catch (e) {
      if (this.conn.inTransaction) this.conn.exec('ROLLBACK');
      this.endTurn();
      throw e;
    }
  }

  async commit() {
    try {
      this.conn.exec('COMMIT');
    } finally {
      if (!this.conn.inTransaction) this.endTurn();
    }
    // A long import's log is checkpointed on another thread instead of inside its COMMIT. Not before the second
    // commit: a one-transaction write (an events-API request) does not start a thread for it.
    if (++this.commits === 2 && !this.conn.memory) {
      this.checkpointer = startCheckpointer(this.conn.name);
      if (this.checkpointer) this.conn.pragma('wal_autocheckpoint = 0');
    }
    if (this.checkpointer && !this.checkpointer.alive) {
      // its thread ended (e.g. could not load the driver): SQLite's automatic checkpoint again
      this.conn.pragma('wal_autocheckpoint = 1000');
      this.checkpointer = null;
    }
    this.checkpointer?.request();
  }

  async rollback() {
    try {
      if (this.conn.inTransaction) this.conn.exec('ROLLBACK');
    } finally {
      this.endTurn();
    }
  }

  private release: (() => void) | null = null;
  private endTurn() {
    this.release?.();
    this.release = null;
  }

  async saveProgress(jobId: string, p: JobProgress) {
    this.stmt(
      'UPDATE "ImportJob" SET "cursorByte" = ?, "cursorLine" = ?, "rowsRead" = ?, "inserted" = ?, "updated" = ?, "unchanged" = ?, "rejected" = ?, "cleaning" = ?, "processingMs" = ? WHERE "id" = ?',
    ).run(
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
    );
  }

  async insertErrors(jobId: string, errors: readonly ErrorRecord[]) {
    for (let i = 0; i < errors.length; i += 200) {
      const part = errors.slice(i, i + 200);
      const params: unknown[] = [];
      for (const e of part)
        params.push(jobId, e.line, e.column, e.reason, e.reasonKey ?? null, e.params ?? null, e.raw);
      this.stmt(
        `INSERT INTO "ImportError" ("importId", "line", "column", "reason", "reasonKey", "params", "raw") VALUES ${part.map(() => '(?,?,?,?,?,?,?)').join(',')}`,
      ).run(params);
    }
  }

  private lookup<T>(sql: string, keys: readonly string[] | readonly number[]): T[] {
    return keys.length ? (this.stmt(sql).all(JSON.stringify(keys)) as T[]) : [];
  }

  async findCustomers(externalIds: readonly string[]) {
    const rows = this.lookup<{ id: number; externalId: string }>(
      'SELECT "id", "externalId" FROM "Customer" WHERE "externalId" IN (SELECT "value" FROM json_each(?))',
      externalIds,
    );
    return new Map(rows.map((r) => [r.externalId, r.id]));
  }

  private maxId(table: 'Customer' | 'Product') {
    return (this.stmt(`SELECT max("id") FROM "${table}"`).pluck().get() as number | null) ?? 0;
  }

  async allCustomers(limit: number) {
    if (this.maxId('Customer') > limit) return null;
    return new Map(this.stmt('SELECT "externalId", "id" FROM "Customer"').raw().all() as [string, number][]);
  }

  async allProducts(limit: number) {
    if (this.maxId('Product') > limit) return null;
    const rows = this.stmt('SELECT "sku", "id", "categoryId" FROM "Product"').raw().all() as [
      string,
      number,
      number | null,
    ][];
    return new Map<string, ProductRef>(rows.map(([sku, id, categoryId]) => [sku, { id, categoryId }]));
  }

  async createCustomers(externalIds: readonly string[], now: number) {
    if (externalIds.length) {
      this.stmt(
        'INSERT INTO "Customer" ("externalId", "createdAt", "updatedAt") SELECT "value", ?, ? FROM json_each(?) WHERE TRUE ON CONFLICT ("externalId") DO NOTHING',
      ).run(now, now, JSON.stringify(externalIds));
    }
    return this.findCustomers(externalIds);
  }

  async findProducts(skus: readonly string[]) {
    const rows = this.lookup<{ id: number; sku: string; categoryId: number | null }>(
      'SELECT "id", "sku", "categoryId" FROM "Product" WHERE "sku" IN (SELECT "value" FROM json_each(?))',
      skus,
    );
    return new Map<string, ProductRef>(rows.map((r) => [r.sku, { id: r.id, categoryId: r.categoryId }]));
  }

  async linkProductCategories(links: readonly CategoryLink[]) {
    if (!links.length) return 0;
    const ids = await this.findProducts([...new Set(links.map((l) => l.sku))]);
    let added = 0;
    const clear = this.stmt('DELETE FROM "ProductCategory" WHERE "productId" = ?');
    const link = this.stmt(
      'INSERT INTO "ProductCategory" ("productId", "categoryId") VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    for (const l of links) {
      const p = ids.get(l.sku);
      if (!p) continue;
      if (l.primary) clear.run(p.id);
      if (l.categoryId === null) continue;
      const { changes } = link.run(p.id, l.categoryId);
      if (!l.primary) added += changes;
    }
    return added;
  }

  async createStubProducts(stubs: readonly { sku: string; price: number }[], now: number) {
    const ins = this.stmt(
      `INSERT INTO "Product" ("sku", "title", "price", "active", "attributes", "createdAt", "updatedAt") VALUES (?, ?, ?, 0, '{"stub":true}', ?, ?) ON CONFLICT ("sku") DO NOTHING`,
    );
    for (const s of stubs) ins.run(s.sku, s.sku, s.price, now, now);
    return this.findProducts(stubs.map((s) => s.sku));
  }

  async createCategories(cats: readonly NewCategory[]) {
    const ins = this.stmt(
      'INSERT INTO "Category" ("path", "name", "parentId", "depth") VALUES (?, ?, ?, ?) ON CONFLICT ("path") DO NOTHING',
    );
    for (const cat of cats) ins.run(cat.path, cat.name, cat.parentId, cat.depth);
    this.upserter.checkParents(
      'Category',
      cats.map((c) => c.parentId),
    );
    const rows = this.lookup<{ id: number; path: string }>(
      'SELECT "id", "path" FROM "Category" WHERE "path" IN (SELECT "value" FROM json_each(?))',
      cats.map((x) => x.path),
    );
    return new Map(rows.map((r) => [r.path, r.id]));
  }

  async nameCategoriesZh(names: readonly { path: string; nameZh: string }[]) {
    const upd = this.stmt('UPDATE "Category" SET "nameZh" = ? WHERE "path" = ?');
    for (const n of names) upd.run(n.nameZh, n.path);
  }

  async findCampaignVariants(campaignIds: readonly number[]) {
    const out = new Map<number, Map<string, number>>();
    for (const r of this.lookup<{ id: number }>(
      'SELECT "id" FROM "Campaign" WHERE "id" IN (SELECT "value" FROM json_each(?))',
      campaignIds,
    ))
      out.set(r.id, new Map());
    for (const v of this.lookup<{ id: number; campaignId: number; key: string }>(
      'SELECT "id", "campaignId", "key" FROM "CampaignVariant" WHERE "campaignId" IN (SELECT "value" FROM json_each(?))',
      campaignIds,
    )) {
      out.get(v.campaignId)?.set(v.key, v.id).set(String(v.id), v.id);
    }
    return out;
  }

  async existingKeys(table: KeyTable, keys: readonly string[]) {
    if (table === 'OrderLine') {
      const orders = [...new Set(keys.map((k) => k.slice(0, k.indexOf(LINE_KEY_SEP))))];
      const rows = this.lookup<{ k: string }>(
        `SELECT o."externalId" || char(1) || l."lineNo" AS k FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId" WHERE o."externalId" IN (SELECT "value" FROM json_each(?))`,
        orders,
      );
      return new Set(rows.map((r) => r.k));
    }
    const col = table === 'Event' ? 'dedupKey' : table === 'Product' ? 'sku' : 'externalId';
    const rows = this.lookup<{ k: string }>(
      `SELECT "${col}" AS k FROM "${table}" WHERE "${col}" IN (SELECT "value" FROM json_each(?))`,
      keys,
    );
    return new Set(rows.map((r) => r.k));
  }

  async hasErasedIdentifiers() {
    return this.stmt('SELECT 1 FROM "ErasedIdentifier" LIMIT 1').get() !== undefined;
  }

  async erasedIdentifiers(pseudonyms: readonly string[]) {
    const rows = this.lookup<{ pseudonym: string; at: number }>(
      'SELECT "pseudonym", "erasedAt" AS at FROM "ErasedIdentifier" WHERE "pseudonym" IN (SELECT "value" FROM json_each(?))',
      pseudonyms,
    );
    return new Map(rows.map((r) => [r.pseudonym, Number(r.at)]));
  }

  async liftErasedIdentifiers(pseudonyms: readonly string[]) {
    if (pseudonyms.length)
      this.stmt('DELETE FROM "ErasedIdentifier" WHERE "pseudonym" IN (SELECT "value" FROM json_each(?))').run(
        JSON.stringify(pseudonyms),
      );
  }

  async orderIds(externalIds: readonly string[]) {
    const rows = this.lookup<{ id: number; externalId: string }>(
      'SELECT "id", "externalId" FROM "Order" WHERE "externalId" IN (SELECT "value" FROM json_each(?))',
      externalIds,
    );
    return new Map(rows.map((r) => [r.externalId, r.id]));
  }

  async listErrors(importId: string, after: { line: number; id: number } | null, limit: number) {
    const a = after ?? { line: -1, id: -1 };
    return this.stmt(
      'SELECT "id", "line", "column", "reason", "raw" FROM "ImportError" WHERE "importId" = ? AND ("line" > ? OR ("line" = ? AND "id" > ?)) ORDER BY "line", "id" LIMIT ?',
    ).all(importId, a.line, a.line, a.id, limit) as (ErrorRecord & { id: number })[];
  }

  async recomputeOrders(orderIds: readonly number[], now: number) {
    if (!orderIds.length) return;
    this.stmt(
      `UPDATE "Order" SET "total" = s."total", "itemCount" = s."items", "updatedAt" = ?
       FROM (SELECT j."value" AS "id", coalesce((SELECT sum("total") FROM "OrderLine" WHERE "orderId" = j."value"), 0) AS "total",
                    coalesce((SELECT sum("quantity") FROM "OrderLine" WHERE "orderId" = j."value"), 0) AS "items"
             FROM json_each(?) j) s
       WHERE "Order"."id" = s."id" AND ("Order"."total" IS NOT s."total" OR "Order"."itemCount" IS NOT s."items")`,
    ).run(now, JSON.stringify(orderIds));
  }

  async close() {
    if (this.conn.inTransaction) this.conn.exec('ROLLBACK');
    this.endTurn();
    await this.checkpointer?.close();
    this.conn.close();
  }
}
