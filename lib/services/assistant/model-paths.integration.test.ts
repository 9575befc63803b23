import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections, rawDb } from '@/lib/db/connections';
import { segmentIndexStore } from '@/lib/db/segments';
import type { Role } from '@/lib/security/roles';
import type { UserActor } from '@/lib/services/auth/actor';
import { createCampaign, simulateCampaign } from '@/lib/services/campaigns';
import { runSimulation } from '@/lib/services/campaigns/simulation';
import { recomputePortraits } from '@/lib/services/portraits/recompute';
import { savePrivacySettings } from '@/lib/services/privacy';
import { createSegment } from '@/lib/services/segments';
import { startChatStub, type ChatRequest, type ScriptedAnswer } from '@/lib/testing/chat-stub-server';
import { seedDemoShop, testActors } from '@/lib/testing/db/seed-shop';
import { askData, MAX_TOOL_ROUNDS, previewAskPrompt } from './ask-data';
import { previewCopyPrompt, suggestCampaignCopy } from './campaign-copy';
import { listAssistantActivity, saveProviderSettings } from './provider-settings';
import { previewWrittenText, type TextEvent, writeText } from './written-text';

// The model paths of copy, results in words, the portrait paragraph and Ask the data, against the chat stub:
// streamed text kept only when its numbers check out, every failure back to the template with the reason, tool calls
// validated and run with the user's rights, and no personal data in any prompt.

let actors: Record<Role, UserActor>;
let stub: Awaited<ReturnType<typeof startChatStub>>;
let answer: (req: ChatRequest, n: number) => ScriptedAnswer = () => ({ content: '' });
let segmentId: number;
let campaignId: string;
let customerIds: string[];

beforeAll(async () => {
  await seedDemoShop();
  await recomputePortraits();
  actors = await testActors();
  stub = await startChatStub((req, n) => answer(req, n));
  segmentId = (
    await createSegment(actors.marketer, {
      name: 'Model paths: e-mail consent',
      definition: { type: 'group', op: 'and', children: [{ type: 'consent', channel: 'email', op: 'granted' }] },
    })
  ).id;
  const variant = (name: string) => ({
    name,
    subject: name,
    content: 'Hello',
    offer: '',
    recommendations: false,
    weight: 1,
  });
  campaignId = String(
    (
      await createCampaign(actors.marketer, {
        name: 'Model paths campaign',
        goal: 'purchase',
        channel: 'email',
        segmentId,
        variants: [variant('Ten percent'), variant('Free shipping')],
        holdoutShare: 0.2,
        attributionWindowHours: 72,
        frequencyCap: 3,
        scheduledAt: null,
        allocation: 'fixed',
        minimumDetectableEffect: 0.2,
        webhookUrl: null,
      })
    ).id,
  );
  await simulateCampaign(actors.marketer, campaignId);
  await runSimulation(Number(campaignId));
  const profiled = await db.customerProfile.findMany({ select: { customerId: true }, take: 5 });
  customerIds = profiled.map((p) => String(p.customerId));
  await saveProviderSettings(actors.admin, {
    enabled: true,
    baseUrl: stub.url,
    model: 'stub-model',
    apiKey: 'sk-stub',
    timeoutSeconds: 30,
    monthlyTokenCap: 0,
  });
}, 600_000);

afterAll(async () => {
  await stub?.close();
  const store = segmentIndexStore(rawDb());
  await store.idle();
  if (store.status.state === 'loading') await store.load().catch(() => undefined);
  await closeConnections();
});

async function collect(actor: UserActor, input: unknown) {
  const events: TextEvent[] = [];
  for await (const e of writeText(actor, input)) events.push(e);
  return { deltas: events.filter((e) => e.type === 'delta').length, done: events.at(-1)! };
}

/** The numbers the stub may quote: those in the prompt's FACTS. */
const factsNumbers = (req: ChatRequest) => req.messages[1]!.content.match(/-?\d+(?:\.\d+)?/g) ?? [];

