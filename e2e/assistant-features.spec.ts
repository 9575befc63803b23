import type Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { type ChatRequest, type ScriptedAnswer, startChatStub } from '../lib/testing/chat-stub-server';
import { ensureTeam, signIn, USERS } from './fixtures';
import { ensureE2eShop, openE2eDatabase, seedEmailSegment } from './shop';

// Assistant (issue 10), beyond "Describe the audience": campaign copy, results in words, the portrait paragraph and
// Ask the data — first with no provider (templates and offline rules, English and 中文), then with the chat stub as
// the provider (the prompt shown before the first call of each kind, text streamed in, a wrong number replaced by the
// template with a label, tool calls listed).

test.describe.configure({ mode: 'serial', timeout: 240_000 });

const SEGMENT = 'Assistant features: e-mail consent';
let db: Database.Database;
let ids: { segment: number; campaign: number; customer: number };
const one = <T>(sql: string, ...args: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .get(...args) as T;

async function ensurePortraits(page: Page) {
  const interest = () => one<number>(`SELECT COUNT(*) FROM "Tag" WHERE "family" = 'interest'`);
  if (interest() > 0) return;
  await page.context().clearCookies(); // ensureTeam leaves the admin signed in: /sign-in would redirect away
  await signIn(page, USERS.admin);
  await page.goto('/portraits');
  await page.getByRole('button', { name: 'Recompute now' }).click();
  await expect.poll(interest, { timeout: 180_000, intervals: [1_000] }).toBeGreaterThan(0);
}

async function ensureCampaign(page: Page): Promise<number> {
  const done = one<number | undefined>(
    `SELECT "id" FROM "Campaign" WHERE "status" = 'completed' ORDER BY "id" LIMIT 1`,
  );
  if (done) return done;
  await page.context().clearCookies();
  await signIn(page, USERS.marketer);
  await page.goto('/campaigns/new');
  await page.locator('#c-name').fill('Assistant features');
  await page.getByLabel('Saved segment').selectOption({ label: SEGMENT });
  await page.locator('#v0-name').fill('Ten percent off');
  await page.locator('#v0-subject').fill('10% off this week');
  await page.locator('#v1-name').fill('Free shipping');
  await page.locator('#v1-subject').fill('Free shipping all week');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+/);
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('simulate').click();
  await expect
    .poll(() => one<string>(`SELECT "status" FROM "Campaign" WHERE "id" = ?`, id), { timeout: 180_000 })
    .toBe('completed');
  return id;
}

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(900_000);
  db = openE2eDatabase();
  const page = await browser.newPage();
  await ensureTeam(page);
  await ensureE2eShop(db);
  await ensurePortraits(page);
  ids = {
    segment:
      one<number | undefined>(`SELECT "id" FROM "Segment" WHERE "name" = ? AND "archivedAt" IS NULL`, SEGMENT) ??
      seedEmailSegment(db, SEGMENT),
    campaign: 0,
    customer: one<number>(
      `SELECT p."customerId" FROM "CustomerProfile" p JOIN "Customer" c ON c."id" = p."customerId" WHERE c."erasedAt" IS NULL AND p."orderCount" > 0 ORDER BY p."customerId" LIMIT 1`,
    ),
  };
  ids.campaign = await ensureCampaign(page);
  await page.close();
});

test.afterAll(() => db?.close());

const language = (page: Page, to: 'en' | 'zh-CN', label = to === 'en' ? '语言' : 'Language') =>
  page.getByRole('combobox', { name: label }).selectOption(to);

