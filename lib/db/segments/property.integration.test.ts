import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import {
  ARB_NOW,
  definitionArbitrary,
  shopArbitrary,
  singleConditionArbitrary,
  TAG_KEYS,
} from '@/lib/engine/segment/arbitraries';
import { countOnIndex, membersOnIndex } from '@/lib/engine/segment/columnar/evaluate';
import { evaluateSegment } from '@/lib/engine/segment/evaluate';
import type { SegmentData } from '@/lib/engine/segment/types';
import { parseSegmentDefinition, type SegmentDefinition } from '@/lib/schemas/segment';
import { openRaw } from '../raw';
import { compileSegment } from './compile';
import { buildSegmentIndex, refreshSegmentIndex } from './index-loader';
import { countSegment } from './queries';
import { queryAll } from './runner';
import { writeShop } from './write-shop';

const db = openRaw();
afterAll(async () => {
  if (db.kind === 'postgresql') await db.pool.end();
  else db.conn.close();
});

async function sqlMembers(
  definition: SegmentDefinition,
  strategy: 'set' | 'correlated',
  timeZone: string,
  resolveSegment?: (id: number) => unknown,
) {
  const { sql, params } = compileSegment(definition, {
    dialect: db.kind,
    now: ARB_NOW,
    timeZone,
    strategy,
    resolveSegment,
  });
  return (await queryAll<{ id: unknown }>(db, sql, params)).map((r) => Number(r.id)).sort((a, b) => a - b);
}

const SEED = Number(process.env.SEGMENT_SEED ?? 20_260_401);
/** Dates in conditions are the shop's calendar days: UTC, a fixed +8 h zone and one with daylight saving. */
const TIME_ZONES = fc.constantFrom('UTC', 'Asia/Shanghai', 'America/New_York');

/**
 * A shop and an earlier state of it: two thirds of the customers (with their profiles and tags) and the first half
 * of the events and orders, where every later event and order has a higher id (as a live shop appends them). The
 * index is built on the earlier state; the rest arrives before the refresh.
 */
function withEarlier(shop: SegmentData): { whole: SegmentData; earlier: SegmentData } {
  const cutoff = Math.ceil((shop.customers.length * 2) / 3);
  const old = (r: { customerId: number }) => r.customerId <= cutoff;
  const events = [...shop.events.filter(old), ...shop.events.filter((e) => !old(e))].map((e, k) => ({
    ...e,
    id: k + 1,
  }));
  const orders = [...shop.orders.filter(old), ...shop.orders.filter((o) => !old(o))];
  const newId = new Map(orders.map((o, k) => [o.id, k + 1]));
  const whole: SegmentData = {
    ...shop,
    events,
    orders: orders.map((o) => ({ ...o, id: newId.get(o.id)! })),
    orderLines: shop.orderLines
      .map((l) => ({ ...l, orderId: newId.get(l.orderId)! }))
      .sort((a, b) => a.orderId - b.orderId)
      .map((l, k) => ({ ...l, id: k + 1 })),
  };
  const eventCut = Math.min(Math.ceil(events.length / 2), shop.events.filter(old).length);
  const orderCut = Math.min(Math.ceil(orders.length / 2), shop.orders.filter(old).length);
  const earlier: SegmentData = {
    ...whole,
    customers: whole.customers.filter((c) => c.id <= cutoff),
    profiles: whole.profiles.filter(old),
    tags: whole.tags.filter(old),
    events: whole.events.slice(0, eventCut),
    orders: whole.orders.slice(0, orderCut),
    orderLines: whole.orderLines.filter((l) => l.orderId <= orderCut),
  };
  return { whole, earlier };
}

describe(`compiled SQL = columnar index = in-memory evaluator (${db.kind})`, () => {
  test('random shops × random definitions (both query shapes; index built on an earlier state, then refreshed)', async () => {
    const saved = fc.sample(definitionArbitrary([], 2), { numRuns: 2, seed: SEED });
    const refs: Record<number, unknown> = {
      1: saved[0],
      2: saved[1],
      3: { type: 'group', op: 'or', children: [{ type: 'segment', segmentId: 1, op: 'not_member' }, saved[1]] },
    };
    const resolve = (id: number) => refs[id];
    const started = performance.now();
    let definitionsChecked = 0;
    let nonTrivial = 0;
    await fc
      .assert(
        fc.asyncProperty(
          shopArbitrary,
          fc.array(definitionArbitrary([1, 2, 3]), { minLength: 4, maxLength: 4 }),
          fc.array(singleConditionArbitrary, { minLength: 16, maxLength: 16 }),
          TIME_ZONES,
          async (generated, nested, single, timeZone) => {
            const definitions = [...nested, ...single];
            const { whole: shop, earlier } = withEarlier(generated);
            await writeShop(db, earlier, { tagKeys: TAG_KEYS });
            const { index, cursor } = await buildSegmentIndex(db);
            for (const d of definitions) membersOnIndex(d, index, { now: ARB_NOW, timeZone, resolveSegment: resolve }); // caches and typed columns exist before the refresh
            await writeShop(db, shop, { merge: true, tagKeys: TAG_KEYS });
            await refreshSegmentIndex(db, index, cursor, { slow: true });
            for (const definition of definitions) {
              const parsed = parseSegmentDefinition(definition);
              if (!parsed.ok) throw new Error(`generator made an invalid definition: ${JSON.stringify(parsed.issues)}`);
              const expected = evaluateSegment(definition, shop, { now: ARB_NOW, timeZone, resolveSegment: resolve });
              definitionsChecked++;
              if (expected.length > 0 && expected.length < shop.customers.filter((c) => c.erasedAt === null).length)
                nonTrivial++;
              expect(await sqlMembers(definition, 'set', timeZone, resolve), 'SQL (set)').toEqual(expected);
              expect(await sqlMembers(definition, 'correlated', timeZone, resolve), 'SQL (correlated)').toEqual(
                expected,
              );
              expect(
                membersOnIndex(definition, index, { now: ARB_NOW, timeZone, resolveSegment: resolve }),
                `index: ${JSON.stringify(definition)}`,
              ).toEqual(expected);
              const options = { now: ARB_NOW, timeZone, resolveSegment: resolve };
              expect(countOnIndex(definition, index, options), 'index counts').toEqual(
                await countSegment(db, definition, options),
              );
            }
          },
        ),
        { numRuns: Number(process.env.SEGMENT_RUNS ?? 100), seed: SEED, endOnFailure: false },
      )
      .catch((e: unknown) => {
        const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : '';
        throw new Error(
          `property failed with seed ${SEED} (rerun with SEGMENT_SEED=${SEED}): ${cause}\n${String(e instanceof Error ? e.message : e).slice(0, 20_000)}`,
        );
      });
    console.log(
      `segment property: ${db.kind}, seed ${SEED}, ${definitionsChecked} definitions (${nonTrivial} with some but not all customers), ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    // The generators must keep producing selective definitions, or the comparison proves little.
    expect(nonTrivial / definitionsChecked).toBeGreaterThan(0.3);
  });
});
