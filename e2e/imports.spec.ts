import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_ADMIN, signIn } from './fixtures';

// Issue 2's browser flow: sign in, upload a catalogue with some bad rows, check the mapping, see the rejected rows
// with their reasons, browse the imported products, switch language.
const CATALOGUE = path.join(import.meta.dirname, 'files/catalogue-with-errors.csv');

test('an admin imports a catalogue with bad rows, reads why they were rejected, and browses the products', async ({
  page,
}) => {
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
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download rejected rows (CSV)' }).click(),
  ]);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
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
  await page.getByLabel('CSV file').setInputFiles({
    name: 'orders-missing-columns.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('order_id,customer_id\nO1,C1\n'),
  });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByRole('heading', { name: 'Map columns' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start import' })).toBeDisabled();
  await expect(page.getByText(/Map every required field before starting/)).toBeVisible();
});

// Issue 13: a header-only file ends with a warning, not "Completed"; an upload waiting for its mapping can be cancelled.
test('a header-only file ends with a warning, and an upload waiting for mapping can be cancelled', async ({ page }) => {
  await signIn(page, E2E_ADMIN);
  const upload = async (name: string, csv: string) => {
    await page.goto('/imports');
    await page.getByLabel('What does the file contain?').selectOption('catalogue');
    await page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await expect(page.getByRole('heading', { name: 'Map columns' })).toBeVisible();
  };
  await upload('header-only.csv', 'sku,title,price\n');
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('import-status')).toHaveText('Completed with a warning: no data rows');
  await expect(page.getByTestId('import-warning')).toContainText('no data rows');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByTestId('import-status')).toHaveText('已完成，但有警告：没有数据行');
  await page.getByLabel('语言').selectOption('en');

  await upload('wrong-file.csv', 'sku,title,price\nA-1,Shoe,10\n');
  const importUrl = page.url();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Cancel this upload' }).click();
  await expect(page).toHaveURL(/\/imports$/);
  const row = page.getByRole('row', { name: /wrong-file\.csv/ }).first();
  await expect(row).toContainText('Cancelled');
  await page.goto(importUrl);
  await expect(page.getByTestId('import-status')).toHaveText('Cancelled');
  await expect(page.getByText('The uploaded file has been deleted')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resume import' })).toHaveCount(0);
});

// Issue 8: an unseen catalogue (IKEA Saudi Arabia, prices in riyal) — confidence and reasons shown, weak matches left
// unmapped, a column ignored, the missing SAR rate asked before starting, rejections grouped by reason, and a re-run
// with a corrected mapping without uploading again.
const IKEA = path.join(import.meta.dirname, 'files/ikea-sa.csv');

test('an unseen catalogue: confidence, ignored column, rate asked before start, grouped report, re-run', async ({
  page,
}) => {
  await signIn(page, E2E_ADMIN);
  await page.goto('/imports');
  await page.getByLabel('What does the file contain?').selectOption('catalogue');
  await page.getByLabel('CSV file').setInputFiles(IKEA);
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByRole('heading', { name: 'Map columns' })).toBeVisible();
  await expect(page.getByTestId('detected')).toContainText('delimiter: comma');

  // Confidence and why; a Yes/No column is not a colour and a product page is not an image.
  await expect(page.getByTestId('confidence-sku')).toContainText('Sure 95%');
  await expect(page.getByLabel('Column in your file: active', { exact: true })).toHaveValue('sellable_online');
  await expect(page.getByTestId('confidence-active')).toContainText('yes/no words');
  await expect(page.getByLabel('Column in your file: color', { exact: true })).toHaveValue('');
  await expect(page.getByTestId('confidence-color')).toContainText('Possible: other_colors');
  await expect(page.getByTestId('confidence-color')).toContainText('colour names');
  await expect(page.getByLabel('Column in your file: image_url', { exact: true })).toHaveValue('');

  // The file's currency comes from "SR 160"; its rate is asked for before the import can start.
  await expect(page.getByLabel('Currency when the file has none')).toHaveValue('SAR');
  await expect(page.getByTestId('currency-note')).toContainText('SR 160');
  await expect(page.getByTestId('missing-rates')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start import' })).toBeDisabled();
  await page.getByLabel(/^1 SAR = … /).fill('0.27');

  // Ignore a column; and (by mistake) take old_price for the price.
  await page.getByLabel('Keep: designer').uncheck();
  await page.getByLabel('Column in your file: price', { exact: true }).selectOption('old_price');
  await expect(page.getByTestId('confidence-price')).toContainText('your choice');
  await page.getByRole('button', { name: 'Start import' }).click();

  // The report: rejections grouped by reason with counts, then the rows of one reason.
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('count-rejected')).toHaveText('5');
  const groups = page.getByTestId('rejection-groups');
  await expect(groups.getByRole('row')).toHaveCount(2);
  await expect(groups).toContainText('price is not a number: "No old price"');
  await expect(groups.getByRole('row').nth(1)).toContainText('5');
  await groups.getByRole('button', { name: 'Show rows' }).click();
  await expect(page.getByText(/Rows rejected for: price is not a number/)).toBeVisible();
  await expect(page.getByTestId('timing')).toContainText('Processing');

  // Re-run with the right price column, without uploading again; the SAR rate is now known.
  await page.getByRole('link', { name: 'Re-run with a different mapping or rates' }).click();
  await expect(page.getByText(/run the import again from the first row/)).toBeVisible();
  await expect(page.getByLabel('Keep: designer')).not.toBeChecked();
  await expect(page.getByTestId('missing-rates')).toHaveCount(0);
  await page.getByLabel('Column in your file: price', { exact: true }).selectOption('price');
  await page.getByRole('button', { name: 'Run again' }).click();
  await expect(page.getByRole('heading', { name: 'Import report' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('count-rejected')).toHaveText('0');
  await expect(page.getByTestId('count-read')).toHaveText('6');
  await expect(page.getByTestId('count-inserted')).toHaveText('4');

  // A later file with the same columns gets the corrected mapping back.
  await page.goto('/imports');
  await page.getByLabel('What does the file contain?').selectOption('catalogue');
  await page.getByLabel('CSV file').setInputFiles(IKEA);
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByTestId('remembered')).toBeVisible();
  await expect(page.getByLabel('Column in your file: price', { exact: true })).toHaveValue('price');
  await expect(page.getByLabel('Keep: designer')).not.toBeChecked();
});
