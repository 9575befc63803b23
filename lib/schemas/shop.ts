import { z } from 'zod';

const currencyCode = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 4217 code such as CNY.');
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'Unknown time zone.');

/** Settings → shop: the base currency and the time zone whose calendar days dates in the product name. */
export const shopSettingsSchema = z.object({ currency: currencyCode, timezone: timeZone });
export type ShopSettings = z.infer<typeof shopSettingsSchema>;
export const DEFAULT_SHOP: ShopSettings = { currency: 'CNY', timezone: 'Asia/Shanghai' };
export { currencyCode };
