import type { DbOrTx } from './transaction';

/** Setting rows (JSON values by key) and the shop's currency rates. */

/** A JSON Setting row's value (null when missing). */
export async function getSettingValue(db: DbOrTx, key: string): Promise<unknown> {
  const row = await db.setting.findUnique({ where: { key }, select: { value: true } });
  return row?.value ?? null;
}

export function getSettingRow(db: DbOrTx, key: string) {
  return db.setting.findUnique({ where: { key } });
}

export function putSettingValue(db: DbOrTx, key: string, value: object) {
  return db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

/** Writes the value only when the key has none yet. */
export function createSettingIfMissing(db: DbOrTx, key: string, value: object) {
  return db.setting.upsert({ where: { key }, create: { key, value }, update: {} });
}

export function listCurrencyRates(db: DbOrTx) {
  return db.currencyRate.findMany({ orderBy: { currency: 'asc' } });
}

export function putCurrencyRate(db: DbOrTx, rate: { currency: string; rateToBase: number }) {
  return db.currencyRate.upsert({
    where: { currency: rate.currency },
    create: rate,
    update: { rateToBase: rate.rateToBase },
  });
}

export function deleteCurrencyRate(db: DbOrTx, currency: string) {
  return db.currencyRate.deleteMany({ where: { currency } });
}
