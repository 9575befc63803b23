import type { CookiesOptions } from 'next-auth';

/**
 * next-auth's cookies. Behind HTTPS (NEXTAUTH_URL starts with https://) every cookie is Secure and carries the
 * `__Host-` prefix, which browsers accept only from a secure origin with Path=/ and no Domain, so neither a
 * sibling subdomain nor a plain-HTTP page can plant or overwrite them. Over plain HTTP (local use) they cannot be
 * Secure, so they keep their plain names.
 */
export function authCookies(url = process.env.NEXTAUTH_URL ?? ''): Partial<CookiesOptions> {
  const secure = url.startsWith('https://');
  const prefix = secure ? '__Host-' : '';
  const options = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  return {
    sessionToken: { name: `${prefix}next-auth.session-token`, options },
    callbackUrl: { name: `${prefix}next-auth.callback-url`, options },
    csrfToken: { name: `${prefix}next-auth.csrf-token`, options },
  };
}
