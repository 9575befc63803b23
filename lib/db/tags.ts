import type { Db } from './create-client';
import type { DbOrTx } from './transaction';
import { Prisma } from './generated/sqlite/client';
import { inPgTransaction } from './portraits/write';
import type { RawDb } from './raw';
import { buildSegmentQuery } from './segments/compile';
import { shopTimeZone } from './segments/shop-zone';
import type { ResolveSegment } from '@/lib/engine/segment/inline';
import type { SegmentDefinition } from '@/lib/schemas/segment';

/** Tag rows for the taxonomy: every tag with its live coverage (customers carrying it). */
export async function listTagsWithCoverage(db: Db) {
  const [tags, counts] = await Promise.all([
    db.tag.findMany({
      orderBy: [{ family: 'asc' }, { label: 'asc' }],
      select: {
        id: true,
        key: true,
        kind: true,
        family: true,
        label: true,
        labelZh: true,
        description: true,
        rule: true,
        computedAt: true,
        updatedAt: true,
        createdAt: true,
      },
    }),
    db.customerTag.groupBy({ by: ['tagId'], _count: { _all: true } }),
  ]);
  const byTag = new Map(counts.map((c) => [c.tagId, c._count._all]));
  return tags.map((t) => ({ ...t, customers: byTag.get(t.id) ?? 0 }));
}

/** Daily coverage snapshots since `since` (epoch ms), per tag, oldest first. */
export async function coverageSince(db: Db, since: number, tagIds?: number[]) {
  const rows = await db.tagCoverage.findMany({
    where: { day: { gte: new Date(since) }, ...(tagIds ? { tagId: { in: tagIds } } : {}) },
    orderBy: { day: 'asc' },
    select: { tagId: true, day: true, count: true },
  });
  const out = new Map<number, { day: number; count: number }[]>();
  for (const r of rows) {
    let list = out.get(r.tagId);
    if (!list) {
      list = [];
      out.set(r.tagId, list);
    }
    list.push({ day: r.day.getTime(), count: r.count });
  }
  return out;
}

export function findTag(db: Pick<Db, 'tag'>, id: number) {
  return db.tag.findUnique({ where: { id } });
}

export function findTagByKey(db: Pick<Db, 'tag'>, key: string) {
  return db.tag.findUnique({ where: { key }, select: { id: true } });
}

