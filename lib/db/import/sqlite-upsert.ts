import type Database from 'better-sqlite3';
import type { RowCounts } from '../../import/report';
import { ROW_INSERTED, ROW_UNCHANGED, ROW_UPDATED } from './store';
import { type Column, sqliteInsertUpdate } from './tables';

/** Rows per INSERT of an events import (`bulkEvents`). */
const BULK_ROWS = 50;

/** The foreign keys `bulkEvents` checks itself, by table written in bulk. */
const REFERENCES: Record<string, { column: string; parent: string }[]> = {
  Event: [
    { column: 'customerId', parent: 'Customer' },
    { column: 'productId', parent: 'Product' },
  ],
};

/** A neutral value as better-sqlite3 binds it: booleans as 0/1, undefined as null. */
const param = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : v === undefined ? null : v);

/** The import's upserts on its SQLite connection: row by row, or for an events import 50 rows per INSERT. */
export class SqliteUpserter {
  private readonly upserts = new WeakMap<
    readonly Column[],
    { insert: Database.Statement; update: Database.Statement | null; updateParams: number[] }
  >();
  private readonly many = new WeakMap<readonly Column[], Database.Statement>();
  /** per parent table: how many of a JSON list of ids it lacks */
  private readonly missing = new Map<string, Database.Statement>();

  constructor(private readonly conn: Database.Database) {}

  private statements(table: string, cols: readonly Column[]) {
    let s = this.upserts.get(cols);
    if (!s) {
      const sql = sqliteInsertUpdate(table, cols as Column[]);
      s = {
        insert: this.conn.prepare(sql.insert),
        update: sql.update ? this.conn.prepare(sql.update) : null,
        updateParams: sql.updateParams,
      };
      this.upserts.set(cols, s);
    }
    return s;
  }

  /**
   * Events imports (`bulkEvents`): Event rows go 50 to an INSERT (15 columns, 750 parameters), with this
   * connection's foreign keys off. With them on, a multi-row INSERT keeps a statement journal of every page it touches
   * and was slower than one row per INSERT. Off, 1M events import in 8.2–8.7 s (bench/import.ts, three repeats on a
   * quiet machine), against 11.3–12.4 s row by row with foreign keys on. Each chunk's customer and product ids are
   * checked here instead, inside the write transaction, where no other writer can delete them before the commit.
   */
  bulkEvents() {
    if (this.conn.inTransaction) throw new Error('bulkEvents: call it before the first transaction');
    this.conn.pragma('foreign_keys = OFF');
    this.bulk = true;
  }

  private bulk = false;

  /** The ids a chunk refers to exist (in bulk mode, in place of SQLite's foreign keys): else SQLite's own error. */
  private checkReferences(table: string, cols: readonly Column[], values: readonly unknown[]) {
    for (const ref of REFERENCES[table] ?? []) {
      const j = cols.findIndex((c) => c.name === ref.column);
      if (j < 0) continue;
      const ids = new Set<unknown>();
      for (let k = j; k < values.length; k += cols.length) if (values[k] != null) ids.add(values[k]);
      this.assertExist(ref.parent, ids);
    }
  }

  private assertExist(table: string, ids: Set<unknown>) {
    if (!ids.size) return;
    let missing = this.missing.get(table);
    if (!missing) {
      missing = this.conn.prepare(
        `SELECT count(*) AS n FROM json_each(?) j WHERE NOT EXISTS (SELECT 1 FROM "${table}" p WHERE p."id" = j."value")`,
      );
      this.missing.set(table, missing);
    }
    const { n } = missing.get(JSON.stringify([...ids])) as { n: number };
    if (n) throw new Error('FOREIGN KEY constraint failed');
  }

  private manyInsert(table: string, cols: readonly Column[]) {
    let s = this.many.get(cols);
    if (!s) {
      const one = `(${cols.map(() => '?').join(', ')})`;
      s = this.conn.prepare(
        `INSERT OR IGNORE INTO ${JSON.stringify(table)} (${cols.map((c) => JSON.stringify(c.name)).join(', ')}) VALUES ${Array(BULK_ROWS).fill(one).join(', ')}`,
      );
      this.many.set(cols, s);
    }
    return s;
  }

  /** In bulk mode, the parents that rows of `table` name exist (see `bulkEvents`). */
  checkParents(table: string, ids: readonly (number | null)[]) {
    if (this.bulk) this.assertExist(table, new Set(ids.filter((id) => id !== null)));
  }

  upsert(table: string, cols: readonly Column[], values: readonly unknown[], status?: Uint8Array): RowCounts {
    const width = cols.length;
    const rows = values.length / width;
    const { insert, update, updateParams } = this.statements(table, cols);
    const bulk = this.bulk && REFERENCES[table] !== undefined && !status;
    if (this.bulk) this.checkReferences(table, cols, values);
    const params: unknown[] = new Array(width);
    const upd: unknown[] = new Array(updateParams.length);
    let inserted = 0;
    let updated = 0;
    /** Row r updated where a value differs (a row just inserted never does); whether it was. */
    const updateRow = (base: number) => {
      for (let k = 0; k < updateParams.length; k++) upd[k] = param(values[base + updateParams[k]!]);
      return update ? update.run(...upd).changes > 0 : false;
    };
    let r = 0;
    if (bulk) {
      const many = this.manyInsert(table, cols);
      const buf: unknown[] = new Array(width * BULK_ROWS);
      for (; r + BULK_ROWS <= rows; r += BULK_ROWS) {
        const start = r * width;
        for (let k = 0; k < buf.length; k++) buf[k] = param(values[start + k]);
        const added = many.run(buf).changes;
        inserted += added;
        // some keys existed: their rows are updated where they differ
        if (added < BULK_ROWS) for (let i = 0; i < BULK_ROWS; i++) if (updateRow(start + i * width)) updated++;
      }
    }
    for (let base = r * width; r < rows; r++, base += width) {
      for (let j = 0; j < width; j++) params[j] = param(values[base + j]);
      let st = ROW_UNCHANGED;
      // spread, not an array: better-sqlite3 then reads each argument directly instead of an element lookup per value
      if (insert.run(...params).changes) st = ROW_INSERTED;
      else if (updateRow(base)) st = ROW_UPDATED;
      if (st === ROW_INSERTED) inserted++;
      else if (st === ROW_UPDATED) updated++;
      if (status) status[r] = st;
    }
    return { inserted, updated, unchanged: rows - inserted - updated };
  }
}
