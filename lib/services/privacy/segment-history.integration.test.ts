import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { DEFAULT_PRIVACY } from '@/lib/schemas/privacy';
import type { Role } from '@/lib/security/roles';
import { testActors } from '@/lib/testing/db/seed-shop';
import type { UserActor } from '../auth/actor';
import { createSegment, getSegment, listMembers } from '../segments';
import { getPrivateSegmentHistory, HISTORY_POINTS, releaseSegmentHistory, thinPoints } from './segment-history';
import { savePrivacySettings } from './settings';

// A manager under differential privacy: no exact size, sample, history or member rows from the segment services; the
// size history is released as one vector with discrete Gaussian noise and accounted at (ε, δ).
let actors: Record<Role, UserActor>;
let segmentId: number;
const DAY = 86_400_000;
const SIZES = Array.from({ length: 80 }, (_, i) => 5000 + 10 * i);

beforeAll(async () => {
  actors = await testActors();
  for (let i = 0; i < 30; i++)
    await db.customer.create({ data: { externalId: `SH-${i}`, consentEmail: i % 2 === 0, name: `Member ${i}` } });
  const created = await createSegment(actors.marketer, {
    name: 'History test',
    definition: { type: 'group', op: 'and', children: [{ type: 'consent', channel: 'email', op: 'granted' }] },
  });
  segmentId = created.id;
  const start = Date.now() - 100 * DAY;
  await db.segmentSnapshot.createMany({
    data: SIZES.map((size, i) => ({
      segmentId,
      at: new Date(start + i * DAY),
      size,
      reachableEmail: size,
      reachableSms: 0,
      reachablePush: 0,
    })),
  });
}, 120_000);
afterAll(() => closeConnections());

test('thinPoints keeps the first and the newest and spreads the rest evenly', () => {
  expect(thinPoints([1, 2, 3, 4, 5], 3)).toEqual([1, 3, 5]);
  expect(thinPoints([1, 2], 5)).toEqual([1, 2]);
  expect(thinPoints(SIZES, HISTORY_POINTS)).toHaveLength(HISTORY_POINTS);
});

describe('segment detail for a manager under differential privacy', () => {
  test('with the setting off, the manager sees exact figures and rows', async () => {
    await savePrivacySettings(actors.admin, { ...DEFAULT_PRIVACY, enabled: false });
    const d = await getSegment(actors.manager, segmentId);
    expect(d.isPrivate).toBe(false);
    expect(d.count?.total).toBe(15);
    expect(d.sample.length).toBeGreaterThan(0);
    expect(d.history).toHaveLength(SIZES.length + 1); // and the snapshot taken when the segment was created
  });

  test('with it on: no exact count, sample, population or history; member rows refused; admins unchanged', async () => {
    await db.privacyBudget.deleteMany({});
    await savePrivacySettings(actors.admin, { ...DEFAULT_PRIVACY, enabled: true, monthlyBudget: 2 });
    const d = await getSegment(actors.manager, segmentId);
    expect(d).toMatchObject({ isPrivate: true, count: null, sample: [], history: [], population: null });
    await expect(listMembers(actors.manager, segmentId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await getSegment(actors.admin, segmentId)).count?.total).toBe(15);
    expect((await listMembers(actors.admin, segmentId)).total).toBe(15);
  });

  test('the size history is released as one discrete Gaussian vector, cached, audited without true values', async () => {
    const before = await getPrivateSegmentHistory(actors.manager, segmentId);
    expect(before).toMatchObject({ hasHistory: true, release: null, points: [] });
    const release = await releaseSegmentHistory(actors.manager, segmentId);
    expect(release.values).toHaveLength(HISTORY_POINTS);
    for (const v of release.values) {
      expect(v).toMatchObject({ mechanism: 'discrete Gaussian', delta: 1e-6, sensitivity: Math.sqrt(HISTORY_POINTS) });
      expect(v.epsilon).toBeLessThanOrEqual(1);
      expect(v.epsilon).toBeGreaterThan(0.999);
    }
    // σ² = 52 / (2ρ) with ρ = 0.017468904769123373 (see gaussian.test.ts): σ ≈ 38.6, so every point is within 250
    const rows = await db.segmentSnapshot.findMany({ where: { segmentId }, orderBy: { at: 'asc' } });
    const truth = thinPoints(
      rows.map((r) => r.size),
      HISTORY_POINTS,
    );
    for (const [i, v] of release.values.entries()) expect(Math.abs(v.value - truth[i]!)).toBeLessThan(250);
    expect(release.values.some((v, i) => v.value !== truth[i])).toBe(true);
    const after = await getPrivateSegmentHistory(actors.manager, segmentId);
    expect(after.release?.id).toBe(release.id);
    expect(after.meter).toMatchObject({ used: 1, releases: 1 });
    const again = await releaseSegmentHistory(actors.manager, segmentId);
    expect(again).toMatchObject({ id: release.id, isCached: true });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: 'privacy.release', targetId: String(release.id) },
    });
    expect(audit.details).toMatchObject({
      mechanism: 'discrete Gaussian',
      l2Sensitivity: Math.sqrt(HISTORY_POINTS),
      delta: 1e-6,
      cells: HISTORY_POINTS,
    });
    const numbers: number[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'number') numbers.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(audit.details);
    expect(numbers.filter((n) => truth.includes(n))).toEqual([]);
  });

  test('a release that does not fit the budget is refused; bad ids are 4xx', async () => {
    await db.segmentSnapshot.create({
      data: { segmentId, at: new Date(), size: 1, reachableEmail: 1, reachableSms: 0, reachablePush: 0 },
    });
    await releaseSegmentHistory(actors.manager, segmentId); // a new point: a new query, the second ε of 2
    await db.segmentSnapshot.create({
      data: {
        segmentId,
        at: new Date(Date.now() + 1000),
        size: 1,
        reachableEmail: 1,
        reachableSms: 0,
        reachablePush: 0,
      },
    });
    await expect(releaseSegmentHistory(actors.manager, segmentId)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(releaseSegmentHistory(actors.manager, 'abc')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(releaseSegmentHistory(actors.manager, 999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
