import 'server-only';
import { headers } from 'next/headers';
import { AppError, isAppError } from '@/lib/errors';
import type { ActionResult } from '@/lib/action-result';
import type { UserActor } from '@/lib/services/auth/actor';
import { getActor } from './session';

/**
 * Server actions are public POST endpoints. Next checks Origin against Host, but lets a request with no Origin
 * through; we also require the browser's Sec-Fetch-Site to say same-origin then. Authorisation itself happens in
 * the service the action calls; expected errors become messages, anything else is logged and reported generically.
 */
export async function runAction<T>(fn: (actor: UserActor | null) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const h = await headers();
    const site = h.get('sec-fetch-site');
    if (!h.get('origin') && site !== 'same-origin') throw new AppError('FORBIDDEN', 'Cross-site request refused.');
    const data = await fn(await getActor());
    return { ok: true, data };
  } catch (e) {
    if (isAppError(e)) {
      const fieldErrors = (e.details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
      return { ok: false, message: e.message, fieldErrors };
    }
    console.error('[action] unexpected error', e);
    return { ok: false, message: 'Something went wrong. Please try again.' };
  }
}
