import type Database from 'better-sqlite3';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ensureTeam, signIn, USERS } from './fixtures';
import { ensureE2eShop, openE2eDatabase } from './shop';

// Issue 8: the segment builder and the campaign form work with the keyboard alone. Every step below is a key press
// (Tab, arrows, Enter, typing): the test walks to each control with Tab, checks it shows a focus ring, and never
// clicks. The saved segment and campaign are then read back from the server's database.
//
// Test-only seeding: the shared e2e shop (through the importer) and its portraits (interest tags), as segments.spec.

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let db: Database.Database;
let segmentId = 0;
const stamp = Date.now().toString(36);

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(300_000);
  db = openE2eDatabase();
  await ensureE2eShop(db);
  const page = await browser.newPage();
  await ensureTeam(page);
  const interest = () =>
    db
      .prepare(
        `SELECT COUNT(*) FROM "Tag" t JOIN "CustomerTag" ct ON ct."tagId" = t."id" WHERE t."family" = 'interest'`,
      )
      .pluck()
      .get() as number;
  if (interest() === 0) {
    await page.goto('/portraits');
    await page.getByRole('button', { name: 'Recompute now' }).click();
    await expect.poll(interest, { timeout: 180_000, intervals: [1_000] }).toBeGreaterThan(0);
  }
  await page.close();
});

test.afterAll(() => db?.close());

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/** Presses Tab (or Shift+Tab) until `target` has the focus, then checks the focus is drawn (outline or ring). */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max && !(await isFocused(target)); i++) await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  expect(await isFocused(target), 'reachable with the Tab key').toBe(true);
  await expectFocusRing(page);
}

async function expectFocusRing(page: Page) {
  const drawn = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement ?? document.body);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  });
  expect(drawn, 'the focused control shows a focus ring').toBe(true);
}

/** Moves a focused <select> to `value` with the arrow keys, as a keyboard user would. */
async function arrowTo(select: Locator, value: string) {
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const steps = options.indexOf(value) - options.indexOf(await select.inputValue());
  expect(options, `option ${value}`).toContain(value);
  for (let i = 0; i < Math.abs(steps); i++) await select.press(steps > 0 ? 'ArrowDown' : 'ArrowUp');
  await expect(select).toHaveValue(value);
}

/** Opens a group's "Add condition" menu from its button and picks a kind with the arrow keys. */
async function addCondition(page: Page, group: Locator, kind: RegExp) {
  await tabTo(page, group.getByRole('button', { name: 'Add condition' }).last());
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Add condition' });
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  for (let i = 0; i < 10 && !(await isFocused(menu.getByRole('menuitem', { name: kind }))); i++)
    await page.keyboard.press('ArrowDown');
  await expectFocusRing(page);
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
}

const strip = (n: unknown): unknown => {
  if (Array.isArray(n)) return n.map(strip);
  if (n && typeof n === 'object')
    return Object.fromEntries(
      Object.entries(n)
        .filter(([k]) => k !== 'id')
        .map(([k, v]) => [k, strip(v)]),
    );
  return n;
};

