import { DEFAULT_SHOP, shopSettingsSchema } from '@/lib/schemas/shop';
import type { RawDb } from '../raw';
import { queryRows } from './runner';

const TTL_MS = 5_000;
const cache = new WeakMap<RawDb, { zone: string; at: number }>();

/**
 * The shop's time zone (Settings → shop), whose calendar days the dates in segment conditions name. Read at most
 * every few seconds per connection; an unset or invalid setting means the product default (as the settings page).
 */
export async function shopTimeZone(db: RawDb): Promise<string> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.zone;
  const [row] = await queryRows(db, `SELECT "value" FROM "Setting" WHERE "key" = 'shop'`);
  let value = row?.[0];
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      value = null;
    }
  }
  const parsed = shopSettingsSchema.safeParse(value);
  const zone = parsed.success ? parsed.data.timezone : DEFAULT_SHOP.timezone;
  cache.set(db, { zone, at: Date.now() });
  return zone;
}
