import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections, rawDb } from '@/lib/db/connections';
import { customerHistory, customerSignals } from '@/lib/db/recommendations/source';
import { withSnapshot } from '@/lib/db/recommendations/query';
import type { Role } from '@/lib/security/roles';
import { seedDemoShop, testActors } from '@/lib/testing/db/seed-shop';
import type { UserActor } from './auth/actor';
import { getDashboard } from './dashboard';
import { getCustomerPortrait, getCustomerTimeline } from './portraits/portrait';
import { recomputePortraits } from './portraits/recompute';

// The rule (README, "Simulation mode"): events a campaign simulation writes (source 'simulation') are never real
// behaviour. Adding a pile of them for one customer changes none of what the shop reads as behaviour.
const DAY = 86_400_000;
let actors: Record<Role, UserActor>;
let customerId: number;

async function portraitState() {
  const profile = await db.customerProfile.findUnique({ where: { customerId }, omit: { updatedAt: true } });
  const tags = await db.customerTag.findMany({
    where: { customerId },
    orderBy: { tagId: 'asc' },
    select: { tagId: true, score: true, reason: true },
  });
  return { profile, tags };
}

/** A value without the times a recompute stamps on rows (updatedAt, computedAt). */
const withoutStamps = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (k, v) => (k === 'updatedAt' || k === 'computedAt' ? undefined : v)));

async function recommendationInputs() {
  return withSnapshot(rawDb(), async (r) => ({
    history: await customerHistory(r, customerId),
    signals: await customerSignals(r, customerId),
  }));
}

beforeAll(async () => {
  await seedDemoShop({ customers: 200, products: 80, events: 6_000, seed: 21 });
  actors = await testActors();
  const buyer = await db.order.findFirstOrThrow({ where: { status: 'completed' }, select: { customerId: true } });
  customerId = buyer.customerId;
}, 300_000);

afterAll(async () => {
  await closeConnections();
  await db.$disconnect();
});

describe('simulated campaign events never count as behaviour', () => {
  test('portrait, tags, RFM, dashboard KPIs, timeline and recommendation inputs are unchanged', async () => {
    const asOf = (await db.order.aggregate({ _max: { placedAt: true } }))._max.placedAt!.getTime();
    await recomputePortraits({ asOf });
    const before = {
      portrait: await portraitState(),
      dashboard: await getDashboard(actors.manager, { range: '30' }),
      page: withoutStamps(await getCustomerPortrait(actors.manager, customerId)),
      timeline: await getCustomerTimeline(actors.manager, customerId, {}),
      recommendations: await recommendationInputs(),
    };
    const product = await db.product.findFirstOrThrow({ select: { id: true, categoryId: true, price: true } });
    // a busy simulated week for one customer: sessions of views, carts, purchases and clicks, up to a day after the
    // shop's newest data (which would move the dashboard's period if it counted)
    await db.event.createMany({
      data: Array.from({ length: 60 }, (_, k) => ({
        dedupKey: `sim:999:${k}`,
        customerId,
        type: ['view', 'cart', 'purchase', 'click', 'search'][k % 5]!,
        ts: new Date(asOf - 6 * DAY + k * 2 * 3_600_000 + DAY),
        sessionId: `sim-session-${Math.floor(k / 5)}`,
        productId: k % 5 === 4 ? null : product.id,
        categoryId: product.categoryId,
        query: k % 5 === 4 ? 'simulated search' : null,
        quantity: 1,
        price: product.price,
        value: k % 5 === 2 ? product.price : null,
        orderRef: k % 5 === 2 ? `sim-order-${k}` : null,
        source: 'simulation',
      })),
    });
    await recomputePortraits({ asOf });
    expect(await portraitState()).toEqual(before.portrait);
    expect(await getDashboard(actors.manager, { range: '30' })).toEqual(before.dashboard);
    expect(withoutStamps(await getCustomerPortrait(actors.manager, customerId))).toEqual(before.page);
    expect(await getCustomerTimeline(actors.manager, customerId, {})).toEqual(before.timeline);
    expect(await recommendationInputs()).toEqual(before.recommendations);

    // the same events from a real source do change them (the comparison above can fail)
    await db.event.updateMany({ where: { dedupKey: { startsWith: 'sim:999:' } }, data: { source: 'api' } });
    await recomputePortraits({ asOf });
    expect(await portraitState()).not.toEqual(before.portrait);
    expect(await getDashboard(actors.manager, { range: '30' })).not.toEqual(before.dashboard);
    expect(await recommendationInputs()).not.toEqual(before.recommendations);
  }, 120_000);
});
