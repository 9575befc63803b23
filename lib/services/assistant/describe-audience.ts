import 'server-only';
import { z } from 'zod';
import { checkAssistantDefinition } from '@/lib/engine/assistant/check-definition';
import { parseSegmentText } from '@/lib/engine/assistant/parse-segment';
import type { Bilingual } from '@/lib/i18n/bilingual';
import type { SegmentDefinition } from '@/lib/schemas/segment';
import { authorize, type Actor } from '../auth/actor';
import { getBuilderVocabulary } from '../segments/vocabulary';
import { parseInput } from '../validate';
import { namesFromVocabulary, readBack } from './read-back';

export const describeAudienceSchema = z.object({
  text: z.string().trim().min(1, 'assistant.errors.text').max(500, 'assistant.errors.text'),
});

/** What "Describe the audience" gives the builder: a tree to edit (never saved here) and how it was read. */
export type AudienceDraft =
  | {
      ok: true;
      definition: SegmentDefinition;
      reading: Bilingual;
      unrecognised: string[];
      source: { type: 'offline' } | { type: 'model'; model: string };
    }
  | { ok: false; reason: 'nothing'; unrecognised: string[] }
  | { ok: false; reason: 'invalid'; problems: string[] };

/**
 * Text → segment for the builder, with the signed-in user's rights (segments:edit: a manager is refused). The offline
 * parser reads the sentence against the shop's vocabulary; the result passes the builder's schema and the assistant's
 * limits before it is returned. Nothing is written.
 */
export async function describeAudience(actor: Actor | null, input: unknown): Promise<AudienceDraft> {
  authorize(actor, 'segments:edit');
  const { text } = parseInput(describeAudienceSchema, input);
  const vocab = await getBuilderVocabulary(actor);
  const parsed = parseSegmentText(text, vocab);
  if (parsed.type === 'empty') return { ok: false, reason: 'nothing', unrecognised: parsed.unrecognised };
  const checked = checkAssistantDefinition(parsed.definition, vocab);
  if (!checked.ok) return { ok: false, reason: 'invalid', problems: checked.problems };
  return {
    ok: true,
    definition: checked.definition,
    reading: readBack(checked.definition, namesFromVocabulary(vocab)),
    unrecognised: parsed.unrecognised,
    source: { type: 'offline' },
  };
}
