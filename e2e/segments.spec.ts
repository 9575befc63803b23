import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { openRaw, type RawDb } from '../lib/db/raw';
import { countSegment } from '../lib/db/segments/queries';
import type { SegmentDefinition } from '../lib/schemas/segment';
import { E2E_DATABASE_URL } from '../playwright.config';
import { ensureTeam, signIn, USERS } from './fixtures';
import { ensureE2eShop } from './shop';

// Segments end to end (issue 4): a marketer builds a nested segment in the browser and watches the live count follow
// every condition (checked against the compiled SQL on the server's database), saves it, opens a member's portrait
// from the sample and reads why they belong; a manager reads the segment but cannot edit or export it.

test.describe.configure({ mode: 'serial' });

let db: Database.Database;
let raw: RawDb;
const number = (n: number) => new Intl.NumberFormat('en').format(n);

const seedShop = () => ensureE2eShop(db);

const interestTags = () =>
  db
    .prepare(`SELECT COUNT(*) FROM "CustomerTag" ct JOIN "Tag" t ON t."id" = ct."tagId" WHERE t."family" = 'interest'`)
    .pluck()
    .get() as number;

/** Interest tags and RFM groups come from the portraits job: an admin (signed in by ensureTeam) runs it when there are none. */
async function ensurePortraits(page: Page) {
  if (interestTags() > 0) return;
  await page.goto('/portraits');
  await page.getByRole('button', { name: 'Recompute now' }).click();
  await expect.poll(interestTags, { timeout: 180_000, intervals: [1_000] }).toBeGreaterThan(0);
}

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(300_000);
  db = new Database(E2E_DATABASE_URL.replace(/^file:/, ''));
  db.pragma('busy_timeout = 10000');
  raw = openRaw(E2E_DATABASE_URL);
  const page = await browser.newPage();
  await ensureTeam(page);
  await seedShop();
  await ensurePortraits(page);
  await page.close();
});

test.afterAll(() => {
  db?.close();
  if (raw?.kind === 'sqlite') raw.conn.close();
});

const count = async (definition: SegmentDefinition) => (await countSegment(raw, definition)).total;

