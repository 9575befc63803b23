import 'server-only';
import { z } from 'zod';
import { checkAssistantDefinition } from '@/lib/engine/assistant/check-definition';
import { parseSegmentText } from '@/lib/engine/assistant/parse-segment';
import { buildSegmentPrompt } from '@/lib/engine/assistant/segment-prompt';
import type { Bilingual } from '@/lib/i18n/bilingual';
import type { SegmentDefinition } from '@/lib/schemas/segment';
import { authorize, type Actor } from '../auth/actor';
import { getBuilderVocabulary } from '../segments/vocabulary';
import { parseInput } from '../validate';
import { modelTextToSegment } from './model-segment';
import { logAssistantCall, providerForUse } from './provider-settings';
import { namesFromVocabulary, readBack } from './read-back';

export const describeAudienceSchema = z.object({
  text: z.string().trim().min(1, 'assistant.errors.text').max(500, 'assistant.errors.text'),
});

/** Why the model was not used for this answer (shown next to the offline result). */
export type Fallback =
  | { reason: 'timeout' | 'unauthorized' | 'malformed' | 'invalid' | 'network' | 'key' | 'cap' }
  | { reason: 'rate_limited'; seconds: number | null }
  | { reason: 'refusal'; text: string }
  | { reason: 'http'; status: number };

/** What "Describe the audience" gives the builder: a tree to edit (never saved here) and how it was read. */
export type AudienceDraft =
  | {
      ok: true;
      definition: SegmentDefinition;
      reading: Bilingual;
      unrecognised: string[];
      source: { type: 'offline'; fallback?: Fallback } | { type: 'model'; model: string };
    }
  | { ok: false; reason: 'nothing'; unrecognised: string[]; fallback?: Fallback }
  | { ok: false; reason: 'invalid'; problems: string[]; fallback?: Fallback };

/** The model's name when the provider is on and usable (the builder labels the box with it), else null. */
export async function assistantModelName(actor: Actor | null): Promise<string | null> {
  authorize(actor, 'segments:edit');
  const p = await providerForUse();
  return p.ok ? p.config.model : null;
}

/** Exactly what a model call for this sentence would send (shown before the first call), or null when offline. */
export async function previewAudiencePrompt(actor: Actor | null, input: unknown): Promise<string | null> {
  authorize(actor, 'segments:edit');
  const { text } = parseInput(describeAudienceSchema, input);
  const p = await providerForUse();
  if (!p.ok) return null;
  return buildSegmentPrompt(text, await getBuilderVocabulary(actor))
    .map((m) => `${m.role}: ${m.content}`)
    .join('\n\n');
}

/**
 * Text → segment for the builder, with the signed-in user's rights (segments:edit: a manager is refused). With a
 * provider configured the model answers first (logged in the AI activity log); any failure, and no provider at all,
 * goes to the offline parser, labelled. The result passes the builder's schema and the assistant's limits before it
 * is returned. Nothing is written but the log.
 */
export async function describeAudience(actor: Actor | null, input: unknown): Promise<AudienceDraft> {
  const user = authorize(actor, 'segments:edit');
  const { text } = parseInput(describeAudienceSchema, input);
  const vocab = await getBuilderVocabulary(actor);
  const names = namesFromVocabulary(vocab);
  let fallback: Fallback | undefined;
  const provider = await providerForUse();
  if (provider.ok) {
    const r = await modelTextToSegment(provider.config, text, vocab);
    await logAssistantCall({
      kind: 'segment',
      model: provider.config.model,
      prompt: r.prompt,
      outcome: r.outcome.ok ? 'ok' : r.outcome.failure.type,
      promptTokens: r.usage.prompt,
      completionTokens: r.usage.completion,
      latencyMs: r.latencyMs,
      userId: user.userId,
    });
    if (r.outcome.ok)
      return {
        ok: true,
        definition: r.outcome.definition,
        reading: readBack(r.outcome.definition, names),
        unrecognised: [],
        source: { type: 'model', model: provider.config.model },
      };
    const f = r.outcome.failure;
    fallback =
      f.type === 'rate_limited'
        ? { reason: 'rate_limited', seconds: f.retryAfterSeconds }
        : f.type === 'refusal'
          ? { reason: 'refusal', text: f.reason }
          : f.type === 'http'
            ? { reason: 'http', status: f.status }
            : { reason: f.type };
  } else if (provider.reason !== 'off') fallback = { reason: provider.reason };
  const parsed = parseSegmentText(text, vocab);
  if (parsed.type === 'empty') return { ok: false, reason: 'nothing', unrecognised: parsed.unrecognised, fallback };
  const checked = checkAssistantDefinition(parsed.definition, vocab);
  if (!checked.ok) return { ok: false, reason: 'invalid', problems: checked.problems, fallback };
  return {
    ok: true,
    definition: checked.definition,
    reading: readBack(checked.definition, names),
    unrecognised: parsed.unrecognised,
    source: { type: 'offline', ...(fallback ? { fallback } : {}) },
  };
}
