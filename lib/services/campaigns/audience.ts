import 'server-only';
import { db } from '@/lib/db/client';
import {
  assignedCustomerIds,
  insertAssignments,
  findSegmentForCampaign,
  segmentDefinitions,
  type CampaignRow,
  type NewAssignment,
} from '@/lib/db/campaigns';
import { countSegment, streamSegmentMembers } from '@/lib/db/segments/queries';
import { armFromBucket, hashUnit, waveOf, type Channel } from '@/lib/engine/campaign';
import { AppError } from '@/lib/errors';
import { parseSegmentDefinition, type SegmentDefinition } from '@/lib/schemas/segment';
import { audienceDefinition, armsOf } from './shared';
import { rawDb } from '@/lib/db/connections';

/** Consent filter of the segment queries: members reachable on the channel; on-site banners need no consent. */
const reach = (channel: Channel) => (channel === 'onsite' ? undefined : channel);

export type Member = { id: number; externalId: string };

/** Segment members eligible for the channel (consent and an address), in customer-id order. */
export async function* eligibleMembers(
  definition: SegmentDefinition,
  channel: Channel,
  resolve: (id: number) => unknown,
): AsyncGenerator<Member> {
  for await (const m of streamSegmentMembers(rawDb(), definition, {
    channel: reach(channel),
    resolveSegment: resolve,
    batchSize: 2000,
  }))
    yield { id: m.id, externalId: m.externalId };
}

async function definitionOf(segmentId: number) {
  const segment = await findSegmentForCampaign(db, segmentId);
  if (!segment || segment.archivedAt)
    throw new AppError('INVALID_INPUT', 'campaigns.errors.segment', undefined, {
      fieldErrors: { segmentId: [{ key: 'campaigns.errors.segment' }] },
    });
  const parsed = parseSegmentDefinition(segment.definition);
  if (!parsed.ok)
    throw new AppError('INVALID_INPUT', 'campaigns.errors.segmentInvalid', undefined, {
      fieldErrors: { segmentId: [{ key: 'campaigns.errors.segmentInvalid' }] },
    });
  const defs = await segmentDefinitions(db);
  return { segment, definition: parsed.definition, resolve: (id: number) => defs.get(id) };
}

/** Members of a saved segment and how many of them the channel may reach. */
export async function audienceSize(
  segmentId: number,
  channel: Channel,
): Promise<{ members: number; eligible: number; segmentName: string }> {
  const { segment, definition, resolve } = await definitionOf(segmentId);
  const count = await countSegment(rawDb(), definition, { resolveSegment: resolve });
  return {
    members: count.total,
    eligible: channel === 'onsite' ? count.total : count.reachable[channel],
    segmentName: segment.name,
  };
}

/** A deterministic sample of up to `size` eligible members (reservoir sampling ordered by the hash of the id). */
export async function sampleEligible(segmentId: number, channel: Channel, size = 5000): Promise<number[]> {
  const { definition, resolve } = await definitionOf(segmentId);
  const kept: { h: number; id: number }[] = [];
  for await (const m of eligibleMembers(definition, channel, resolve)) {
    kept.push({ h: hashUnit('baseline-sample', m.externalId), id: m.id });
    if (kept.length > size * 4) {
      kept.sort((a, b) => a.h - b.h);
      kept.length = size;
    }
  }
  return kept
    .sort((a, b) => a.h - b.h)
    .slice(0, size)
    .map((k) => k.id);
}

/**
 * Assigns the eligible members of one sending wave that are not assigned yet: the arm comes from the hash of the
 * customer and the campaign salt under `weights` (the fixed split, or Thompson shares for this wave). Messages are
 * recorded as exposed at `at`; the holdout is assigned but not exposed. Idempotent: a re-run skips those assigned.
 */
export async function assignWave(
  row: CampaignRow,
  {
    wave,
    waves,
    weights,
    at,
    onProgress,
    signal,
  }: {
    wave: number;
    waves: number;
    weights: { key: string; weight: number }[];
    at: Date;
    onProgress?: (done: number) => void;
    signal?: AbortSignal;
  },
) {
  const { definition, resolve } = await audienceDefinition(row);
  const arms = armsOf(row);
  const variantId = new Map(arms.map((a) => [a.key, a.variantId]));
  let members = 0;
  let assigned = 0;
  let batch: Member[] = [];
  const flush = async () => {
    const already = await assignedCustomerIds(
      db,
      row.id,
      batch.map((m) => m.id),
    );
    const rows: NewAssignment[] = batch
      .filter((m) => !already.has(m.id))
      .map((m) => {
        const arm = armFromBucket(hashUnit(row.salt, m.externalId), weights, row.holdoutShare);
        return {
          campaignId: row.id,
          customerId: m.id,
          variantId: variantId.get(arm.key)!,
          assignedAt: at,
          exposedAt: arm.isHoldout ? null : at,
          exposures: arm.isHoldout ? 0 : 1,
          wave,
        };
      });
    await insertAssignments(db, rows);
    assigned += rows.length;
    batch = [];
    onProgress?.(members);
  };
  for await (const m of eligibleMembers(definition, row.channel as Channel, resolve)) {
    if (signal?.aborted) throw new Error('cancelled');
    if (waves > 1 && waveOf(row.salt, m.externalId, waves) !== wave) continue;
    members += 1;
    batch.push(m);
    if (batch.length >= 1000) await flush();
  }
  if (batch.length) await flush();
  return { members, assigned };
}
