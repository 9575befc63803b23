import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { ensureTeam, signIn, USERS } from './fixtures';

// A marketer creates a campaign for a saved segment with two messages and a holdout, runs it in simulation mode, and
// a manager reads the verdict and the charts.
//
// Test-only seeding: the app has no segment builder or import page in this build, so the spec writes 600 customers
// (with consent and some order history) and one saved segment straight into the server's SQLite file. The file is
// found by an API key this spec issues through the Settings page (the temp folder name is random). The production
// app exposes no route for this.

const tag = `e2e${Date.now().toString(36)}`;
const SEGMENT = `Campaign audience ${tag}`;
const DAY = 86_400_000;

function serverDatabase(keyName: string): string {
  const candidates = fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('precisa-e2e-')).map((d) => path.join(os.tmpdir(), d, 'e2e.db')).filter((f) => fs.existsSync(f));
  for (const file of candidates) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      if (db.prepare('SELECT 1 FROM "ApiKey" WHERE "name" = ?').get(keyName)) return file;
    } catch {
      // another run's database in the middle of its migrations
    } finally {
      db.close();
    }
  }
  throw new Error(`no e2e database holds the API key ${keyName}`);
}

function seedAudience(file: string) {
  const db = new Database(file);
  db.pragma('busy_timeout = 10000');
  const now = Date.now();
  const admin = db.prepare(`SELECT "id" FROM "User" WHERE "role" = 'admin' ORDER BY "createdAt" LIMIT 1`).get() as { id: string };
  const customer = db.prepare(`INSERT INTO "Customer" ("externalId", "name", "email", "gender", "signupAt", "consentEmail", "consentSms", "consentPush", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, 0, 1, ?, ?)`);
  const order = db.prepare(`INSERT INTO "Order" ("externalId", "customerId", "placedAt", "status", "currency", "total", "itemCount", "updatedAt") VALUES (?, ?, ?, 'completed', 'CNY', ?, 1, ?)`);
  db.transaction(() => {
    for (let i = 0; i < 600; i++) {
      const id = Number(customer.run(`${tag}-${String(i).padStart(4, '0')}`, `Customer ${i}`, `c${i}@${tag}.example`, i % 2 ? 'female' : 'male', now - 400 * DAY, i % 5 === 0 ? 0 : 1, now, now).lastInsertRowid);
      if (i % 4 === 0) order.run(`${tag}-o${i}`, id, now - (3 + (i % 80)) * DAY, 60 + (i % 9) * 25, now);
    }
    const definition = JSON.stringify({ type: 'group', op: 'and', children: [{ type: 'attribute', field: 'externalId', op: 'starts_with', value: `${tag}-` }] });
    db.prepare(`INSERT INTO "Segment" ("name", "definition", "createdById", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)`).run(SEGMENT, definition, admin.id, now, now);
  })();
  db.close();
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
  seedAudience(serverDatabase(`Storefront ${tag}`));
  await page.close();
});

async function waitForVerdict(page: Page) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000] });
}

test('a marketer creates a campaign with two messages and a holdout and runs it in simulation mode', async ({ page }) => {
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
  await expect(page.getByTestId('power-panel')).toContainText('480 reachable on this channel', { timeout: 30_000 });
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
  test.skip(!campaignUrl, 'the campaign was not created');
  await signIn(page, USERS.manager);
  await page.goto(campaignUrl);
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toBeVisible();
  await expect(page.getByTestId('verdict-kind')).toHaveText(/Significant|Promising|Inconclusive|SRM alarm|No data yet/);
  await expect(verdict).toContainText('Primary metric: Conversion rate');
  await expect(page.getByTestId('simulated-banner')).toBeVisible();
  for (const title of ['Cumulative conversion rate per arm', 'Lift with 95 % intervals', 'Funnel', 'Comparisons', 'Bayesian view', 'Suggested next steps']) {
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
  }
  await expect(page.locator('svg.recharts-surface').first()).toBeVisible();
  await expect(page.locator('svg[data-chart]').first()).toBeVisible();
  // read-only: no lifecycle buttons for a manager
  await expect(page.getByRole('button', { name: 'Run in simulation mode' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  // every chart exports as PNG and as CSV
  const cumulative = page.locator('section', { has: page.getByRole('heading', { name: 'Cumulative conversion rate per arm' }) });
  const [png] = await Promise.all([page.waitForEvent('download'), cumulative.getByRole('button', { name: 'PNG' }).click()]);
  expect(png.suggestedFilename()).toMatch(/cumulative\.png$/);
  expect(fs.statSync((await png.path())!).size).toBeGreaterThan(5_000);
  const [chartCsv] = await Promise.all([page.waitForEvent('download'), cumulative.getByRole('button', { name: 'CSV' }).click()]);
  expect(fs.readFileSync((await chartCsv.path())!, 'utf8')).toContain('date,arm,customers,conversionRate');
  // the data behind the page downloads as CSV
  const csv = await page.request.get(`/api${campaignUrl}/results`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('verdict');
  // the overview ranks it, labelled simulated
  await page.goto('/campaigns');
  await expect(page.getByTestId('league-table')).toContainText(`Spring sale ${tag}`);
  // a storefront asks which message a customer gets: the answer is stable
  const id = campaignUrl.split('/').pop();
  const ask = () => request.get(`/api/v1/campaigns/${id}/assignment?customer=${tag}-0001`, { headers: { authorization: `Bearer ${apiKey}` } });
  const first = await ask();
  expect(first.status()).toBe(200);
  const body = await first.json();
  expect(body).toMatchObject({ eligible: true, simulated: true, show: false });
  expect(await (await ask()).json()).toEqual(body);
  expect((await request.get(`/api/v1/campaigns/${id}/assignment?customer=${tag}-0001`)).status()).toBe(401);
});
