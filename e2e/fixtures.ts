import { expect, request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

export { E2E_ADMIN };
export const USERS = {
  admin: E2E_ADMIN,
  marketer: { email: 'marketer@e2e.test', password: 'e2e-marketer-password', name: 'Mara Marketer' },
  manager: { email: 'manager@e2e.test', password: 'e2e-manager-password', name: 'Max Manager' },
} as const;
export type RoleName = keyof typeof USERS;

export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/sign-in');
  await page.getByLabel(/email|邮箱/i).fill(who.email);
  await page.getByLabel(/password|密码/i).fill(who.password);
  await page.getByRole('button', { name: /sign in|登录/i }).click();
  await expect(page).not.toHaveURL(/sign-in/);
  // The language is remembered per user; tests start in English whatever an earlier test left behind.
  const language = page.getByRole('combobox', { name: /^(Language|语言)$/ });
  if ((await language.inputValue()) !== 'en') {
    await language.selectOption('en');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' })).toBeVisible();
  }
}

/** A request context signed in through next-auth's credentials endpoint (no browser), for HTTP-level checks. */
export async function apiSession(
  baseURL: string,
  who: { email: string; password: string },
): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = (await (await ctx.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await ctx.post('/api/auth/callback/credentials', {
    form: { csrfToken, email: who.email, password: who.password, json: 'true' },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(res.status());
  const session = await (await ctx.get('/api/auth/session')).json();
  expect(session, `sign-in failed for ${who.email}`).toHaveProperty('userId');
  return ctx;
}

/** Creates the marketer and manager through the Settings page, as an admin would (idempotent across tests). */
export async function ensureTeam(page: Page) {
  await signIn(page, USERS.admin);
  await page.goto('/settings');
  for (const role of ['marketer', 'manager'] as const) {
    const u = USERS[role];
    if (await page.getByRole('cell', { name: u.email, exact: true }).count()) continue;
    await page.locator('#new-name').fill(u.name);
    await page.locator('#new-email').fill(u.email);
    await page.locator('#new-role').selectOption(role);
    await page.locator('#new-password').fill(u.password);
    await page.getByRole('button', { name: 'Create' }).click();
    // creating an account hashes its password (deliberately slow): allow for a busy machine
    await expect(page.getByRole('cell', { name: u.email, exact: true })).toBeVisible({ timeout: 60_000 });
  }
}
