import { afterAll, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import type { UserActor } from '@/lib/services/auth/actor';
import { saveRecommendationSettings } from './runs';
import { DEFAULT_RECOMMEND_SETTINGS } from './settings-schema';

const KEY = 'recommendations';
const saved = await db.setting.findUnique({ where: { key: KEY } });
const u = await db.user.create({
  data: { email: `settings-${Date.now()}@example.com`, name: 'Settings', passwordHash: 'x', role: 'admin' },
});
const admin: UserActor = { type: 'user', userId: u.id, role: 'admin', email: u.email, name: u.name, locale: 'en' };

afterAll(async () => {
  if (saved) await db.setting.update({ where: { key: KEY }, data: { value: saved.value as object } });
  else await db.setting.deleteMany({ where: { key: KEY } });
});

test('a partial save changes only the fields it names', async () => {
  await saveRecommendationSettings(admin, { ...DEFAULT_RECOMMEND_SETTINGS, halfLifeDays: 30, mmrLambda: 0.5 });
  const after = await saveRecommendationSettings(admin, { windowDays: 180 });
  expect(after).toEqual({ ...DEFAULT_RECOMMEND_SETTINGS, halfLifeDays: 30, mmrLambda: 0.5, windowDays: 180 });
  const stored = await db.setting.findUnique({ where: { key: KEY } });
  expect(stored?.value).toMatchObject({ halfLifeDays: 30, mmrLambda: 0.5, windowDays: 180 });
});

test('a nested group must be given whole; the 400 names what is missing', async () => {
  const error = await saveRecommendationSettings(admin, { eventWeights: { view: 2 } }).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'INVALID_INPUT' });
  const fields = Object.keys((error as { details?: { fieldErrors?: object } }).details?.fieldErrors ?? {});
  expect(fields).toEqual(expect.arrayContaining(['eventWeights.click', 'eventWeights.cart', 'eventWeights.purchase']));
  await expect(saveRecommendationSettings(admin, 'halfLifeDays=3')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
});
