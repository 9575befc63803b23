import { checkAssistantDefinition } from '@/lib/engine/assistant/check-definition';
import { buildRepairMessage, buildSegmentPrompt, SEGMENT_ANSWER_SCHEMA } from '@/lib/engine/assistant/segment-prompt';
import type { AssistantVocabulary } from '@/lib/engine/assistant/types';
import type { SegmentDefinition } from '@/lib/schemas/segment';
import { chatJson, type ProviderConfig, type ProviderFailure } from './chat-client';

export type ModelSegmentResult = {
  outcome:
    | { ok: true; definition: SegmentDefinition }
    | { ok: false; failure: ProviderFailure | { type: 'invalid'; problems: string[] } };
  prompt: string;
  usage: { prompt: number; completion: number };
  latencyMs: number;
};

const answerOf = (json: unknown): { definition?: unknown; refusal?: unknown } =>
  json && typeof json === 'object' ? (json as { definition?: unknown; refusal?: unknown }) : {};

/**
 * Text → segment through a model: the prompt, then the answer checked by the builder's schema, the assistant's limits
 * and the shop's vocabulary; one repair round-trip with the problems when it fails; a refusal is passed on.
 */
export async function modelTextToSegment(
  config: ProviderConfig,
  text: string,
  vocab: AssistantVocabulary,
): Promise<ModelSegmentResult> {
  const started = Date.now();
  const messages = buildSegmentPrompt(text, vocab);
  const prompt = messages.map((m) => `${m.role}: ${m.content}`).join('\n\n');
  const usage = { prompt: 0, completion: 0 };
  const done = (outcome: ModelSegmentResult['outcome']): ModelSegmentResult => ({
    outcome,
    prompt,
    usage,
    latencyMs: Date.now() - started,
  });
  for (let round = 0; round < 2; round++) {
    const remaining = config.timeoutMs - (Date.now() - started);
    if (remaining <= 0) return done({ ok: false, failure: { type: 'timeout' } });
    const answer = await chatJson({ ...config, timeoutMs: remaining }, messages, SEGMENT_ANSWER_SCHEMA);
    usage.prompt += answer.usage.prompt;
    usage.completion += answer.usage.completion;
    if (!answer.ok) return done({ ok: false, failure: answer.failure });
    const { definition, refusal } = answerOf(answer.json);
    if (typeof refusal === 'string' && definition === undefined)
      return done({ ok: false, failure: { type: 'refusal', reason: refusal.slice(0, 300) } });
    const checked = checkAssistantDefinition(definition, vocab);
    if (checked.ok) return done({ ok: true, definition: checked.definition });
    if (round === 1) return done({ ok: false, failure: { type: 'invalid', problems: checked.problems } });
    messages.push(
      { role: 'assistant', content: JSON.stringify(answer.json).slice(0, 4000) },
      buildRepairMessage(checked.problems),
    );
  }
  return done({ ok: false, failure: { type: 'malformed' } });
}
