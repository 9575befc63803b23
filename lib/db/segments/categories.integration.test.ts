import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { membersOnIndex } from '@/lib/engine/segment/columnar/evaluate';
import { evaluateSegment } from '@/lib/engine/segment/evaluate';
import type { SegmentCustomer, SegmentData } from '@/lib/engine/segment/types';
import type { SegmentCondition, SegmentDefinition } from '@/lib/schemas/segment';
import { openRaw } from '../raw';
import { compileSegment } from './compile';
import { explainMembership } from './explain';
import { buildSegmentIndex } from './index-loader';
import { execute, queryAll } from './runner';
import { writeShop } from './write-shop';

// A product listed in two categories counts in both for behaviour and purchase conditions, in every evaluator; a
// simulated campaign event never counts as behaviour.
const db = openRaw();
afterAll(async () => {
  if (db.kind === 'postgresql') await db.pool.end();
  else db.conn.close();
});

const NOW = Date.UTC(2025, 5, 15, 12);
const DAY = 86_400_000;
const pg = db.kind === 'postgresql';
const customer = (id: number): SegmentCustomer => ({
  id,
  externalId: `C${id}`,
  email: null,
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
});
const view = (customerId: number, productId: number, categoryId: number) => ({
  customerId,
  type: 'view',
  ts: NOW - DAY,
  productId,
  categoryId,
  campaignId: null,
});

// Sports (1) > Running (2); Home (3). Product 1 is a Home product also listed in Running; product 2 only in Home.
const SHOP: SegmentData = {
  categories: [
    { id: 1, parentId: null },
    { id: 2, parentId: 1 },
    { id: 3, parentId: null },
  ],
  products: [
    { id: 1, categoryId: 3, brand: null, categoryIds: [3, 2] },
    { id: 2, categoryId: 3, brand: null, categoryIds: [3] },
  ],
  customers: [1, 2, 3, 4, 5].map(customer),
  profiles: [],
  tags: [],
  events: [view(1, 1, 3), view(2, 2, 3)],
  orders: [3, 4].map((c) => ({
    id: c,
    customerId: c,
    placedAt: NOW - DAY,
    status: 'completed',
    total: 10,
    campaignId: null,
  })),
  orderLines: [
    { orderId: 3, productId: 1 },
    { orderId: 4, productId: 2 },
  ],
};

const did = (event: string, categoryId: number): SegmentDefinition => ({
  type: 'group',
  op: 'and',
  negate: false,
  children: [{ type: 'behaviour', op: 'did', event, filter: { categoryId } } as SegmentCondition],
});

async function sqlMembers(definition: SegmentDefinition, strategy: 'set' | 'correlated') {
  const { sql, params } = compileSegment(definition, { dialect: db.kind, now: NOW, timeZone: 'UTC', strategy });
  return (await queryAll<{ id: unknown }>(db, sql, params)).map((r) => Number(r.id)).sort((a, b) => a - b);
}

describe(`products in several categories, simulated events (${db.kind})`, () => {
  beforeAll(async () => {
    await writeShop(db, SHOP, { now: NOW });
    // customer 5 "viewed" product 1 in Running only inside a campaign simulation
    await execute(
      db,
      `INSERT INTO "Event" ("id", "dedupKey", "customerId", "type", "ts", "productId", "categoryId", "source") VALUES (100, 'sim:1:1', 5, 'view', ${pg ? '$1' : '?'}, 1, 2, 'simulation')`,
      [pg ? new Date(NOW - DAY).toISOString() : NOW - DAY],
    );
  });

  test.each([
    ['view', 1, [1]], // Sports includes Running, where product 1 is listed: customer 1's view counts; 5's is simulated
    ['view', 2, [1]],
    ['view', 3, [1, 2]], // the event's own category
    ['purchase', 1, [3]], // an order line of product 1 counts in Sports through its second category
    ['purchase', 3, [3, 4]],
  ])('did %s in category %i → customers %j in SQL, the index and the reference', async (event, category, members) => {
    const definition = did(event, category);
    expect(evaluateSegment(definition, SHOP, { now: NOW, timeZone: 'UTC' })).toEqual(members);
    expect(await sqlMembers(definition, 'set')).toEqual(members);
    expect(await sqlMembers(definition, 'correlated')).toEqual(members);
    const { index } = await buildSegmentIndex(db);
    expect(membersOnIndex(definition, index, { now: NOW, timeZone: 'UTC' })).toEqual(members);
  });

  test('the explanation agrees with the SQL for a product reached through its second category', async () => {
    expect(await explainMembership(db, did('view', 1), 1, { now: NOW })).toMatchObject({
      member: true,
      consistent: true,
    });
    expect(await explainMembership(db, did('view', 1), 5, { now: NOW })).toMatchObject({
      member: false,
      consistent: true,
    });
  });
});
