import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { listTimeline } from '@/lib/db/portraits/read';
import type { Role } from '@/lib/security/roles';
import type { UserActor } from '../auth/actor';
import { getUpliftTargeting, refreshResults } from './index';

const actor = (role: Role): UserActor => ({
  type: 'user',
  userId: `u-${role}`,
  role,
  email: `${role}@roles.test`,
  name: role,
  locale: 'en',
});

afterAll(async () => {
  await db.$disconnect();
});

describe('campaign optimisation: who may do what', () => {
  test('training uplift models is for marketers and admins; managers are refused', async () => {
    await expect(getUpliftTargeting(actor('manager'), { id: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Past the role check, an unknown campaign is simply not found.
    for (const role of ['marketer', 'admin'] as const)
      await expect(getUpliftTargeting(actor(role), { id: 999_999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('managers may refresh results (a read of the results), like marketers and admins', async () => {
    for (const role of ['manager', 'marketer', 'admin'] as const)
      await expect(refreshResults(actor(role), 999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(refreshResults(null, 1)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('customer timeline', () => {
  test('simulated campaign responses are left out; real behaviour is shown', async () => {
    const c = await db.customer.create({ data: { externalId: 'TL-1' } });
    const at = new Date('2026-01-05T10:00:00Z');
    await db.event.createMany({
      data: [
        { dedupKey: 'tl-real', customerId: c.id, type: 'view', ts: at, source: 'import' },
        { dedupKey: 'sim:1:1', customerId: c.id, type: 'exposure', ts: at, source: 'simulation' },
        { dedupKey: 'tl-api', customerId: c.id, type: 'exposure', ts: at, source: 'api' },
      ],
    });
    const page = await listTimeline(db, c.id, { page: 1, pageSize: 10 });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.type).sort()).toEqual(['exposure', 'view']);
  });
});
