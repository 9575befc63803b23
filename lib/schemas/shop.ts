import { z } from 'zod';

const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'errors.shop.currency');
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'errors.shop.timezone');

/** Settings → shop: the base currency and the time zone whose calendar days dates in the product name. */
/** allowHttpImages: catalogue pictures may come from plain-http hosts (browsers then show mixed content). */
export const shopSettingsSchema = z.object({
  currency: currencyCode,
  timezone: timeZone,
  allowHttpImages: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()).default(false),
});
export type ShopSettings = z.infer<typeof shopSettingsSchema>;
export const DEFAULT_SHOP: ShopSettings = { currency: 'CNY', timezone: 'Asia/Shanghai', allowHttpImages: false };
export { currencyCode };
