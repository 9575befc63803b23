import { expect, request as playwrightRequest, test } from '@playwright/test';
import { apiSession, E2E_ADMIN, signIn } from './fixtures';
import { openE2eDatabase, seedEmailSegment } from './shop';

// Issue 13, "found when probed": security headers everywhere, sign-in back-off, sign-out that ends the session,
// 4xx (never 500) for conflicts and malformed requests, audit-logged downloads that refuse GET.

test.describe.configure({ mode: 'serial', timeout: 240_000 });
const run = Date.now().toString(36);

test('pages, API routes and error pages carry the security headers', async ({ baseURL }) => {
  const ctx = await playwrightRequest.newContext({ baseURL });
  const nonces = new Set<string>();
  for (const [path, status] of [
    ['/sign-in', 200],
    ['/api/health', 200],
    ['/no-such-page', 404],
    ['/api/no-such-route', 404],
  ] as const) {
    const res = await ctx.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(status);
    const h = res.headers();
    const csp = h['content-security-policy'] ?? '';
    const script = csp.split('; ').find((d) => d.startsWith('script-src')) ?? '';
    expect(script, path).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'$/);
    nonces.add(/'nonce-([^']+)'/.exec(script)![1]!);
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(h['strict-transport-security'], path).toBeUndefined(); // plain http here
  }
  expect(nonces.size).toBe(4); // a fresh nonce per response
  const page = await ctx.get('/sign-in');
  const nonce = /'nonce-([^']+)'/.exec(page.headers()['content-security-policy']!)![1]!;
  const html = await page.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  const https = await ctx.get('/api/health', { headers: { 'x-forwarded-proto': 'https' } });
  expect(https.headers()['strict-transport-security']).toMatch(/^max-age=31536000/);
  await ctx.dispose();
});

test('sign-in is locked after five failures, with 429 and Retry-After, even for the right password', async ({
  page,
  browser,
  baseURL,
}) => {
  const who = { email: `locked-${run}@e2e.test`, password: 'locked-user-password' };
  await signIn(page, E2E_ADMIN);
  await page.goto('/settings');
  await page.locator('#new-name').fill('Locked Out');
  await page.locator('#new-email').fill(who.email);
  await page.locator('#new-role').selectOption('manager');
  await page.locator('#new-password').fill(who.password);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('cell', { name: who.email, exact: true })).toBeVisible({ timeout: 60_000 });

  const ctx = await playwrightRequest.newContext({ baseURL });
  const attempt = async (email: string, password: string) => {
    const { csrfToken } = (await (await ctx.get('/api/auth/csrf')).json()) as { csrfToken: string };
    return ctx.post('/api/auth/callback/credentials', {
      form: { csrfToken, email, password, json: 'true' },
      maxRedirects: 0,
    });
  };
  for (const email of [who.email, `nobody-${run}@e2e.test`]) {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(email, 'wrong password')).status());
    expect(statuses, email).toEqual([401, 401, 401, 401, 429]); // unknown accounts answer alike
  }
  const locked = await attempt(who.email, who.password);
  expect(locked.status()).toBe(429);
  expect(Number(locked.headers()['retry-after'])).toBeGreaterThan(0);
  await ctx.dispose();

  const fresh = await browser.newContext({ locale: 'zh-CN', baseURL });
  const p = await fresh.newPage();
  await p.goto('/sign-in');
  await p.getByLabel('邮箱').fill(who.email);
  await p.getByLabel('密码').fill(who.password);
  await p.getByRole('button', { name: '登录' }).click();
  await expect(p.getByText('登录尝试次数过多，请 1 分钟后再试。')).toBeVisible();
  await fresh.close();
});

