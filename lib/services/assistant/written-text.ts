import 'server-only';
import { z } from 'zod';
import { unsupportedNumbers } from '@/lib/engine/assistant/number-check';
import type { ChatMessage } from '@/lib/engine/assistant/segment-prompt';
import { buildPortraitPrompt, buildSummaryPrompt, type TextLanguage } from '@/lib/engine/assistant/text-prompts';
import { type Actor, authorize } from '../auth/actor';
import { getCampaignResults } from '../campaigns';
import { getCustomerPortrait } from '../portraits/portrait';
import { getShopSettings } from '../settings';
import { parseInput } from '../validate';
import { fallbackOf, promptText, type TextFallback } from './text-fallback';
import { chatStream, type StreamEvent } from './chat-stream';
import { portraitFactsOf, portraitNumbers, portraitParagraph } from './portrait-paragraph';
import { logAssistantCall, providerForUse } from './provider-settings';
import { allowedNumbers, summariseResults } from './results-summary';

export type { TextFallback };

export const writtenTextSchema = z.object({
  kind: z.enum(['summary', 'portrait']),
  id: z.string().trim().min(1).max(64),
  lang: z.enum(['en', 'zh']),
});

/** What the page receives while a text is written: pieces as they arrive, then the text that is kept. */
export type TextEvent =
  | { type: 'delta'; text: string }
  | { type: 'done'; source: 'model'; model: string; text: string }
  | { type: 'done'; source: 'template'; text: string; fallback: TextFallback | null };

type Prepared = { messages: ChatMessage[]; template: string; allowed: number[] };

const cents = (x: number) => Math.round(x * 100) / 100;

/** The facts, template and prompt for one text, read with the user's rights (the same services the pages use). */
async function prepare(actor: Actor | null, kind: 'summary' | 'portrait', id: string, lang: TextLanguage) {
  if (kind === 'summary') {
    const r = await getCampaignResults(actor, id);
    const facts = { verdict: r.analysis.verdict, arms: r.arms, primaryMetric: r.analysis.primaryMetric };
    const v = facts.verdict;
    return {
      template: summariseResults(facts).text[lang],
      allowed: allowedNumbers(facts),
      messages: buildSummaryPrompt(
        {
          verdict: {
            kind: v.kind,
            direction: v.direction,
            isFinal: v.isFinal,
            arm: v.arm === null ? null : (r.arms[v.arm]?.name ?? null),
          },
          reasons: v.reasons,
          arms: r.arms.map((a) => a.name),
          metric: facts.primaryMetric,
        },
        lang,
      ),
    } satisfies Prepared;
  }
  const [p, shop] = await Promise.all([getCustomerPortrait(actor, id), getShopSettings()]);
  const facts = portraitFactsOf(p);
  const name = (x: { label: string; labelZh: string | null } | null) =>
    x === null ? null : lang === 'zh' ? (x.labelZh ?? x.label) : x.label;
  return {
    template: portraitParagraph(facts, shop.currency)[lang],
    allowed: facts ? portraitNumbers(facts) : [],
    messages: facts
      ? buildPortraitPrompt(
          {
            rfmGroup: name(facts.rfm),
            lifecycle: name(facts.lifecycle),
            orders: facts.orders,
            revenue: cents(facts.revenue),
            currency: shop.currency,
            daysSinceLastOrder: facts.recencyDays,
            predictedSpendNextYear: facts.clv365 === null ? null : cents(facts.clv365),
            churnChancePercent: facts.churnProbability === null ? null : Math.round(facts.churnProbability * 1000) / 10,
            interests: facts.interests.map((i) => name(i) ?? ''),
          },
          lang,
        )
      : [],
  } satisfies Prepared;
}

/** Exactly what writing this text would send, and to which model; null when no provider is in use. */
export async function previewWrittenText(actor: Actor | null, input: unknown) {
  const q = parseInput(writtenTextSchema, input);
  const provider = await providerForUse();
  const { messages } = await prepare(actor, q.kind, q.id, q.lang);
  return provider.ok && messages.length ? { model: provider.config.model, prompt: promptText(messages) } : null;
}

/**
 * A results summary or portrait paragraph written by the model, streamed: each piece as it arrives, then the text that
 * is kept. The model's complete text is kept only if every number in it is one of the facts (`unsupportedNumbers`);
 * otherwise, on any provider failure (the whole stream is bounded by the configured timeout), and without a provider,
 * the template is kept, with the reason. Each call is logged. Read-only with the user's own rights.
 */
export async function* writeText(actor: Actor | null, input: unknown, signal?: AbortSignal): AsyncGenerator<TextEvent> {
  const user = authorize(actor, 'dashboard:view');
  const q = parseInput(writtenTextSchema, input);
  const { messages, template, allowed } = await prepare(actor, q.kind, q.id, q.lang);
  const provider = await providerForUse();
  if (!provider.ok || messages.length === 0)
    return yield {
      type: 'done',
      source: 'template',
      text: template,
      fallback: !provider.ok && provider.reason !== 'off' ? { reason: provider.reason } : null,
    };
  const started = Date.now();
  let end: Extract<StreamEvent, { type: 'end' }> | null = null;
  for await (const e of chatStream(provider.config, messages, signal)) {
    if (e.type === 'delta') yield e;
    else end = e;
  }
  const text = end?.ok ? end.text.trim() : '';
  const fallback: TextFallback | null =
    end && !end.ok
      ? fallbackOf(end.failure)
      : !text
        ? { reason: 'malformed' }
        : unsupportedNumbers(text, allowed).length > 0
          ? { reason: 'numbers' }
          : null;
  await logAssistantCall({
    kind: q.kind,
    model: provider.config.model,
    prompt: promptText(messages),
    outcome: fallback ? fallback.reason : 'ok',
    promptTokens: end?.usage.prompt ?? 0,
    completionTokens: end?.usage.completion ?? 0,
    latencyMs: Date.now() - started,
    userId: user.userId,
  });
  if (!fallback) return yield { type: 'done', source: 'model', model: provider.config.model, text };
  yield { type: 'done', source: 'template', text: template, fallback };
}
