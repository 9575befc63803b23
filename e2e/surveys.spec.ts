import { createHash } from 'node:crypto';
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ensureTeam, signIn, USERS } from './fixtures';
import { ensureE2eShop, openE2eDatabase } from './shop';

// Issue 11: a customer answers a hosted survey from their link (no login) and changes the answer; the marketer sees
// it in the campaign results; a Google Customer Match file of the campaign holds the right hashes.
//
// Test-only seeding: the shared e2e shop (through the importer), one saved segment of e-mail-consenting customers and
// ads consent for them, written straight into the server's database (the preference page sets ads consent too).

const tag = `sv${Date.now().toString(36)}`;
const SEGMENT = `Survey audience ${tag}`;
const SHOTS = 'test-results/surveys';
let campaignUrl = '';
let surveyLink = '';

function seed() {
  const db = openE2eDatabase();
  try {
    const now = Date.now();
    const admin = db
      .prepare(`SELECT "id" FROM "User" WHERE "role" = 'admin' ORDER BY "createdAt" LIMIT 1`)
      .pluck()
      .get();
    const definition = JSON.stringify({
      type: 'group',
      op: 'and',
      children: [{ type: 'consent', channel: 'email', op: 'granted' }],
    });
    db.prepare(
      `INSERT INTO "Segment" ("name", "definition", "createdById", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)`,
    ).run(SEGMENT, definition, admin, now, now);
    db.prepare(`UPDATE "Customer" SET "consentAds" = 1 WHERE "consentEmail" = 1`).run();
  } finally {
    db.close();
  }
}

const axe = async (page: Page) => {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
};

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await ensureTeam(page);
  const db = openE2eDatabase();
  await ensureE2eShop(db).finally(() => db.close());
  seed();
  await page.close();
});

test('a marketer attaches a CSAT survey to a campaign and gets one customer’s link', async ({ page }) => {
  await signIn(page, USERS.marketer);
  await page.goto('/campaigns/new');
  await page.locator('#c-name').fill(`Survey campaign ${tag}`);
  await page.getByLabel('Saved segment').selectOption({ label: SEGMENT });
  await page.locator('#v0-name').fill('Ten percent off');
  await page.locator('#v1-name').fill('Free shipping');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+/);
  campaignUrl = new URL(page.url()).pathname;
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('simulate').click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('campaign-status')).toHaveText('Completed', { timeout: 2_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000] });

  await page.goto(`${campaignUrl}?tab=setup`);
  await page.getByTestId('survey-kind').selectOption('csat');
  await page.getByTestId('survey-create').click();
  await expect(page.getByTestId('surveys-panel').getByRole('heading', { name: /^Survey #\d+ · CSAT/ })).toBeVisible();
  const db = openE2eDatabase();
  const customer = db
    .prepare(
      `SELECT c."externalId" FROM "CampaignAssignment" a JOIN "Customer" c ON c."id" = a."customerId"
       JOIN "CampaignVariant" v ON v."id" = a."variantId" WHERE a."campaignId" = ? AND v."key" <> 'holdout'
       ORDER BY c."id" LIMIT 1`,
    )
    .pluck()
    .get(Number(campaignUrl.split('/').pop())) as string;
  db.close();
  await page.getByTestId('survey-link-customer').fill(customer);
  await page.getByTestId('survey-link-get').click();
  surveyLink = await page.getByTestId('survey-link').inputValue();
  expect(surveyLink).toMatch(/\/s\/[\w-]+\.[\w-]+$/);
});

test('the customer answers without signing in, changes the answer, and sees it saved', async ({ browser }) => {
  expect(surveyLink, 'the survey link made by the test above').toBeTruthy();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const path = new URL(surveyLink).pathname;
  await page.goto(`${path}?lang=en`);
  await expect(page.getByRole('heading', { name: 'A quick question' })).toBeVisible();
  await page.getByText('4', { exact: true }).click();
  await page.getByTestId('survey-comment').fill('Quick delivery');
  await page.getByTestId('survey-submit').click();
  await expect(page.getByTestId('survey-status')).toContainText('Thank you');
  await page.getByText('5', { exact: true }).click();
  await page.getByTestId('survey-submit').click();
  await expect(page.getByTestId('survey-status')).toContainText('Thank you');
  await page.reload();
  await expect(page.getByTestId('survey-editable')).toContainText('You answered 5');
  expect(await axe(page)).toEqual([]);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/survey-en-phone.png`, fullPage: true });
  await page.goto(`${path}?lang=zh-CN`);
  await expect(page.getByRole('heading', { name: '一个小问题' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/survey-zh-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}/survey-zh-desktop.png` });
  await page.goto(`${path}?lang=en`);
  await page.screenshot({ path: `${SHOTS}/survey-en-desktop.png` });
  // a tampered link: a clear message on the page, 404 from the API
  await page.goto(`${path}x?lang=en`);
  await expect(page.getByTestId('survey-invalid')).toBeVisible();
  const bad = await page.request.post(`/api/surveys/${path.split('/').pop()}x`, { data: { score: 3 } });
  expect(bad.status()).toBe(404);
  const range = await page.request.post(`/api/surveys/${path.split('/').pop()}`, { data: { score: 9 } });
  expect(range.status()).toBe(422);
  expect(errors).toEqual([]);
  await context.close();
});

test('the answer shows in the campaign results; a Customer Match file holds the hashed audience', async ({ page }) => {
  expect(campaignUrl, 'the campaign made by the test above').toBeTruthy();
  await signIn(page, USERS.marketer);
  await page.goto(campaignUrl);
  const panel = page.getByTestId('surveys-panel');
  await expect(panel).toContainText('Overall');
  await expect(panel.getByTestId('survey-too-few').first()).toContainText('too few answers');
  await expect(panel).toContainText('Quick delivery');
  await expect(panel.getByRole('row', { name: /By message: (Ten percent off|Free shipping) 1 5/ })).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 900 });
  await panel.screenshot({ path: `${SHOTS}/results-panel-en.png` });

  await page.goto(`${campaignUrl}?tab=setup`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Google Customer Match CSV' }).click();
  const file = await (await download).path();
  const lines = fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  expect(lines[0]).toBe('Email,Phone');
  const db = openE2eDatabase();
  const rows = db
    .prepare(
      `SELECT c."email", v."key" FROM "CampaignAssignment" a JOIN "Customer" c ON c."id" = a."customerId"
       JOIN "CampaignVariant" v ON v."id" = a."variantId" WHERE a."campaignId" = ? AND c."email" IS NOT NULL`,
    )
    .all(Number(campaignUrl.split('/').pop())) as { email: string; key: string }[];
  db.close();
  // Google's rule, written out independently: trim, lower-case; gmail.com/googlemail.com lose dots and +suffix
  const google = (e: string) => {
    const [local, domain] = e.trim().toLowerCase().split('@') as [string, string];
    const gmail = domain === 'gmail.com' || domain === 'googlemail.com';
    return `${gmail ? local.split('+')[0]!.replaceAll('.', '') : local}@${domain}`;
  };
  const hashes = new Set(lines.slice(1).map((l) => l.split(',')[0]));
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const message = rows.find((r) => r.key !== 'holdout')!;
  expect(hashes.has(sha(google(message.email)))).toBe(true);
  for (const h of rows.filter((r) => r.key === 'holdout')) expect(hashes.has(sha(google(h.email)))).toBe(false);
  expect(lines.slice(1).every((l) => /^([0-9a-f]{64})?,([0-9a-f]{64})?$/.test(l))).toBe(true);
});
