import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { AppError, isAppError } from '@/lib/errors';

/** JSON error responses: expected errors with their status and message, anything else a logged 500. */
export function apiError(e: unknown) {
  if (isAppError(e)) {
    return NextResponse.json({ error: { code: e.code, message: e.message, details: e.details ?? null } }, { status: e.status });
  }
  console.error('[api] unexpected error', e);
  return NextResponse.json({ error: { code: 'INTERNAL', message: 'Something went wrong.' } }, { status: 500 });
}

/**
 * Route handlers get no CSRF protection from Next. Cookie-authenticated writes must come from our own pages:
 * the Origin must match the host, or, without an Origin, the browser must say Sec-Fetch-Site: same-origin.
 */
export function requireSameOrigin(request: NextRequest) {
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (origin) {
    if (new URL(origin).host !== host) throw new AppError('FORBIDDEN', 'Cross-site request refused.');
    return;
  }
  if (request.headers.get('sec-fetch-site') !== 'same-origin') throw new AppError('FORBIDDEN', 'Cross-site request refused.');
}
