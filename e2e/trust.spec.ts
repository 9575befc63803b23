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

test('a manager under DP gets a segment’s size history as one discrete Gaussian release, never its rows; en and 中文', async ({
  browser,
}) => {
  // one more ε of budget, and a history of 12 daily snapshots on two segments
  db.prepare('UPDATE "PrivacyBudget" SET "limitMilli" = 3000').run();
  const other = seedEmailSegment(db, `Trust other ${Date.now()}`);
  const snapshot = db.prepare(
    'INSERT INTO "SegmentSnapshot" ("segmentId", "at", "size", "reachableEmail", "reachableSms", "reachablePush") VALUES (?, ?, ?, ?, 0, 0)',
  );
  for (const id of [segmentId, other])
    for (let i = 0; i < 12; i++) snapshot.run(id, Date.now() - (12 - i) * 86_400_000, 400 + 10 * i, 400 + 10 * i);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, USERS.manager);
  await page.goto(`/segments/${segmentId}`);
  // no exact rows: the sample is replaced by an explanation and the members tab is gone
  await expect(page.getByTestId('sample-hidden')).toContainText(
    'hidden from managers while differential privacy is on',
  );
  await expect(page.getByRole('link', { name: 'Members' })).toHaveCount(0);
  // nor its exact breakdown by group (it would give the size away): no fairness link
  await expect(page.getByRole('link', { name: 'Fairness and bias →' })).toHaveCount(0);
  const history = page.getByTestId('private-history');
  await expect(history.getByText(/each of the 12 points by at most 1/)).toBeVisible();
  await expect(history.getByTestId('budget-used')).toContainText('ε used 2 of 3');
  const otherPage = await context.newPage();
  await otherPage.goto(`/segments/${other}`);
  await history.getByRole('button', { name: 'Release with ε = 1' }).click();
  await expect(history.getByTestId('history-params')).toContainText(
    /discrete Gaussian, L2 sensitivity √12, ε = 1, δ = 0\.000001/,
  );
  await expect(history.locator('.recharts-surface').first()).toBeVisible();
  await expect(history.getByTestId('budget-used')).toContainText('ε used 3 of 3');
  // the page opened before the budget ran out: its release is refused by the server
  await otherPage.getByTestId('private-history').getByRole('button', { name: 'Release with ε = 1' }).click();
  await expect(otherPage.getByText(/The privacy budget for \d{4}-\d{2} is spent/)).toBeVisible();
  const audit = db
    .prepare(`SELECT "details" FROM "AuditLog" WHERE "action" = 'privacy.release' ORDER BY "id" DESC LIMIT 1`)
    .pluck()
    .get() as string;
  expect(JSON.parse(audit)).toMatchObject({ mechanism: 'discrete Gaussian', delta: 0.000001, cells: 12 });

  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByTestId('history-params')).toContainText(/离散高斯，L2 敏感度 √12，ε = 1，δ = 0\.000001/);
  await expect(page.getByTestId('sample-hidden')).toContainText('经理看不到样本用户和成员列表');
  await expect(page.getByTestId('budget-used')).toContainText('已用 ε 3 / 3');
  await page.goto(`/trust/fairness?segment=${segmentId}`);
  await expect(page.getByTestId('segments-private')).toContainText('差分隐私开启期间');
  await expect(page.getByTestId('audience-report')).toHaveCount(0);
  await page.getByLabel(/Language|语言/).selectOption('en');
  await expect(page.getByTestId('segments-private')).toContainText('While differential privacy is on');
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
  await expect(page.getByTestId('budget-used')).toContainText('已用 ε 3 / 3');
  await page.getByLabel(/Language|语言/).selectOption('en');
});
