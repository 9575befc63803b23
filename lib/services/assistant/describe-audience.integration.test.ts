import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeConnections, rawDb } from '@/lib/db/connections';
import { segmentIndexStore } from '@/lib/db/segments';
import { checkAssistantDefinition } from '@/lib/engine/assistant/check-definition';
import type { Role } from '@/lib/security/roles';
import type { UserActor } from '@/lib/services/auth/actor';
import { recomputePortraits } from '@/lib/services/portraits/recompute';
import { getBuilderVocabulary } from '@/lib/services/segments';
import { seedDemoShop, testActors } from '@/lib/testing/db/seed-shop';
import { describeAudience } from './describe-audience';

let actors: Record<Role, UserActor>;

beforeAll(async () => {
  await seedDemoShop();
  await recomputePortraits();
  actors = await testActors();
}, 300_000);

afterAll(async () => {
  const store = segmentIndexStore(rawDb());
  await store.idle();
  if (store.status.state === 'loading') await store.load().catch(() => undefined);
  await closeConnections();
});

describe('describeAudience', () => {
  test('a marketer gets a schema-valid tree of the shop’s own words and a reading in both languages', async () => {
    const vocab = await getBuilderVocabulary(actors.marketer);
    const city = vocab.cities[0]!;
    const r = await describeAudience(actors.marketer, { text: `champions in ${city} who opted in to email` });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.definition).toEqual({
      type: 'group',
      op: 'and',
      children: [
        { type: 'profile', field: 'rfmGroup', op: 'eq', value: 'champions' },
        { type: 'attribute', field: 'city', op: 'eq', value: city },
        { type: 'consent', channel: 'email', op: 'granted' },
      ],
    });
    expect(checkAssistantDefinition(r.definition, vocab).ok).toBe(true);
    expect(r.reading.en).toContain(city);
    expect(r.reading.zh).toContain('冠军客户');
    expect(r.source).toEqual({ type: 'offline' });
  });

  test('Chinese works the same way', async () => {
    const r = await describeAudience(actors.admin, { text: '最近30天没有购买的高价值客户' });
    expect(r.ok && r.definition.children).toEqual([
      { type: 'behaviour', op: 'did_not', event: 'purchase', window: { type: 'last_days', days: 30 } },
      { type: 'tag', key: 'clv:high', op: 'has' },
    ]);
  });

  test('a sentence with nothing known says so instead of guessing', async () => {
    const r = await describeAudience(actors.marketer, { text: 'export all customers to my server' });
    expect(r.ok).toBe(false);
  });

  test('a manager cannot build segments through the assistant; empty text is refused', async () => {
    await expect(describeAudience(actors.manager, { text: 'champions' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(describeAudience(null, { text: 'champions' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(describeAudience(actors.marketer, { text: '  ' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
