import type pg from 'pg';
import type { RawDb } from '../raw';

/** One CustomerProfile row as the portrait job writes it. Times are epoch ms. */
export type ProfileRow = {
  customerId: number;
  firstSeenAt: number | null;
  lastSeenAt: number | null;
  orderCount: number;
  revenue: number;
  avgOrderValue: number | null;
  recencyDays: number | null;
  rfmR: number | null;
  rfmF: number | null;
  rfmM: number | null;
  rfmGroup: string | null;
  lifecycle: string | null;
  lifecycleReason: string | null;
  pAlive: number | null;
  expPurchases30: number | null;
  expPurchases90: number | null;
  expPurchases365: number | null;
  clv365: number | null;
  churnProbability: number | null;
  vector: Uint8Array | null;
};

/** One system CustomerTag row; `reason` is stored as JSON. */
export type TagRow = { customerId: number; tagId: number; score: number; reason: unknown };

export type TagDefinition = {
  key: string;
  kind: 'system' | 'custom';
  family: string;
  label: string;
  labelZh: string | null;
  description: string | null;
};

const PROFILE_COLUMNS = [
  ['customerId', 'int4'],
  ['firstSeenAt', 'timestamp'],
  ['lastSeenAt', 'timestamp'],
  ['orderCount', 'int4'],
  ['revenue', 'float8'],
  ['avgOrderValue', 'float8'],
  ['recencyDays', 'int4'],
  ['rfmR', 'int4'],
  ['rfmF', 'int4'],
  ['rfmM', 'int4'],
  ['rfmGroup', 'text'],
  ['lifecycle', 'text'],
  ['lifecycleReason', 'text'],
  ['pAlive', 'float8'],
  ['expPurchases30', 'float8'],
  ['expPurchases90', 'float8'],
  ['expPurchases365', 'float8'],
  ['clv365', 'float8'],
  ['churnProbability', 'float8'],
  ['vector', 'bytea'],
  ['updatedAt', 'timestamp'],
] as const;
type ProfileColumn = (typeof PROFILE_COLUMNS)[number][0];

const pgTime = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 23).replace('T', ' '));
/** Non-finite numbers (NaN from a model that could not say) are stored as NULL. */
const finite = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);

function profileValue(row: ProfileRow, column: ProfileColumn, now: number, pg: boolean): unknown {
  if (column === 'updatedAt') return pg ? pgTime(now) : now;
  const v = row[column];
  if (column === 'firstSeenAt' || column === 'lastSeenAt') return pg ? pgTime(v as number | null) : v;
  if (column === 'vector')
    return v === null
      ? null
      : Buffer.from((v as Uint8Array).buffer, (v as Uint8Array).byteOffset, (v as Uint8Array).byteLength);
  if (typeof v === 'number') return finite(v);
  return v;
}

const quoted = (c: string) => `"${c}"`;
const UPDATE_PROFILE = PROFILE_COLUMNS.filter(([c]) => c !== 'customerId')
  .map(([c]) => `${quoted(c)} = excluded.${quoted(c)}`)
  .join(', ');
const PROFILE_NAMES = PROFILE_COLUMNS.map(([c]) => quoted(c)).join(', ');

/** Which customers' system tags a batch replaces: an explicit list, or every customer id in [lo, hi]. */
export type TagScope = { customerIds: readonly number[] } | { range: [number, number] };

/**
 * Writes one batch of portraits in a single transaction: upserts the profiles and replaces the system tags of the
 * batch's customers (a range is upserted, then rows not written now are dropped; a list is deleted and re-inserted). Re-running a batch gives the same rows (idempotent); custom tags
 * (manual, upload, rule) are never touched. With an explicit customer list (the incremental refresh), tags that
 * lost a member get Tag.updatedAt bumped, so readers that follow CustomerTag.updatedAt (the segment index) know to
 * reload them; a range batch (full recompute) is followed by `markTagsComputed`, which does the same for all.
 */
