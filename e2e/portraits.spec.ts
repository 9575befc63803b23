import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { E2E_DATABASE_URL } from '../playwright.config';
import { ensureTeam, signIn, USERS } from './fixtures';
import { ensureE2eShop } from './shop';

// Portraits end to end: a small generated shop goes in through the real importer, an admin recomputes the portraits
// from the models page (the background worker runs the job), a marketer reads a customer's portrait and filters the
// timeline, and everyone can read the models page.

test.describe.configure({ mode: 'serial' });

/** The e2e server's database (playwright.config.ts picks one folder per run and shares it with the workers). */
function serverDatabaseUrl(_port: string): string {
  return E2E_DATABASE_URL;
}

let url = '';
let db: Database.Database;

const seedShop = () => ensureE2eShop(db);

test.beforeAll(async ({ browser, baseURL }) => {
  url = serverDatabaseUrl(new URL(baseURL!).port);
  db = new Database(url.replace(/^file:/, ''));
  db.pragma('busy_timeout = 10000');
  const page = await browser.newPage();
  await ensureTeam(page);
  await page.close();
  await seedShop();
});

test.afterAll(() => db?.close());

async function asRole(page: Page, role: keyof typeof USERS) {
  await signIn(page, USERS[role]);
}

test('an admin recomputes the portraits and reads the RFM grid, the calibration chart and the churn model', async ({
  page,
}) => {
  await asRole(page, 'admin');
  await page.goto('/portraits');
  await page.getByRole('button', { name: 'Recompute now' }).click();
  await expect(page.getByText('Last recompute finished')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('heading', { name: 'Portrait models' })).toBeVisible();
  const grid = page.getByRole('table', { name: 'RFM grid' });
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('rowheader')).toHaveText(['R5', 'R4', 'R3', 'R2', 'R1']);
  await expect(page.getByRole('heading', { name: 'RFM groups' })).toBeVisible();
  const calibration = page.getByTestId('calibration-chart');
  await expect(calibration.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(calibration.locator('.recharts-line-curve')).toBeVisible();
  await expect(calibration).toContainText('Predicted');
  await expect(calibration).toContainText('Actual');
  await expect(page.getByTestId('churn-auc')).toHaveText(/^0\.\d{3}$/);
  await expect(page.getByText(/Training: features at/)).toBeVisible();
  await expect(page.getByLabel('Interest half-life (days)')).toBeEnabled();
});

