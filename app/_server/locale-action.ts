'use server';
import { cookies } from 'next/headers';
import { isLocale } from '@/lib/i18n/translate';
import { setOwnLocale } from '@/lib/services/users';
import { runAction } from './action';
import { LOCALE_COOKIE } from './i18n';

/** Remembers the language per user (and in a cookie for the sign-in page). */
export async function setLocaleAction(locale: string) {
  return runAction(async (actor) => {
    if (!isLocale(locale)) return null;
    if (actor) await setOwnLocale(actor, locale);
    (await cookies()).set(LOCALE_COOKIE, locale, {
      path: '/',
      sameSite: 'lax',
      maxAge: 60 * 60 * 24 * 365,
      httpOnly: true,
    });
    return locale;
  });
}