test('offline: copy from templates, results and portrait in words, and Ask the data by rules, in English and 中文', async ({
  page,
}) => {
  await signIn(page, USERS.marketer);
  await page.goto('/campaigns/new');
  await page.getByLabel('Saved segment').selectOption({ label: SEGMENT });
  await page.getByRole('button', { name: 'Suggest copy' }).click();
  await expect(page.getByTestId('copy-source')).toHaveText('Templates');
  await expect(page.getByTestId('copy-note')).toHaveCount(0);
  await page.getByRole('button', { name: 'Use as an A/B arm' }).first().click();
  await expect(page.locator('#v0-subject')).not.toHaveValue('');
  await language(page, 'zh-CN');
  await page.goto('/campaigns/new');
  await page.locator('#c-segment').selectOption({ label: SEGMENT });
  await page.getByRole('button', { name: '推荐文案' }).click();
  await expect(page.getByTestId('copy-source')).toHaveText('模板');
  await page.getByRole('button', { name: '用作 A/B 方案' }).first().click();
  await expect(page.locator('#v0-subject')).toHaveValue(/[\u4e00-\u9fff]/);
  await language(page, 'en');

  await page.goto(`/customers/${ids.customer}`);
  const portrait = page.getByTestId('portrait-paragraph');
  await expect(portrait.getByTestId('assistant-text-source')).toHaveText('Written from the portrait’s figures');
  await expect(portrait.getByTestId('assistant-text')).toContainText('completed orders');
  await expect(portrait.getByRole('button', { name: /Write with AI/ })).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, USERS.manager);
  await page.goto(`/campaigns/${ids.campaign}?tab=results`);
  const words = page.getByTestId('results-in-words');
  await expect(words.getByTestId('assistant-text-source')).toHaveText(
    'Template, every number checked against the statistics',
  );
  await expect(words.getByTestId('assistant-text')).not.toBeEmpty();

  await page.goto('/');
  const ask = page.getByTestId('ask-data');
  await ask.getByRole('textbox', { name: 'Ask the data' }).fill('Revenue in the last 90 days');
  await ask.getByRole('button', { name: 'Ask' }).click();
  await expect(ask.getByTestId('ask-source')).toHaveText('Offline rules');
  await expect(ask.getByTestId('ask-answer')).toContainText('Revenue in the last 90 days:');
  await expect(ask.getByTestId('ask-calls')).toContainText('kpi({"metric":"revenue","days":90})');
  await ask.getByRole('textbox', { name: 'Ask the data' }).fill('why are customers leaving?');
  await ask.getByRole('button', { name: 'Ask' }).click();
  await expect(ask.getByTestId('ask-nothing')).toBeVisible();
  await ask.getByRole('button', { name: 'Which segments are there?' }).click();
  await expect(ask.getByTestId('ask-calls')).toContainText('list_segments({})');

  await language(page, 'zh-CN');
  await ask.getByRole('textbox', { name: '问数据' }).fill('最近30天的热门类目');
  await ask.getByRole('button', { name: '提问' }).click();
  await expect(ask.getByTestId('ask-source')).toHaveText('离线规则');
  await expect(ask.getByTestId('ask-answer')).toContainText('最近 30 天销售额最高的类目');
  await expect(ask.getByTestId('ask-calls')).toContainText('top_categories({"days":30,"limit":5})');
  await page.goto(`/campaigns/${ids.campaign}?tab=results`);
  await expect(words.getByTestId('assistant-text-source')).toHaveText('模板生成，所有数字均已与统计结果核对');
  await page.goto(`/customers/${ids.customer}`);
  await expect(portrait.getByTestId('assistant-text')).toContainText('笔订单');
  await language(page, 'en');
});

/** The stub's answers by kind of request; `wrongNumber` makes the next summary state a number not in the facts. */
let wrongNumber = false;
function script(req: ChatRequest): ScriptedAnswer {
  const system = req.messages[0]?.content ?? '';
  if (req.tools) {
    const tool = req.messages.find((m) => m.role === 'tool');
    if (!tool) return { toolCalls: [{ name: 'kpi', arguments: '{"metric":"orders","days":90}' }] };
    return {
      content: `The shop had ${(JSON.parse(tool.content) as { value: number }).value} orders in the last 90 days.`,
    };
  }
  if (req.stream && system.includes('A/B test')) {
    const n = req.messages[1]!.content.match(/\d+(?:\.\d+)?/)?.[0] ?? '';
    if (wrongNumber) return { chunks: ['Model says: ', 'the winner gained ', '987.6 %.'], chunkDelayMs: 300 };
    return { chunks: ['Model says: ', 'the test ', `reports ${n}.`], chunkDelayMs: 400 };
  }
  if (req.stream) return { chunks: ['Model portrait: ', 'a loyal ', 'customer.'], chunkDelayMs: 300 };
  const variant = (angle: string) => ({
    angle,
    subject: { en: `Model subject ${angle}`, zh: `模型主题 ${angle}` },
    content: { en: `Model body ${angle}`, zh: `模型正文 ${angle}` },
  });
  return { content: JSON.stringify({ variants: ['interest', 'value', 'relationship'].map(variant) }) };
}

