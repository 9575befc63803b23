import { expect, test } from '@playwright/test';
import { ensureTeam, signIn, USERS } from './fixtures';
import { ensureE2eShop, openE2eDatabase, seedEmailSegment } from './shop';

// Trust: a manager's dashboard figures released with differential privacy spend a monthly budget shown on a meter,
// and a release the budget cannot pay for is refused by the server; the fairness view of a segment; both languages.
const db = openE2eDatabase();
let segmentId: number;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  const page = await browser.newPage();
  await ensureTeam(page);
  await ensureE2eShop(db);
  segmentId = seedEmailSegment(db, `Trust e-mail ${Date.now()}`);
  db.prepare('DELETE FROM "PrivacyBudget"').run();
  db.prepare('DELETE FROM "PrivacyRelease"').run();
  // Differential privacy on, with budget for exactly two releases of ε = 1.
  await page.goto('/settings?tab=privacy');
  const form = page.getByTestId('privacy-settings');
  await form.getByRole('checkbox').check();
  await form.getByLabel('ε per report').fill('1');
  await form.getByLabel('Budget per month (ε)').fill('2');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Privacy settings saved.')).toBeVisible();
  await page.close();
});
test.afterAll(() => db.close());

test('a manager releases dashboard figures; the meter moves; the spent budget refuses the next release', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, USERS.manager);
  await page.goto('/?range=30');
  const kpis = page.getByTestId('private-kpis');
  await expect(kpis.getByText('These figures have not been released yet for this query.')).toBeVisible();
  await expect(page.getByTestId('budget-used')).toContainText('ε used 0 of 2');
  await kpis.getByRole('button', { name: 'Release with ε = 1' }).click();
  await expect(kpis.getByText('Customers who bought')).toBeVisible();
  await expect(kpis.getByText(/sensitivity 1, ε = 0\.25/).first()).toBeVisible();
  await expect(page.getByTestId('budget-used')).toContainText('ε used 1 of 2');
  await expect(page.getByTestId('budget-releases')).toContainText('1 releases this period');

  // The same query again comes from the cache at no cost.
  await page.reload();
  await expect(kpis.getByText(/shown again from the cache at no cost/)).toBeVisible();
  await expect(page.getByTestId('budget-used')).toContainText('ε used 1 of 2');

  // Two periods open at once, budget left for one: the first release succeeds, the server refuses the second.
  const other = await context.newPage();
  await page.goto('/?range=90');
  await other.goto('/?range=365');
  await page.getByRole('button', { name: 'Release with ε = 1' }).click();
  await expect(page.getByTestId('budget-used')).toContainText('ε used 2 of 2');
  await expect(page.getByText(/The budget for this period is spent/)).toBeVisible();
  await other.getByRole('button', { name: 'Release with ε = 1' }).click();
  await expect(other.getByText(/The privacy budget for \d{4}-\d{2} is spent/)).toBeVisible();

  await page.goto('/trust/privacy');
  await expect(page.getByTestId('privacy-releases').getByRole('row')).toHaveCount(3);
  await expect(page.getByTestId('budget-releases')).toContainText('2 releases this period');
  const audit = db
    .prepare(`SELECT "details" FROM "AuditLog" WHERE "action" = 'privacy.release' ORDER BY "id" DESC LIMIT 1`)
    .pluck()
    .get() as string;
  expect(JSON.parse(audit)).toMatchObject({ epsilon: 1, sensitivity: { buyers: 1, customers: 1 } });
  await context.close();
});

test('the fairness view of a segment shows selection rates per group, in English and Chinese', async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.goto(`/segments/${segmentId}`);
  await page.getByRole('link', { name: 'Fairness and bias →' }).click();
  await expect(page).toHaveURL(new RegExp(`/trust/fairness\\?segment=${segmentId}`));
  const report = page.getByTestId('audience-report');
  await expect(report.getByText(/customers selected/)).toBeVisible();
  await expect(page.getByTestId('selection-table').getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByTestId('four-fifths')).toHaveText(/Passes|Below 4\/5|Not enough groups to judge/);
  await report.getByRole('link', { name: 'Age band' }).click();
  await expect(page).toHaveURL(/dim=age/);
  await expect(page.getByTestId('selection-table')).toContainText(/25-34|35-44|unknown/);
  await expect(page.locator('.recharts-surface').first()).toBeVisible();

  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '公平与偏差' })).toBeVisible();
  await expect(page.getByTestId('four-fifths')).toHaveText(/通过|低于 4\/5|可判断的群体不足/);
  await page.goto('/trust');
  await expect(page.getByRole('link', { name: /差分隐私/ })).toBeVisible();
  await page.goto('/trust/privacy');
  await expect(page.getByTestId('budget-used')).toContainText('已用 ε 2 / 2');
  await page.getByLabel(/Language|语言/).selectOption('en');
});
