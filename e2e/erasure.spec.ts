import type Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { ensureTeam, signIn, USERS } from './fixtures';
import { ensureE2eShop, openE2eDatabase } from './shop';

// Erasure from the browser (admin): the customer disappears, the receipt shows what was removed; the audit chain's
// verification on Settings; both in English and Chinese. Expected values are read from the database with plain SQL.

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let db: Database.Database;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000); // the shop is imported through the real importer: slow when the machine is busy
  db = openE2eDatabase();
  const page = await browser.newPage();
  await ensureTeam(page);
  await page.close();
  await ensureE2eShop(db);
});

test.afterAll(() => db?.close());

test('an admin erases a customer by e-mail and sees the receipt', async ({ page }) => {
  const target = db
    .prepare(
      `SELECT c."id", c."email", (SELECT COUNT(*) FROM "Event" e WHERE e."customerId" = c."id") AS events
       FROM "Customer" c WHERE c."email" IS NOT NULL AND c."erasedAt" IS NULL
       ORDER BY events DESC, c."id" LIMIT 1`,
    )
    .get() as { id: number; email: string; events: number };
  await signIn(page, USERS.admin);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trust' }).click();
  await page
    .getByRole('main')
    .getByRole('link', { name: /^Erasure/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Erasure', level: 1 })).toBeVisible();

  const one = page.getByRole('form', { name: 'Erase one customer' });
  await one.getByLabel('Find the customer by').selectOption('email');
  await one.getByLabel('Value').fill(target.email.toUpperCase());
  await one.getByRole('button', { name: 'Erase customer' }).click();
  await expect(one.getByRole('alert')).toHaveText('Tick the box to confirm.');
  await one.getByLabel('I understand this cannot be undone').check();
  await one.getByRole('button', { name: 'Erase customer' }).click();
  await expect(one.getByRole('status')).toHaveText('Erased 1 customer(s). Receipt below.');

  const receipt = page.getByTestId('erasure-receipt').first();
  await expect(receipt).toContainText(USERS.admin.email);
  await expect(receipt.getByRole('listitem').filter({ hasText: /^events/ })).toContainText(
    new Intl.NumberFormat('en').format(target.events),
  );
  await expect(receipt).not.toContainText(target.email);
  expect(db.prepare(`SELECT COUNT(*) FROM "Customer" WHERE "id" = ?`).pluck().get(target.id)).toBe(0);
  expect(db.prepare(`SELECT COUNT(*) FROM "Event" WHERE "customerId" = ?`).pluck().get(target.id)).toBe(0);

  // the same e-mail again: nobody left to erase
  await one.getByLabel('Value').fill(target.email);
  await one.getByLabel('I understand this cannot be undone').check();
  await one.getByRole('button', { name: 'Erase customer' }).click();
  await expect(one.getByRole('alert')).toHaveText('No customer matches this value.');

  // in Chinese
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '数据删除', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: '删除凭证' })).toBeVisible();
  await expect(page.getByTestId('erasure-receipt').first()).toContainText('事件');
  await page.getByLabel('语言').selectOption('en');
});

test('Settings shows the audit chain verified, in both languages', async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.goto('/settings?tab=audit');
  const status = page.getByTestId('audit-chain-status');
  await expect(status.getByRole('status')).toContainText(/^Intact: [\d,]+ entries checked/);
  await expect(page.getByRole('cell', { name: 'customer.erase' }).first()).toBeVisible();
  await status.getByRole('link', { name: 'Verify now' }).click();
  await expect(status.getByRole('status')).toContainText('Intact');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByTestId('audit-chain-status').getByRole('status')).toContainText('完整');
  await page.getByLabel('语言').selectOption('en');
});

test('a marketer cannot open the erasure page', async ({ page }) => {
  await signIn(page, USERS.marketer);
  await page.goto('/trust');
  await expect(page.getByRole('main').getByRole('link', { name: /^Erasure/ })).toHaveCount(0);
  const res = await page.goto('/trust/erasure');
  expect(res?.status()).toBe(403);
});
