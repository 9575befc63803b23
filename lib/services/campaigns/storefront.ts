import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { customerByExternalId, ensureAssignment, findAssignment } from '@/lib/db/campaigns';
import { isMember } from '@/lib/db/segments/queries';
import { armFromBucket, consentField, hashUnit, HOLDOUT_KEY, waveOf, type Channel } from '@/lib/engine/campaign';
import { AppError } from '@/lib/errors';
import { authorizeScope, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import { audienceDefinition, loadCampaign, messagesOf, settingsOf } from './shared';
import { rawDb } from '@/lib/db/connections';

const querySchema = z.object({
  campaignId: z.coerce.number().int().positive(),
  customer: z.string().trim().min(1, 'customer is required').max(200),
});

/**
 * GET /api/v1/campaigns/{id}/assignment?customer= — the variant a storefront should show this customer. Stable and
 * idempotent: the recorded assignment if there is one; otherwise, for a running campaign, an eligible segment
 * member is assigned by the same hash (and recorded), and anyone else is told they are not eligible.
 */
export async function assignmentForStorefront(actor: Actor | null, input: unknown) {
  authorizeScope(actor, 'campaigns:read');
  const { campaignId, customer } = parseInput(querySchema, input);
  const row = await loadCampaign(campaignId);
  const base = { campaignId, customer, status: row.status, simulated: row.isSimulated };
  const notEligible = (reason: string) => ({ ...base, eligible: false as const, reason });
  const c = await customerByExternalId(db, customer);
  if (!c || c.erasedAt) return notEligible('unknown_customer');
  let assignment = await findAssignment(db, campaignId, c.id);
  if (!assignment) {
    if (row.status !== 'running') return notEligible('campaign_not_running');
    const consent = consentField(row.channel as Channel);
    if (consent && !c[consent]) return notEligible('no_consent');
    const { definition, resolve } = await audienceDefinition(row);
    if (!(await isMember(rawDb(), definition, c.id, { resolveSegment: resolve })))
      return notEligible('not_in_audience');
    const settings = settingsOf(row);
    const waves = Math.max(1, settings.sendDays);
    const current = settings.allocationHistory.at(-1);
    const wave = waves > 1 ? waveOf(row.salt, c.externalId, waves) : 0;
    if (current && wave > current.wave) return notEligible('wave_not_started');
    const messages = messagesOf(row);
    const weights =
      current && row.allocation === 'thompson'
        ? messages.map((m) => ({ key: m.key, weight: current.shares[m.key] ?? 0 }))
        : messages.map((m) => ({ key: m.key, weight: m.weight }));
    const arm = armFromBucket(hashUnit(row.salt, c.externalId), weights, row.holdoutShare);
    const variant = row.variants.find((v) => v.key === arm.key);
    if (!variant) throw new AppError('CONFLICT', 'campaigns.errors.noVariant');
    const now = new Date();
    assignment = await ensureAssignment(db, {
      campaignId,
      customerId: c.id,
      variantId: variant.id,
      assignedAt: now,
      exposedAt: null,
      exposures: 0,
      wave,
    });
  }
  const variant = row.variants.find((v) => v.id === assignment!.variantId)!;
  const isHoldout = variant.key === HOLDOUT_KEY;
  const cap = row.frequencyCap;
  return {
    ...base,
    eligible: true as const,
    isHoldout,
    variant: isHoldout
      ? null
      : {
          key: variant.key,
          name: variant.name,
          subject: variant.subject,
          content: variant.content,
          offer: variant.offer,
          recommendations: Boolean(variant.recommendation),
        },
    exposures: assignment!.exposures,
    frequencyCap: cap,
    /** show the message now: not in the holdout, the campaign is running, and the frequency cap is not reached */
    show: !isHoldout && row.status === 'running' && (cap === null || assignment!.exposures < cap),
  };
}
