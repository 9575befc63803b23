import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import type { ApiKeyActor } from '../auth/actor';
import { recomputePortraits } from '../portraits/recompute';
import { receiveEvents } from './api';

// Many event batches at once in one process, as a busy storefront server sends them: every batch is answered (none
// fails with "database is locked" while another batch's transaction waits for the event loop), each event stored
// once and its customers' portraits refreshed. (Before batches took turns on SQLite — lib/services/events/api.ts and
// the write queue in lib/db/import/sqlite-store.ts — this test hung: a batch waiting for the lock blocked the event
// loop that the batch holding it needed to commit.)
const key: ApiKeyActor = { type: 'api_key', keyId: 'key-concurrent-test', scopes: ['events:write'] };
const tag = `cc${randomBytes(3).toString('hex')}`;

test('40 concurrent batches of 25 new customers each: all accepted, every event stored once', async () => {
  await db.product.create({ data: { sku: `${tag}-sku`, title: 'Teapot', price: 20 } });
  // fitted portrait models, so that every batch also refreshes its customers' portraits (writes on other connections)
  await recomputePortraits();
  const batches = Array.from({ length: 40 }, (_, b) =>
    Array.from({ length: 25 }, (_, i) => ({
      event_id: `${tag}-${b}-${i}`,
      customer_id: `${tag}-c${b}-${i}`,
      event_type: 'view',
      timestamp: new Date(Date.now() - 60_000).toISOString(),
      sku: `${tag}-sku`,
    })),
  );
  const answers = await Promise.all(
    batches.map((events) => receiveEvents(key, { bodyText: JSON.stringify({ events }), idempotencyKey: null })),
  );
  for (const a of answers)
    expect(a).toMatchObject({ status: 200, body: { accepted: 25, inserted: 25, portraitsRefreshed: 25 } });
  expect(await db.event.count({ where: { dedupKey: { startsWith: `${tag}-` } } })).toBe(1000);
}, 60_000);
