import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { evaluateSegment } from '@/lib/engine/segment/evaluate';
import { SegmentReferenceError } from '@/lib/engine/segment/inline';
import { DAY_MS } from '@/lib/engine/segment/semantics';
import type { SegmentCustomer, SegmentData } from '@/lib/engine/segment/types';
import type { SegmentCondition, SegmentDefinition } from '@/lib/schemas/segment';
import { openRaw } from '../raw';
import { compileSegment } from './compile';
import { explainMembership } from './explain';
import { SegmentIndexStore } from './index-store';
import { countSegment, isMember, listSegmentMembers, streamSegmentMembers } from './queries';
import { loadSegmentResolver } from './resolve';
import { execute, queryAll } from './runner';
import { getSegmentVocabulary } from './vocabulary';
import { writeShop } from './write-shop';

const db = openRaw();
afterAll(async () => {
  if (db.kind === 'postgresql') await db.pool.end();
  else db.conn.close();
});

const NOW = Date.UTC(2025, 5, 15, 12);
const pg = db.kind === 'postgresql';
const time = (ms: number) => (pg ? new Date(ms).toISOString() : ms);
const ph = (k: number) => (pg ? `$${k}` : '?');

const customer = (id: number, over: Partial<SegmentCustomer> = {}): SegmentCustomer => ({
  id,
  externalId: `C${id}`,
  email: `c${id}@example.com`,
  phone: null,
  gender: null,
  birthYear: null,
  region: null,
  city: null,
  signupAt: null,
  consentEmail: false,
  consentSms: false,
  consentPush: false,
  attributes: null,
  erasedAt: null,
  ...over,
});

const HOSTILE = [
  "O'Hara",
  '\'; DROP TABLE "Customer"; --',
  'a%b',
  'a_b',
  'a\\b',
  'axxb',
  'acb',
  'É',
  'é',
  '中文',
  '😀 emoji',
  '\\%_',
];

function shop(): SegmentData {
  return {
    categories: [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
      { id: 3, parentId: null },
    ],
    products: [
      { id: 1, categoryId: 2, brand: 'Acme' },
      { id: 2, categoryId: 3, brand: "O'Brand" },
    ],
    customers: [
      customer(1, {
        region: 'CN',
        consentEmail: true,
        consentSms: true,
        phone: '+86 138',
        attributes: { tier: 'gold', points: '120' },
      }),
      customer(2, { region: 'US', consentEmail: true, email: null }),
      customer(3, { region: 'CN', consentPush: true, erasedAt: NOW - DAY_MS }),
      ...HOSTILE.map((h, k) => customer(10 + k, { region: h, city: h.toUpperCase(), attributes: { note: h } })),
    ],
    profiles: [{ customerId: 1, rfmGroup: 'champions', clv365: 250 }],
    tags: [
      { customerId: 1, key: 'rfm:champions', score: 1 },
      { customerId: 2, key: "weird'%_\\", score: 0.5 },
    ],
    events: [{ customerId: 2, type: 'view', ts: NOW - DAY_MS, productId: 2, categoryId: 3, campaignId: null }],
    orders: [0, 10, 50, 70].map((d, k) => ({
      id: k + 1,
      customerId: 1,
      placedAt: NOW - d * DAY_MS,
      status: 'completed',
      total: 40,
      campaignId: null,
    })),
    orderLines: [1, 2, 3, 4].map((orderId) => ({ orderId, productId: 1 })),
  };
}

const group = (...children: SegmentCondition[]): SegmentDefinition => ({ type: 'group', op: 'and', children });

beforeEach(async () => {
  await writeShop(db, shop(), { now: NOW });
});

