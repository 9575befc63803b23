import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { E2E_DATABASE_URL } from '../playwright.config';
import { ensureTeam, signIn, USERS } from './fixtures';
import { ensureE2eShop } from './shop';

// Recommendations end to end: a small generated shop goes in through the real importer; an admin trains two models
// in the background worker, watches the progress, compares them and chooses the serving one, and cancels a slow
// training; a marketer previews a customer's recommendations with reasons, and sees them on the customer's portrait
// and similar items with their attribute breakdown on a product page.

test.describe.configure({ mode: 'serial' });

let url = '';
let db: Database.Database;

const seedShop = () => ensureE2eShop(db);

test.beforeAll(async ({ browser }) => {
  url = E2E_DATABASE_URL;
  db = new Database(url.replace(/^file:/, ''));
  db.pragma('busy_timeout = 10000');
  const page = await browser.newPage();
  await ensureTeam(page);
  await page.close();
  await seedShop();
});

test.afterAll(() => db?.close());

const runRow = (page: Page, model: string) => page.locator(`[data-testid=run-row][data-model="${model}"]`).first();

async function train(page: Page, models: string[], serve: boolean) {
  const form = page.getByTestId('train-form');
  for (const box of await form.locator('input[name=models]').all())
    await box.setChecked(models.includes((await box.getAttribute('value'))!));
  await form.getByLabel('Serve the best model when done').setChecked(serve);
  await form.getByRole('button', { name: 'Start training' }).click();
  await expect(form.getByText('Training started.')).toBeVisible();
}

test('an admin trains and compares models, picks the serving one and cancels a slow training', async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, USERS.admin);
  await page.goto('/recommendations');
  await expect(page.getByRole('heading', { name: 'Recommendations', level: 1 })).toBeVisible();
  await expect(page.getByTestId('serving-card')).toContainText('No trained model yet');

  await train(page, ['popularity', 'item-knn'], true);
  // live progress while the worker trains, then both versions complete with metrics and the better one serves
  await expect(runRow(page, 'item-knn')).toHaveAttribute('data-status', /queued|running|completed/);
  await expect(runRow(page, 'item-knn')).toHaveAttribute('data-status', 'completed', { timeout: 180_000 });
  await expect(runRow(page, 'popularity')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  await page.reload();
  await expect(page.getByTestId('comparison-chart')).toBeVisible();
  await expect(page.getByTestId('comparison-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('runs-table').getByText('Serving', { exact: true })).toHaveCount(1);
  await expect(runRow(page, 'item-knn')).toContainText(/0\.\d{3}/);
  await expect(page.getByTestId('serving-card')).toContainText(/v1/);

  // serve the other version: an atomic switch, shown right away
  const notServing = page
    .locator('[data-testid=run-row][data-status=completed]')
    .filter({ has: page.getByRole('button', { name: 'Serve' }) })
    .first();
  const model = (await notServing.getAttribute('data-model'))!;
  page.once('dialog', (d) => void d.accept());
  await notServing.getByRole('button', { name: 'Serve' }).click();
  await expect(page.getByText(/^Now serving /)).toBeVisible();
  await expect(runRow(page, model)).toContainText('Serving');

  // a slow model (GRU4Rec) can be cancelled from the table; the serving model stays
  await train(page, ['gru4rec'], true);
  await expect(runRow(page, 'gru4rec')).toHaveAttribute('data-status', /queued|running/, { timeout: 30_000 });
  await runRow(page, 'gru4rec').getByRole('button', { name: 'Cancel' }).click();
  await expect(runRow(page, 'gru4rec')).toHaveAttribute('data-status', 'cancelled', { timeout: 60_000 });
  await expect(runRow(page, model)).toContainText('Serving');
});

test('a product added after training: the page says the catalogue changed and offers retrain; the product finds its neighbours', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const anchor = db
    .prepare(
      `SELECT "categoryId", "brand", "title" FROM "Product" WHERE "categoryId" IS NOT NULL ORDER BY "id" LIMIT 1`,
    )
    .get() as { categoryId: number; brand: string | null; title: string };
  const now = Date.now();
  const id = Number(
    db
      .prepare(
        `INSERT INTO "Product" ("sku", "title", "categoryId", "brand", "price", "stock", "active", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, 20, 5, 1, ?, ?)`,
      )
      .run(`e2e-new-${now}`, `${anchor.title} (new)`, anchor.categoryId, anchor.brand, now, now).lastInsertRowid,
  );
  await signIn(page, USERS.admin);
  await page.goto('/recommendations');
  const notice = page.getByTestId('catalogue-newer');
  await expect(notice).toContainText(/This model was trained on [\d,]+ products; the catalogue now has [\d,]+/);
  await notice.getByRole('button', { name: 'Retrain' }).click();
  await expect(notice.getByText('Training started.')).toBeVisible();

  await page.goto(`/catalogue/${id}`);
  const similar = page.getByTestId('similar-products');
  await expect(similar.getByTestId('recommended-item').first()).toBeVisible();
  await expect(similar.getByTestId('reason').first()).toHaveText(/^Similar to this product: .*category/);
  await expect(similar.getByText(/interests/)).toHaveCount(0);
});

