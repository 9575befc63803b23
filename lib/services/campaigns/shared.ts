import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db/client';
import { findCampaign, segmentDefinitions, type CampaignRow, type Tx } from '@/lib/db/campaigns';
import { writeAudit } from '@/lib/db/audit';
import { HOLDOUT_KEY, plannedShares, type ArmInfo, type Channel, type Goal } from '@/lib/engine/campaign';
import { AppError } from '@/lib/errors';
import { campaignIdSchema, parseSettings, type CampaignSettings, type CampaignStatus } from '@/lib/schemas/campaign';
import { parseSegmentDefinition, type SegmentDefinition } from '@/lib/schemas/segment';
import type { Actor } from '../auth/actor';
import { actorRef } from '../auth/actor';
import { parseInput } from '../validate';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function parseCampaignId(id: unknown): number {
  return parseInput(campaignIdSchema, id);
}

export async function loadCampaign(id: number, client: Parameters<typeof findCampaign>[0] = db): Promise<CampaignRow> {
  const row = await findCampaign(client, id);
  if (!row) throw new AppError('NOT_FOUND', 'campaigns.errors.notFound');
  return row;
}

export function settingsOf(row: Pick<CampaignRow, 'settings'>): CampaignSettings {
  return parseSettings(row.settings);
}

/** Arms in analysis order: the holdout first when there is one, then the messages in their order. */
export function armsOf(
  row: CampaignRow,
): { variantId: number; key: string; name: string; isHoldout: boolean; weight: number }[] {
  const holdout = row.variants.filter((v) => v.key === HOLDOUT_KEY);
  const messages = row.variants.filter((v) => v.key !== HOLDOUT_KEY);
  return [...holdout, ...messages].map((v) => ({
    variantId: v.id,
    key: v.key,
    name: v.name,
    isHoldout: v.key === HOLDOUT_KEY,
    weight: v.weight,
  }));
}

export function armInfos(row: CampaignRow): ArmInfo[] {
  const arms = armsOf(row);
  const shares = plannedShares(
    arms.map((a) => ({ key: a.key, weight: a.weight, isHoldout: a.isHoldout })),
    row.holdoutShare,
  );
  return arms.map((a, i) => ({ key: a.key, name: a.name, isHoldout: a.isHoldout, plannedShare: shares[i]! }));
}

export function messagesOf(row: CampaignRow) {
  return row.variants.filter((v) => v.key !== HOLDOUT_KEY).map((v) => ({ key: v.key, weight: v.weight, id: v.id }));
}

export const channelOf = (row: Pick<CampaignRow, 'channel'>) => row.channel as Channel;
export const goalOf = (row: Pick<CampaignRow, 'goal'>) => row.goal as Goal;
export const statusOf = (row: Pick<CampaignRow, 'status'>) => row.status as CampaignStatus;

/** The campaign's segment definition, parsed again (it is JSON), with every saved definition for nested references. */
export async function audienceDefinition(
  row: CampaignRow,
): Promise<{ definition: SegmentDefinition; resolve: (id: number) => unknown }> {
  if (!row.segment) throw new AppError('INVALID_INPUT', 'campaigns.errors.noSegment');
  const parsed = parseSegmentDefinition(row.segment.definition);
  if (!parsed.ok) throw new AppError('INVALID_INPUT', 'campaigns.errors.segmentDefinition', { name: row.segment.name });
  const defs = await segmentDefinitions(db);
  return { definition: parsed.definition, resolve: (id) => defs.get(id) };
}

export function newSalt() {
  return randomBytes(12).toString('base64url');
}

export function newSecret() {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

export function audit(
  tx: Tx,
  actor: Actor | null,
  action: string,
  campaignId: number,
  details?: Record<string, unknown>,
) {
  const who = actor ? actorRef(actor) : { actorType: 'system', actorId: null };
  return writeAudit(tx, {
    actorType: who.actorType as 'user' | 'api_key' | 'system',
    actorId: who.actorId,
    action,
    targetType: 'campaign',
    targetId: campaignId,
    details,
  });
}

/** Throws CONFLICT unless the campaign is in one of the statuses. */
export function requireStatus(
  row: Pick<CampaignRow, 'status'>,
  allowed: readonly CampaignStatus[],
  what: 'edited' | 'deleted' | 'scheduled' | 'unscheduled' | 'stopped' | 'completed' | 'simulated',
) {
  if (!allowed.includes(statusOf(row)))
    throw new AppError('CONFLICT', `campaigns.errors.wrongStatus.${what}`, {
      status: { key: `campaigns.status.${statusOf(row)}` },
    });
}