test('a marketer reads a customer’s portrait in seconds and filters the timeline', async ({ page }) => {
  const row = db
    .prepare(
      `SELECT p."customerId" FROM "CustomerProfile" p
       WHERE p."orderCount" >= 2 AND p."clv365" IS NOT NULL AND p."churnProbability" IS NOT NULL
         AND EXISTS (SELECT 1 FROM "CustomerTag" ct JOIN "Tag" t ON t."id" = ct."tagId" WHERE ct."customerId" = p."customerId" AND t."family" = 'interest')
         AND EXISTS (SELECT 1 FROM "Event" e WHERE e."customerId" = p."customerId" AND e."type" = 'search')
       ORDER BY p."orderCount" DESC LIMIT 1`,
    )
    .get() as { customerId: number } | undefined;
  expect(row, 'a customer with orders, interests and searches').toBeTruthy();
  const profile = db
    .prepare('SELECT "rfmGroup", "lifecycle" FROM "CustomerProfile" WHERE "customerId" = ?')
    .get(row!.customerId) as { rfmGroup: string; lifecycle: string };
  const rfmLabel = db
    .prepare(`SELECT "label" FROM "Tag" WHERE "key" = ?`)
    .pluck()
    .get(`rfm:${profile.rfmGroup}`) as string;

  await asRole(page, 'marketer');
  await page.goto(`/customers/${row!.customerId}`);
  const headline = page.getByTestId('headline-tags');
  await expect(headline).toContainText(rfmLabel);
  await expect(page.getByText(/Portrait updated .* ago/)).toBeVisible();
  const rfm = page.locator('#rfm');
  await expect(rfm).toContainText(rfmLabel);
  await expect(rfm.getByRole('img', { name: /^Recency: score [1-5] of 5$/ })).toBeVisible();
  await expect(page.getByTestId('lifecycle-rule')).toHaveText(/(last purchase|first purchase|returned) \d+ days ago/);
  await expect(page.locator('#lifecycle [aria-current="step"]')).toHaveCount(1);
  await expect(page.getByTestId('kpi-clv')).toHaveText(/\d/);
  await expect(page.getByTestId('clv')).toHaveText(/\d/);
  await expect(page.getByTestId('churn')).toContainText(/% chance of no order in the next 90 days/);
  const interests = page.locator('#interests li');
  await expect(interests.first()).toContainText(/in the last 180 days/);
  await expect(interests.first()).toContainText(/(likes|follows|loves|bargain hunter|premium shopper)/);

  // the same reasons in Chinese: worded by the catalogue, numbers filled in
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByTestId('lifecycle-rule')).toHaveText(/(最近一次购买|首次购买)在\d+天前|天前在间隔/);
  await expect(page.getByTestId('churn')).toContainText(/未来90天内不再下单的概率为[\d.]+%/);
  await expect(page.locator('#rfm')).toContainText(/最近一次下单在\d+天前/);
  await page.getByLabel(/Language|语言/).selectOption('en');
  await expect(page.getByTestId('lifecycle-rule')).toHaveText(/(last purchase|first purchase|returned) \d+ days ago/);

  // timeline: only searches, each with its query text
  const timeline = page.locator('#timeline');
  await timeline.getByLabel('Type').selectOption('search');
  await timeline.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/type=search/);
  const badges = timeline.locator('ol > li > span.badge');
  await expect(badges.first()).toHaveText('Searches');
  expect(new Set(await badges.allTextContents())).toEqual(new Set(['Searches']));
  await expect(timeline.locator('ol > li').first()).toContainText(/Searched “.+”/);

  // and by date: the day of the latest search
  const latest = (await timeline.locator('ol > li time').first().getAttribute('datetime'))!.slice(0, 10);
  await timeline.getByLabel('From').fill(latest);
  await timeline.getByLabel('To').fill(latest);
  await timeline.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${latest}&to=${latest}`));
  const days = await timeline
    .locator('ol > li time')
    .evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!.slice(0, 10)));
  expect(days.length).toBeGreaterThan(0);
  expect(new Set(days)).toEqual(new Set([latest]));
  await timeline.getByRole('link', { name: 'Clear' }).click();
  await expect(page).not.toHaveURL(/type=/);
});

test('a marketer makes a custom tag and gives it to a customer from the portrait; a manager cannot', async ({
  page,
  browser,
}) => {
  await asRole(page, 'marketer');
  await page.goto('/tags');
  await page.getByLabel('Name', { exact: true }).fill('Spring preview');
  await page.getByLabel('Chinese name').fill('春季预览');
  await page.getByRole('button', { name: 'Create tag' }).click();
  await expect(page).toHaveURL(/\/tags\/\d+$/);
  await expect(page.getByTestId('tag-key')).toHaveText('custom:spring-preview');
  const customerId = db.prepare('SELECT MIN("id") FROM "Customer"').pluck().get() as number;
  await page.goto(`/customers/${customerId}`);
  const custom = page.locator('#custom-tags');
  await custom.getByLabel('Add tag').selectOption({ label: 'Spring preview' });
  await custom.getByRole('button', { name: 'Add tag' }).click();
  await expect(custom.getByRole('link', { name: 'Spring preview' })).toBeVisible();
  await custom.getByRole('button', { name: 'Remove Spring preview' }).click();
  await expect(custom.getByRole('link', { name: 'Spring preview' })).toHaveCount(0);

  const ctx = await browser.newContext();
  const manager = await ctx.newPage();
  await asRole(manager, 'manager');
  await manager.goto(`/customers/${customerId}`);
  await expect(manager.locator('#custom-tags').getByRole('button', { name: 'Add tag' })).toHaveCount(0);
  await manager.goto('/tags');
  await expect(manager.getByRole('button', { name: 'Create tag' })).toHaveCount(0);
  await manager.goto('/portraits');
  await expect(manager.getByRole('table', { name: 'RFM grid' })).toBeVisible();
  await expect(manager.getByRole('button', { name: 'Recompute now' })).toHaveCount(0);
  await expect(manager.getByLabel('Interest half-life (days)')).toBeDisabled();
  await ctx.close();
});
