import 'server-only';
import { z } from 'zod';
import { type CopyChannel, type CopyVariant, writeCampaignCopy } from '@/lib/engine/assistant/campaign-copy';
import { buildCopyPrompt, COPY_ANSWER_SCHEMA } from '@/lib/engine/assistant/text-prompts';
import type { SegmentDefinition } from '@/lib/schemas/segment';
import { authorize, type Actor } from '../auth/actor';
import { loadSegment, requireDefinition } from '../segments/common';
import { parseInput } from '../validate';
import { audiencePortrait } from './audience-portrait';
import { chatJson } from './chat-client';
import { logAssistantCall, providerForUse } from './provider-settings';
import { fallbackOf, promptText, type TextFallback } from './text-fallback';

const copyRequestSchema = z.object({
  segmentId: z.coerce.number().int().positive(),
  channel: z.enum(['email', 'sms', 'push']),
});

const LIMIT: Record<CopyChannel, number> = { email: 600, sms: 140, push: 110 };
const both = (max: number) =>
  z.object({ en: z.string().trim().min(1).max(max), zh: z.string().trim().min(1).max(max) });
/** The model's copy as the form accepts it: three variants, one per angle, texts within the channel's length. */
const modelCopySchema = (channel: CopyChannel) =>
  z.object({
    variants: z
      .array(
        z.object({
          angle: z.enum(['interest', 'value', 'relationship']),
          subject: both(80),
          content: both(LIMIT[channel]),
        }),
      )
      .min(1)
      .max(3)
      .refine((vs) => new Set(vs.map((v) => v.angle)).size === vs.length),
  });

export type CopySuggestions = {
  source: { type: 'offline'; fallback: TextFallback | null } | { type: 'model'; model: string };
  variants: CopyVariant[];
  audience: number;
};

async function request(actor: Actor | null, input: unknown) {
  const user = authorize(actor, 'campaigns:edit');
  const q = parseInput(copyRequestSchema, input);
  const definition: SegmentDefinition = requireDefinition(await loadSegment(q.segmentId));
  return { user, channel: q.channel, portrait: await audiencePortrait(user, definition) };
}

/** Exactly what a copy call for this segment and channel would send, or null when no provider is in use. */
export async function previewCopyPrompt(actor: Actor | null, input: unknown): Promise<string | null> {
  const { channel, portrait } = await request(actor, input);
  const provider = await providerForUse();
  return provider.ok ? promptText(buildCopyPrompt(portrait, channel)) : null;
}

/**
 * Subject lines and messages for a campaign's segment and channel (marketers), written from the segment's aggregated
 * portrait and recommended products: by the model when one is configured (JSON schema, validated: three angles,
 * channel lengths), otherwise — or on any failure, labelled with the reason — from the templates. The marketer picks,
 * edits and turns them into A/B arms; nothing is saved here.
 */
export async function suggestCampaignCopy(actor: Actor | null, input: unknown): Promise<CopySuggestions> {
  const { user, channel, portrait } = await request(actor, input);
  const offline = (fallback: TextFallback | null): CopySuggestions => ({
    source: { type: 'offline', fallback },
    variants: writeCampaignCopy(portrait, { channel }),
    audience: portrait.size,
  });
  const provider = await providerForUse();
  if (!provider.ok) return offline(provider.reason === 'off' ? null : { reason: provider.reason });
  const messages = buildCopyPrompt(portrait, channel);
  const started = Date.now();
  const answer = await chatJson(provider.config, messages, COPY_ANSWER_SCHEMA);
  const parsed = answer.ok ? modelCopySchema(channel).safeParse(answer.json) : null;
  const refusal = answer.ok ? (answer.json as { refusal?: unknown }).refusal : undefined;
  const fallback: TextFallback | null = !answer.ok
    ? fallbackOf(answer.failure)
    : parsed?.success
      ? null
      : typeof refusal === 'string'
        ? { reason: 'refusal', text: refusal.slice(0, 300) }
        : { reason: 'invalid' };
  await logAssistantCall({
    kind: 'copy',
    model: provider.config.model,
    prompt: promptText(messages),
    outcome: fallback ? fallback.reason : 'ok',
    promptTokens: answer.usage.prompt,
    completionTokens: answer.usage.completion,
    latencyMs: Date.now() - started,
    userId: user.userId,
  });
  if (fallback || !parsed?.success) return offline(fallback);
  return {
    source: { type: 'model', model: provider.config.model },
    variants: parsed.data.variants,
    audience: portrait.size,
  };
}