describe(`segment queries (${db.kind})`, () => {
  test('count with reachability, pages, stream, membership', async () => {
    const cn = group({ type: 'attribute', field: 'region', op: 'in', value: ['CN', 'US'] });
    expect(await countSegment(db, cn, { now: NOW })).toEqual({ total: 2, reachable: { email: 1, sms: 1, push: 0 } }); // 3 is erased; 2 has no e-mail
    const all = group();
    const first = await listSegmentMembers(db, all, { now: NOW, pageSize: 2 });
    expect(first.rows.map((r) => r.id)).toEqual([1, 2]);
    expect(first.hasMore).toBe(true);
    expect(first.rows[0]).toMatchObject({ externalId: 'C1', rfmGroup: 'champions', clv365: 250, consentEmail: true });
    const next = await listSegmentMembers(db, all, { now: NOW, pageSize: 2, afterId: 2 });
    expect(next.rows.map((r) => r.id)).toEqual([10, 11]);
    expect((await listSegmentMembers(db, all, { now: NOW, pageSize: 2, page: 2 })).rows.map((r) => r.id)).toEqual([
      10, 11,
    ]);
    const streamed: number[] = [];
    for await (const m of streamSegmentMembers(db, all, { now: NOW, batchSize: 3 })) streamed.push(m.id);
    expect(streamed).toEqual([1, 2, ...HOSTILE.map((_, k) => 10 + k)]);
    const emailable: number[] = [];
    for await (const m of streamSegmentMembers(db, all, { now: NOW, channel: 'email' })) emailable.push(m.id);
    expect(emailable).toEqual([1]);
    for await (const m of streamSegmentMembers(db, all, { now: NOW, batchSize: 2 })) if (m.id > 0) break; // an early stop releases the cursor
    expect(await isMember(db, cn, 1, { now: NOW })).toBe(true);
    expect(await isMember(db, cn, 3, { now: NOW })).toBe(false);
  });

  test('order aggregates over one window share one grouped pass', async () => {
    const data = shop();
    // customer 2: revenue 150 but an average of 150; customer 10: 2 small orders (revenue 60, average 30)
    data.orders.push({
      id: 5,
      customerId: 2,
      placedAt: NOW - DAY_MS,
      status: 'completed',
      total: 150,
      campaignId: null,
    });
    data.orders.push(
      { id: 6, customerId: 10, placedAt: NOW - DAY_MS, status: 'completed', total: 30, campaignId: null },
      { id: 7, customerId: 10, placedAt: NOW - 40 * DAY_MS, status: 'completed', total: 30, campaignId: null },
    );
    await writeShop(db, data, { now: NOW });
    const def = group(
      { type: 'orders', metric: 'revenue', op: 'gte', value: 100 },
      { type: 'orders', metric: 'aov', op: 'lte', value: 40, window: { type: 'all_time' } },
      { type: 'orders', metric: 'count', op: 'lt', value: 3, window: { type: 'last_days', days: 30 } }, // holds without orders: not merged
      { type: 'orders', metric: 'count', op: 'gte', value: 1, window: { type: 'last_days', days: 60 } },
    );
    const { sql } = compileSegment(def, { dialect: db.kind, now: NOW });
    // revenue+aov together; count < 3 alone (on PostgreSQL a correlated count instead: "at most" is never NOT IN
    // there); "at least one order" needs none
    expect(sql.match(/GROUP BY/g)).toHaveLength(db.kind === 'postgresql' ? 1 : 2);
    if (db.kind === 'postgresql') expect(sql).not.toContain('NOT IN');
    expect(evaluateSegment(def, data, { now: NOW })).toEqual([1]);
    expect((await listSegmentMembers(db, def, { now: NOW })).rows.map((r) => r.id)).toEqual([1]);
    const negated: SegmentDefinition = { ...def, negate: true };
    expect((await listSegmentMembers(db, negated, { now: NOW })).rows.map((r) => r.id)).toEqual(
      evaluateSegment(negated, data, { now: NOW }),
    );
  });

  test('vocabulary for the builder pickers', async () => {
    const v = await getSegmentVocabulary(db);
    expect(v.regions.slice(0, 1)).toEqual(['CN']); // the most frequent first; the erased customer still counts
    expect(v.attributeKeys.sort()).toEqual(['note', 'points', 'tier']);
    expect(v.brands.sort()).toEqual(['Acme', "O'Brand"]);
    expect(v.tags.map((t) => t.key).sort()).toEqual(['rfm:champions', "weird'%_\\"]);
    expect(v.categories).toHaveLength(3);
  });

  test('explains membership with the actual values', async () => {
    const def = group(
      {
        type: 'behaviour',
        op: 'did',
        event: 'purchase',
        filter: { categoryId: 1 },
        frequency: { op: 'at_least', value: 2 },
        window: { type: 'last_days', days: 60 },
      },
      { type: 'tag', key: 'rfm:champions', op: 'has' },
    );
    const e = (await explainMembership(db, def, 1, { now: NOW }))!;
    expect(e).toMatchObject({ member: true, consistent: true, erased: false });
    if (e.tree.type !== 'group') throw new Error('the root is a group');
    const [purchase, tag] = e.tree.children;
    expect(purchase!.text.en).toBe('purchase in Category 1: 3 times in the last 60 days (needs ≥ 2)');
    expect(purchase!.text.zh).toBe('购买 「Category 1」：最近60天内3次（要求 ≥ 2次）');
    expect(tag!.text.en).toBe('tag rfm:champions: present, score 1 (needs present)');
    const other = (await explainMembership(db, def, 2, { now: NOW }))!;
    expect(other).toMatchObject({ member: false, consistent: true });
    expect(await explainMembership(db, def, 999, { now: NOW })).toBeNull();
  });

  test('hostile values are bound, never spliced, and LIKE wildcards match literally', async () => {
    const data = shop();
    const conditions: SegmentCondition[] = HOSTILE.flatMap((h): SegmentCondition[] => [
      { type: 'attribute', field: 'region', op: 'eq', value: h },
      { type: 'attribute', field: 'region', op: 'contains', value: h },
      { type: 'attribute', field: 'city', op: 'starts_with', value: h },
      { type: 'attribute', field: 'region', op: 'ends_with', value: h },
      { type: 'attribute', field: 'custom', key: 'note', valueType: 'string', op: 'in', value: [h, 'x'] },
      { type: 'tag', key: h, op: 'has_not' },
      { type: 'behaviour', op: 'did', event: 'view', filter: { brand: h } },
    ]);
    for (const c of conditions) {
      const def = group(c);
      const { sql } = compileSegment(def, { dialect: db.kind, now: NOW });
      for (const h of HOSTILE) if (h.length > 1) expect(sql).not.toContain(h);
      const ids = (await queryAll<{ id: unknown }>(db, sql, compileSegment(def, { dialect: db.kind, now: NOW }).params))
        .map((r) => Number(r.id))
        .sort((a, b) => a - b);
      expect(ids, JSON.stringify(c)).toEqual(evaluateSegment(def, data, { now: NOW }));
    }
    const regions = async (op: 'contains' | 'starts_with', value: string) =>
      (await listSegmentMembers(db, group({ type: 'attribute', field: 'region', op, value }), { now: NOW })).rows.map(
        (r) => r.region,
      );
    expect(await regions('contains', '%')).toEqual(['a%b', '\\%_']);
    expect(await regions('contains', '_')).toEqual(['a_b', '\\%_']);
    expect(await regions('contains', '\\')).toEqual(['a\\b', '\\%_']);
    expect(await regions('starts_with', 'A')).toEqual(['a%b', 'a_b', 'a\\b', 'axxb', 'acb']); // ASCII letters ignore case …
    expect(await regions('contains', 'é')).toEqual(['é']); // … other letters do not
    expect((await countSegment(db, group(), { now: NOW })).total).toBe(2 + HOSTILE.length); // the table survived
    expect(
      await countSegment(db, group({ type: 'behaviour', op: 'did', event: 'view', filter: { brand: "O'Brand" } }), {
        now: NOW,
      }),
    ).toMatchObject({ total: 1 });
  });

  test('saved segments are inlined; cycles and missing segments are refused', async () => {
    await execute(
      db,
      `INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "updatedAt") VALUES (${ph(1)}, ${ph(2)}, 'U', 'x', 'admin', ${ph(3)}) ON CONFLICT DO NOTHING`,
      ['seg-user', 'seg@example.com', time(NOW)],
    );
    await execute(db, `DELETE FROM "Segment"`);
    const save = (id: number, definition: unknown) =>
      execute(
        db,
        `INSERT INTO "Segment" ("id", "name", "definition", "createdById", "updatedAt") VALUES (${ph(1)}, ${ph(2)}, ${ph(3)}, 'seg-user', ${ph(4)})`,
        [id, `S${id}`, JSON.stringify(definition), time(NOW)],
      );
    await save(1, group({ type: 'attribute', field: 'region', op: 'eq', value: 'CN' }));
    await save(
      2,
      group({ type: 'segment', segmentId: 1, op: 'member' }, { type: 'consent', channel: 'sms', op: 'granted' }),
    );
    await save(3, group({ type: 'segment', segmentId: 4, op: 'member' }));
    await save(4, group({ type: 'segment', segmentId: 3, op: 'not_member' }));
    const def = group(
      { type: 'segment', segmentId: 2, op: 'not_member' },
      { type: 'consent', channel: 'email', op: 'granted' },
    );
    const resolveSegment = await loadSegmentResolver(db, def);
    expect((await listSegmentMembers(db, def, { now: NOW, resolveSegment })).rows.map((r) => r.id)).toEqual([2]);
    const cyclic = group({ type: 'segment', segmentId: 3, op: 'member' });
    await expect(async () =>
      compileSegment(cyclic, { dialect: db.kind, now: NOW, resolveSegment: await loadSegmentResolver(db, cyclic) }),
    ).rejects.toThrow(/segment 3 refers to itself \(3 → 4 → 3\)/);
    expect(() =>
      compileSegment(group({ type: 'segment', segmentId: 1, op: 'member' }), {
        dialect: db.kind,
        now: NOW,
        resolveSegment,
        selfId: 1,
      }),
    ).toThrow(SegmentReferenceError);
    const missing = group({ type: 'segment', segmentId: 77, op: 'member' });
    await expect(async () =>
      compileSegment(missing, { dialect: db.kind, now: NOW, resolveSegment: await loadSegmentResolver(db, missing) }),
    ).rejects.toThrow(/segment 77 does not exist/);
  });

  test('the index serves live counts and sees a new event within a second', async () => {
    let clock = NOW;
    const store = new SegmentIndexStore(db, { maxStalenessMs: 250, slowRefreshMs: 1_000, clock: () => clock });
    const viewers = group({ type: 'behaviour', op: 'did', event: 'view', window: { type: 'last_days', days: 7 } });
    expect(await store.count(viewers)).toMatchObject({ source: 'sql', total: 1 });
    await store.load();
    expect(await store.count(viewers)).toMatchObject({ source: 'index', total: 1 });
    await execute(
      db,
      `INSERT INTO "Event" ("id", "dedupKey", "customerId", "type", "ts", "source") VALUES (1000, 'live', 1, 'view', ${ph(1)}, 'api')`,
      [time(NOW - 1000)],
    );
    const accepted = performance.now();
    clock += 300; // the next count finds the index older than 250 ms
    expect(await store.count(viewers)).toMatchObject({ source: 'index', total: 2 });
    expect(performance.now() - accepted).toBeLessThan(1000);
    // Tag, profile and customer changes arrive with the slow refresh (updatedAt is real time, as the app writes it).
    await execute(db, `UPDATE "Customer" SET "erasedAt" = ${ph(1)}, "updatedAt" = ${ph(2)} WHERE "id" = 2`, [
      time(clock),
      time(Date.now()),
    ]);
    await execute(db, `UPDATE "CustomerTag" SET "score" = 0.1, "updatedAt" = ${ph(1)} WHERE "customerId" = 1`, [
      time(Date.now()),
    ]);
    clock += 1_500;
    // The count that starts the slow refresh waits for it while it is cheap, so it already sees the changes.
    expect(await store.count(viewers)).toMatchObject({ source: 'index', total: 1 });
    expect(await store.count(group({ type: 'tag', key: 'rfm:champions', op: 'score_gte', value: 0.5 }))).toMatchObject({
      total: 0,
    });
    expect(store.status).toMatchObject({ state: 'ready', customers: 3 + HOSTILE.length });
    // A refunded order stops counting once the slow refresh has read its new status.
    const buyers = group({ type: 'orders', metric: 'count', op: 'gte', value: 4 });
    expect(await store.count(buyers)).toMatchObject({ source: 'index', total: 1 });
    await execute(db, `UPDATE "Order" SET "status" = 'refunded', "updatedAt" = ${ph(1)} WHERE "id" = 1`, [
      time(Date.now()),
    ]);
    clock += 1_500;
    expect(await store.count(buyers)).toMatchObject({ source: 'index', total: 0 });
    expect(store.status.lastRefresh).toMatchObject({ orders: 1 });
    // A customer erased by another process (row deleted, receipt written) is gone from the next count: an
    // incremental refresh cannot see a deletion, so the receipt count makes the store rebuild first.
    const everyone = (await store.count(group())).total;
    const [victim] = await queryAll<{ id: number }>(
      db,
      `SELECT MAX("id") AS "id" FROM "Customer" c WHERE NOT EXISTS (SELECT 1 FROM "Order" o WHERE o."customerId" = c."id")`,
    );
    for (const table of ['Event', 'CustomerTag', 'CustomerProfile'])
      await execute(db, `DELETE FROM "${table}" WHERE "customerId" = ${ph(1)}`, [Number(victim!.id)]);
    await execute(db, `DELETE FROM "Customer" WHERE "id" = ${ph(1)}`, [Number(victim!.id)]);
    await execute(
      db,
      `INSERT INTO "ErasureReceipt" ("id", "subjectRef", "matchedBy", "counts", "actorType") VALUES ('r1', 'psn_x', 'id', '{}', 'user')`,
    );
    clock += 1_500;
    expect(await store.count(group())).toMatchObject({ source: 'index', total: everyone - 1 });
  });
});