test("a marketer sees a customer's recommendations with reasons: preview, portrait and product page", async ({
  page,
}) => {
  const customer = db
    .prepare(
      `SELECT c."id", c."externalId" FROM "Customer" c JOIN "Event" e ON e."customerId" = c."id" WHERE e."productId" IS NOT NULL GROUP BY c."id" ORDER BY COUNT(*) DESC LIMIT 1`,
    )
    .get() as { id: number; externalId: string };
  await signIn(page, USERS.marketer);
  await page.goto('/recommendations');
  await expect(page.getByRole('button', { name: 'Start training' })).toHaveCount(0);
  await expect(page.getByTestId('runs-table').getByRole('button', { name: 'Serve' })).toHaveCount(0);

  await page.getByPlaceholder('Customer id, name or e-mail').fill(customer.externalId);
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByTestId('preview-matches').getByRole('button').first().click();
  const preview = page.getByTestId('preview-result');
  await expect(preview.getByTestId('recommended-item')).toHaveCount(10);
  await expect(preview.getByTestId('reason').first()).toHaveText(
    /Because you|Customers like you|Trending|Same|Similar/,
  );

  await page.goto(`/customers/${customer.id}`);
  const block = page.getByTestId('customer-recommendations');
  await expect(block.getByRole('heading', { name: 'Recommended for this customer' })).toBeVisible();
  await expect(block.getByTestId('recommended-item').first()).toBeVisible();
  await expect(block.getByTestId('reason').first()).not.toBeEmpty();

  const productId = db
    .prepare(
      `SELECT "productId" FROM "Event" WHERE "productId" IS NOT NULL GROUP BY "productId" ORDER BY COUNT(*) DESC LIMIT 1`,
    )
    .pluck()
    .get() as number;
  await page.goto(`/catalogue/${productId}`);
  const similar = page.getByTestId('similar-products');
  await expect(similar.getByRole('heading', { name: 'Similar items' })).toBeVisible();
  await expect(similar.getByTestId('recommended-item').first()).toBeVisible();
  await expect(similar.getByTestId('attribute-breakdown').first()).toContainText('category');

  // the same in Chinese
  await page.getByLabel(/Language|语言/).selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '相似商品' })).toBeVisible();
  await expect(similar.getByTestId('reason').first()).toHaveText(/相同|相似|选择/);
  await page.getByLabel(/Language|语言/).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Similar items' })).toBeVisible();
});

test('the blend blends the models trained beside it by default, and the serving card says what it adds', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, USERS.admin);
  await page.goto('/recommendations');
  const form = page.getByTestId('train-form');
  const component = (m: string) => form.locator(`input[name=components][value="${m}"]`);
  // the default ticks train EASE beside the hybrid, so the blend's default components include it; ticking ALS adds it
  await expect(component('ease')).toBeChecked();
  await expect(component('als')).not.toBeChecked();
  await form.locator('input[name=models][value="als"]').check();
  await expect(component('als')).toBeChecked();
  await train(page, ['ease', 'hybrid'], false);
  await expect(runRow(page, 'hybrid')).toHaveAttribute('data-status', 'completed', { timeout: 180_000 });
  await page.reload();
  const serve = runRow(page, 'hybrid').getByRole('button', { name: 'Serve' });
  page.once('dialog', (d) => void d.accept());
  await serve.click();
  await expect(runRow(page, 'hybrid')).toContainText('Serving');

  const run = db
    .prepare(`SELECT "params" FROM "RecModelRun" WHERE "model" = 'hybrid' ORDER BY "id" DESC LIMIT 1`)
    .get() as {
    params: string;
  };
  const p = JSON.parse(run.params) as {
    candidates: string[];
    components: { kind: string; weight: number }[];
    validationNdcg: number;
    componentValidationNdcg: Record<string, number>;
  };
  // every candidate is recorded; the blend stores only those its validation fit weights
  expect(p.candidates).toEqual(['item-knn', 'user-knn', 'content', 'popularity', 'ease']);
  for (const c of p.components) expect(c.weight).toBeGreaterThan(0);
  const best = Math.max(...Object.values(p.componentValidationNdcg));
  expect(p.validationNdcg).toBeGreaterThanOrEqual(best);
  // a gain is claimed only when another component has weight and the gain shows at three decimals
  const gain = p.components.filter((c) => c.weight > 0).length > 1 && p.validationNdcg.toFixed(3) !== best.toFixed(3);
  await page.reload();
  await expect(page.getByTestId('serving-why')).toContainText(
    gain
      ? `Why this blend: validation NDCG@10 ${p.validationNdcg.toFixed(3)}, against ${best.toFixed(3)}`
      : `raised NDCG@10 above its ${best.toFixed(3)}`,
  );
});
