import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import type { Role } from '@/lib/security/roles';
import { testActors } from '@/lib/testing/db/seed-shop';
import type { UserActor } from './auth/actor';
import { planForForm } from './campaigns';
import { getDashboard } from './dashboard';

// A shop whose real data ends on 2025-06-01 11:00 UTC, plus one event dated 2099 (what a bad import used to store).
const DAY = 86_400_000;
const END = Date.UTC(2025, 5, 1, 12);
const Y2099 = Date.UTC(2099, 0, 1);
let actors: Record<Role, UserActor>;
let segmentId: number;

beforeAll(async () => {
  actors = await testActors();
  await db.setting.upsert({
    where: { key: 'shop' },
    create: { key: 'shop', value: { currency: 'CNY', timezone: 'UTC' } },
    update: { value: { currency: 'CNY', timezone: 'UTC' } },
  });
  for (let i = 0; i < 100; i++) {
    const c = await db.customer.create({
      data: {
        externalId: `fo-${i}`,
        email: `fo${i}@example.com`,
        consentEmail: true,
        signupAt: new Date(END - 400 * DAY),
      },
    });
    // every other customer bought once in the 12 days before the end: each 72-hour window has buyers
    if (i % 2 === 0)
      await db.order.create({
        data: {
          externalId: `fo-o${i}`,
          customerId: c.id,
          placedAt: new Date(END - (i % 12) * DAY - 3_600_000),
          currency: 'CNY',
          total: 100,
          itemCount: 1,
        },
      });
    if (i === 0)
      await db.event.create({
        data: { dedupKey: 'fo-2099', customerId: c.id, type: 'purchase', ts: new Date(Y2099), source: 'import' },
      });
  }
  segmentId = (
    await db.segment.create({
      data: {
        name: 'Future outliers audience',
        definition: {
          type: 'group',
          op: 'and',
          children: [{ type: 'attribute', field: 'externalId', op: 'starts_with', value: 'fo-' }],
        },
        createdById: actors.marketer.userId,
      },
    })
  ).id;
});

afterAll(async () => {
  await closeConnections();
  await db.$disconnect();
});

describe('analyses of "the latest data" ignore events dated beyond now + 24 h', () => {
  test('the campaign planner baseline comes from the real data, not a 0.00% window in 2099', async () => {
    const { baseline } = await planForForm(actors.marketer, {
      segmentId,
      channel: 'email',
      goal: 'purchase',
      variants: 1,
      holdoutShare: 0.2,
      attributionWindowHours: 72,
      minimumDetectableEffect: 0.2,
    });
    expect(baseline.source).toBe('shop');
    // 50 of 100 bought, about one in four per 72-hour window
    expect(baseline.purchaseRate).toBeGreaterThan(0.1);
    expect(baseline.purchaseRate).toBeLessThan(0.5);
  });

  test('the dashboard period ends on the day of the newest real data, not today', async () => {
    const d = await getDashboard(actors.manager, { range: '30' });
    if (d.empty) throw new Error('the shop has data');
    expect(d.range).toMatchObject({ to: Date.UTC(2025, 5, 2) - 1, from: Date.UTC(2025, 5, 2) - 30 * DAY, days: 30 });
  });
});
