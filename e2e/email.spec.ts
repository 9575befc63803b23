import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { ParsedMail } from 'mailparser';
import { addresses, startSmtpCatcher } from '../lib/testing/smtp-catcher';
import { E2E_ADMIN, ensureTeam, signIn, USERS } from './fixtures';
import { ensureE2eShop, openE2eDatabase } from './shop';

// The e-mail channel end to end, against a real SMTP server started here (the server under test reaches it on
// 127.0.0.1): an admin configures SMTP in Settings; a marketer writes an e-mail with a recommended-products block
// in English and Chinese, previews it with a real customer, sends a test, launches to a small segment; the messages
// are parsed; a tracked link redirects to the original URL; a one-click unsubscribe suppresses the customer; the
// click shows in the results. Test-only seeding: the shared e2e shop and one saved segment of six customers.

const tag = `e2e${Date.now().toString(36)}`;
const SEGMENT = `Mail audience ${tag}`;
const CAMPAIGN = `Winter mail ${tag}`;
const LINK = 'https://shop.example/winter';

test.describe.configure({ mode: 'serial' });

type Person = { id: number; externalId: string; name: string; email: string };
let people: Person[] = [];
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let campaignPath = '';

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000); // the shared shop is imported by whichever spec runs first
  smtp = await startSmtpCatcher();
  const page = await browser.newPage();
  await ensureTeam(page);
  await page.close();
  const db = openE2eDatabase();
  try {
    await ensureE2eShop(db);
    people = db
      .prepare(
        `SELECT "id", "externalId", "name", "email" FROM "Customer" c
         WHERE "consentEmail" = 1 AND "email" IS NOT NULL AND "name" IS NOT NULL AND "erasedAt" IS NULL
           AND NOT EXISTS (SELECT 1 FROM "EmailSuppression" s WHERE s."email" = lower(c."email"))
         ORDER BY "id" LIMIT 6`,
      )
      .all() as Person[];
    expect(people).toHaveLength(6);
    const now = Date.now();
    const admin = db.prepare(`SELECT "id" FROM "User" WHERE "email" = ?`).pluck().get(E2E_ADMIN.email) as string;
    const definition = JSON.stringify({
      type: 'group',
      op: 'and',
      children: [
        { type: 'consent', channel: 'email', op: 'granted' },
        { type: 'attribute', field: 'externalId', op: 'in', value: people.map((p) => p.externalId) },
      ],
    });
    db.prepare(
      `INSERT INTO "Segment" ("name", "definition", "createdById", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)`,
    ).run(SEGMENT, definition, admin, now, now);
  } finally {
    db.close();
  }
});

test.afterAll(async () => {
  await smtp?.close();
});

/** Signs the page in as someone else (the sign-in page sends a signed-in user away). */
async function switchTo(page: Page, who: { email: string; password: string }) {
  await page.context().clearCookies();
  await signIn(page, who);
}