describe('results in words and the portrait paragraph, streamed', () => {
  test('a streamed summary quoting only the statistics is kept and logged', async () => {
    answer = (req) => {
      const n = factsNumbers(req).find((x) => x !== '0') ?? '';
      return { chunks: ['The test ', `reports ${n}`.trim(), ' as computed.'] };
    };
    const r = await collect(actors.manager, { kind: 'summary', id: campaignId, lang: 'en' });
    expect(r.deltas).toBe(3);
    expect(r.done).toMatchObject({ type: 'done', source: 'model', model: 'stub-model' });
    expect(stub.requests.at(-1)!.stream).toBe(true);
    const [last] = await listAssistantActivity(actors.admin);
    expect(last).toMatchObject({ kind: 'summary', outcome: 'ok', userEmail: actors.manager.email });
  });

  test('a number that is not in the statistics replaces the streamed text by the template, labelled', async () => {
    answer = () => ({ chunks: ['Variant B wins by ', '987.6 %', '.'] });
    const r = await collect(actors.manager, { kind: 'summary', id: campaignId, lang: 'zh' });
    expect(r.deltas).toBe(3);
    expect(r.done).toMatchObject({ source: 'template', fallback: { reason: 'numbers' } });
    expect((r.done as { text: string }).text).not.toContain('987.6');
    expect((await listAssistantActivity(actors.admin))[0]).toMatchObject({ outcome: 'numbers' });
  });

  test('a slow stream is cut at the timeout; 429 and a refusal fall back with the reason', async () => {
    answer = () => ({ chunks: ['one ', 'two ', 'three ', 'four'], chunkDelayMs: 600 });
    await saveProviderSettings(actors.admin, {
      enabled: true,
      baseUrl: stub.url,
      model: 'stub-model',
      timeoutSeconds: 1,
    });
    const started = Date.now();
    const slow = await collect(actors.marketer, { kind: 'portrait', id: customerIds[0], lang: 'en' });
    expect(Date.now() - started).toBeLessThan(2_400);
    await saveProviderSettings(actors.admin, {
      enabled: true,
      baseUrl: stub.url,
      model: 'stub-model',
      timeoutSeconds: 30,
    });
    expect(slow.done).toMatchObject({ source: 'template', fallback: { reason: 'timeout' } });
    answer = () => ({ status: 429, headers: { 'retry-after': '12' }, raw: '{}' });
    expect((await collect(actors.marketer, { kind: 'portrait', id: customerIds[0], lang: 'en' })).done).toMatchObject({
      source: 'template',
      fallback: { reason: 'rate_limited', seconds: 12 },
    });
    answer = () => ({ chunks: [], refusal: 'No.' });
    expect((await collect(actors.marketer, { kind: 'portrait', id: customerIds[0], lang: 'zh' })).done).toMatchObject({
      fallback: { reason: 'refusal', text: 'No.' },
    });
  });

  test('bad input is a clear 4xx error, and the preview is exactly what is sent', async () => {
    await expect(collect(actors.manager, { kind: 'export', id: '1', lang: 'en' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(collect(actors.manager, { kind: 'portrait', id: '999999999', lang: 'en' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(collect(actors.manager, { kind: 'summary', id: 'x'.repeat(100), lang: 'en' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    answer = () => ({ chunks: ['Loyal customer.'] });
    const input = { kind: 'portrait', id: customerIds[1], lang: 'en' };
    const preview = await previewWrittenText(actors.manager, input);
    await collect(actors.manager, input);
    expect((await listAssistantActivity(actors.admin))[0]!.prompt).toBe(preview!.prompt);
  });
});

describe('campaign copy through the model', () => {
  const variant = (angle: string) => ({
    angle,
    subject: { en: `Subject ${angle}`, zh: `主题 ${angle}` },
    content: { en: `Body ${angle}`, zh: `正文 ${angle}` },
  });
  test('valid JSON variants are used; an unknown angle or a too-long SMS falls back to the templates', async () => {
    answer = () => ({ content: JSON.stringify({ variants: ['interest', 'value', 'relationship'].map(variant) }) });
    const ok = await suggestCampaignCopy(actors.marketer, { segmentId, channel: 'email' });
    expect(ok.source).toEqual({ type: 'model', model: 'stub-model' });
    expect(ok.variants[0]!.subject.en).toBe('Subject interest');
    expect(stub.requests.at(-1)!.response_format?.type).toBe('json_schema');

    answer = () => ({ content: JSON.stringify({ variants: [variant('export_all')] }) });
    const bad = await suggestCampaignCopy(actors.marketer, { segmentId, channel: 'email' });
    expect(bad.source).toEqual({ type: 'offline', fallback: { reason: 'invalid' } });
    expect(bad.variants.length).toBeGreaterThan(0);

    const long = { ...variant('value'), content: { en: 'x'.repeat(200), zh: '好' } };
    answer = () => ({ content: JSON.stringify({ variants: [long] }) });
    expect((await suggestCampaignCopy(actors.marketer, { segmentId, channel: 'sms' })).source).toMatchObject({
      fallback: { reason: 'invalid' },
    });
    await expect(previewCopyPrompt(actors.manager, { segmentId, channel: 'sms' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('Ask the data through tool calling', () => {
  test('the model calls a function, gets its figures and answers with them; the call is listed', async () => {
    answer = (req) => {
      const tool = req.messages.find((m) => m.role === 'tool');
      if (!tool) return { toolCalls: [{ name: 'kpi', arguments: '{"metric":"orders","days":365}' }] };
      const value = (JSON.parse(tool.content) as { value: number }).value;
      return { content: `There were ${value} orders in the last 365 days.` };
    };
    const r = await askData(actors.manager, { question: 'How busy were we this year?', lang: 'en' });
    expect(r).toMatchObject({ source: 'model', model: 'stub-model' });
    if (r.source !== 'model') throw new Error('expected the model');
    expect(r.calls).toEqual([
      { name: 'kpi', args: { metric: 'orders', days: 365 }, result: expect.objectContaining({ type: 'kpi' }) },
    ]);
    expect(stub.requests.at(-1)!.tools?.map((t) => t.function.name)).toEqual([
      'kpi',
      'top_categories',
      'segment_count',
      'list_segments',
    ]);
  });

  test('unknown functions and bad arguments are not run; endless calling stops after the rounds; offline answers', async () => {
    answer = (req) =>
      req.messages.some((m) => m.role === 'tool')
        ? { content: 'Exported 5000 customers.' }
        : {
            toolCalls: [
              { name: 'export_customers', arguments: '{}' },
              { name: 'kpi', arguments: '{"days":"all"}' },
            ],
          };
    const invented = await askData(actors.manager, { question: 'revenue in the last 90 days', lang: 'en' });
    expect(invented).toMatchObject({ source: 'offline', fallback: { reason: 'numbers' } });
    if (invented.source !== 'offline') throw new Error('expected offline');
    expect(invented.calls).toEqual([
      { name: 'kpi', args: { metric: 'revenue', days: 90 }, result: expect.objectContaining({ type: 'kpi' }) },
    ]);

    const before = stub.requests.length;
    answer = () => ({ toolCalls: [{ name: 'list_segments', arguments: '{}' }] });
    const endless = await askData(actors.manager, { question: '最近7天的订单数', lang: 'zh' });
    expect(stub.requests.length - before).toBe(MAX_TOOL_ROUNDS + 1);
    expect(endless).toMatchObject({ source: 'offline', fallback: { reason: 'invalid' } });

    answer = () => ({ status: 401, raw: '{}' });
    expect(await askData(actors.manager, { question: 'why are customers leaving?', lang: 'en' })).toEqual({
      source: 'none',
      fallback: { reason: 'unauthorized' },
    });
    await expect(askData(actors.manager, { question: '', lang: 'en' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(askData(null, { question: 'revenue', lang: 'en' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  test('with differential privacy on, a manager gets released figures only; a marketer exact ones', async () => {
    await saveProviderSettings(actors.admin, { enabled: false, baseUrl: stub.url, model: 'stub-model' });
    await savePrivacySettings(actors.admin, { enabled: true, epsilonPerReport: 1, monthlyBudget: 10, revenueClip: 50 });
    try {
      const manager = await askData(actors.manager, { question: 'orders in the last 30 days', lang: 'en' });
      expect(manager).toMatchObject({ source: 'offline', calls: [{ result: { type: 'error', code: 'private' } }] });
      const revenue = await askData(actors.manager, { question: 'revenue in the last 30 days', lang: 'en' });
      expect(revenue).toMatchObject({ calls: [{ result: { type: 'error', code: 'notReleased' } }] });
      const marketer = await askData(actors.marketer, { question: 'orders in the last 30 days', lang: 'en' });
      expect(marketer).toMatchObject({ calls: [{ result: { type: 'kpi', metric: 'orders', released: false } }] });
    } finally {
      await savePrivacySettings(actors.admin, {
        enabled: false,
        epsilonPerReport: 1,
        monthlyBudget: 10,
        revenueClip: 50,
      });
    }
  });
});

describe('prompts carry no personal data', () => {
  test('summary, portrait, copy and question prompts have no e-mail, phone or customer name', async () => {
    await saveProviderSettings(actors.admin, {
      enabled: true,
      baseUrl: stub.url,
      model: 'stub-model',
      timeoutSeconds: 1,
    });
    const prompts = [
      (await previewWrittenText(actors.admin, { kind: 'summary', id: campaignId, lang: 'en' }))!.prompt,
      ...(await Promise.all(
        customerIds.map(
          async (id) => (await previewWrittenText(actors.admin, { kind: 'portrait', id, lang: 'zh' }))!.prompt,
        ),
      )),
      (await previewCopyPrompt(actors.marketer, { segmentId, channel: 'email' }))!,
      (await previewAskPrompt(actors.manager, { question: 'revenue this week', lang: 'en' }))!,
    ];
    const customers = await db.customer.findMany({
      select: { name: true, email: true, phone: true, externalId: true },
    });
    const text = prompts.join('\n');
    const hits = [
      ...(text.match(/[\w.+-]+@[\w-]+\.[a-z]{2,}/gi) ?? []),
      ...(text.match(/\+?\d(?:[ ()-]?\d){8,}/g) ?? []),
      ...customers.flatMap((c) =>
        [c.name, c.email, c.phone, c.externalId].filter((v): v is string => !!v && v.length > 3 && text.includes(v)),
      ),
    ];
    expect(prompts.length).toBe(customerIds.length + 3);
    expect(hits).toEqual([]);
  });
});