async function setProvider(page: Page, url: string | null) {
  await signIn(page, USERS.admin);
  await page.goto('/settings?tab=assistant');
  if (url) {
    await page.getByLabel('Use the AI provider').check();
    await page.getByLabel('Base URL').fill(url);
    await page.getByLabel('Model', { exact: true }).fill('stub-model');
    await page.getByLabel('API key').fill('sk-e2e-key');
  } else await page.getByLabel('Use the AI provider').uncheck();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await page.context().clearCookies();
}

const consentAndSend = async (page: Page) => {
  await expect(page.getByTestId('assistant-consent')).toContainText('This is what will be sent to stub-model');
  await page.getByTestId('assistant-consent').getByRole('button', { name: 'Send' }).click();
};

test('with the stub as provider: prompts shown first, text streamed in, a wrong number replaced, tools listed', async ({
  page,
}) => {
  const stub = await startChatStub(script);
  try {
    await setProvider(page, stub.url);
    await signIn(page, USERS.manager);
    await page.goto(`/campaigns/${ids.campaign}?tab=results`);
    const words = page.getByTestId('results-in-words');
    await words.getByRole('button', { name: 'Write with AI (stub-model)' }).click();
    await expect(page.getByTestId('assistant-consent')).toContainText('FACTS');
    expect(stub.requests.length, 'nothing sent before the user agrees').toBe(0);
    await consentAndSend(page);
    await expect(words.getByTestId('assistant-text-source')).toHaveText('Writing with stub-model…');
    await expect(words.getByTestId('assistant-text')).toHaveText(/^Model says: /);
    await expect(words.getByTestId('assistant-text-source')).toHaveText('AI (stub-model)');
    await expect(words.getByTestId('assistant-text')).toContainText('the test reports');

    wrongNumber = true;
    await page.reload();
    await words.getByRole('button', { name: 'Write with AI (stub-model)' }).click();
    await expect(words.getByTestId('assistant-text')).toContainText('Model says:');
    await expect(words.getByTestId('assistant-text-note')).toHaveText(
      'The AI’s text stated numbers that are not in the statistics, so it was replaced by the template.',
    );
    await expect(words.getByTestId('assistant-text')).not.toContainText('987.6');
    wrongNumber = false;

    await page.goto('/');
    const ask = page.getByTestId('ask-data');
    await ask.getByRole('textbox', { name: 'Ask the data' }).fill('How busy were we lately?');
    await ask.getByRole('button', { name: 'Ask' }).click();
    await consentAndSend(page);
    await expect(ask.getByTestId('ask-source')).toHaveText('AI (stub-model)');
    await expect(ask.getByTestId('ask-answer')).toContainText('orders in the last 90 days');
    await expect(ask.getByTestId('ask-calls')).toContainText('kpi({"metric":"orders","days":90})');

    await page.context().clearCookies();
    await signIn(page, USERS.marketer);
    await page.goto(`/customers/${ids.customer}`);
    await language(page, 'zh-CN');
    const portrait = page.getByTestId('portrait-paragraph');
    await portrait.getByRole('button', { name: '用 AI 撰写（stub-model）' }).click();
    await expect(page.getByTestId('assistant-consent')).toContainText('以下内容将发送给 stub-model');
    await page.getByTestId('assistant-consent').getByRole('button', { name: '发送' }).click();
    await expect(portrait.getByTestId('assistant-text')).toHaveText('Model portrait: a loyal customer.');
    await expect(portrait.getByTestId('assistant-text-source')).toHaveText('AI（stub-model）');
    await language(page, 'en');

    await page.goto('/campaigns/new');
    await page.getByLabel('Saved segment').selectOption({ label: SEGMENT });
    await page.getByRole('button', { name: 'Suggest copy' }).click();
    await consentAndSend(page);
    await expect(page.getByTestId('copy-source')).toHaveText('AI (stub-model)');
    await expect(page.getByText('Model subject interest')).toBeVisible();
    const kinds = stub.requests.map((r) => (r.tools ? 'ask' : r.stream ? 'stream' : 'json'));
    expect(new Set(kinds)).toEqual(new Set(['ask', 'stream', 'json']));
    expect(stub.requests.filter((r) => r.stream).length).toBe(3);
  } finally {
    await page.context().clearCookies();
    await setProvider(page, null);
    await stub.close();
  }
});
