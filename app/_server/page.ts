import 'server-only';
import { forbidden, notFound, redirect } from 'next/navigation';
import { isAppError } from '@/lib/errors';
import { pageConflict } from './page-conflict';

/**
 * Runs a page's service call, turning expected errors into the matching Next response: 404, 403 (a CONFLICT too,
 * with its own message; see page-conflict.ts), or the sign-in page.
 */
export async function pageData<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (isAppError(e)) {
      if (e.code === 'NOT_FOUND' || e.code === 'INVALID_INPUT') notFound();
      if (e.code === 'FORBIDDEN') forbidden();
      if (e.code === 'CONFLICT') {
        pageConflict().error = e;
        forbidden();
      }
      if (e.code === 'UNAUTHORIZED') redirect('/sign-in');
    }
    throw e;
  }
}

/** Next's searchParams as a plain record of single strings (the first value wins). */
export function firstValues(params: Record<string, string | string[] | undefined>) {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
