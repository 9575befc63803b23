import type Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { ensureTeam, signIn, USERS } from './fixtures';
import { ensureE2eShop, openE2eDatabase } from './shop';

// The customer list (sort, filters in the URL, saved views) and the dashboard's period picker, on the small generated
// shop imported through the real importer. Expected values are read from the database with plain SQL.

// The shared machine is slow at times: each test gets three minutes.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let db: Database.Database;
const H = 3_600_000;

test.beforeAll(async ({ browser }) => {
  db = openE2eDatabase();
  const page = await browser.newPage();
  await ensureTeam(page);
  await page.close();
  await ensureE2eShop(db);
});

test.afterAll(() => db?.close());

const idColumn = (page: import('@playwright/test').Page) =>
  page.getByTestId('customer-table').getByTestId('customer-id');

test('a marketer sorts, filters, saves a view and reopens it', async ({ page }) => {
  await signIn(page, USERS.marketer);
  await page.goto('/customers');
  // Default order: the biggest spenders first.
  const top = db
    .prepare(`SELECT c."externalId" FROM "Customer" c JOIN "Order" o ON o."customerId" = c."id" AND o."status" = 'completed'
    GROUP BY c."id" ORDER BY SUM(o."total") DESC, c."id" LIMIT 3`)
    .pluck()
    .all() as string[];
  await expect(idColumn(page).first()).toHaveText(top[0]!);
  await expect(page.getByText('Customers who spent the most come first.')).toBeVisible();

  // Sort by orders, fewest first, by clicking the heading twice.
  await page.getByRole('link', { name: /^Orders/ }).click();
  await expect(page).toHaveURL(/sort=orders&dir=desc/);
  await page.getByRole('link', { name: /^Orders/ }).click();
  await expect(page).toHaveURL(/sort=orders&dir=asc/);
  await expect(page.getByRole('columnheader', { name: /^Orders/ })).toHaveAttribute('aria-sort', 'ascending');

  // Filter by region; the sort is kept and the count matches the database.
  const region = db
    .prepare(
      `SELECT "region" FROM "Customer" WHERE "region" IS NOT NULL GROUP BY "region" ORDER BY COUNT(*) DESC LIMIT 1`,
    )
    .pluck()
    .get() as string;
  const inRegion = db.prepare(`SELECT COUNT(*) FROM "Customer" WHERE "region" = ?`).pluck().get(region) as number;
  await page.getByLabel('Region', { exact: true }).selectOption(region);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`region=${encodeURIComponent(region)}.*sort=orders&dir=asc`));
  await expect(page.getByText(`${inRegion.toLocaleString('en')} customers`)).toBeVisible();
  const fewest = db
    .prepare(`SELECT c."externalId" FROM "Customer" c LEFT JOIN "Order" o ON o."customerId" = c."id" AND o."status" = 'completed'
    WHERE c."region" = ? GROUP BY c."id" ORDER BY COUNT(o."id") ASC, c."id" ASC LIMIT 1`)
    .pluck()
    .get(region) as string;
  await expect(idColumn(page).first()).toHaveText(fewest);

  // Save the view, leave, reopen it from the list of views; then delete it.
  const name = `Region ${region} by orders`;
  await page.getByLabel('View name').fill(name);
  await page.getByRole('button', { name: 'Save view' }).click();
  await expect(page.getByRole('status')).toHaveText(`Saved “${name}”.`);
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  await page.goto('/customers');
  await expect(page.getByLabel('Region', { exact: true })).toHaveValue('');
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`region=${encodeURIComponent(region)}.*sort=orders&dir=asc`));
  await expect(page.getByLabel('Region', { exact: true })).toHaveValue(region);
  await expect(idColumn(page).first()).toHaveText(fewest);
  await page.getByRole('button', { name: `Delete the view “${name}”` }).click();
  await expect(page.getByRole('status')).toHaveText(`Deleted “${name}”.`);
  await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
});

test('bad list parameters are ignored with a message, never an error page', async ({ page }) => {
  await signIn(page, USERS.manager);
  const res = await page.goto('/customers?sort=evil&page=-3&segment=abc&stage=zombie');
  expect(res?.status()).toBe(200);
  const alert = page.locator('ul[role=alert]');
  await expect(alert).toContainText('Ignored the sort column “evil”');
  await expect(alert).toContainText('Ignored the page “-3”');
  await expect(alert).toContainText('Ignored the segment “abc”');
  await expect(alert).toContainText('Ignored the lifecycle stage “zombie”');
  await expect(idColumn(page).first()).toBeVisible();
});

test('the dashboard period: presets, a custom period and the comparison, all in the URL', async ({ page }) => {
  await signIn(page, USERS.manager);
  // Newest day of real data (simulated campaign events are not data) in the shop zone (Asia/Shanghai, UTC+8 all
  // year) and the last 30 days' revenue, by plain SQL.
  const latest = db
    .prepare(
      `SELECT MAX(t) FROM (SELECT MAX("placedAt") AS t FROM "Order"
       UNION ALL SELECT MAX("ts") FROM "Event" WHERE "source" <> 'simulation')`,
    )
    .pluck()
    .get() as number;
  const lastDay = new Date(Math.min(latest, Date.now()) + 8 * H).toISOString().slice(0, 10);
  const end = Date.parse(`${lastDay}T00:00:00Z`) - 8 * H + 24 * H - 1;
  const start = end + 1 - 30 * 24 * H;
  const sum = (from: number, to: number) =>
    db
      .prepare(
        `SELECT COALESCE(SUM("total"), 0) FROM "Order" WHERE "status" = 'completed' AND "placedAt" BETWEEN ? AND ?`,
      )
      .pluck()
      .get(from, to) as number;
  const revenue = sum(start, end);
  const before = sum(start - 30 * 24 * H, start - 1);

  await page.goto('/');
  await expect(page.getByRole('link', { name: '90 days' })).toHaveAttribute('aria-current', 'true');
  await page.getByRole('link', { name: '30 days' }).click();
  await expect(page).toHaveURL(/\?range=30$/);
  const card = page.getByTestId('kpis').locator('.card').first();
  // The tile shows whole yuan for large sums and cents for small ones: compare the number it shows.
  await expect(card).toContainText('Revenue');
  const shown = Number(/CN¥([\d,.]+)/.exec((await card.textContent()) ?? '')?.[1]?.replace(/,/g, ''));
  expect(Math.abs(shown - revenue)).toBeLessThan(1);
  if (before > 0) {
    const change = Math.abs((revenue / before - 1) * 100).toFixed(1);
    await expect(card).toContainText(`${change}% vs previous 30 days`);
  }
  await expect(page.getByText(/\(30 days, shop time Asia\/Shanghai\), compared with/)).toBeVisible();

  await page.getByLabel('From').fill(`${lastDay.slice(0, 8)}01`);
  await page.getByLabel('To').fill(lastDay);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${lastDay.slice(0, 8)}01&to=${lastDay}`));
  const days = Number(lastDay.slice(8));
  await expect(page.getByText(new RegExp(`\\(${days} days?, shop time`))).toBeVisible();

  await page.goto('/?from=2026-02-30&to=2026-03-01');
  await expect(page.locator('ul[role=alert]')).toContainText('“2026-02-30” is not a date');
  await expect(page.getByRole('link', { name: '90 days' })).toHaveAttribute('aria-current', 'true');
});
