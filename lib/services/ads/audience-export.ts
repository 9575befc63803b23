import 'server-only';
import { z } from 'zod';
import { adConsentedAmong } from '@/lib/db/ad-consent';
import { writeAudit } from '@/lib/db/audit';
import { audiencePage } from '@/lib/db/campaigns';
import { db } from '@/lib/db/client';
import { rawDb } from '@/lib/db/connections';
import { suppressedAmong } from '@/lib/db/email';
import { streamSegmentMembers } from '@/lib/db/segments';
import type { CsvValue } from '@/lib/csv/write';
import { AD_HEADERS, AD_PLATFORMS, audienceLine, type AdPlatform } from '@/lib/engine/ads/normalise';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import { AppError } from '@/lib/errors';
import { authorize, type Actor } from '../auth/actor';
import { loadCampaign, parseCampaignId } from '../campaigns/shared';
import { loadSegment, requireDefinition, resolveReferences } from '../segments/common';
import { parseInput } from '../validate';

const exportSchema = z.object({
  platform: z.enum(AD_PLATFORMS, 'ads.errors.platform'),
  // the country calling code put in front of numbers written without one (86 = China)
  countryCode: z
    .string()
    .trim()
    .regex(/^\+?[1-9]\d{0,2}$/, 'ads.errors.countryCode')
    .transform((s) => s.replace(/^\+/, ''))
    .default('86'),
});

type Contact = { id: number; email: string | null; phone: string | null };

/** Keeps the contacts of a batch who agreed to ads and whose address is not on the suppression list. */
async function allowed(batch: Contact[]): Promise<Contact[]> {
  const consent = await adConsentedAmong(
    db,
    batch.map((c) => c.id),
  );
  const suppressed = await suppressedAmong(
    db,
    batch.flatMap((c) => (c.email ? [c.email] : [])),
  );
  return batch.filter((c) => consent.has(c.id) && !(c.email && suppressed.has(c.email.toLowerCase())));
}

async function* hashed(batches: AsyncIterable<Contact[]>, platform: AdPlatform, countryCode: string) {
  for await (const batch of batches)
    for (const c of await allowed(batch)) {
      const line = audienceLine(c, platform, countryCode);
      if (line) yield line as CsvValue[];
    }
}

async function* segmentBatches(id: unknown): AsyncGenerator<Contact[]> {
  const row = await loadSegment(id);
  const definition = requireDefinition(row);
  const refs = await resolveReferences(definition, row.id);
  if (!refs.ok) throw new AppError('CONFLICT', 'segments.errors.invalidDefinition');
  let batch: Contact[] = [];
  for await (const m of streamSegmentMembers(rawDb(), definition, { resolveSegment: refs.resolve, batchSize: 1000 })) {
    batch.push({ id: m.id, email: m.email, phone: m.phone });
    if (batch.length === 1000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

async function* campaignBatches(campaignId: number, holdout: Set<number>): AsyncGenerator<Contact[]> {
  for (let after = 0; ; ) {
    const page = await audiencePage(db, campaignId, after, 1000);
    if (!page.length) return;
    after = page.at(-1)!.customerId;
    // the holdout must receive nothing, ads included
    yield page.filter((r) => !holdout.has(r.variantId)).map((r) => ({ id: r.customerId, ...r }));
  }
}

/**
 * A segment's or a campaign's audience as a Google Customer Match or Meta custom-audience CSV: SHA-256 hashes of the
 * platform-normalised e-mail and phone (lib/engine/ads/normalise.ts), only customers with ads consent, never a
 * suppressed address, never the campaign's holdout. customers:export (marketers and admins); audit-logged before
 * the first byte, so the route is POST-only.
 */
export async function adAudienceCsv(
  actor: Actor | null,
  source: { segmentId: unknown } | { campaignId: unknown },
  input: unknown,
) {
  const user = authorize(actor, 'customers:export');
  const { platform, countryCode } = parseInput(exportSchema, input);
  let batches: AsyncGenerator<Contact[]>;
  let target: { targetType: string; targetId: number };
  if ('segmentId' in source) {
    const row = await loadSegment(source.segmentId);
    requireDefinition(row);
    target = { targetType: 'segment', targetId: row.id };
    batches = segmentBatches(row.id);
  } else {
    const row = await loadCampaign(parseCampaignId(source.campaignId));
    if (row.status === 'draft' || row.status === 'scheduled')
      throw new AppError('CONFLICT', 'campaigns.errors.assignedAtLaunch');
    const holdout = new Set(row.variants.filter((v) => v.key === HOLDOUT_KEY).map((v) => v.id));
    target = { targetType: 'campaign', targetId: row.id };
    batches = campaignBatches(row.id, holdout);
  }
  await writeAudit(db, {
    actorType: 'user',
    actorId: user.userId,
    action: 'audience.ad_export',
    ...target,
    details: { platform, countryCode },
  });
  return {
    header: [...AD_HEADERS[platform]],
    rows: hashed(batches, platform, countryCode),
    fileName: `${target.targetType}-${target.targetId}-${platform === 'google' ? 'customer-match' : 'meta-audience'}.csv`,
  };
}
