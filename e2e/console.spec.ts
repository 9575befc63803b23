import { expect, test, type Page } from '@playwright/test';
import { findRecordPages, MAIN_PAGES } from '../scripts/main-pages';
import { signIn, USERS } from './fixtures';
import { ensureE2eShop, openE2eDatabase, seedEmailSegment } from './shop';

// Every main page of a shop with data — the generated e2e shop, computed portraits, a segment and a simulated campaign
// with results — opens without a console error, an uncaught exception, or a same-origin request that fails or answers
// 4xx/5xx (product images and icons included). On a phone the menu opens as a drawer and the pages managers read do
// not overflow the screen. No recommendation model is trained here: recommendations.spec starts without one.

test.describe.configure({ mode: 'serial' });

const tag = `console${Date.now().toString(36)}`;
const SEGMENT = `Console audience ${tag}`;
let campaignResults = '';

/** Collects what the page reports as broken while it is listened to. */
function watch(page: Page, origin: string) {
  const problems: string[] = [];
  const sameOrigin = (url: string) => url.startsWith(origin);
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught on ${page.url()}: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A navigation cancels the previous page's prefetches; those are not failures.
    if (sameOrigin(r.url()) && r.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`failed ${r.url()}: ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (sameOrigin(r.url()) && r.status() >= 400)
      problems.push(`${r.status()} ${r.request().method()} ${r.url()} (on ${page.url()})`);
  });
  return problems;
}

async function prepareShop(page: Page) {
  await page.goto('/portraits');
  if (!(await page.getByText('Last recompute finished').count())) {
    await page.getByRole('button', { name: 'Recompute now' }).click();
    await expect(page.getByText('Last recompute finished')).toBeVisible({ timeout: 120_000 });
  }
  await page.goto('/campaigns/new');
  await page.locator('#c-name').fill(`Console check ${tag}`);
  await page.getByLabel('Saved segment').selectOption({ label: SEGMENT });
  await page.locator('#v0-name').fill('Ten percent off');
  await page.locator('#v0-subject').fill('Spring is here: 10% off');
  await page.locator('#v1-name').fill('Free shipping');
  await page.locator('#v1-subject').fill('Free shipping all week');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+/);
  campaignResults = `${new URL(page.url()).pathname}?tab=results`;
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('simulate').click();
  await expect(page.getByTestId('simulated-badge').first()).toBeVisible();
  await expect(async () => {
    await page.goto(campaignResults);
    await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 120_000, intervals: [2_000] });
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(420_000);
  const db = openE2eDatabase();
  try {
    await ensureE2eShop(db);
    seedEmailSegment(db, SEGMENT);
  } finally {
    db.close();
  }
  const page = await browser.newPage();
  await signIn(page, USERS.admin);
  await prepareShop(page);
  await page.close();
});

test('every main page opens without a console error or a failed request, product images included', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.admin);
  const { found, missing } = await findRecordPages(page);
  expect(missing, 'list pages without a link to a record').toEqual([]);
  const problems = watch(page, baseURL!);
  const results: [string, string] = ['campaign-results', campaignResults];
  for (const [, path] of [...MAIN_PAGES, ...found, results]) {
    await page.goto(path, { waitUntil: 'networkidle' });
    await expect(page.locator('main h1').first()).toBeVisible();
  }
  // the icons the pages link to answer too
  for (const href of await page
    .locator('link[rel~="icon"]')
    .evaluateAll((ls) => ls.map((l) => (l as HTMLLinkElement).href))) {
    expect((await page.request.get(href)).status(), href).toBe(200);
  }
  expect((await page.request.get('/favicon.ico')).status()).toBe(200);
  expect(problems).toEqual([]);
});

test('product images load on the catalogue and the product page, one picture per top-level category', async ({
  page,
}) => {
  await signIn(page, USERS.admin);
  await page.goto('/catalogue', { waitUntil: 'networkidle' });
  const images = page.locator('main img[src^="/images/products/"]');
  await expect(images.first()).toBeVisible();
  expect(await images.evaluateAll((is) => is.filter((i) => (i as HTMLImageElement).naturalWidth === 0).length)).toBe(0);
  await page.locator('main a[href^="/catalogue/"]').first().click();
  await expect(page.locator('main img[src^="/images/products/"]').first()).toBeVisible();
  const db = openE2eDatabase();
  const urls = db
    .prepare(`SELECT MIN(p."imageUrl") FROM "Product" p GROUP BY substr(p."sku", 1, 3)`)
    .pluck()
    .all() as string[];
  db.close();
  expect(urls).toHaveLength(8);
  for (const url of urls) {
    const res = await page.request.get(url);
    expect(res.status(), url).toBe(200);
    expect(res.headers()['content-type'], url).toContain('image/svg+xml');
  }
});

test('on a phone the menu opens as a drawer and the dashboard and campaign results fit the screen', async ({
  browser,
}) => {
  test.setTimeout(120_000); // eight pages on a shared machine
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, USERS.admin);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await page.getByRole('button', { name: 'Open menu' }).click();
  const drawer = page.getByRole('dialog', { name: 'Menu' });
  await drawer.getByRole('link', { name: 'Campaigns' }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
  await expect(drawer).toBeHidden();
  // On a phone innerWidth grows with content that does not fit; the layout viewport (clientWidth) stays the screen's.
  const overflow = () =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.goto(campaignResults, { waitUntil: 'networkidle' });
  await expect(page.getByTestId('verdict')).toBeVisible();
  expect(await overflow(), 'campaign results wider than the phone').toBeLessThanOrEqual(0);
  const setup = campaignResults.replace('tab=results', 'tab=setup'); // a table of messages beside a column of facts
  for (const path of [setup, '/', '/customers', '/catalogue', '/portraits', '/recommendations', '/trust/quality']) {
    await page.goto(path, { waitUntil: 'networkidle' });
    expect(await overflow(), `${path} wider than the phone`).toBeLessThanOrEqual(0);
  }
  await page.getByRole('button', { name: 'Open menu' }).click();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await context.close();
});
