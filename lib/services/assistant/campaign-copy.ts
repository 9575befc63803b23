import 'server-only';
import { z } from 'zod';
import { writeCampaignCopy, type CopyVariant } from '@/lib/engine/assistant/campaign-copy';
import { authorize, type Actor } from '../auth/actor';
import { loadSegment, requireDefinition } from '../segments/common';
import { parseInput } from '../validate';
import { audiencePortrait } from './audience-portrait';

const copyRequestSchema = z.object({
  segmentId: z.coerce.number().int().positive(),
  channel: z.enum(['email', 'sms', 'push']),
});

export type CopySuggestions = { source: { type: 'offline' }; variants: CopyVariant[]; audience: number };

/**
 * Subject lines and messages for a campaign's segment and channel (marketers), written from the segment's aggregated
 * portrait and recommended products. Offline templates; the marketer picks, edits and turns them into A/B arms.
 */
export async function suggestCampaignCopy(actor: Actor | null, input: unknown): Promise<CopySuggestions> {
  const user = authorize(actor, 'campaigns:edit');
  const q = parseInput(copyRequestSchema, input);
  const definition = requireDefinition(await loadSegment(q.segmentId));
  const portrait = await audiencePortrait(user, definition);
  return {
    source: { type: 'offline' },
    variants: writeCampaignCopy(portrait, { channel: q.channel }),
    audience: portrait.size,
  };
}
