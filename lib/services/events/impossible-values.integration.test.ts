import { beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import type { ApiKeyActor } from '../auth/actor';
import { receiveEvents } from './api';

const storefront: ApiKeyActor = { type: 'api_key', keyId: 'key-impossible-test', scopes: ['events:write'] };
type Result = { index: number; status: string; reason?: string; field?: string | null; code?: string; params?: object };
const send = async (events: unknown[]) =>
  (
    (await receiveEvents(storefront, { bodyText: JSON.stringify({ events }), idempotencyKey: null })).body as {
      results: Result[];
    }
  ).results;
const event = (id: string, over: object) => ({ event_id: id, customer_id: 'IV-C1', event_type: 'view', ...over });
const storedTs = async (id: string) =>
  (await db.event.findUniqueOrThrow({ where: { dedupKey: id }, select: { ts: true } })).ts.toISOString();

beforeAll(async () => {
  await db.customer.upsert({ where: { externalId: 'IV-C1' }, create: { externalId: 'IV-C1' }, update: {} });
  await db.product.upsert({
    where: { sku: 'IV-SKU' },
    create: { sku: 'IV-SKU', title: 'Lamp', price: 20 },
    update: {},
  });
});

describe('the events API: one reading of epoch timestamps, impossible values refused', () => {
  // 1765000000 s = 2025-12-06T05:46:40Z (python3 -c "import datetime;print(datetime.datetime.utcfromtimestamp(1765000000))")
  test.each([
    ['a number below 10^11 is seconds', 1_765_000_000, '2025-12-06T05:46:40.000Z'],
    ['a string below 10^11 is seconds', '1765000000', '2025-12-06T05:46:40.000Z'],
    ['a number from 10^11 is milliseconds', 1_765_000_000_123, '2025-12-06T05:46:40.123Z'],
    ['a string from 10^11 is milliseconds', '1765000000123', '2025-12-06T05:46:40.123Z'],
    ['ISO text as before', '2025-12-06T13:46:40+08:00', '2025-12-06T05:46:40.000Z'],
  ])('%s', async (name, timestamp, iso) => {
    const id = `iv-ts-${name.replaceAll(' ', '-')}`;
    expect(await send([event(id, { timestamp })])).toEqual([{ index: 0, status: 'accepted' }]);
    expect(await storedTs(id)).toBe(iso);
  });

  test('a timestamp more than 24 h ahead is refused with a code, in both forms; 23 h ahead is accepted', async () => {
    const soon = Date.now() + 23 * 3_600_000;
    const results = await send([
      event('iv-2099', { timestamp: '2099-01-01T00:00:00Z' }),
      event('iv-2099-s', { timestamp: 4_070_908_800 }),
      event('iv-2099-ms', { timestamp: '4070908800000' }),
      event('iv-soon', { timestamp: soon }),
    ]);
    for (const r of results.slice(0, 3)) {
      expect(r).toMatchObject({
        status: 'rejected',
        field: 'timestamp',
        code: 'futureTimestamp',
        params: { field: 'timestamp', value: '2099-01-01T00:00:00.000Z' },
        reason: 'timestamp 2099-01-01T00:00:00.000Z is more than 24 hours in the future',
      });
    }
    expect(results[3]).toEqual({ index: 3, status: 'accepted' });
    expect(await db.event.count({ where: { dedupKey: { startsWith: 'iv-2099' } } })).toBe(0);
  });

  test('a purchase with a negative price or a quantity below 1 is refused; a free item is not', async () => {
    const purchase = (id: string, over: object) =>
      event(id, { event_type: 'purchase', timestamp: '2025-06-01T10:00:00Z', sku: 'IV-SKU', ...over });
    const results = await send([
      purchase('iv-neg', { price: -5, quantity: 1 }),
      purchase('iv-q0', { price: 5, quantity: 0 }),
      purchase('iv-qneg', { price: 5, quantity: -2 }),
      purchase('iv-free', { price: 0, quantity: 1 }),
      event('iv-view-neg', { timestamp: '2025-06-01T10:00:00Z', price: -5 }),
    ]);
    expect(results.map((r) => [r.status, r.field, r.code, r.params])).toEqual([
      ['rejected', 'price', 'negativePrice', { value: -5 }],
      ['rejected', 'quantity', 'purchaseQuantity', { value: 0 }],
      ['rejected', 'quantity', 'purchaseQuantity', { value: -2 }],
      ['accepted', undefined, undefined, undefined],
      ['accepted', undefined, undefined, undefined],
    ]);
    expect(results[0]!.reason).toBe('a purchase cannot have a negative price, got -5');
    expect(results[1]!.reason).toBe('a purchase needs a quantity of at least 1, got 0');
  });
});
