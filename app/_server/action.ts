import 'server-only';
import { headers } from 'next/headers';
import type { ActionResult } from '@/lib/action-result';
import { AppError, isAppError, localiseError } from '@/lib/errors';
import { messageIn } from '@/lib/i18n/message-ref';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/translate';
import type { UserActor } from '@/lib/services/auth/actor';
import { getLocale } from './i18n';
import { getActor } from './session';

/**
 * Server actions are public POST endpoints. Next checks Origin against Host, but lets a request with no Origin
 * through; we also require the browser's Sec-Fetch-Site to say same-origin then. Authorisation itself happens in
 * the service the action calls; expected errors become messages in the user's language, anything else is logged and
 * reported generically.
 */
export async function runAction<T>(fn: (actor: UserActor | null) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const h = await headers();
    const site = h.get('sec-fetch-site');
    if (!h.get('origin') && site !== 'same-origin') throw new AppError('FORBIDDEN', 'errors.crossSite');
    const data = await fn(await getActor());
    return { ok: true, data };
  } catch (e) {
    const locale = await getLocale().catch((): Locale => DEFAULT_LOCALE);
    if (isAppError(e)) return { ok: false, ...localiseError(e, locale) };
    console.error('[action] unexpected error', e);
    return { ok: false, message: messageIn(locale, { key: 'errors.generic' }) };
  }
}
