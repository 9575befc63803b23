import { beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { rejectionText } from '@/lib/import/rejection-text';
import type { MessageParams } from '@/lib/i18n/message-ref';
import { translator } from '@/lib/i18n/translate';
import type { ApiKeyActor } from '../auth/actor';
import { MAX_BATCH, receiveEvents } from './api';

const storefront: ApiKeyActor = { type: 'api_key', keyId: 'key-events-test', scopes: ['events:write'] };
const send = (events: unknown[], idempotencyKey: string | null = null, extra: object = {}) =>
  receiveEvents(storefront, { bodyText: JSON.stringify({ events, ...extra }), idempotencyKey });
type Body = {
  received: number;
  accepted: number;
  rejected: number;
  inserted: number;
  duplicates: number;
  results: { index: number; status: string; reason?: string; code?: string; params?: Record<string, unknown> }[];
};

describe('POST /api/v1/events', () => {
  beforeAll(async () => {
    await db.customer.upsert({
      where: { externalId: 'EV-C1' },
      create: { externalId: 'EV-C1', name: 'Eve' },
      update: {},
    });
    await db.product.upsert({
      where: { sku: 'EV-SKU-1' },
      create: { sku: 'EV-SKU-1', title: 'Kettle', price: 99 },
      update: {},
    });
  });

  test('answers per event: valid ones stored, each invalid one rejected with its reason', async () => {
    const out = await send([
      {
        event_id: 'ev-1',
        customer_id: 'EV-C1',
        event_type: 'view',
        timestamp: '2026-11-01T10:00:00Z',
        sku: 'EV-SKU-1',
        session_id: 's1',
      },
      {
        event_id: 'ev-2',
        customer_id: 'EV-C1',
        event_type: 'add_to_cart',
        timestamp: 1_793_527_200_000,
        sku: 'EV-SKU-1',
        quantity: 1,
      },
      { event_id: 'ev-3', customer_id: 'EV-C1', event_type: 'teleport', timestamp: '2026-11-01T10:02:00Z' },
      { event_id: 'ev-4', customer_id: 'EV-C1', event_type: 'view', timestamp: 'yesterday-ish' },
      {
        event_id: 'ev-5',
        customer_id: 'EV-C1',
        event_type: 'view',
        timestamp: '2026-11-01T10:03:00Z',
        sku: 'NO-SUCH-SKU',
      },
      { event_id: 'ev-6', customer_id: 'EV-C1', event_type: 'view', timestamp: '2026-11-01T10:04:00Z', colour: 'red' },
      {
        event_id: 'ev-7',
        customer_id: 'EV-NEW-7',
        event_type: 'search',
        timestamp: '2026-11-01T10:05:00+08:00',
        query: '蓝牙耳机',
      },
      '\'; DROP TABLE "Event"; --',
    ]);
    const body = out.body as Body;
    expect(out.status).toBe(200);
    expect(body.results.map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'accepted',
      'rejected',
    ]);
    expect(body.results[2]!.reason).toMatch(/event_type/);
    expect(body.results[3]!.reason).toMatch(/timestamp/);
    expect(body.results[4]!.reason).toMatch(/NO-SUCH-SKU/);
    expect(body.results[5]!.reason).toMatch(/colour/);
    // every rejection carries a catalogue code and its params, for a client to word in its own language
    expect(body.results.filter((r) => r.status === 'rejected').map((r) => r.code)).toEqual([
      'unknownEventType',
      'invalidDate',
      'unknownSku',
      'invalidEventField',
      'invalidEventField',
    ]);
    expect(body.results[4]!.params).toEqual({ value: 'NO-SUCH-SKU' });
    // a field the validator refused is worded by the catalogue in each language, never by the validator's English
    const zh = translator('zh-CN');
    const worded = (i: number, t = zh) =>
      rejectionText(t, {
        reason: '',
        key: `importRejections.${body.results[i]!.code}`,
        params: body.results[i]!.params as MessageParams,
      });
    expect(worded(5)).toBe('event：无法识别的字段：colour。');
    expect(worded(5, translator('en'))).toBe(body.results[5]!.reason);
    expect(worded(7)).toMatch(/^event：[\u4e00-\u9fff]/);
    expect(body).toMatchObject({ received: 8, accepted: 3, rejected: 5, inserted: 3 });
    const stored = await db.event.findMany({
      where: { dedupKey: { in: ['ev-1', 'ev-2', 'ev-7'] } },
      orderBy: { dedupKey: 'asc' },
    });
    expect(stored.map((e) => e.type)).toEqual(['view', 'cart', 'search']);
    expect(stored[2]!.ts.toISOString()).toBe('2026-11-01T02:05:00.000Z'); // converted to UTC
    expect(await db.customer.count({ where: { externalId: 'EV-NEW-7' } })).toBe(1); // new storefront customers are created
    expect(await db.event.count()).toBeGreaterThanOrEqual(3);
  });

  test('sending the same events again stores nothing twice', async () => {
    const before = await db.event.count();
    const out = await send([
      {
        event_id: 'ev-1',
        customer_id: 'EV-C1',
        event_type: 'view',
        timestamp: '2026-11-01T10:00:00Z',
        sku: 'EV-SKU-1',
        session_id: 's1',
      },
    ]);
    expect(out.body).toMatchObject({ accepted: 1, inserted: 0, duplicates: 1 });
    expect(await db.event.count()).toBe(before);
  });

  test('an Idempotency-Key replays the first answer; reused with another body it is refused', async () => {
    const events = [{ customer_id: 'EV-C1', event_type: 'click', timestamp: '2026-11-02T09:00:00Z' }];
    const first = await send(events, 'batch-0001');
    const again = await send(events, 'batch-0001');
    expect(again.replayed).toBe(true);
    expect(again.body).toEqual(first.body);
    await expect(send([{ ...events[0], event_type: 'open' }], 'batch-0001')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  test('malformed batches are refused as a whole with a clear message', async () => {
    await expect(receiveEvents(storefront, { bodyText: '{"events": [', idempotencyKey: null })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: /JSON/,
    });
    await expect(send([])).rejects.toMatchObject({ code: 'INVALID_INPUT', message: /at least one/ });
    await expect(send(new Array(MAX_BATCH + 1).fill({}))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: /at most/,
    });
    await expect(receiveEvents(storefront, { bodyText: '[1,2]', idempotencyKey: null })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(send([{}], 'bad key with spaces')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  test('keys without the events:write scope, and anonymous callers, are refused', async () => {
    await expect(
      receiveEvents(
        { ...storefront, scopes: ['recommendations:read'] },
        { bodyText: '{"events":[{}]}', idempotencyKey: null },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(receiveEvents(null, { bodyText: '{"events":[{}]}', idempotencyKey: null })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});
