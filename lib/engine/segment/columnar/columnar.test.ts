import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ARB_NOW, definitionArbitrary, shopArbitrary, TAG_KEYS } from '../arbitraries';
import { evaluateSegment } from '../evaluate';
import type { SegmentData } from '../types';
import { Bitset } from './bitset';
import { indexFromData } from './build';
import { countOnIndex, membersOnIndex } from './evaluate';

const SEED = 4242;

describe('Bitset', () => {
  test.each([0, 1, 31, 32, 33, 100])('size %i: fill, not, count and iteration agree', (n) => {
    const b = new Bitset(n);
    for (let i = 0; i < n; i += 3) b.set(i);
    expect([...b]).toEqual(Array.from({ length: Math.ceil(n / 3) }, (_, k) => k * 3));
    expect(b.count()).toBe(Math.ceil(n / 3));
    expect(b.not().count()).toBe(n - Math.ceil(n / 3));
    expect(Bitset.full(n).count()).toBe(n);
    expect(Bitset.full(n).countAnd(b)).toBe(b.count());
  });
});

describe('columnar index = in-memory evaluator (no database)', () => {
  test('random shops × random definitions', () => {
    fc.assert(
      fc.property(
        shopArbitrary,
        fc.array(definitionArbitrary(), { minLength: 5, maxLength: 5 }),
        fc.constantFrom('UTC', 'Asia/Shanghai', 'America/New_York'),
        (shop, definitions, timeZone) => {
          const index = indexFromData(shop);
          for (const d of definitions)
            expect(membersOnIndex(d, index, { now: ARB_NOW, timeZone })).toEqual(
              evaluateSegment(d, shop, { now: ARB_NOW, timeZone }),
            );
        },
      ),
      { numRuns: 150, seed: SEED },
    );
  });

  test('orders in time order (the binary-searched windows and cached sums)', () => {
    fc.assert(
      fc.property(
        shopArbitrary,
        fc.array(definitionArbitrary(), { minLength: 5, maxLength: 5 }),
        (shop, definitions) => {
          const order = [...shop.orders].sort((a, b) => a.placedAt - b.placedAt);
          const newId = new Map(order.map((o, k) => [o.id, k + 1]));
          const sorted: SegmentData = {
            ...shop,
            orders: order.map((o) => ({ ...o, id: newId.get(o.id)! })),
            orderLines: shop.orderLines.map((l) => ({ ...l, orderId: newId.get(l.orderId)! })),
          };
          const index = indexFromData(sorted);
          expect(index.ordersTimeSorted).toBe(true);
          for (const d of definitions) {
            expect(membersOnIndex(d, index, { now: ARB_NOW })).toEqual(evaluateSegment(d, sorted, { now: ARB_NOW }));
            expect(membersOnIndex(d, index, { now: ARB_NOW })).toEqual(evaluateSegment(d, sorted, { now: ARB_NOW })); // from the cache
          }
        },
      ),
      { numRuns: 100, seed: SEED },
    );
  });

  test('customer changes and new customers after custom-attribute columns were built', () => {
    fc.assert(
      fc.property(
        shopArbitrary,
        shopArbitrary,
        fc.array(definitionArbitrary(), { minLength: 4, maxLength: 4 }),
        (shop, other, definitions) => {
          const index = indexFromData(shop);
          for (const d of definitions) membersOnIndex(d, index, { now: ARB_NOW }); // builds the typed columns
          // every customer takes the attributes, region and consents of a customer of another shop
          const customers = shop.customers.map((c, k) => {
            const o = other.customers[k % other.customers.length]!;
            return {
              ...c,
              attributes: o.attributes,
              region: o.region,
              consentEmail: o.consentEmail,
              erasedAt: o.erasedAt,
            };
          });
          // … and the other shop's customers join as new ones (slots appended after the columns were built)
          const joined = other.customers.map((c) => ({ ...c, id: c.id + 1000 }));
          for (const c of [...customers, ...joined]) index.upsertCustomer(c);
          const changed = { ...shop, customers: [...customers, ...joined] };
          for (const d of definitions)
            expect(membersOnIndex(d, index, { now: ARB_NOW })).toEqual(evaluateSegment(d, changed, { now: ARB_NOW }));
        },
      ),
      { numRuns: 100, seed: SEED },
    );
  });

  test('appends after a build (day-grouped rows plus tail) and tag changes (overrides) are seen', () => {
    fc.assert(
      fc.property(
        shopArbitrary,
        fc.array(definitionArbitrary(), { minLength: 4, maxLength: 4 }),
        fc.nat(),
        (shop, definitions, pick) => {
          const half: SegmentData = { ...shop, events: shop.events.slice(0, shop.events.length >> 1) };
          const index = indexFromData(half);
          for (const e of shop.events.slice(shop.events.length >> 1))
            index.appendEvent(e.customerId, e.type, e.ts, e.productId, e.categoryId, e.campaignId);
          // move one tag score and drop another, in the index and in the records
          const tags = shop.tags.map((t) => ({ ...t }));
          if (tags.length > 1) {
            const a = tags[pick % tags.length]!;
            a.score = 0.5;
            index.setTag(a.customerId, a.key, 0.5);
            const [gone] = tags.splice((pick >> 3) % tags.length, 1);
            index.setTag(gone!.customerId, gone!.key, null);
          }
          index.setTag(1, TAG_KEYS[0]!, 2);
          const changed = {
            ...shop,
            tags: [
              ...tags.filter((t) => !(t.customerId === 1 && t.key === TAG_KEYS[0])),
              { customerId: 1, key: TAG_KEYS[0]!, score: 2 },
            ],
          };
          for (const d of definitions) {
            const expected = evaluateSegment(d, changed, { now: ARB_NOW });
            expect(membersOnIndex(d, index, { now: ARB_NOW })).toEqual(expected);
            expect(countOnIndex(d, index, { now: ARB_NOW }).total).toBe(expected.length);
          }
          index.compact();
          for (const d of definitions)
            expect(membersOnIndex(d, index, { now: ARB_NOW })).toEqual(evaluateSegment(d, changed, { now: ARB_NOW }));
        },
      ),
      { numRuns: 100, seed: SEED },
    );
  });
});