/** A page of a tag's members with their score and reason, highest score first. */
export async function listTagMembers(db: Db, tagId: number, page: number, pageSize: number) {
  const [total, rows] = await Promise.all([
    db.customerTag.count({ where: { tagId } }),
    db.customerTag.findMany({
      where: { tagId },
      orderBy: [{ score: 'desc' }, { customerId: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        score: true,
        source: true,
        reason: true,
        updatedAt: true,
        customer: { select: { id: true, externalId: true, name: true, region: true } },
      },
    }),
  ]);
  return { total, rows };
}

/** The tags a customer carries, with their Tag row. */
export function customerTags(db: Db, customerId: number) {
  return db.customerTag.findMany({
    where: { customerId },
    orderBy: [{ score: 'desc' }],
    select: {
      tagId: true,
      score: true,
      source: true,
      reason: true,
      updatedAt: true,
      tag: {
        select: {
          id: true,
          key: true,
          kind: true,
          family: true,
          label: true,
          labelZh: true,
          description: true,
          rule: true,
          computedAt: true,
        },
      },
    },
  });
}

/** Custom tags a customer could be given by hand (no rule), for the portrait's tag picker. */
export async function assignableTags(db: Db) {
  const rows = await db.tag.findMany({
    where: { kind: 'custom' },
    orderBy: { label: 'asc' },
    select: { id: true, key: true, label: true, labelZh: true, rule: true },
  });
  return rows.filter((t) => t.rule === null).map(({ rule: _rule, ...t }) => t);
}

const pgTime = (ms: number) => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');

/**
 * Adds customers to a custom tag (source manual or upload), or with `replace` makes them its only members; bumps
 * Tag.updatedAt/computedAt so the tag's coverage and any in-memory index follow. Returns how many rows were new.
 */
export async function addTagMembers(
  raw: RawDb,
  tagId: number,
  customerIds: readonly number[],
  source: 'manual' | 'upload',
  now: number,
  options: { replace?: boolean } = {},
): Promise<{ added: number }> {
  if (raw.kind === 'sqlite') {
    const conn = raw.conn;
    let added = 0;
    conn.transaction(() => {
      if (options.replace) conn.prepare(`DELETE FROM "CustomerTag" WHERE "tagId" = ?`).run(tagId);
      const insert = conn.prepare(
        `INSERT INTO "CustomerTag" ("customerId", "tagId", "score", "source", "reason", "updatedAt") VALUES (?, ?, 1, ?, NULL, ?) ON CONFLICT ("customerId", "tagId") DO NOTHING`,
      );
      for (const id of customerIds) added += insert.run(id, tagId, source, now).changes;
      conn.prepare(`UPDATE "Tag" SET "updatedAt" = ?, "computedAt" = ? WHERE "id" = ?`).run(now, now, tagId);
    })();
    return { added };
  }
  return inPgTransaction(raw.pool, async (client) => {
    if (options.replace) await client.query(`DELETE FROM "CustomerTag" WHERE "tagId" = $1`, [tagId]);
    const res = await client.query(
      `INSERT INTO "CustomerTag" ("customerId", "tagId", "score", "source", "reason", "updatedAt") SELECT c, $2, 1, $3, NULL, $4::timestamp FROM unnest($1::int4[]) AS x(c) ON CONFLICT ("customerId", "tagId") DO NOTHING`,
      [customerIds, tagId, source, pgTime(now)],
    );
    await client.query(`UPDATE "Tag" SET "updatedAt" = $1::timestamp, "computedAt" = $1::timestamp WHERE "id" = $2`, [
      pgTime(now),
      tagId,
    ]);
    return { added: res.rowCount ?? 0 };
  });
}

/** Removes one customer from a tag; bumps Tag.updatedAt. Returns whether a row was removed. */
export async function removeTagMember(db: Db, tagId: number, customerId: number, now = new Date()) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.customerTag.deleteMany({ where: { tagId, customerId } });
    if (count) await tx.tag.update({ where: { id: tagId }, data: { updatedAt: now } });
    return count > 0;
  });
}

/**
 * Rule tags: the members of a custom tag defined by a segment-language rule, written by running the rule's compiled
 * query (the same compiler as segment counts and exports) inside an INSERT … SELECT. Without `customerIds`, the
 * whole membership is replaced; with them, only those customers' membership is re-evaluated (the correlated form of
 * the query, which probes just their rows). Returns the number of members written.
 */
