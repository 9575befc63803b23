import { expect, test } from 'vitest';
import { isHttpsRequest, newNonce, securityHeaders } from './headers';

test('scripts run only with the nonce; framing is refused; HSTS only behind HTTPS', () => {
  const plain = securityHeaders({ nonce: 'abc', isHttps: false });
  const csp = plain['Content-Security-Policy']!;
  const script = csp.split('; ').find((d) => d.startsWith('script-src'))!;
  expect(script).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
  expect(script).not.toContain('unsafe');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('upgrade-insecure-requests');
  expect(plain['X-Content-Type-Options']).toBe('nosniff');
  expect(plain['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
  expect(plain['Strict-Transport-Security']).toBeUndefined();
  const secure = securityHeaders({ nonce: 'abc', isHttps: true });
  expect(secure['Strict-Transport-Security']).toMatch(/^max-age=31536000/);
  expect(secure['Content-Security-Policy']).toContain('upgrade-insecure-requests');
});

test('HTTPS is read from the proxy header or the configured URL', () => {
  expect(isHttpsRequest('https', undefined)).toBe(true);
  expect(isHttpsRequest('HTTPS, http', 'http://localhost:3000')).toBe(true);
  expect(isHttpsRequest('http', 'https://shop.example')).toBe(true);
  expect(isHttpsRequest(null, 'http://localhost:3000')).toBe(false);
});

test('nonces are fresh 128-bit values', () => {
  const a = newNonce();
  expect(Buffer.from(a, 'base64')).toHaveLength(16);
  expect(newNonce()).not.toBe(a);
});

test("static pages with their own script files get script-src 'self' (no nonce they could not know, no inline)", () => {
  const csp = securityHeaders({ nonce: 'abc', isHttps: false, staticScripts: true })['Content-Security-Policy']!;
  expect(csp.split('; ').find((d) => d.startsWith('script-src'))).toBe("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
});
