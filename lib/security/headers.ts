/**
 * Security headers for every response (pages, route handlers, error pages), set in proxy.ts.
 *
 * - Scripts: only those carrying this request's nonce (Next adds it to its own scripts when it finds the nonce in
 *   the request's Content-Security-Policy header) and what they load ('strict-dynamic'); no 'unsafe-inline'.
 * - Styles keep 'unsafe-inline': React renders `style` attributes (Recharts positions every label, tooltip and
 *   legend that way, as do our bar widths), and CSP nonces apply to <style>/<link> elements only, never to
 *   attributes. Inline styles cannot run code; script execution stays nonce-only.
 * - Images: our own origin plus https: and http: (product pictures come from shops' CDNs; plain http only where an
 *   admin allows it, see lib/security/image-url.ts), data: and blob: (generated previews). An image cannot run
 *   code; what an image request could trigger is closed by refusing GET on every state-changing route.
 * - Static pages under public/ that load their own scripts (the example storefront, `STATIC_SCRIPT_PATHS`) cannot
 *   know the nonce: they get script-src 'self' (our own files only, still no inline script).
 * - frame-ancestors 'none' (and X-Frame-Options for old browsers), nosniff, a same-origin referrer policy; behind
 *   HTTPS also HSTS and upgrade-insecure-requests.
 */
export const STATIC_SCRIPT_PATHS = ['/storefront-example/'];

export function securityHeaders(opts: { nonce: string; isHttps: boolean; isDev?: boolean; staticScripts?: boolean }) {
  const scripts = opts.staticScripts ? "'self'" : `'self' 'nonce-${opts.nonce}' 'strict-dynamic'`;
  const csp = [
    "default-src 'self'",
    `script-src ${scripts}${opts.isDev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' https: http: data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.isHttps ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  const headers: Record<string, string> = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
  if (opts.isHttps) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

/** Served over HTTPS: said by the TLS-terminating proxy (X-Forwarded-Proto) or by the configured public URL. */
export function isHttpsRequest(forwardedProto: string | null, configuredUrl: string | undefined) {
  const proto = forwardedProto?.split(',')[0]?.trim().toLowerCase();
  return proto === 'https' || Boolean(configuredUrl?.startsWith('https://'));
}

/** A fresh, unguessable nonce per request (128 bits, base64). */
export function newNonce() {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
