import { type NextRequest, NextResponse } from 'next/server';
import { isHttpsRequest, newNonce, securityHeaders } from '@/lib/security/headers';

/**
 * Adds the security headers (lib/security/headers.ts) to every response but static build assets. The nonce goes to
 * Next through the request's Content-Security-Policy header, so Next stamps it on the scripts it renders; every
 * page is rendered per request (app/layout.tsx), so each one gets a fresh nonce.
 */
export function proxy(request: NextRequest) {
  const headers = securityHeaders({
    nonce: newNonce(),
    isHttps: isHttpsRequest(request.headers.get('x-forwarded-proto'), process.env.NEXTAUTH_URL),
    isDev: process.env.NODE_ENV === 'development',
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image).*)'],
};
