import { type NextRequest, NextResponse } from 'next/server';
import { messageIn } from '@/lib/i18n/message-ref';
import { isLocale, localeFromHeader, type Locale } from '@/lib/i18n/translate';
import { isHttpsRequest, newNonce, securityHeaders, STATIC_SCRIPT_PATHS } from '@/lib/security/headers';
import { hasMalformedEncoding, isOversizedAction, SERVER_ACTION_BODY_LIMIT } from '@/lib/security/request-guards';

/**
 * Every response but static build assets gets the security headers (lib/security/headers.ts). The nonce goes to Next
 * through the request's Content-Security-Policy header, so Next stamps it on the scripts it renders; every page is
 * rendered per request (app/layout.tsx), so each one gets a fresh nonce. Requests Next would answer with a bare 500
 * (lib/security/request-guards.ts) are refused here with a readable 4xx.
 */
export function proxy(request: NextRequest) {
  const headers = securityHeaders({
    nonce: newNonce(),
    isHttps: isHttpsRequest(request.headers.get('x-forwarded-proto'), process.env.NEXTAUTH_URL),
    isDev: process.env.NODE_ENV === 'development',
    staticScripts: STATIC_SCRIPT_PATHS.some((p) => request.nextUrl.pathname.startsWith(p)),
  });
  const refusal = refuse(request);
  if (refusal) {
    for (const [name, value] of Object.entries(headers)) refusal.headers.set(name, value);
    return refusal;
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function refuse(request: NextRequest) {
  const locale = readerLocale(request);
  if (hasMalformedEncoding(request.nextUrl.pathname)) {
    return problem(request, 400, messageIn(locale, { key: 'errors.badUrl' }), locale);
  }
  if (isOversizedAction(request.method, request.headers)) {
    const mb = SERVER_ACTION_BODY_LIMIT / 1024 / 1024;
    return problem(request, 413, messageIn(locale, { key: 'errors.actionTooLarge', params: { mb } }), locale);
  }
  return null;
}

function readerLocale(request: NextRequest): Locale {
  const cookie = request.cookies.get('precisa-locale')?.value;
  return isLocale(cookie) ? cookie : localeFromHeader(request.headers.get('accept-language'));
}

/** JSON for API routes and server actions, a minimal page for everything else. */
function problem(request: NextRequest, status: number, message: string, locale: Locale) {
  if (request.nextUrl.pathname.startsWith('/api/') || request.headers.has('next-action')) {
    return NextResponse.json({ error: { code: 'INVALID_INPUT', message } }, { status });
  }
  const home = messageIn(locale, { key: 'common.home' });
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${status}</title></head><body><main><h1>${status}</h1><p>${escapeHtml(message)}</p><p><a href="/">${escapeHtml(home)}</a></p></main></body></html>`;
  return new NextResponse(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image).*)'],
};
