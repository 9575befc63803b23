import { expect, test } from '@playwright/test';
import { E2E_ADMIN, ensureTeam, signIn, USERS } from './fixtures';

test('a visitor is sent to sign in, and a wrong password is refused with a message', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(E2E_ADMIN.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Email or password is not right')).toBeVisible();
});

test('an admin signs in, sees every area, switches to Chinese and back, and signs out', async ({ page }) => {
  await signIn(page, E2E_ADMIN);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const area of ['Dashboard', 'Customers', 'Catalogue', 'Imports', 'Settings'])
    await expect(nav.getByRole('link', { name: area })).toBeVisible();
  await expect(nav.getByText(/coming soon/i)).toHaveCount(0);
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(nav.getByRole('link', { name: '数据导入' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: '概览' })).toBeVisible(); // remembered for this user
  await page.getByLabel('语言').selectOption('en');
  await expect(nav.getByRole('link', { name: 'Imports' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/customers');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('an admin creates a marketer and a manager; each sees only their areas', async ({ page, browser }) => {
  await ensureTeam(page);
  const expected = {
    marketer: ['Dashboard', 'Customers', 'Catalogue'],
    manager: ['Dashboard', 'Customers', 'Catalogue'],
  };
  for (const role of ['marketer', 'manager'] as const) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await signIn(p, USERS[role]);
    const nav = p.getByRole('navigation', { name: 'Main' });
    for (const area of expected[role]) await expect(nav.getByRole('link', { name: area })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Imports' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Settings' })).toHaveCount(0);
    const res = await p.goto('/settings');
    expect(res?.status()).toBe(403);
    await expect(p.getByText('You do not have access to this page')).toBeVisible();
    await ctx.close();
  }
});
