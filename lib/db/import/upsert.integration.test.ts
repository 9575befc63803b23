import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createScratchDatabase, dropScratchTemplate, query, type ScratchDb } from '@/lib/testing/db/scratch';
import { maintainEventPartitions } from '../events/partitions';
import { openPgPool } from '../raw';
import { isPostgres } from '../url';
import { type ImportStore, openImportStore } from './store';
import { EVENT_COLUMNS } from './tables';

let db: ScratchDb;
let store: ImportStore;
let customer: number;

afterAll(() => dropScratchTemplate());

/** Event upsert values for keys e0…e(n-1), in EVENT_COLUMNS order; `price(i)` is row i's price. */
function events(n: number, price: (i: number) => number, from = 0) {
  const values: unknown[] = [];
  for (let i = from; i < from + n; i++)
    values.push(
      `e${i}`,
      customer,
      'view',
      1_700_000_000_000 + i,
      's1',
      null,
      null,
      null,
      1,
      price(i),
      null,
      null,
      null,
      null,
      'import',
    );
  return values;
}

async function upsert(values: unknown[]) {
  await store.begin('no-job');
  try {
    return await store.upsert('Event', EVENT_COLUMNS, values);
  } finally {
    await store.commit();
  }
}

// Counts of an Event upsert on either database: what the importer reports as inserted, updated and unchanged; row by
// row, and in bulk as an events import writes (on SQLite 50 rows per INSERT, the rest of a chunk one by one)
describe.each([
  ['row by row', false],
  ['in bulk', true],
])('event upsert counts, %s', (_, bulk) => {
  beforeAll(async () => {
    db = await createScratchDatabase();
    store = await openImportStore(db.url);
    if (bulk) store.bulkEvents();
    customer = (await store.createCustomers(['C1'], Date.now())).get('C1')!;
  });

  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  test('new rows are inserted, the same rows again are unchanged', async () => {
    expect(await upsert(events(250, () => 10))).toEqual({ inserted: 250, updated: 0, unchanged: 0 });
    expect(await upsert(events(250, () => 10))).toEqual({ inserted: 0, updated: 0, unchanged: 250 });
  });

  test('existing rows with a changed value are updated, new rows beside them inserted', async () => {
    // e100…e419: e100–e249 exist (e150 and e240 change price), e250–e419 are new
    const changed = new Set([150, 240]);
    const counts = await upsert(events(320, (i) => (changed.has(i) ? 11 : 10), 100));
    expect(counts).toEqual({ inserted: 170, updated: 2, unchanged: 148 });
    const rows = await query<{ dedupKey: string; price: number }>(
      db.url,
      `SELECT "dedupKey", "price" FROM "Event" WHERE "price" <> 10 ORDER BY "dedupKey"`,
    );
    expect(rows).toEqual([
      { dedupKey: 'e150', price: 11 },
      { dedupKey: 'e240', price: 11 },
    ]);
    const [count] = await query<{ n: number }>(db.url, `SELECT count(*) AS n FROM "Event"`);
    expect(Number(count?.n)).toBe(420);
  });

  test('an event re-imported with a time in another month is updated in place: one row, its id kept', async () => {
    // on PostgreSQL the row moves to another monthly partition (a delete and an insert inside the server)
    const pg = isPostgres(db.url);
    const part = async () =>
      (
        await query<{ p: string }>(db.url, `SELECT tableoid::regclass::text AS p FROM "Event" WHERE "dedupKey" = 'e7'`)
      )[0]?.p;
    if (pg) {
      const pool = openPgPool(db.url);
      const extra = [{ year: 2027, month: 3 }];
      await maintainEventPartitions(pool, { now: new Date(1_700_000_000_000), extra }).finally(() => pool.end());
      expect(await part()).toBe('"Event_y2023m11"');
    }
    const values = events(1, () => 10, 7);
    const [before] = await query<{ id: number }>(db.url, `SELECT "id" FROM "Event" WHERE "dedupKey" = 'e7'`);
    values[3] = Date.UTC(2027, 2, 15);
    expect(await upsert(values)).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const rows = await query<{ id: number }>(db.url, `SELECT "id" FROM "Event" WHERE "dedupKey" = 'e7'`);
    expect(rows.map((r) => Number(r.id))).toEqual([Number(before!.id)]);
    expect(await upsert(values)).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    if (pg) expect(await part()).toBe('"Event_y2027m03"');
  });

  test('a row whose customer or product does not exist is refused and nothing of its chunk is kept', async () => {
    const [before] = await query<{ n: number }>(db.url, `SELECT count(*) AS n FROM "Event"`);
    for (const [column, id] of [
      [1, 999_999],
      [5, 999_999],
    ] as const) {
      const values = events(120, () => 10, 5000);
      values[60 * EVENT_COLUMNS.length + column] = id; // row 60: in the second INSERT of 50 in bulk
      await store.begin('no-job');
      await expect(store.upsert('Event', EVENT_COLUMNS, values)).rejects.toThrow(/foreign key/i);
      await store.rollback();
    }
    const [after] = await query<{ n: number }>(db.url, `SELECT count(*) AS n FROM "Event"`);
    expect(Number(after!.n)).toBe(Number(before!.n));
  });
});