export async function writeRuleTagMembers(
  raw: RawDb,
  tag: { id: number; definition: SegmentDefinition },
  options: { now: number; timeZone?: string; resolveSegment?: ResolveSegment; customerIds?: readonly number[] },
): Promise<number> {
  const { now, customerIds } = options;
  const pg = raw.kind === 'postgresql';
  const { sql, params } = buildSegmentQuery(
    tag.definition,
    {
      dialect: raw.kind,
      now,
      timeZone: options.timeZone ?? (await shopTimeZone(raw)),
      resolveSegment: options.resolveSegment,
      strategy: customerIds ? 'correlated' : 'set',
    },
    ({ from, where, b }) => {
      const only = customerIds
        ? pg
          ? ` AND c."id" IN (SELECT jsonb_array_elements_text(${b.text(JSON.stringify(customerIds))}::jsonb)::int4)`
          : ` AND c."id" IN (SELECT value FROM json_each(${b.text(JSON.stringify(customerIds))}))`
        : '';
      return `SELECT c."id" FROM ${from} WHERE ${where}${only}`;
    },
  );
  const id = Math.trunc(tag.id);
  const at = Math.trunc(now);
  const stamp = pg ? `(TIMESTAMP '1970-01-01 00:00:00' + ${at} * INTERVAL '1 millisecond')` : String(at);
  const insert = `INSERT INTO "CustomerTag" ("customerId", "tagId", "score", "source", "reason", "updatedAt") SELECT m."id", ${id}, 1, 'rule', NULL, ${stamp} FROM (${sql}) m WHERE true ON CONFLICT ("customerId", "tagId") DO NOTHING`;
  if (raw.kind === 'sqlite') {
    const conn = raw.conn;
    return conn.transaction(() => {
      if (customerIds)
        conn
          .prepare(`DELETE FROM "CustomerTag" WHERE "tagId" = ? AND "customerId" IN (SELECT value FROM json_each(?))`)
          .run(id, JSON.stringify(customerIds));
      else conn.prepare(`DELETE FROM "CustomerTag" WHERE "tagId" = ?`).run(id);
      const n = conn.prepare(insert).run(...params).changes;
      conn.prepare(`UPDATE "Tag" SET "updatedAt" = ?, "computedAt" = ? WHERE "id" = ?`).run(at, at, id);
      return n;
    })();
  }
  return inPgTransaction(raw.pool, async (client) => {
    if (customerIds)
      await client.query(`DELETE FROM "CustomerTag" WHERE "tagId" = $1 AND "customerId" = ANY($2::int4[])`, [
        id,
        customerIds,
      ]);
    else await client.query(`DELETE FROM "CustomerTag" WHERE "tagId" = $1`, [id]);
    const res = await client.query(insert, params);
    await client.query(`UPDATE "Tag" SET "updatedAt" = ${stamp}, "computedAt" = ${stamp} WHERE "id" = ${id}`);
    return res.rowCount ?? 0;
  });
}

/** Custom tags defined by a rule (id, key and the stored rule JSON). */
export async function listRuleTags(db: Db) {
  const rows = await db.tag.findMany({
    where: { kind: 'custom' },
    orderBy: { id: 'asc' },
    select: { id: true, key: true, rule: true },
  });
  return rows.filter((t) => t.rule !== null);
}

export function createCustomTagRow(
  db: DbOrTx,
  data: { key: string; label: string; labelZh: string | null; description: string | null; computedAt: Date },
) {
  return db.tag.create({ data: { ...data, kind: 'custom', family: 'custom' } });
}

export function updateTagText(
  db: DbOrTx,
  id: number,
  data: { label: string; labelZh: string | null; description: string | null },
) {
  return db.tag.update({ where: { id }, data });
}

/** Deletes a tag; its assignments go with it (cascade). */
export function deleteTag(db: DbOrTx, id: number) {
  return db.tag.delete({ where: { id } });
}

export function setTagRuleRow(db: DbOrTx, id: number, rule: object) {
  return db.tag.update({ where: { id }, data: { rule } });
}

export function countTagMembers(db: DbOrTx, tagId: number) {
  return db.customerTag.count({ where: { tagId } });
}

/** Removes a tag's rule; its rule-made members stay, as manual assignments. */
export async function clearTagRule(db: Pick<Db, 'tag' | 'customerTag'>, tagId: number) {
  await db.tag.update({ where: { id: tagId }, data: { rule: Prisma.DbNull } });
  await db.customerTag.updateMany({ where: { tagId, source: 'rule' }, data: { source: 'manual' } });
}

/** Lowest, mean and highest score of each tag over the customers carrying it. */
export async function tagScoreStats(db: Db) {
  const rows = await db.customerTag.groupBy({
    by: ['tagId'],
    _min: { score: true },
    _max: { score: true },
    _avg: { score: true },
  });
  return rows.map((s) => ({ tagId: s.tagId, min: s._min.score ?? 0, avg: s._avg.score ?? 0, max: s._max.score ?? 0 }));
}
