import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN, ensureTeam, signIn, USERS } from './fixtures';
import { ensureE2eShop, openE2eDatabase } from './shop';

// An SMS campaign's Message tab: a marketer writes the text template per language with a merge field and two
// recommended products, saves it, and sees it rendered for a real customer as the webhook would carry it, in the
// English and the Chinese UI; no serious or critical accessibility violation. Test-only seeding: the shared e2e
// shop, a saved segment of four customers, and (when no spec has set one yet) the shop's address in Settings.

const tag = `e2e${Date.now().toString(36)}`;
const SEGMENT = `SMS audience ${tag}`;
const CAMPAIGN = `Winter SMS ${tag}`;

type Person = { id: number; externalId: string; name: string };
let people: Person[] = [];
let shopAddressSet = false;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000); // the shared shop is imported by whichever spec runs first
  const page = await browser.newPage();
  await ensureTeam(page);
  await page.close();
  const db = openE2eDatabase();
  try {
    await ensureE2eShop(db);
    people = db
      .prepare(
        `SELECT "id", "externalId", "name" FROM "Customer"
         WHERE "consentSms" = 1 AND "phone" IS NOT NULL AND "name" IS NOT NULL AND "erasedAt" IS NULL
         ORDER BY "id" LIMIT 4`,
      )
      .all() as Person[];
    expect(people).toHaveLength(4);
    shopAddressSet = Boolean(db.prepare(`SELECT 1 FROM "Setting" WHERE "key" = 'smtp'`).pluck().get());
    const now = Date.now();
    const admin = db.prepare(`SELECT "id" FROM "User" WHERE "email" = ?`).pluck().get(E2E_ADMIN.email) as string;
    const definition = JSON.stringify({
      type: 'group',
      op: 'and',
      children: [{ type: 'attribute', field: 'externalId', op: 'in', value: people.map((p) => p.externalId) }],
    });
    db.prepare(
      `INSERT INTO "Segment" ("name", "definition", "createdById", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)`,
    ).run(SEGMENT, definition, admin, now, now);
  } finally {
    db.close();
  }
});

async function axeClean(page: Page) {
  const found = (
    await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  ).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(found.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function writeText(page: Page, language: 'English' | '中文', text: string, saved: string) {
  await page.getByRole('button', { name: language, exact: true }).click();
  const editor = page.getByTestId('email-editor');
  await editor.getByRole('textbox', { name: /^(Text|短信内容)$/ }).fill(text);
  await editor.getByRole('checkbox').check();
  await editor.getByRole('spinbutton').fill('2');
  await editor.getByRole('button', { name: /^(Save message|保存消息)$/ }).click();
  await expect(editor.getByRole('status')).toHaveText(saved);
}

async function preview(page: Page, search: RegExp, button: RegExp, who: Person) {
  const panel = page.getByTestId('email-preview');
  await panel.getByRole('textbox', { name: search }).fill(who.externalId);
  await panel.getByRole('button', { name: button }).click();
  await panel.getByTestId('email-matches').getByRole('button').first().click();
  return panel;
}

test('an SMS campaign: the Message tab edits the text per language and previews it for a real customer', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  if (!shopAddressSet) {
    // products in a message link to the shop: its address lives in Settings → E-mail
    await signIn(page, USERS.admin);
    await page.goto('/settings?tab=email');
    await page.locator('#smtp-host').fill('127.0.0.1');
    await page.locator('#smtp-port').fill('2525');
    await page.locator('#smtp-security').selectOption('none');
    await page.locator('#smtp-from').fill('Scarf Shop <news@shop.example>');
    await page.locator('#smtp-ratePerMinute').fill('6000');
    await page.locator('#smtp-shopName').fill('Scarf Shop');
    await page.locator('#smtp-shopUrl').fill('https://shop.example');
    await page.locator('#smtp-publicUrl').fill(baseURL!);
    await page.getByRole('button', { name: 'Save e-mail settings' }).click();
    await expect(page.getByText('E-mail settings saved.')).toBeVisible();
    await page.context().clearCookies();
  }
  await signIn(page, USERS.marketer);
  await page.goto('/campaigns/new');
  await page.locator('#c-name').fill(CAMPAIGN);
  await page.getByLabel('Saved segment').selectOption({ label: SEGMENT });
  await page.getByRole('radio', { name: /Clicks/ }).check();
  await page.locator('#c-channel').selectOption('sms');
  await page.locator('#v0-name').fill('Warm');
  await page.locator('#v0-subject').fill('Warm scarves');
  await page.locator('#v1-name').fill('Cosy');
  await page.locator('#v1-subject').fill('Cosy scarves');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+/);
  const campaignPath = new URL(page.url()).pathname;

  // the tab is titled for what it is, and the editor has the text only: no subject, no preheader, no delivery panel
  await expect(page.getByRole('link', { name: 'E-mail', exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: 'Message', exact: true }).click();
  const editor = page.getByTestId('email-editor');
  await expect(editor.getByRole('textbox', { name: 'Text' })).toBeVisible();
  await expect(editor.getByLabel('Subject')).toHaveCount(0);
  await expect(editor.getByLabel('Preheader (preview text)')).toHaveCount(0);
  await expect(page.getByTestId('email-delivery')).toHaveCount(0);

  // an unknown merge field is refused next to the text
  await editor.getByRole('textbox', { name: 'Text' }).fill('Hi {{coupon}}');
  await editor.getByRole('button', { name: 'Save message' }).click();
  await expect(page.locator('#email-body-error')).toHaveText('Unknown merge fields: coupon.');

  await writeText(page, 'English', 'Hi {{name}}, warm scarves are in.', 'Message saved.');
  await writeText(page, '中文', '{{name}}您好，温暖围巾上新。', 'Message saved.');

  const who = people[1]!;
  // the preview follows the language chosen above (中文), then English
  let panel = await preview(page, /Find a customer/, /^Search$/, who);
  await expect(panel.getByTestId('preview-text')).toHaveText(`${who.name}您好，温暖围巾上新。`, { timeout: 90_000 });
  await expect(panel.getByTestId('preview-products').getByRole('listitem')).toHaveCount(2);
  await expect(panel.locator('iframe')).toHaveCount(0);
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(panel.getByTestId('preview-text')).toHaveText(`Hi ${who.name}, warm scarves are in.`);
  await expect(panel.getByTestId('preview-products').getByRole('listitem')).toHaveCount(2);
  await axeClean(page);

  // the same tab in the Chinese UI
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await page.goto(`${campaignPath}?tab=email`);
  await expect(page.getByRole('link', { name: '消息', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(editor.getByRole('textbox', { name: '短信内容' })).toHaveValue('Hi {{name}}, warm scarves are in.');
  await expect(editor.getByRole('spinbutton')).toHaveValue('2');
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await expect(editor.getByRole('textbox', { name: '短信内容' })).toHaveValue('{{name}}您好，温暖围巾上新。');
  panel = await preview(page, /查找客户/, /^搜索$/, who);
  await expect(panel.getByTestId('preview-text')).toHaveText(`${who.name}您好，温暖围巾上新。`);
  await expect(panel.getByText('推荐商品')).toBeVisible();
  await expect(panel.getByTestId('preview-products').getByRole('listitem')).toHaveCount(2);
  await axeClean(page);
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
});
