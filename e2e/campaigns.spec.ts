import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { ensureTeam, signIn, USERS } from './fixtures';
import { ensureE2eShop, openE2eDatabase } from './shop';

// A marketer creates a campaign for a saved segment with two messages and a holdout, runs it in simulation mode, and
// a manager reads the verdict and the charts.
//
// Test-only seeding: the shared e2e shop (imported through the importer) and one saved segment of the customers
// who agreed to e-mail, written straight into the server's database (segments.spec builds segments in the browser).

const tag = `e2e${Date.now().toString(36)}`;
const SEGMENT = `Campaign audience ${tag}`;

let reachable = 0;

async function seedAudience() {
  const db = openE2eDatabase();
  try {
    await ensureE2eShop(db);
    const now = Date.now();
    const admin = db.prepare(`SELECT "id" FROM "User" WHERE "role" = 'admin' ORDER BY "createdAt" LIMIT 1`).get() as {
      id: string;
    };
    const definition = JSON.stringify({
      type: 'group',
      op: 'and',
      children: [{ type: 'consent', channel: 'email', op: 'granted' }],
    });
    db.prepare(
      `INSERT INTO "Segment" ("name", "definition", "createdById", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)`,
    ).run(SEGMENT, definition, admin.id, now, now);
    reachable = db
      .prepare(
        `SELECT COUNT(*) FROM "Customer" WHERE "consentEmail" = 1 AND "email" IS NOT NULL AND "erasedAt" IS NULL`,
      )
      .pluck()
      .get() as number;
  } finally {
    db.close();
  }
}

let apiKey = '';
let campaignUrl = '';

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await ensureTeam(page);
  await page.goto('/settings?tab=apiKeys');
  await page.locator('#key-name').fill(`Storefront ${tag}`);
  await page.getByLabel('Read campaign assignments').check();
  await page.getByRole('button', { name: 'Issue key' }).click();
  apiKey = (await page.getByTestId('issued-key').textContent())!.trim();
  await seedAudience();
  await page.close();
});

async function waitForVerdict(page: Page) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000] });
}

test('a marketer creates a campaign with two messages and a holdout and runs it in simulation mode', async ({
  page,
}) => {
  await signIn(page, USERS.marketer);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
  await page.getByRole('link', { name: 'New campaign' }).first().click();
  await page.locator('#c-name').fill(`Spring sale ${tag}`);
  await page.getByLabel('Saved segment').selectOption({ label: SEGMENT });
  await page.locator('#v0-name').fill('Ten percent off');
  await page.locator('#v0-subject').fill('Spring is here: 10% off');
  await page.locator('#v1-name').fill('Free shipping');
  await page.locator('#v1-subject').fill('Free shipping all week');
  await expect(page.getByTestId('split-preview')).toContainText('Holdout 10 %');
  // the power panel is fed by this audience's own history
  await expect(page.getByTestId('power-panel')).toContainText(`${reachable} reachable on this channel`, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('plan-total')).toBeVisible();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+/);
  await expect(page.getByTestId('campaign-status')).toHaveText('Draft');
  campaignUrl = new URL(page.url()).pathname;

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('simulate').click();
  await expect(page.getByTestId('simulated-badge').first()).toBeVisible();
  await waitForVerdict(page);
  await expect(page.getByTestId('simulated-banner')).toContainText('Simulated campaign');
  await expect(page.getByTestId('campaign-status')).toHaveText('Completed');
  await page.getByRole('link', { name: 'Activity' }).click();
  await expect(page.getByTestId('activity')).toContainText(`${USERS.marketer.name} started a simulation`);
  await expect(page.getByTestId('activity')).toContainText('Precisa finished the simulation');
});

test('a manager sees the verdict, the charts and the suggestions, read-only', async ({ page, request }) => {
  expect(campaignUrl, 'the campaign made by the test above').toBeTruthy();
  await signIn(page, USERS.manager);
  await page.goto(campaignUrl);
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toBeVisible();
  await expect(page.getByTestId('verdict-kind')).toHaveText(/Significant|Promising|Inconclusive|SRM alarm|No data yet/);
  await expect(verdict).toContainText('Primary metric: Conversion rate');
  await expect(page.getByTestId('simulated-banner')).toBeVisible();
  for (const title of [
    'Cumulative conversion rate per arm',
    'Lift with 95 % intervals',
    'Funnel',
    'Comparisons',
    'Bayesian view',
    'Suggested next steps',
  ]) {
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
  }
  await expect(page.locator('svg.recharts-surface').first()).toBeVisible();
  await expect(page.locator('svg[data-chart]').first()).toBeVisible();
  // read-only: no lifecycle buttons for a manager
  await expect(page.getByRole('button', { name: 'Run in simulation mode' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  // every chart exports as PNG and as CSV
  const cumulative = page.locator('section', {
    has: page.getByRole('heading', { name: 'Cumulative conversion rate per arm' }),
  });
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    cumulative.getByRole('button', { name: 'PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toMatch(/cumulative\.png$/);
  expect(fs.statSync((await png.path())!).size).toBeGreaterThan(5_000);
  const [chartCsv] = await Promise.all([
    page.waitForEvent('download'),
    cumulative.getByRole('button', { name: 'CSV' }).click(),
  ]);
  expect(fs.readFileSync((await chartCsv.path())!, 'utf8')).toContain('date,arm,customers,conversionRate');
  // the data behind the page downloads as CSV (a POST: the download is audit-logged)
  const [resultsCsv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download results (CSV)' }).first().click(),
  ]);
  expect(fs.readFileSync((await resultsCsv.path())!, 'utf8')).toContain('verdict');
  // the overview ranks it, labelled simulated
  await page.goto('/campaigns');
  await expect(page.getByTestId('league-table')).toContainText(`Spring sale ${tag}`);
  // a storefront asks which message a customer gets: the answer is stable
  const id = campaignUrl.split('/').pop();
  const ask = () =>
    request.get(`/api/v1/campaigns/${id}/assignment?customer=C000001`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
  const first = await ask();
  expect(first.status()).toBe(200);
  const body = await first.json();
  expect(body).toMatchObject({ eligible: true, simulated: true, show: false });
  expect(await (await ask()).json()).toEqual(body);
  expect((await request.get(`/api/v1/campaigns/${id}/assignment?customer=C000001`)).status()).toBe(401);
});
