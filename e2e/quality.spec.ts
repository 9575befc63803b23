import { expect, test } from '@playwright/test';
import { ensureTeam, signIn, USERS } from './fixtures';
import { ensureE2eShop, openE2eDatabase } from './shop';

// Trust › Data quality: an admin recomputes the report of a shop with planted defects (an event dated 2099 and a
// customer repeating another's e-mail in other case), sees the exact counts — worked out here with SQL and plain
// JavaScript, not by the app — and follows an example link to the customer; the page reads in Chinese; a manager
// reads it without the button; a marketer does not see it.
const db = openE2eDatabase();
const tag = Date.now().toString(36);
const DAY = 86_400_000;

/** Events outside [first order, now + 24 h], counted independently of the app. */
function impossibleEvents() {
  const latest = Date.now() + DAY;
  const first = db.prepare(`SELECT MIN("placedAt") FROM "Order"`).pluck().get() as number | null;
  const where = `"ts" > ? ${first === null ? '' : 'OR "ts" < ?'}`;
  const args = first === null ? [latest] : [latest, first];
  return {
    count: db
      .prepare(`SELECT COUNT(*) FROM "Event" WHERE ${where}`)
      .pluck()
      .get(...args) as number,
    total: db.prepare(`SELECT COUNT(*) FROM "Event"`).pluck().get() as number,
    firstCustomer: db
      .prepare(`SELECT "customerId" FROM "Event" WHERE ${where} ORDER BY "id" LIMIT 1`)
      .pluck()
      .get(...args) as number,
  };
}

/** Customers whose trimmed, lower-cased e-mail an earlier customer has. */
function repeatedEmails() {
  const rows = db
    .prepare(`SELECT "email" FROM "Customer" WHERE "erasedAt" IS NULL AND "email" IS NOT NULL ORDER BY "id"`)
    .pluck()
    .all() as string[];
  const seen = new Set<string>();
  let count = 0;
  let total = 0;
  for (const e of rows.map((r) => r.trim().toLowerCase()).filter(Boolean)) {
    total++;
    if (seen.has(e)) count++;
    seen.add(e);
  }
  return { count, total };
}

const fmt = (n: number) => n.toLocaleString('en-US');

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  const page = await browser.newPage();
  await ensureTeam(page);
  await page.close();
  await ensureE2eShop(db);
  const first = db
    .prepare(
      `SELECT "id", "email" FROM "Customer" WHERE "erasedAt" IS NULL AND "email" LIKE '%@%' ORDER BY "id" LIMIT 1`,
    )
    .get() as { id: number; email: string };
  const now = Date.now();
  db.prepare(
    `INSERT INTO "Event" ("dedupKey", "customerId", "type", "ts", "source") VALUES (?, ?, 'view', ?, 'api')`,
  ).run(`quality-2099-${tag}`, first.id, Date.UTC(2099, 0, 1));
  db.prepare(`INSERT INTO "Customer" ("externalId", "email", "createdAt", "updatedAt") VALUES (?, ?, ?, ?)`).run(
    `quality-dup-${tag}`,
    ` ${first.email.toUpperCase()} `,
    now,
    now,
  );
});
test.afterAll(() => db.close());

test('an admin recomputes the report, sees exact counts and follows an example to the customer', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.admin);
  await page.goto('/trust');
  await page.getByRole('link', { name: /Data quality/ }).click();
  await expect(page).toHaveURL(/\/trust\/quality$/);
  await expect(page.getByRole('heading', { name: 'Data quality', level: 1 })).toBeVisible();
  const runs = () =>
    db.prepare(`SELECT COUNT(*) FROM "DataQualityRun" WHERE "status" = 'completed'`).pluck().get() as number;
  const before = runs();
  await page.getByRole('button', { name: 'Recompute now' }).click();
  // the worker computes it; the page follows the job and shows the new report when it is done
  await expect.poll(runs, { timeout: 90_000 }).toBe(before + 1);
  await expect(page.getByTestId('quality-job')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByTestId('quality-summary')).toContainText('on request');

  const dates = impossibleEvents();
  expect(dates.count).toBeGreaterThanOrEqual(1);
  const eventDate = page.getByTestId('check-eventDate');
  await expect(eventDate.getByTestId('check-found')).toHaveText(`${fmt(dates.count)} of ${fmt(dates.total)}`);
  // stored invalid rows: any is a warning ("Check"), more than 1% a problem
  await expect(
    eventDate.getByText(dates.count / dates.total > 0.01 ? 'Problem' : 'Check', { exact: true }),
  ).toBeVisible();
  const emails = repeatedEmails();
  expect(emails.count).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('check-duplicateEmail').getByTestId('check-found')).toHaveText(
    `${fmt(emails.count)} of ${fmt(emails.total)}`,
  );
  await expect(page.getByTestId('quality-freshness-tables')).toContainText('Events API');

  await eventDate
    .getByRole('link', { name: `Customer #${dates.firstCustomer}` })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/customers/${dates.firstCustomer}$`));

  // 中文
  await page.goto('/trust/quality');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '数据质量', level: 1 })).toBeVisible();
  await expect(page.getByTestId('check-eventDate').getByTestId('check-found')).toHaveText(
    `${fmt(dates.total)} 行中 ${fmt(dates.count)} 行`,
  );
  await expect(page.getByTestId('check-eventDate')).toContainText('早于首笔订单或超前 24 小时以上的事件');
  await expect(page.getByRole('button', { name: '立即重新计算' })).toBeVisible();
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Data quality', level: 1 })).toBeVisible();
});

test('a manager reads the report without the button; a marketer does not see it', async ({ browser }) => {
  const manager = await browser.newPage();
  await signIn(manager, USERS.manager);
  await manager.goto('/trust/quality');
  await expect(manager.getByTestId('check-eventDate')).toBeVisible();
  await expect(manager.getByRole('button', { name: 'Recompute now' })).toHaveCount(0);
  await manager.close();
  const marketer = await browser.newPage();
  await signIn(marketer, USERS.marketer);
  await marketer.goto('/trust');
  await expect(marketer.getByRole('link', { name: /Fairness and bias/ })).toBeVisible();
  await expect(marketer.getByRole('link', { name: /Data quality/ })).toHaveCount(0);
  await marketer.goto('/trust/quality');
  await expect(marketer.getByTestId('quality-summary')).toHaveCount(0);
  await marketer.close();
});
