import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections, rawDb } from '@/lib/db/connections';
import { segmentIndexStore } from '@/lib/db/segments';
import type { SegmentDefinition } from '@/lib/schemas/segment';
import type { Role } from '@/lib/security/roles';
import type { UserActor } from '@/lib/services/auth/actor';
import { recomputePortraits } from '@/lib/services/portraits/recompute';
import { createSegment } from '@/lib/services/segments';
import { seedDemoShop, testActors } from '@/lib/testing/db/seed-shop';
import { audiencePortrait } from './audience-portrait';
import { suggestCampaignCopy } from './campaign-copy';

let actors: Record<Role, UserActor>;
let segmentId: number;

beforeAll(async () => {
  await seedDemoShop();
  await recomputePortraits();
  actors = await testActors();
  const created = await createSegment(actors.marketer, {
    name: 'Copy: e-mail consent',
    definition: { type: 'group', op: 'and', children: [{ type: 'consent', channel: 'email', op: 'granted' }] },
  });
  segmentId = created.id;
}, 300_000);

afterAll(async () => {
  const store = segmentIndexStore(rawDb());
  await store.idle();
  if (store.status.state === 'loading') await store.load().catch(() => undefined);
  await closeConnections();
});

describe('campaign copy from a segment portrait', () => {
  test('the portrait is shares of members, checked against SQL counts', async () => {
    const definition: SegmentDefinition = {
      type: 'group',
      op: 'and',
      children: [{ type: 'consent', channel: 'email', op: 'granted' }],
    };
    // First while the segment index is not built yet (members by SQL), then from the loaded index: same portrait.
    const first = await audiencePortrait(actors.marketer, definition);
    await segmentIndexStore(rawDb()).load();
    const p = await audiencePortrait(actors.marketer, definition);
    expect(first.products.length).toBeGreaterThan(0);
    expect({ ...first, products: [] }).toEqual({ ...p, products: [] });
    const members = await db.customer.count({ where: { consentEmail: true, erasedAt: null } });
    expect(p.size).toBe(members);
    const champions = await db.customer.count({
      where: { consentEmail: true, erasedAt: null, profile: { rfmGroup: 'champions' } },
    });
    const share = p.rfmMix.find((r) => r.group === 'champions')?.share ?? 0;
    expect(share).toBeCloseTo(champions / members, 10);
    expect(p.rfmMix.reduce((s, r) => s + r.share, 0)).toBeLessThanOrEqual(1 + 1e-9);
    expect(p.interests.length).toBeGreaterThan(0);
    for (const i of p.interests) expect(i.share).toBeGreaterThan(0);
    // The price band: the band tag most members carry, named only when at least a fifth of them do (SQL counts).
    const bands = await Promise.all(
      (['budget', 'mid', 'premium'] as const).map(async (band) => ({
        band,
        members: await db.customerTag.count({
          where: { tag: { key: `interest:price:${band}` }, customer: { consentEmail: true, erasedAt: null } },
        }),
      })),
    );
    const top = bands.sort((a, b) => b.members - a.members)[0]!;
    expect(p.priceBand).toBe(top.members >= 0.2 * members ? top.band : null);
    // The products the recommender shows members: real catalogue titles, at most three.
    expect(p.products.length).toBeGreaterThan(0);
    expect(p.products.length).toBeLessThanOrEqual(3);
    for (const product of p.products)
      expect(
        await db.product.count({
          where: { title: product.en, titleZh: product.zh === product.en ? undefined : product.zh },
        }),
      ).toBeGreaterThan(0);
  });

  test('a marketer gets variants in both languages for the channel; a manager is refused', async () => {
    const r = await suggestCampaignCopy(actors.marketer, { segmentId, channel: 'sms' });
    expect(r.source).toEqual({ type: 'offline', fallback: null });
    expect(r.variants.length).toBeGreaterThanOrEqual(2);
    for (const v of r.variants) {
      expect(v.subject.en.length).toBeGreaterThan(0);
      expect(v.subject.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(v.content.en.length).toBeLessThanOrEqual(140);
    }
    await expect(suggestCampaignCopy(actors.manager, { segmentId, channel: 'sms' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(suggestCampaignCopy(actors.marketer, { segmentId, channel: 'fax' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
