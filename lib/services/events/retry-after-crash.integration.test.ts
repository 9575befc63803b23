import { afterAll, beforeAll, expect, test } from 'vitest';
import { closeConnections } from '@/lib/db/connections';
import { db } from '@/lib/db/client';
import type { ApiKeyActor } from '../auth/actor';
import { recomputePortraits } from '../portraits/recompute';
import { receiveEvents } from './api';
import { ingestEvents } from './ingest';

// A request killed after its events were committed but before the portraits were refreshed (found by the fault
// suite, lib/testing/db/faults): the client's retry finds every event already stored. The retry must still refresh
// the portraits of the customers it names, or they stay stale until the next full recompute.
const storefront: ApiKeyActor = { type: 'api_key', keyId: 'key-retry-test', scopes: ['events:write'] };
const purchase = (customer: string, n: number, day: number) => ({
  event_id: `${customer}-p${n}`,
  customer_id: customer,
  event_type: 'purchase',
  timestamp: new Date(Date.UTC(2026, 10, day, 12)).toISOString(),
  sku: 'RT-SKU',
  quantity: 1,
  price: 40,
  order_id: `${customer}-o${n}`,
});

beforeAll(async () => {
  await db.product.create({ data: { sku: 'RT-SKU', title: 'Teapot', price: 40 } });
  // 40 customers with 1–4 orders each, so the full recompute fits and stores its models
  const events = [];
  for (let c = 0; c < 40; c++) for (let n = 0; n <= c % 4; n++) events.push(purchase(`RT${c}`, n, 1 + n * 3 + (c % 5)));
  const out = await receiveEvents(storefront, { bodyText: JSON.stringify({ events }), idempotencyKey: null });
  expect(out.status).toBe(200);
  await recomputePortraits();
});

afterAll(async () => {
  await closeConnections();
});

/** The portrait's last activity, as an ISO day. */
const lastSeen = async (externalId: string) =>
  (
    await db.customerProfile.findFirst({ where: { customer: { externalId } }, select: { lastSeenAt: true } })
  )?.lastSeenAt
    ?.toISOString()
    .slice(0, 10);

test('a retried batch whose events were all stored by the killed request still refreshes their portraits', async () => {
  expect(await lastSeen('RT0')).toBe('2026-11-01');
  const events = [purchase('RT0', 7, 25)];
  // what the killed request left behind: the events committed, no refresh, no idempotency record
  await ingestEvents(events, { baseCurrency: 'CNY', createMissingCustomers: true });
  expect(await lastSeen('RT0')).toBe('2026-11-01');
  const retry = await receiveEvents(storefront, { bodyText: JSON.stringify({ events }), idempotencyKey: 'retry-1' });
  expect(retry.body).toMatchObject({ accepted: 1, inserted: 0, duplicates: 1, portraitsRefreshed: 1 });
  expect(await lastSeen('RT0')).toBe('2026-11-25');
  // a replay of the same key answers the stored response and changes nothing
  const replay = await receiveEvents(storefront, { bodyText: JSON.stringify({ events }), idempotencyKey: 'retry-1' });
  expect(replay.replayed).toBe(true);
  expect(await lastSeen('RT0')).toBe('2026-11-25');
});
