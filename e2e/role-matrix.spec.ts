import { expect, request as playwrightRequest, test } from '@playwright/test';
import { can, type Permission } from '../lib/security/roles';
import { apiSession, ensureTeam, USERS, type RoleName } from './fixtures';

// Every page and API route, with the permission the server must enforce. The expected answer for each role is
// computed from the one role table (lib/security/roles.ts): allowed → not refused; forbidden → 403.
const PAGES: [string, Permission][] = [
  ['/', 'dashboard:view'],
  ['/customers', 'customers:view'],
  ['/customers/1', 'customers:view'],
  ['/customers/1?type=search&from=2026-01-01&to=2026-12-31', 'customers:view'],
  ['/tags', 'customers:view'],
  ['/tags/999999', 'customers:view'],
  ['/portraits', 'customers:view'],
  ['/catalogue', 'catalogue:view'],
  ['/catalogue/1', 'catalogue:view'],
  ['/recommendations', 'recommendations:view'],
  ['/imports', 'imports:manage'],
  ['/imports/does-not-exist', 'imports:manage'],
  ['/segments', 'segments:view'],
  ['/segments?archived=1', 'segments:view'],
  ['/segments/new', 'segments:edit'],
  ['/segments/999999', 'segments:view'],
  ['/segments/999999?tab=members', 'segments:view'],
  ['/segments/999999/edit', 'segments:edit'],
  ['/segments/999999/why/1', 'segments:view'],
  ['/campaigns', 'campaigns:view'],
  ['/campaigns/new', 'campaigns:edit'],
  ['/campaigns/999999', 'campaigns:view'],
  ['/campaigns/999999/edit', 'campaigns:edit'],
  ['/settings', 'settings:manage'],
  ['/settings?tab=apiKeys', 'settings:manage'],
  ['/settings?tab=audit', 'settings:manage'],
  ['/settings?tab=privacy', 'settings:manage'],
  ['/trust', 'trust:view'],
  ['/trust/privacy', 'trust:read-all'],
  ['/trust/fairness', 'trust:view'],
];
const API: { method: 'GET' | 'POST'; path: string; permission: Permission; body?: string }[] = [
  {
    method: 'POST',
    path: '/api/imports?kind=catalogue&name=x.csv',
    permission: 'imports:manage',
    body: 'sku,title,price\nA,B,1\n',
  },
  { method: 'GET', path: '/api/imports/does-not-exist', permission: 'imports:manage' },
  { method: 'POST', path: '/tags/999999/upload', permission: 'segments:edit', body: 'customer_id\nC1\n' },
  { method: 'POST', path: '/api/imports/does-not-exist/rejected', permission: 'imports:manage' },
  {
    method: 'POST',
    path: '/api/segments/preview',
    permission: 'segments:edit',
    body: '{"definition":{"type":"group","op":"and","children":[]}}',
  },
  { method: 'GET', path: '/api/segments/products?q=a', permission: 'segments:edit' },
  { method: 'POST', path: '/api/segments/999999/export', permission: 'customers:export' },
  { method: 'POST', path: '/api/campaigns/999999/results', permission: 'campaigns:view' },
  { method: 'POST', path: '/api/campaigns/999999/audience', permission: 'campaigns:edit' },
  {
    method: 'POST',
    path: '/api/campaigns/999999/outcomes',
    permission: 'campaigns:edit',
    body: 'customer_id,event_type,timestamp\n',
  },
];

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await ensureTeam(page);
  await page.close();
});

for (const role of ['admin', 'marketer', 'manager'] as RoleName[]) {
  test(`${role}: every forbidden page and API call is refused by the server`, async ({ baseURL }) => {
    const ctx = await apiSession(baseURL!, USERS[role]);
    for (const [path, permission] of PAGES) {
      const res = await ctx.get(path, { maxRedirects: 0 });
      if (can(role as never, permission)) expect(res.status(), `${role} ${path}`).not.toBe(403);
      else expect(res.status(), `${role} ${path}`).toBe(403);
    }
    for (const call of API) {
      const res = await ctx.fetch(call.path, {
        method: call.method,
        data: call.body,
        headers: { origin: baseURL!, 'content-type': 'text/csv' },
        maxRedirects: 0,
      });
      if (can(role as never, call.permission))
        expect([200, 201, 404], `${role} ${call.method} ${call.path}`).toContain(res.status());
      else expect(res.status(), `${role} ${call.method} ${call.path}`).toBe(403);
    }
    await ctx.dispose();
  });
}

test('anonymous callers are redirected to sign in (pages) or get 401 (API)', async ({ baseURL }) => {
  const ctx = await playwrightRequest.newContext({ baseURL });
  for (const [path] of PAGES) {
    const res = await ctx.get(path, { maxRedirects: 0 });
    expect([307, 308], path).toContain(res.status());
    expect(res.headers().location, path).toContain('/sign-in');
  }
  for (const call of API) {
    const res = await ctx.fetch(call.path, {
      method: call.method,
      data: call.body,
      headers: { origin: baseURL! },
      maxRedirects: 0,
    });
    expect(res.status(), call.path).toBe(401);
  }
  // the storefront API takes API keys only: without one it is 401 (a session cookie does not count either)
  for (const path of ['/api/v1/recommendations?customer=x', '/api/v1/products/x/similar'])
    expect((await ctx.get(path)).status(), path).toBe(401);
  const events = await ctx.post('/api/v1/events', { data: { events: [] } });
  expect(events.status()).toBe(401);
});

test('a cookie-authenticated upload from another origin is refused', async ({ baseURL }) => {
  const ctx = await apiSession(baseURL!, USERS.admin);
  const res = await ctx.post('/api/imports?kind=catalogue&name=x.csv', {
    data: 'sku,title,price\n',
    headers: { origin: 'https://evil.example', 'content-type': 'text/csv' },
  });
  expect(res.status()).toBe(403);
  await ctx.dispose();
});
