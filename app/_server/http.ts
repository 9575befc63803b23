import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { AppError, bodyTooLarge, errorBody } from '@/lib/errors';
import { messageIn } from '@/lib/i18n/message-ref';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/translate';
import { getLocale } from './i18n';

/**
 * JSON error responses: expected errors with their status, code, message key and params, and the message (English
 * for API clients, or in `locale`); anything else a logged 500.
 */
export function apiError(e: unknown, locale: Locale = DEFAULT_LOCALE) {
  const expected = errorBody(e, locale);
  if (expected) return NextResponse.json(expected.body, { status: expected.status });
  console.error('[api] unexpected error', e);
  return NextResponse.json(
    { error: { code: 'INTERNAL', message: messageIn(locale, { key: 'errors.generic' }) } },
    { status: 500 },
  );
}

/**
 * The request body as text, refused with 413 past `max` bytes, whether declared in Content-Length or streamed (a
 * chunked body declares nothing). The storefront server has its own reader for Node streams (lib/storefront).
 */
export async function readCappedText(
  request: NextRequest,
  max: number,
  tooLarge: () => AppError = () => bodyTooLarge(max),
): Promise<string> {
  if (Number(request.headers.get('content-length') ?? 0) > max) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** For routes the app's own pages call: the error in the signed-in user's language. */
export async function pageApiError(e: unknown) {
  return apiError(e, await getLocale().catch((): Locale => DEFAULT_LOCALE));
}

/**
 * Route handlers get no CSRF protection from Next. Cookie-authenticated writes must come from our own pages:
 * the Origin must match the host, or, without an Origin, the browser must say Sec-Fetch-Site: same-origin.
 */
export function requireSameOrigin(request: NextRequest) {
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (origin) {
    // "Origin: null" (sandboxed frames, file: pages, some redirects) is no origin of ours, and no URL either.
    if (!URL.canParse(origin) || new URL(origin).host !== host) throw new AppError('FORBIDDEN', 'errors.crossSite');
    return;
  }
  if (request.headers.get('sec-fetch-site') !== 'same-origin') throw new AppError('FORBIDDEN', 'errors.crossSite');
}
