import { expect, test } from '@playwright/test';
import { startSmtpCatcher } from '../lib/testing/smtp-catcher';
import { ensureTeam, signIn, USERS } from './fixtures';
import { ensureE2eShop, openE2eDatabase } from './shop';

// A marketer adds the ready-made abandoned-cart flow, turns off its quiet hours and holdout (so the test does not
// depend on the time of day or on the customer's arm), and enables it; the shop posts a cart event through the events
// API dated five hours ago (the flow waits four hours from the cart's own time); an admin runs the due steps now,
// and the reminder arrives at a real SMTP server (smtp-server in this test process, parsed with mailparser).

const tag = `e2e${Date.now().toString(36)}`;
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let apiKey = '';
let customer = { externalId: '', email: '' };

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000); // the team's accounts, the shop import and the settings, on a shared machine
  smtp = await startSmtpCatcher();
  const db = openE2eDatabase();
  try {
    await ensureE2eShop(db);
    customer = db
      .prepare(
        `SELECT "externalId", "email" FROM "Customer" WHERE "consentEmail" = 1 AND "email" IS NOT NULL AND "erasedAt" IS NULL ORDER BY "id" DESC LIMIT 1`,
      )
      .get() as typeof customer;
  } finally {
    db.close();
  }
  const page = await browser.newPage();
  await ensureTeam(page);
  await page.goto('/settings?tab=apiKeys');
  await page.locator('#key-name').fill(`Shop events ${tag}`);
  await page.getByLabel('Send events').check();
  await page.getByRole('button', { name: 'Issue key' }).click();
  apiKey = (await page.getByTestId('issued-key').textContent())!.trim();
  await page.goto('/settings?tab=email');
  const form = page.getByTestId('smtp-form');
  await form.locator('#smtp-host').fill('127.0.0.1');
  await form.locator('#smtp-port').fill(String(smtp.port));
  await form.locator('#smtp-security').selectOption('none');
  await form.locator('#smtp-from').fill('Shop <news@shop.example>');
  await form.locator('#smtp-ratePerMinute').fill('600');
  await form.locator('#smtp-shopName').fill('E2E Shop');
  await form.locator('#smtp-shopUrl').fill('https://shop.example');
  await form.locator('#smtp-publicUrl').fill('https://precisa.example');
  await form.getByRole('button', { name: 'Save e-mail settings' }).click();
  await expect(page.getByText('E-mail settings saved.')).toBeVisible();
  await page.close();
});

test.afterAll(async () => {
  await smtp.close();
});

test('enable the abandoned-cart flow, post a cart event, run due steps: the reminder arrives', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000); // three sign-ins, an SMTP send and a portrait refresh, on a shared machine
  await signIn(page, USERS.marketer);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Flows' }).click();
  await expect(page.getByRole('heading', { name: 'Automated flows' })).toBeVisible();
  // managers and marketers cannot run steps now (admins only)
  await expect(page.getByRole('button', { name: 'Run due steps now' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Add “Abandoned cart”' }).click();
  await page.getByRole('link', { name: 'Abandoned cart' }).click();
  await expect(page.getByRole('heading', { name: /Abandoned cart/ })).toBeVisible();
  await page.getByLabel('Quiet hours (shop time zone)').uncheck();
  await page.getByLabel('Holdout (% receiving nothing)').fill('0');
  await page.getByRole('button', { name: 'Save flow' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByRole('button', { name: 'Turn off' })).toBeVisible();

  const fiveHoursAgo = Math.floor(Date.now() / 1000) - 5 * 3600;
  const posted = await request.post('/api/v1/events', {
    headers: { authorization: `Bearer ${apiKey}` },
    data: {
      events: [
        { event_id: `cart-${tag}`, customer_id: customer.externalId, event_type: 'cart', timestamp: fiveHoursAgo },
      ],
    },
  });
  expect(posted.status()).toBe(200);
  expect(await posted.json()).toMatchObject({ accepted: 1 });

  await page.context().clearCookies();
  await signIn(page, USERS.admin);
  await page.goto('/flows');
  // the worker also runs flows every minute and may get there first: either way exactly one e-mail arrives
  await page.getByRole('button', { name: 'Run due steps now' }).click();
  await expect(page.getByRole('status')).toContainText(/[01] sent/, { timeout: 120_000 });
  await expect.poll(() => smtp.to(customer.email).length, { timeout: 90_000 }).toBe(1);
  const mail = smtp.to(customer.email)[0]!;
  expect(mail.subject).toMatch(/your cart is waiting|您的购物车还在等您/);
  expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
  );
  // running again sends nothing twice
  await page.getByRole('button', { name: 'Run due steps now' }).click();
  await expect(page.getByRole('status')).toContainText('0 sent', { timeout: 120_000 });
  expect(smtp.to(customer.email)).toHaveLength(1);
  // the flow's report counts the send
  await page.getByRole('link', { name: 'Abandoned cart' }).click();
  await expect(page.getByRole('table').filter({ hasText: 'Sent' })).toContainText('1');
  await page.context().clearCookies();
  await signIn(page, USERS.manager);
  await page.goto('/flows');
  await expect(page.getByRole('button', { name: /Turn (on|off)/ })).toHaveCount(0);
});

test('a survey step: the post-purchase flow asks for an NPS score; saving attaches the survey to the flow', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.marketer);
  await page.goto('/flows');
  await page.getByRole('button', { name: 'Add “Post-purchase”' }).click();
  await page.getByRole('link', { name: 'Post-purchase' }).click();
  await expect(page.getByRole('heading', { name: /Post-purchase/ })).toBeVisible();
  await expect(page.getByTestId('flow-surveys')).toHaveCount(0);
  // step 2 (the e-mail after the wait) becomes a survey invitation
  await page.getByLabel('Step 2', { exact: true }).selectOption({ label: 'Send a survey (e-mail)' });
  await page.getByLabel('Survey scale').selectOption({ label: 'NPS (0–10)' });
  await page.locator('#step-1-subject-en').fill('How did we do, {{first_name}}?');
  await expect(page.locator('#step-1-body-en')).toHaveValue('{{survey_url}}');
  await page.getByRole('button', { name: 'Save flow' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await page.reload();
  await expect(page.getByLabel('Step 2', { exact: true })).toHaveValue('survey');
  await expect(page.getByLabel('Survey scale')).toHaveValue('nps');
  await expect(page.getByTestId('flow-surveys')).toContainText('Satisfaction surveys');
});
