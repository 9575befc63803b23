import fs from 'node:fs';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { E2E_DATABASE_URL } from '../playwright.config';
import { ensureTeam, signIn, USERS } from './fixtures';
import { ensureE2eShop } from './shop';

// The on-device bundle: the Recommendations page shows its size and downloads it; the example storefront under
// public/ loads it with an API key and ranks from browser-local history without sending behaviour to the server.

test.describe.configure({ mode: 'serial' });

let apiKey = '';

test.beforeAll(async ({ browser }) => {
  const db = new Database(E2E_DATABASE_URL.replace(/^file:/, ''));
  db.pragma('busy_timeout = 10000');
  try {
    const page = await browser.newPage();
    await ensureTeam(page);
    await ensureE2eShop(db);
    await page.goto('/settings?tab=apiKeys');
    await page.locator('#key-name').fill(`Device ${Date.now()}`);
    await page.getByLabel('Read recommendations').check();
    await page.getByRole('button', { name: 'Issue key' }).click();
    apiKey = (await page.getByTestId('issued-key').textContent())!.trim();
    await page.close();
  } finally {
    db.close();
  }
});

test('the Recommendations page shows the bundle size and downloads it', async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.goto('/recommendations');
  const section = page.getByTestId('device-bundle');
  await expect(section).toContainText('On-device bundle');
  await expect(page.getByTestId('device-bundle-size')).toContainText(/KB gzipped/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('device-bundle-download').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^precisa-bundle-[\w-]+-v\d+\.bin$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('PDB1');
});

test('the example storefront ranks from local history and never sends it', async ({ page }) => {
  expect(apiKey, 'the API key from beforeAll').toMatch(/^pk_/);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/storefront-example/index.html');
  await page.locator('#key').fill('pk_00000000_notakey');
  await page.getByRole('button', { name: 'Load bundle' }).click();
  await expect(page.locator('#status')).toContainText('The server refused (401: A valid API key is required.)');
  await page.locator('#key').fill(apiKey);
  await page.getByRole('button', { name: 'Load bundle' }).click();
  await expect(page.locator('#status')).toContainText(/Model [\w-]+ v\d+: \d+ products/);
  await expect(page.locator('#timing')).toContainText('popularity');
  await page.locator('#catalogue li').first().getByRole('button', { name: 'Buy' }).click();
  await expect(page.locator('#timing')).toContainText('collaborative');
  await expect(page.locator('#recommendations li').first().locator('.reason')).not.toBeEmpty();
  await expect(page.locator('#history li')).toHaveCount(1);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('precisa-example-history') ?? '[]'));
  expect(stored).toHaveLength(1);
  expect(stored[0].kind).toBe('purchase');
  expect(errors).toEqual([]);
  // nothing but the page's files and the bundle was requested: the purchase stayed in the browser
  expect(requests.filter((p) => p.startsWith('/api/'))).toEqual([
    '/api/v1/recommendations/bundle',
    '/api/v1/recommendations/bundle',
  ]);
});