test('a segment with a nested group is built and saved with the keyboard alone', async ({ page }) => {
  const tag = db
    .prepare(
      `SELECT t."key", t."label" FROM "Tag" t JOIN "CustomerTag" ct ON ct."tagId" = t."id" WHERE t."family" = 'interest' GROUP BY t."id" ORDER BY COUNT(*) DESC, t."id" LIMIT 1`,
    )
    .get() as { key: string; label: string };
  await signIn(page, USERS.marketer);
  await page.goto('/segments/new');
  await expect(page.getByTestId('live-total')).toHaveText(/\d/);

  await tabTo(page, page.getByLabel('Name'));
  await page.keyboard.type(`Keyboard shoppers ${stamp}`);
  await tabTo(page, page.getByLabel('Description'));
  await page.keyboard.type('Built without a mouse');

  const root = page.getByTestId('group-root');
  // 1. consent to e-mail: the new condition takes the focus on its first control
  await addCondition(page, root, /^Consent/);
  await expect(page.getByTestId('condition-0').getByLabel('Operator')).toBeFocused();

  // 2. a nested group: it takes the focus on its AND/OR choice, which the arrows change
  await tabTo(page, root.getByRole('button', { name: 'Add group' }).last());
  await page.keyboard.press('Enter');
  const group = page.getByTestId('group-1');
  const op = group.getByRole('combobox', { name: 'Match' }).first();
  await expect(op).toBeFocused();
  await expectFocusRing(page);
  await arrowTo(op, 'and');
  await arrowTo(op, 'or');

  // 3. in the group: a tag, picked from the searchable list by typing and Enter
  await addCondition(page, group, /^Tag/);
  const picker = group.getByRole('button', { name: 'Choose a tag…' });
  await expect(picker).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Search tags by name or key' })).toBeFocused();
  await page.keyboard.type(tag.label);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listbox')).toHaveCount(0);
  const tagRow = page.getByTestId('condition-1.0');
  await expect(tagRow.getByRole('button', { name: tag.label })).toBeFocused();

  // 4. … or added to cart at least twice, ever: event, count and window set from the keyboard
  await addCondition(page, group, /^Behaviour/);
  const behaviour = page.getByTestId('condition-1.1');
  await tabTo(page, behaviour.getByLabel('Event'));
  await arrowTo(behaviour.getByLabel('Event'), 'cart');
  await tabTo(page, behaviour.getByLabel('times', { exact: true }));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('2');
  await tabTo(page, behaviour.getByLabel('When'));
  await arrowTo(behaviour.getByLabel('When'), 'all_time');
  await expect(group.getByText('OR', { exact: true })).toBeVisible();

  // 5. a condition and a group added by mistake are removed again; the focus returns to the group's add button
  await addCondition(page, root, /^Orders/);
  await expect(page.getByTestId('condition-2')).toBeVisible();
  await tabTo(page, page.getByTestId('condition-2').getByRole('button', { name: 'Remove' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('condition-2')).toHaveCount(0);
  await expect(root.getByRole('button', { name: 'Add condition' }).last()).toBeFocused();
  await tabTo(page, root.getByRole('button', { name: 'Add group' }).last());
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('group-2')).toBeVisible();
  await tabTo(page, page.getByTestId('group-2').getByRole('button', { name: 'Remove' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('group-2')).toHaveCount(0);

  // 6. save with the keyboard
  await expect(page.getByTestId('live-total')).toHaveText(/\d/);
  await tabTo(page, page.getByRole('button', { name: 'Save segment' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/segments\/\d+$/);
  segmentId = Number(new URL(page.url()).pathname.split('/').pop());
  const saved = db
    .prepare(`SELECT "name", "description", "definition" FROM "Segment" WHERE "id" = ?`)
    .get(segmentId) as { name: string; description: string; definition: string };
  expect(saved.name).toBe(`Keyboard shoppers ${stamp}`);
  expect(saved.description).toBe('Built without a mouse');
  expect(strip(JSON.parse(saved.definition))).toEqual({
    type: 'group',
    op: 'and',
    children: [
      { type: 'consent', channel: 'email', op: 'granted' },
      {
        type: 'group',
        op: 'or',
        children: [
          { type: 'tag', key: tag.key, op: 'has' },
          {
            type: 'behaviour',
            op: 'did',
            event: 'cart',
            frequency: { op: 'at_least', value: 2 },
            window: { type: 'all_time' },
          },
        ],
      },
    ],
  });
});

test('a campaign is created with the keyboard alone', async ({ page }) => {
  expect(segmentId, 'the segment saved by the test above').toBeTruthy();
  await signIn(page, USERS.marketer);
  await page.goto('/campaigns/new');
  const name = `Keyboard campaign ${stamp}`;
  await tabTo(page, page.locator('#c-name'));
  await page.keyboard.type(name);
  // the goal is a radio group: Tab enters it on the chosen goal, the arrows change it
  await tabTo(page, page.getByRole('radio', { name: /^Purchases/ }));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: /^Clicks/ })).toBeChecked();
  await tabTo(page, page.getByLabel('Saved segment'));
  await arrowTo(page.getByLabel('Saved segment'), String(segmentId));
  const fields = [
    ['#v0-name', 'Ten percent off'],
    ['#v0-subject', 'Spring is here'],
    ['#v1-name', 'Free shipping'],
    ['#v1-subject', 'Free shipping all week'],
  ] as const;
  for (const [field, text] of fields) {
    await tabTo(page, page.locator(field));
    await page.keyboard.type(text);
  }
  // a third message, added and removed again: the focus follows to its name field, then back to message B's
  await tabTo(page, page.getByRole('button', { name: 'Add a message' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#v2-name')).toBeFocused();
  await tabTo(page, page.getByTestId('variant-2').getByRole('button', { name: 'Remove' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('variant-2')).toHaveCount(0);
  await expect(page.locator('#v1-name')).toBeFocused();
  // the holdout slider moves with the arrow keys
  await tabTo(page, page.getByLabel('Holdout share'));
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('split-preview')).toContainText('Holdout 15 %');
  await tabTo(page, page.getByRole('button', { name: 'Save draft' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/campaigns\/\d+\?tab=setup$/);

  const id = Number(new URL(page.url()).pathname.split('/').pop());
  const saved = db
    .prepare(`SELECT "name", "goal", "channel", "segmentId", "holdoutShare", "status" FROM "Campaign" WHERE "id" = ?`)
    .get(id);
  expect(saved).toEqual({ name, goal: 'click', channel: 'email', segmentId, holdoutShare: 0.15, status: 'draft' });
  const messages = db
    .prepare(
      `SELECT "name", "subject" FROM "CampaignVariant" WHERE "campaignId" = ? AND "isControl" = 0 ORDER BY "key"`,
    )
    .all(id);
  expect(messages).toEqual([
    { name: 'Ten percent off', subject: 'Spring is here' },
    { name: 'Free shipping', subject: 'Free shipping all week' },
  ]);
});
