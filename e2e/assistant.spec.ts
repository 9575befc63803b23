import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { openRaw, type RawDb } from '../lib/db/raw';
import { countSegment } from '../lib/db/segments/queries';
import type { SegmentDefinition } from '../lib/schemas/segment';
import { E2E_DATABASE_URL } from '../playwright.config';
import { ensureTeam, signIn, USERS } from './fixtures';
import { ensureE2eShop } from './shop';
import { startChatStub } from '../lib/testing/chat-stub-server';

// Assistant (issue 10), offline path: a marketer describes an audience in English and in Chinese, the builder's tree
// fills in with its live count (checked against the compiled SQL) and a reading back labelled "Offline parser";
// nothing is saved until they save; text that looks like markup stays text; a manager never gets the box.

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let db: Database.Database;
let raw: RawDb;
const segments = () => db.prepare('SELECT COUNT(*) FROM "Segment"').pluck().get() as number;
const firstCity = () =>
  db
    .prepare(`SELECT "city" FROM "Customer" WHERE "city" IS NOT NULL GROUP BY "city" ORDER BY COUNT(*) DESC`)
    .pluck()
    .get() as string;

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(300_000);
  db = new Database(E2E_DATABASE_URL.replace(/^file:/, ''));
  db.pragma('busy_timeout = 10000');
  raw = openRaw(E2E_DATABASE_URL);
  const page = await browser.newPage();
  await ensureTeam(page);
  await ensureE2eShop(db);
  await page.close();
});

test.afterAll(() => {
  db?.close();
  if (raw?.kind === 'sqlite') raw.conn.close();
});

const count = async (definition: SegmentDefinition) =>
  new Intl.NumberFormat('en').format((await countSegment(raw, definition)).total);

async function describeAudience(page: Page, label: RegExp, text: string) {
  await page.getByRole('textbox', { name: label }).fill(text);
  await page.getByRole('textbox', { name: label }).press('Enter');
}

test('English: a sentence fills the tree with its live count; saving is the marketer’s step', async ({ page }) => {
  const city = firstCity();
  const expected: SegmentDefinition = {
    type: 'group',
    op: 'and',
    children: [
      { type: 'attribute', field: 'city', op: 'eq', value: city },
      { type: 'consent', channel: 'email', op: 'granted' },
    ],
  };
  const before = segments();
  await signIn(page, USERS.marketer);
  await page.goto('/segments/new');
  await describeAudience(page, /^Describe the audience$/, `customers in ${city} who opted in to email`);
  await expect(page.getByTestId('assistant-source')).toHaveText('Offline parser');
  await expect(page.getByTestId('assistant-reading')).toContainText(city);
  await expect(page.getByTestId('live-total')).toHaveText(await count(expected));
  await expect(page.getByTestId('condition-1')).toBeVisible();
  expect(segments(), 'nothing saved by describing').toBe(before);

  await page.getByLabel('Name').fill('Assistant: e-mail in one city');
  await page.getByRole('button', { name: 'Save segment' }).click();
  await expect(page).toHaveURL(/\/segments\/\d+$/);
  const saved = db.prepare('SELECT "definition" FROM "Segment" ORDER BY "id" DESC LIMIT 1').pluck().get() as string;
  const stripIds = (n: unknown): unknown => JSON.parse(JSON.stringify(n), (k, v) => (k === 'id' ? undefined : v));
  expect(stripIds(JSON.parse(saved))).toEqual(expected);
});