export async function writePortraitBatch(
  raw: RawDb,
  batch: { profiles: readonly ProfileRow[]; tags: readonly TagRow[]; scope: TagScope; now: number },
) {
  const { profiles, tags, scope, now } = batch;
  if (raw.kind === 'sqlite') {
    const conn = raw.conn;
    const upsert = conn.prepare(
      `INSERT INTO "CustomerProfile" (${PROFILE_NAMES}) VALUES (${PROFILE_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT ("customerId") DO UPDATE SET ${UPDATE_PROFILE}`,
    );
    const insertTag = conn.prepare(
      `INSERT INTO "CustomerTag" ("customerId", "tagId", "score", "source", "reason", "updatedAt") VALUES (?, ?, ?, 'system', ?, ?) ON CONFLICT ("customerId", "tagId") DO UPDATE SET "score" = excluded."score", "source" = excluded."source", "reason" = excluded."reason", "updatedAt" = excluded."updatedAt"`,
    );
    conn.transaction(() => {
      for (const row of profiles) upsert.run(...PROFILE_COLUMNS.map(([c]) => profileValue(row, c, now, false)));
      const insertAll = () => {
        for (const t of tags)
          insertTag.run(
            t.customerId,
            t.tagId,
            finite(t.score) ?? 0,
            t.reason === undefined ? null : JSON.stringify(t.reason),
            now,
          );
      };
      if ('range' in scope) {
        // upsert first, then drop the range's system rows not written now: unchanged rows are updated in place
        insertAll();
        conn
          .prepare(
            `DELETE FROM "CustomerTag" WHERE "source" = 'system' AND "customerId" >= ? AND "customerId" <= ? AND "updatedAt" <> ?`,
          )
          .run(scope.range[0], scope.range[1], now);
      } else {
        const list = JSON.stringify(scope.customerIds);
        const before = conn
          .prepare(
            `SELECT "customerId", "tagId" FROM "CustomerTag" WHERE "source" = 'system' AND "customerId" IN (SELECT value FROM json_each(?))`,
          )
          .raw(true)
          .all(list) as [number, number][];
        const lost = lostTagIds(before, tags);
        conn
          .prepare(
            `DELETE FROM "CustomerTag" WHERE "source" = 'system' AND "customerId" IN (SELECT value FROM json_each(?))`,
          )
          .run(list);
        if (lost.length)
          conn
            .prepare(`UPDATE "Tag" SET "updatedAt" = ? WHERE "id" IN (SELECT value FROM json_each(?))`)
            .run(now, JSON.stringify(lost));
        insertAll();
      }
    })();
    return;
  }
  await inPgTransaction(raw.pool, async (client) => {
    if (profiles.length) {
      const arrays = PROFILE_COLUMNS.map(([c]) => profiles.map((row) => profileValue(row, c, now, true)));
      await client.query(
        `INSERT INTO "CustomerProfile" (${PROFILE_NAMES}) SELECT * FROM unnest(${PROFILE_COLUMNS.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')}) ON CONFLICT ("customerId") DO UPDATE SET ${UPDATE_PROFILE}`,
        arrays,
      );
    }
    if ('range' in scope) {
      await insertPgTags(client, tags, now);
      await client.query(
        `DELETE FROM "CustomerTag" WHERE "source" = 'system' AND "customerId" BETWEEN $1 AND $2 AND "updatedAt" <> $3::timestamp`,
        [...scope.range, pgTime(now)],
      );
    } else {
      const before = await client.query<[number, number]>({
        text: `SELECT "customerId", "tagId" FROM "CustomerTag" WHERE "source" = 'system' AND "customerId" = ANY($1::int4[])`,
        values: [scope.customerIds],
        rowMode: 'array',
      });
      const lost = lostTagIds(before.rows, tags);
      await client.query(`DELETE FROM "CustomerTag" WHERE "source" = 'system' AND "customerId" = ANY($1::int4[])`, [
        scope.customerIds,
      ]);
      if (lost.length)
        await client.query(`UPDATE "Tag" SET "updatedAt" = $1::timestamp WHERE "id" = ANY($2::int4[])`, [
          pgTime(now),
          lost,
        ]);
      await insertPgTags(client, tags, now);
    }
  });
}

async function insertPgTags(client: pg.PoolClient, tags: readonly TagRow[], now: number) {
  if (!tags.length) return;
  await client.query(
    `INSERT INTO "CustomerTag" ("customerId", "tagId", "score", "source", "reason", "updatedAt")
     SELECT c, t, s, 'system', r, $5::timestamp FROM unnest($1::int4[], $2::int4[], $3::float8[], $4::jsonb[]) AS x(c, t, s, r)
     ON CONFLICT ("customerId", "tagId") DO UPDATE SET "score" = excluded."score", "source" = excluded."source", "reason" = excluded."reason", "updatedAt" = excluded."updatedAt"`,
    [
      tags.map((t) => t.customerId),
      tags.map((t) => t.tagId),
      tags.map((t) => finite(t.score) ?? 0),
      tags.map((t) => (t.reason === undefined ? null : JSON.stringify(t.reason))),
      pgTime(now),
    ],
  );
}

/** Tags some customer had before and no longer has in the new rows. */
function lostTagIds(before: readonly (readonly [number, number] | number[])[], after: readonly TagRow[]): number[] {
  const kept = new Set(after.map((t) => `${t.customerId}:${t.tagId}`));
  const lost = new Set<number>();
  for (const [c, t] of before) if (!kept.has(`${Number(c)}:${Number(t)}`)) lost.add(Number(t));
  return [...lost];
}

export async function inPgTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/**
 * Returns key → id for every given tag, creating the missing ones. With `refreshLabels`, existing system tags also
 * get the given family, labels and description (a full recompute does this; the incremental refresh only adds). A custom
 * tag is never changed by a key clash.
 */