async function arrived(to: string, count = 1): Promise<ParsedMail[]> {
  await expect.poll(() => smtp.to(to).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(count);
  return smtp.to(to);
}

async function writeEmail(page: Page, language: 'English' | '中文', subject: string, body: string) {
  await page.getByRole('button', { name: language, exact: true }).click();
  const editor = page.getByTestId('email-editor');
  await editor.getByLabel(/^(Subject)$/).fill(subject);
  await editor.getByLabel('Preheader (preview text)').fill('{{shop_name}}');
  await editor.getByLabel('Body').fill(body);
  await editor.getByLabel('Add a block of recommended products').check();
  await editor.getByLabel('Recommended products', { exact: true }).fill('2');
  await editor.getByRole('button', { name: 'Save e-mail' }).click();
  await expect(editor.getByRole('status')).toHaveText('E-mail saved.');
}

test('an e-mail campaign: SMTP, editor, preview, test send, launch, tracked click, one-click unsubscribe, results', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(420_000);
  // Settings → E-mail, through the UI, to the catcher
  await signIn(page, USERS.admin);
  await page.goto('/settings?tab=email');
  await page.locator('#smtp-host').fill('127.0.0.1');
  await page.locator('#smtp-port').fill(String(smtp.port));
  await page.locator('#smtp-security').selectOption('none');
  await page.locator('#smtp-from').fill('Scarf Shop <news@shop.example>');
  await page.locator('#smtp-ratePerMinute').fill('6000');
  await page.locator('#smtp-shopName').fill('Scarf Shop');
  await page.locator('#smtp-shopUrl').fill('https://shop.example');
  await page.locator('#smtp-publicUrl').fill(baseURL!);
  await page.getByRole('button', { name: 'Save e-mail settings' }).click();
  await expect(page.getByText('E-mail settings saved.')).toBeVisible();

  // a marketer creates the campaign and writes its e-mails
  await switchTo(page, USERS.marketer);
  await page.goto('/campaigns/new');
  await page.locator('#c-name').fill(CAMPAIGN);
  await page.getByLabel('Saved segment').selectOption({ label: SEGMENT });
  await page.getByRole('radio', { name: /Clicks/ }).check();
  await page.locator('#c-channel').selectOption('email');
  await page.locator('#v0-name').fill('Warm');
  await page.locator('#v0-subject').fill('Warm scarves');
  await page.locator('#v1-name').fill('Cosy');
  await page.locator('#v1-subject').fill('Cosy scarves');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+/);
  campaignPath = new URL(page.url()).pathname;
  await page.getByRole('link', { name: 'E-mail', exact: true }).click();
  await expect(page.getByTestId('email-delivery')).toContainText('Nothing is sent before launch');

  // a merge field that does not exist is refused next to the field
  const editor = page.getByTestId('email-editor');
  await editor.getByLabel(/^(Subject)$/).fill('Hi {{coupon}}');
  await editor.getByLabel('Body').fill('x');
  await editor.getByRole('button', { name: 'Save e-mail' }).click();
  await expect(page.locator('#email-subject-error')).toHaveText('Unknown merge fields: coupon.');

  for (const v of ['Warm', 'Cosy']) {
    await page.getByRole('button', { name: v, exact: true }).click();
    await writeEmail(
      page,
      'English',
      `{{first_name|Friend}}, ${v.toLowerCase()} scarves`,
      `Hi {{first_name}},\n\nNew in: ${LINK}`,
    );
  }
  await page.getByRole('button', { name: 'Warm', exact: true }).click();
  await writeEmail(page, '中文', '{{first_name}}，温暖围巾', `{{first_name}} 您好：\n\n新品：${LINK}`);

  // preview with a real customer in both languages
  const who = people[0]!;
  const first = who.name.split(/\s+/)[0]!;
  const preview = page.getByTestId('email-preview');
  await preview.getByLabel('Find a customer (id, name or e-mail)').fill(who.externalId);
  await preview.getByRole('button', { name: 'Search' }).click();
  await preview
    .getByTestId('email-matches')
    .getByRole('button', { name: new RegExp(who.externalId) })
    .click();
  // the first preview starts the render worker and loads the serving model
  await expect(preview.getByTestId('preview-subject')).toHaveText(`${first}，温暖围巾`, { timeout: 90_000 });
  const frame = preview.locator('iframe');
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(page.frameLocator('iframe').getByText('为您精选')).toBeVisible();
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(preview.getByTestId('preview-subject')).toHaveText(`${first}, warm scarves`);
  await expect(preview.getByTestId('preview-preheader')).toHaveText('Scarf Shop');
  await expect(page.frameLocator('iframe').getByText('Picked for you')).toBeVisible();
  await preview.getByText('Plain-text part').click();
  await expect(preview.locator('pre')).toContainText(`Hi ${first},`);

  // test send through the configured SMTP
  await preview.getByLabel('Send this preview as a test to').fill('qa@e2e.test');
  await preview.getByRole('button', { name: 'Send test' }).click();
  await expect(preview.getByRole('status')).toContainText('Test e-mail accepted by the server');
  const [testMail] = await arrived('qa@e2e.test');
  expect(testMail!.subject).toBe(`[TEST] ${first}, warm scarves`);

  // launch; the job sends and the tab shows the counts
  await page.getByRole('link', { name: 'Setup' }).click();
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Launch now' }).click();
  await expect(page.getByTestId('campaign-status')).not.toHaveText('Draft');
  const db = openE2eDatabase();
  const campaignId = Number(campaignPath.split('/').pop());
  let recipients: { customerId: number; variant: string }[] = [];
  await expect
    .poll(
      () => {
        recipients = db
          .prepare(
            `SELECT a."customerId", v."key" AS variant FROM "CampaignAssignment" a JOIN "CampaignVariant" v ON v."id" = a."variantId"
             WHERE a."campaignId" = ? AND v."key" <> 'holdout'`,
          )
          .all(campaignId) as typeof recipients;
        return db.prepare(`SELECT COUNT(*) FROM "CampaignAssignment" WHERE "campaignId" = ?`).pluck().get(campaignId);
      },
      { timeout: 60_000 },
    )
    .toBe(6);
  db.close();
  expect(recipients.length).toBeGreaterThan(0);
  await page.goto(`${campaignPath}?tab=email`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('email-count-sent')).toContainText(String(recipients.length), { timeout: 2_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000] });
  await expect(page.getByTestId('email-delivery')).toContainText(
    `${recipients.length} of ${recipients.length} recipients processed`,
  );

  // the messages: personalised, with products and RFC 8058 headers
  const target = people.find((p) => p.id === recipients[0]!.customerId)!;
  const [mail] = await arrived(target.email.toLowerCase());
  expect(addresses(mail!)).toEqual([target.email.toLowerCase()]);
  expect(mail!.subject).toContain('scarves');
  expect(mail!.text).toContain(`Hi ${target.name.split(/\s+/)[0]},`);
  expect(mail!.html).toContain('Picked for you');
  const tracked = [...String(mail!.html).matchAll(/href="([^"]*\/r\/[^"]+)"/g)].map((m) => m[1]!);
  // the body's link and two products, every one through a signed redirect
  expect(tracked.length).toBeGreaterThanOrEqual(3);
  // the raw header lines (mailparser also parses List-* headers into objects)
  const raw = (key: string) => (mail!.headerLines.find((h) => h.key === key)?.line ?? '').replace(/\r?\n\s+/g, ' ');
  const unsubscribe = raw('list-unsubscribe').match(/<([^>]+)>/)?.[1];
  expect(unsubscribe).toMatch(new RegExp(`^${baseURL}/u/`));
  expect(raw('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

  // a tracked link redirects to the original URL (and only to it)
  const bodyLink = tracked[0]!.replace(/&amp;/g, '&');
  const res = await page.request.get(bodyLink, { maxRedirects: 0 });
  expect([302, 303, 307]).toContain(res.status());
  expect(res.headers().location).toBe(LINK);
  const tampered = await page.request.get(`${bodyLink.slice(0, -3)}xyz`, { maxRedirects: 0 });
  expect(tampered.status()).toBe(404);

  // one-click unsubscribe, as a mail client posts it (no cookies)
  const post = await page.request.post(unsubscribe!, {
    form: { 'List-Unsubscribe': 'One-Click' },
    headers: { cookie: '' },
  });
  expect(post.status()).toBe(200);

  // the click shows in the results without any upload
  await page.goto(campaignPath);
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh results' }).click();
    await page.waitForTimeout(3_000);
    await page.reload();
    const row = page
      .getByTestId('arms-table')
      .getByRole('row', { name: new RegExp(`^${recipients[0]!.variant === 'a' ? 'Warm' : 'Cosy'}`) });
    await expect(row).toContainText(/\d+(\.\d+)? ?%/, { timeout: 2_000 });
    await expect(row.getByRole('cell').nth(4)).not.toHaveText('0', { timeout: 2_000 });
  }).toPass({ timeout: 150_000, intervals: [5_000] });

  // and the customer is suppressed
  await switchTo(page, USERS.admin);
  await page.goto('/settings?tab=email');
  await expect(
    page.getByTestId('suppression-list').getByRole('row', { name: new RegExp(target.email.toLowerCase()) }),
  ).toContainText('Unsubscribed');
});

