import 'server-only';
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { formatters } from '@/lib/i18n/format';
import { isLocale, localeFromHeader, translator, type Locale } from '@/lib/i18n/translate';
import { getShopSettings } from '@/lib/services/settings';
import { getActor } from './session';

export const LOCALE_COOKIE = 'precisa-locale';

/** The signed-in user's saved language; before sign-in, the cookie or the browser's Accept-Language. */
export const getLocale = cache(async (): Promise<Locale> => {
  const actor = await getActor();
  if (actor && isLocale(actor.locale)) return actor.locale;
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  return localeFromHeader((await headers()).get('accept-language'));
});

export const getI18n = cache(async () => {
  const locale = await getLocale();
  const shop = await getShopSettings();
  return { locale, t: translator(locale), f: formatters(locale, shop.currency, shop.timezone), shop };
});