export async function ensureTags(
  raw: RawDb,
  defs: readonly TagDefinition[],
  now: number,
  options: { refreshLabels?: boolean } = {},
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (defs.length === 0) return ids;
  const keys = defs.map((d) => d.key);
  const update = options.refreshLabels
    ? `DO UPDATE SET "family" = excluded."family", "label" = excluded."label", "labelZh" = excluded."labelZh", "description" = excluded."description", "updatedAt" = excluded."updatedAt" WHERE "Tag"."kind" = 'system'`
    : 'DO NOTHING';
  if (raw.kind === 'sqlite') {
    const get = raw.conn
      .prepare(`SELECT "key", "id" FROM "Tag" WHERE "key" IN (SELECT value FROM json_each(?))`)
      .raw(true);
    const upsert = raw.conn.prepare(
      `INSERT INTO "Tag" ("key", "kind", "family", "label", "labelZh", "description", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("key") ${update}`,
    );
    raw.conn.transaction(() => {
      const existing = new Set((get.all(JSON.stringify(keys)) as [string, number][]).map((r) => r[0]));
      for (const d of defs)
        if (options.refreshLabels || !existing.has(d.key))
          upsert.run(d.key, d.kind, d.family, d.label, d.labelZh, d.description, now, now);
      for (const [key, id] of get.all(JSON.stringify(keys)) as [string, number][]) ids.set(key, Number(id));
    })();
    return ids;
  }
  const select = async (client: pg.PoolClient) =>
    (
      await client.query<{ id: number; key: string }>(`SELECT "id", "key" FROM "Tag" WHERE "key" = ANY($1::text[])`, [
        keys,
      ])
    ).rows;
  await inPgTransaction(raw.pool, async (client) => {
    const existing = new Set((await select(client)).map((r) => r.key));
    const todo = options.refreshLabels ? defs : defs.filter((d) => !existing.has(d.key));
    if (todo.length) {
      await client.query(
        `INSERT INTO "Tag" ("key", "kind", "family", "label", "labelZh", "description", "createdAt", "updatedAt")
         SELECT k, kd, f, l, lz, d, $7::timestamp, $7::timestamp FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x(k, kd, f, l, lz, d)
         ON CONFLICT ("key") ${update}`,
        [
          todo.map((d) => d.key),
          todo.map((d) => d.kind),
          todo.map((d) => d.family),
          todo.map((d) => d.label),
          todo.map((d) => d.labelZh),
          todo.map((d) => d.description),
          pgTime(now),
        ],
      );
    }
    for (const r of await select(client)) ids.set(r.key, Number(r.id));
  });
  return ids;
}

/** Stamps Tag.computedAt for the given tags (or every tag of the given families). */
export async function markTagsComputed(
  raw: RawDb,
  where: { families: readonly string[] } | { tagIds: readonly number[] },
  at: number,
) {
  const byFamily = 'families' in where;
  const list = byFamily ? where.families : where.tagIds;
  if (list.length === 0) return;
  if (raw.kind === 'sqlite') {
    raw.conn
      .prepare(
        `UPDATE "Tag" SET "computedAt" = ? WHERE ${byFamily ? `"family" IN (SELECT value FROM json_each(?)) AND "kind" = 'system'` : `"id" IN (SELECT value FROM json_each(?))`}`,
      )
      .run(at, JSON.stringify(list));
    return;
  }
  await raw.pool.query(
    `UPDATE "Tag" SET "computedAt" = $1::timestamp WHERE ${byFamily ? `"family" = ANY($2::text[]) AND "kind" = 'system'` : `"id" = ANY($2::int4[])`}`,
    [pgTime(at), list],
  );
}

/**
 * Records today's coverage of every tag (customers carrying it) in TagCoverage, replacing an earlier snapshot of
 * the same day; the Tags page draws the trend from these rows. `day` is 00:00 UTC, epoch ms.
 */
export async function snapshotCoverage(raw: RawDb, day: number, tagIds?: readonly number[]) {
  const counts = `SELECT t."id" AS "tagId", COUNT(ct."customerId") AS n FROM "Tag" t LEFT JOIN "CustomerTag" ct ON ct."tagId" = t."id"`;
  if (raw.kind === 'sqlite') {
    const filter = tagIds ? ` WHERE t."id" IN (SELECT value FROM json_each(?))` : '';
    raw.conn
      .prepare(
        `INSERT INTO "TagCoverage" ("tagId", "day", "count") SELECT "tagId", ?, n FROM (${counts}${filter} GROUP BY t."id") WHERE true ON CONFLICT ("tagId", "day") DO UPDATE SET "count" = excluded."count"`,
      )
      .run(...(tagIds ? [day, JSON.stringify(tagIds)] : [day]));
    return;
  }
  const filter = tagIds ? ` WHERE t."id" = ANY($2::int4[])` : '';
  await raw.pool.query(
    `INSERT INTO "TagCoverage" ("tagId", "day", "count") SELECT "tagId", $1::timestamp, n FROM (${counts}${filter} GROUP BY t."id") x ON CONFLICT ("tagId", "day") DO UPDATE SET "count" = excluded."count"`,
    tagIds ? [pgTime(day), tagIds] : [pgTime(day)],
  );
}