test('a marketer builds a nested segment, watches the count follow each condition, saves it and sees why a member belongs', async ({
  page,
}) => {
  const tag = db
    .prepare(
      `SELECT t."key", t."label" FROM "Tag" t JOIN "CustomerTag" ct ON ct."tagId" = t."id" WHERE t."family" = 'interest' GROUP BY t."id" ORDER BY COUNT(*) DESC, t."id" LIMIT 1`,
    )
    .get() as { key: string; label: string };
  const consent = { type: 'consent', channel: 'email', op: 'granted' } as const;
  const hasTag = { type: 'tag', key: tag.key, op: 'has' } as const;
  const carts = {
    type: 'behaviour',
    op: 'did',
    event: 'cart',
    frequency: { op: 'at_least', value: 2 },
    window: { type: 'all_time' },
  } as const;
  const steps = {
    everyone: await count({ type: 'group', op: 'and', children: [] }),
    consent: await count({ type: 'group', op: 'and', children: [consent] }),
    tag: await count({
      type: 'group',
      op: 'and',
      children: [consent, { type: 'group', op: 'or', children: [hasTag] }],
    }),
    nested: await count({
      type: 'group',
      op: 'and',
      children: [consent, { type: 'group', op: 'or', children: [hasTag, carts] }],
    }),
  };
  expect(steps.nested, 'the nested segment has members').toBeGreaterThan(0);
  expect(new Set(Object.values(steps)).size, 'each step changes the count').toBeGreaterThanOrEqual(3);

  await signIn(page, USERS.marketer);
  await page.goto('/segments');
  await page.getByRole('link', { name: 'New segment' }).first().click();
  await expect(page).toHaveURL(/\/segments\/new$/);
  const total = page.getByTestId('live-total');
  await expect(total).toHaveText(number(steps.everyone));

  const root = page.getByTestId('group-root');
  const addCondition = async (scope: ReturnType<Page['getByTestId']>, kind: RegExp) => {
    await scope.getByRole('button', { name: 'Add condition' }).last().click();
    await page.getByRole('menuitem', { name: kind }).click();
  };

  // 1. e-mail consent (the consent condition starts as "has agreed to e-mail")
  await addCondition(root, /^Consent/);
  await expect(total).toHaveText(number(steps.consent));
  await expect(page.getByTestId('live-email')).toHaveText(/\d/);

  // 2. a nested "any of" group: an empty group is flagged and not counted until it holds a condition
  await root.getByRole('button', { name: 'Add group' }).last().click();
  const group = page.getByTestId('group-1');
  await expect(group.getByRole('alert')).toHaveText(/Add a condition to this group/);
  await expect(page.getByTestId('live-empty-group')).toHaveText(/The highlighted group is empty/);
  await expect(total).toHaveText('—');
  await addCondition(group, /^Tag/);
  await expect(group.getByRole('alert')).toHaveText(/Choose a tag/);
  await group.getByRole('button', { name: 'Choose a tag…' }).click();
  await page.getByRole('combobox', { name: 'Search tags by name or key' }).fill(tag.label);
  await page
    .getByRole('listbox')
    .getByRole('option', { name: new RegExp(`^${tag.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
    .first()
    .click();
  await expect(total).toHaveText(number(steps.tag));

  // 3. … or added to cart at least twice, ever
  await addCondition(group, /^Behaviour/);
  const behaviour = page.getByTestId('condition-1.1');
  await behaviour.getByLabel('Event').selectOption('cart');
  await behaviour.getByLabel('times', { exact: true }).fill('2');
  await behaviour.getByLabel('When').selectOption('all_time');
  await expect(group.getByText('OR', { exact: true })).toBeVisible();
  await expect(total).toHaveText(number(steps.nested));
  const sample = page.getByTestId('live-sample').getByRole('link');
  await expect(sample.first()).toBeVisible();
  expect(await sample.count()).toBe(Math.min(8, steps.nested));

  // save, then the segment page reads the definition back in words
  await page.getByLabel('Name').fill('Engaged e-mail shoppers');
  await page.getByLabel('Description').fill('E2E: nested segment');
  await page.getByRole('button', { name: 'Save segment' }).click();
  await expect(page).toHaveURL(/\/segments\/\d+$/);
  const segmentId = Number(new URL(page.url()).pathname.split('/').pop());
  await expect(page.getByRole('heading', { name: 'Engaged e-mail shoppers' })).toBeVisible();
  await expect(page.getByTestId('segment-kpis')).toContainText(number(steps.nested));
  const words = page.getByTestId('definition-words');
  await expect(words).toContainText('Has agreed to e-mail');
  await expect(words).toContainText(`Has tag “${tag.label}”`);
  await expect(words).toContainText('Added to cart at least 2 times');
  await expect(page.getByTestId('size-history')).toBeVisible();

  // a member's portrait, opened from the sample, says why they are in the segment
  await page.getByTestId('segment-sample').getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`/customers/\\d+\\?segment=${segmentId}$`));
  const reason = page.getByTestId('segment-reason');
  await expect(reason.getByRole('heading')).toHaveText('Why this customer is in segment “Engaged e-mail shoppers”');
  await expect(reason).toContainText('Has agreed to e-mail — granted');
  await expect(reason).toContainText(/Has tag “.+” — present|Added to cart at least 2 times — \d+ times/);
  await reason.getByRole('link', { name: /All conditions/ }).click();
  await expect(page.getByTestId('why-verdict')).toHaveText('Member: every required condition is met');
  await expect(page.getByTestId('why-tree').locator('[data-satisfied="true"]').first()).toBeVisible();

  // the list shows it with its live size
  await page.goto('/segments');
  await expect(page.getByRole('row', { name: /Engaged e-mail shoppers/ })).toContainText(number(steps.nested));
});

test('a manager reads the segment but cannot build, edit or export', async ({ page, baseURL }) => {
  const id = db
    .prepare(`SELECT MAX("id") FROM "Segment" WHERE "name" = 'Engaged e-mail shoppers'`)
    .pluck()
    .get() as number;
  await signIn(page, USERS.manager);
  await page.goto('/segments');
  await expect(page.getByRole('link', { name: 'New segment' })).toHaveCount(0);
  await page.goto(`/segments/${id}`);
  await expect(page.getByTestId('definition-words')).toContainText('Has agreed to e-mail');
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Download CSV' })).toHaveCount(0);
  const exportUrl = `${baseURL}/api/segments/${id}/export`;
  expect((await page.request.post(exportUrl, { headers: { origin: baseURL! } })).status()).toBe(403);
  expect((await page.request.get(`${baseURL}/segments/${id}/edit`, { maxRedirects: 0 })).status()).toBe(403);
});
