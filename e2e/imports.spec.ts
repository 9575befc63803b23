import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_ADMIN, signIn } from './fixtures';

// Issue 2's browser flow: sign in, upload a catalogue with some bad rows, check the mapping, see the rejected rows
// with their reasons, browse the imported products, switch language.
const CATALOGUE = path.join(import.meta.dirname, 'files/catalogue-with-errors.csv');

test('an admin imports a catalogue with bad rows, reads why they were rejected, and browses the products', async ({ page }) => {
  await signIn(page, E2E_ADMIN);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).click();
  await page.getByLabel('What does the file contain?').selectOption('catalogue');
  await page.getByLabel('CSV file').setInputFiles(CATALOGUE);
  await page.getByRole('button', { name: 'Upload and preview' }).click();

  // Chinese headers were matched to Precisa fields automatically.
  await expect(page.getByRole('heading', { name: 'Map columns' })).toBeVisible();
  await expect(page.getByLabel('Column in your file: sku', { exact: true })).toHaveValue('商品编号');
  await expect(page.getByLabel('Column in your file: title', { exact: true })).toHaveValue('商品名称');
  await expect(page.getByLabel('Column in your file: price', { exact: true })).toHaveValue('价格');
  await page.getByRole('button', { name: 'Start import' }).click();

  await expect(page.getByRole('heading', { name: 'Import report' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('count-read')).toHaveText('7');
  await expect(page.getByTestId('count-inserted')).toHaveText('4');
  await expect(page.getByTestId('count-rejected')).toHaveText('3');
  const rejected = page.getByRole('table').last();
  await expect(rejected).toContainText('abc'); // the bad price, as read
  await expect(rejected.getByRole('row')).toHaveCount(4); // header + 3 rejected rows, with line numbers
  await expect(rejected).toContainText(/price/i);
  await expect(rejected).toContainText(/title/i);
  await expect(rejected).toContainText(/line 2/i); // the duplicate SKU names the line it repeats
  await expect(page.getByText('Brand spellings unified')).toBeVisible();

  // The download neutralises formula cells.
  const download = await page.request.get(await page.getByRole('link', { name: 'Download rejected rows (CSV)' }).getAttribute('href') ?? '');
  expect(download.status()).toBe(200);
  const csv = await download.text();
  expect(csv.split('\n')[0]).toMatch(/^\uFEFF?line,column,reason,raw/);

  // Re-importing the same file changes nothing.
  await page.goto('/imports');
  await page.getByLabel('CSV file').setInputFiles(CATALOGUE);
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('count-inserted')).toHaveText('0');
  await expect(page.getByTestId('count-unchanged')).toHaveText('4');

  // The products are in the catalogue, with normalised brands and category paths.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogue' }).click();
  await page.getByLabel('Search').fill('running');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByRole('link', { name: 'Trail running shoe' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Sports > Running > Shoes' }).first()).toBeVisible();
  await page.getByRole('link', { name: 'Trail running shoe' }).click();
  await expect(page.getByRole('heading', { name: 'Trail running shoe' })).toBeVisible();
  await expect(page.getByText('Stride').first()).toBeVisible();

  // And in Chinese.
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: '商品' })).toBeVisible();
  await page.getByRole('link', { name: '← 商品' }).click();
  await expect(page.getByText(/共 \d+ 件商品/)).toBeVisible();
  await page.getByLabel('语言').selectOption('en');
});

test('a file that cannot be imported says why before anything is written', async ({ page }) => {
  await signIn(page, E2E_ADMIN);
  await page.goto('/imports');
  await page.getByLabel('What does the file contain?').selectOption('orders');
  await page.getByLabel('CSV file').setInputFiles({ name: 'orders-missing-columns.csv', mimeType: 'text/csv', buffer: Buffer.from('order_id,customer_id\nO1,C1\n') });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByRole('heading', { name: 'Map columns' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start import' })).toBeDisabled();
  await expect(page.getByText(/Map every required field before starting/)).toBeVisible();
});