test('Chinese: the same flow in 中文, and markup in the sentence is shown as text', async ({ page }) => {
  await signIn(page, USERS.marketer);
  await page.goto('/segments/new');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('textbox', { name: /^描述目标人群$/ })).toBeVisible();
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await describeAudience(page, /^描述目标人群$/, '最近30天没有购买的冠军客户 <img src=x onerror=alert(1)>');
  await expect(page.getByTestId('assistant-source')).toHaveText('离线解析器');
  await expect(page.getByTestId('assistant-reading')).toContainText('冠军客户');
  await expect(page.getByText(/^未能理解：<img src=x onerror=alert/)).toBeVisible();
  const expected: SegmentDefinition = {
    type: 'group',
    op: 'and',
    children: [
      { type: 'behaviour', op: 'did_not', event: 'purchase', window: { type: 'last_days', days: 30 } },
      { type: 'profile', field: 'rfmGroup', op: 'eq', value: 'champions' },
    ],
  };
  await expect(page.getByTestId('live-total')).toHaveText(await count(expected));
  expect(dialogs).toBe(0);
  await describeAudience(page, /^描述目标人群$/, '紫色的大象');
  await expect(page.getByRole('alert').filter({ hasText: '没有匹配到' })).toBeVisible();
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
});

test('a manager has no segment builder and so no assistant', async ({ page }) => {
  await signIn(page, USERS.manager);
  await page.goto('/segments/new');
  await expect(page.getByRole('textbox', { name: /^Describe the audience$/ })).toHaveCount(0);
});

test('with a provider configured: the prompt is shown before the first call, the model answers, the call is logged', async ({
  page,
}) => {
  const city = firstCity();
  const definition: SegmentDefinition = {
    type: 'group',
    op: 'and',
    children: [{ type: 'attribute', field: 'city', op: 'eq', value: city }],
  };
  const stub = await startChatStub(() => ({ content: JSON.stringify({ definition }) }));
  try {
    await signIn(page, USERS.admin);
    await page.goto('/settings?tab=assistant');
    await page.getByLabel('Use the AI provider').check();
    await page.getByLabel('Base URL').fill(stub.url);
    await page.getByLabel('Model', { exact: true }).fill('stub-model');
    await page.getByLabel('API key').fill('sk-e2e-key');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved.');

    await page.context().clearCookies();
    await signIn(page, USERS.marketer);
    await page.goto('/segments/new');
    await describeAudience(page, /^Describe the audience$/, `people in ${city}`);
    const consent = page.getByTestId('assistant-consent');
    await expect(consent).toContainText('This is what will be sent to stub-model');
    await expect(consent).toContainText(`people in ${city}`);
    expect(stub.requests.length, 'nothing sent before the user agrees').toBe(0);
    await consent.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('assistant-source')).toHaveText('AI (stub-model)');
    await expect(page.getByTestId('live-total')).toHaveText(await count(definition));
    expect(stub.requests.length).toBe(1);
    // 中文 through the model too; the prompt was shown before this kind's first call only.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await describeAudience(page, /^描述目标人群$/, `住在${city}的人`);
    await expect(page.getByTestId('assistant-source')).toHaveText('AI（stub-model）');
    await expect(page.getByTestId('assistant-consent')).toHaveCount(0);
    expect(stub.requests.length).toBe(2);
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');

    // Remembered per user: the admin, next in the same browser, is shown the prompt before their own first call.
    await page.context().clearCookies();
    await signIn(page, USERS.admin);
    await page.goto('/segments/new');
    await describeAudience(page, /^Describe the audience$/, `people in ${city}`);
    await page.getByTestId('assistant-consent').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('assistant-consent')).toHaveCount(0);
    expect(stub.requests.length, 'cancelled: nothing sent').toBe(2);
    await page.goto('/settings?tab=assistant');
    // Other specs log calls by the same marketer too: find this call by its prompt.
    const call = page
      .getByRole('region', { name: 'AI activity log' })
      .getByRole('row')
      .filter({ hasText: `people in ${city}` });
    await expect(call).toHaveCount(1);
    await expect(call.getByRole('cell', { name: USERS.marketer.email })).toBeVisible();
    await expect(call.getByRole('cell', { name: 'ok', exact: true })).toBeVisible();
  } finally {
    await page.getByLabel('Use the AI provider').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved.');
    await stub.close();
  }
});
