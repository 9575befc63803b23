import { expect, test } from 'vitest';
import { authCookies } from './auth-cookies';

test('behind HTTPS every auth cookie is Secure with the __Host- prefix (Path=/, no Domain)', () => {
  const cookies = authCookies('https://precisa.shop.example');
  for (const c of Object.values(cookies)) {
    expect(c.name).toMatch(/^__Host-next-auth\./);
    expect(c.options).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'lax' });
    expect(c.options).not.toHaveProperty('domain');
  }
  expect(cookies.sessionToken?.name).toBe('__Host-next-auth.session-token');
});

test('over plain HTTP (local use) the cookies cannot be Secure and keep plain names', () => {
  const cookies = authCookies('http://localhost:3000');
  expect(cookies.sessionToken).toMatchObject({ name: 'next-auth.session-token', options: { secure: false } });
});
