import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import {
  deleteCurrencyRate as dropRate,
  getSettingValue,
  listCurrencyRates as dbListRates,
  putCurrencyRate,
  putSettingValue,
} from '@/lib/db/settings';
import { withTransaction } from '@/lib/db/transaction';
import { authorize, type Actor } from './auth/actor';
import { parseInput } from './validate';
import { currencyCode, DEFAULT_SHOP, shopSettingsSchema, type ShopSettings } from '@/lib/schemas/shop';

export { shopSettingsSchema, type ShopSettings };

export async function getShopSettings(): Promise<ShopSettings> {
  const parsed = shopSettingsSchema.safeParse(await getSettingValue(db, 'shop'));
  return parsed.success ? parsed.data : DEFAULT_SHOP;
}

export async function saveShopSettings(actor: Actor | null, input: unknown) {
  const admin = authorize(actor, 'settings:manage');
  const value = parseInput(shopSettingsSchema, input);
  await withTransaction(db, async (tx) => {
    await putSettingValue(tx, 'shop', value);
    await writeAudit(tx, { actorType: 'user', actorId: admin.userId, action: 'settings.shop', details: value });
  });
  return value;
}

const rateSchema = z.object({
  currency: currencyCode,
  rateToBase: z.coerce.number().positive('errors.shop.rate').max(1e9),
});

export async function listCurrencyRates(actor: Actor | null) {
  authorize(actor, 'settings:manage');
  return dbListRates(db);
}

export async function saveCurrencyRate(actor: Actor | null, input: unknown) {
  const admin = authorize(actor, 'settings:manage');
  const rate = parseInput(rateSchema, input);
  await withTransaction(db, async (tx) => {
    await putCurrencyRate(tx, rate);
    await writeAudit(tx, {
      actorType: 'user',
      actorId: admin.userId,
      action: 'settings.currency_rate',
      targetType: 'currency',
      targetId: rate.currency,
      details: rate,
    });
  });
}

export async function deleteCurrencyRate(actor: Actor | null, currency: unknown) {
  const admin = authorize(actor, 'settings:manage');
  const code = parseInput(currencyCode, currency);
  await withTransaction(db, async (tx) => {
    await dropRate(tx, code);
    await writeAudit(tx, {
      actorType: 'user',
      actorId: admin.userId,
      action: 'settings.currency_rate_delete',
      targetType: 'currency',
      targetId: code,
    });
  });
}