/** The preview of the first audience member, shown on the E-mail tab in the UI's current language. */
async function showPreview(page: Page, search: RegExp, searchButton: RegExp) {
  await page.goto(`${campaignPath}?tab=email`);
  const preview = page.getByTestId('email-preview');
  await preview.getByRole('textbox', { name: search }).fill(people[1]!.externalId);
  await preview.getByRole('button', { name: searchButton }).click();
  await preview.getByTestId('email-matches').getByRole('button').first().click();
  await expect(preview.locator('iframe')).toBeVisible();
  await expect(preview.getByTestId('preview-subject')).not.toBeEmpty({ timeout: 60_000 });
  await expect(page.frameLocator('iframe').getByText('Picked for you')).toBeVisible();
}

test('the E-mail tab: no serious or critical accessibility violation and no console error, in English and Chinese, on desktop and phone', async ({
  page,
  baseURL,
}) => {
  expect(campaignPath, 'the campaign of the flow above').toBeTruthy();
  test.setTimeout(300_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    // the e-mail's product images live on the shop's own (here unreachable) host; only this app's errors count
    if (m.type() === 'error' && (m.location().url ?? '').startsWith(baseURL!)) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await signIn(page, USERS.marketer);
  for (const locale of ['en', 'zh-CN'] as const) {
    if (locale === 'zh-CN') {
      await page.setViewportSize({ width: 1440, height: 900 }); // on a phone the switch is in the menu drawer
      await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    }
    const [search, button] = locale === 'en' ? [/Find a customer/, /^Search$/] : [/查找客户/, /^搜索$/];
    for (const size of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      await showPreview(page, search, button);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await page.screenshot({ path: `test-results/email-tab-${locale}-${size.width}.png`, fullPage: true });
      const found = (
        await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
      ).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(found.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  expect(problems).toEqual([]);
});