test('after sign-out the old session cookie is refused by API routes and pages', async ({ browser, baseURL }) => {
  const ctx = await apiSession(baseURL!, E2E_ADMIN);
  expect((await ctx.get('/api/segments/products?q=a')).status()).not.toBe(401);
  const state = await ctx.storageState();
  const { csrfToken } = (await (await ctx.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await ctx.post('/api/auth/signout', { form: { csrfToken, json: 'true' } });
  await ctx.dispose();
  const replay = await playwrightRequest.newContext({ baseURL, storageState: state });
  expect((await replay.get('/api/segments/products?q=a')).status()).toBe(401);
  const pageRes = await replay.get('/customers', { maxRedirects: 0 });
  expect([307, 308]).toContain(pageRes.status());
  expect(pageRes.headers().location).toContain('/sign-in');
  await replay.dispose();

  // "Sign out everywhere" in the user menu ends the other browser's session too.
  const [a, b] = [await browser.newContext(), await browser.newContext()];
  const [pa, pb] = [await a.newPage(), await b.newPage()];
  await signIn(pa, E2E_ADMIN);
  await signIn(pb, E2E_ADMIN);
  await pa.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(pa).toHaveURL(/\/sign-in/);
  await pb.goto('/customers');
  await expect(pb).toHaveURL(/\/sign-in/);
  await a.close();
  await b.close();
});

test('conflicts and malformed requests answer a readable 4xx, never 500', async ({ page, baseURL }) => {
  const db = openE2eDatabase();
  const segmentId = seedEmailSegment(db, `Archived ${run}`);
  db.prepare('UPDATE "Segment" SET "archivedAt" = ? WHERE "id" = ?').run(Date.now(), segmentId);
  const admin = db.prepare('SELECT "id" FROM "User" WHERE "email" = ?').pluck().get(E2E_ADMIN.email) as string;
  const campaignId = Number(
    db
      .prepare(
        `INSERT INTO "Campaign" ("name", "status", "channel", "goal", "segmentId", "salt", "createdById", "createdAt", "updatedAt")
         VALUES (?, 'running', 'email', 'purchase', ?, 'salt', ?, ?, ?)`,
      )
      .run(`Running ${run}`, segmentId, admin, Date.now(), Date.now()).lastInsertRowid,
  );
  db.close();
  await signIn(page, E2E_ADMIN);

  let res = await page.goto(`/campaigns/${campaignId}/edit`);
  expect(res?.status()).toBe(403);
  await expect(page.getByText('Only a draft campaign can be edited (status: Running).')).toBeVisible();
  res = await page.goto(`/segments/${segmentId}/edit`);
  expect(res?.status()).toBe(403);
  await expect(page.getByText('This segment is archived. Restore it first.')).toBeVisible();

  res = await page.goto('/customers/%E0%A4%A');
  expect(res?.status()).toBe(400);
  await expect(page.getByText('This address is not valid: it contains a broken %-encoding.')).toBeVisible();

  const api = page.request;
  const nullOrigin = await api.post('/api/segments/preview', {
    headers: { origin: 'null', 'content-type': 'application/json' },
    data: '{}',
  });
  expect(nullOrigin.status()).toBe(403);
  expect(((await nullOrigin.json()) as { error: { message: string } }).error.message).toBe(
    'Cross-site request refused.',
  );
  // bodies past a route's limit are refused with 413 while reading (the builder's count: 256 KB; a survey answer,
  // which needs no login: 16 KB), never buffered whole
  const bigPreview = await api.post('/api/segments/preview', {
    headers: { origin: baseURL!, 'content-type': 'application/json' },
    data: `{"definition":"${'x'.repeat(300 * 1024)}"}`,
  });
  expect(bigPreview.status()).toBe(413);
  expect(((await bigPreview.json()) as { error: { code: string } }).error.code).toBe('TOO_LARGE');
  const bigSurvey = await api.post('/api/surveys/anything', {
    headers: { 'content-type': 'application/json' },
    data: `{"score":3,"comment":"${'x'.repeat(20 * 1024)}"}`,
  });
  expect(bigSurvey.status()).toBe(413);
  const action = await api.post('/segments', {
    headers: { origin: baseURL!, 'next-action': '0'.repeat(42), 'content-type': 'text/plain;charset=UTF-8' },
    data: 'x'.repeat(1024 * 1024 + 10),
  });
  expect(action.status()).toBe(413);
  expect(await action.text()).toContain('The form sent more than 1 MB');

  // Audit-logged downloads are POST only: an <img src> or a link on any page cannot trigger them.
  for (const path of [
    `/api/segments/${segmentId}/export`,
    `/api/campaigns/${campaignId}/audience`,
    `/api/campaigns/${campaignId}/results`,
    `/api/campaigns/${campaignId}/results/shared`,
    '/api/imports/x/rejected',
  ])
    expect((await api.get(path)).status(), path).toBe(405);
});
