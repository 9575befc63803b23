import 'server-only';
import { db } from '@/lib/db/client';
import { withTransaction } from '@/lib/db/transaction';
import {
  campaignAudit,
  createCampaignRow,
  deleteCampaignRow,
  latestJob,
  listCampaignRows,
  listSegmentChoices,
  replaceVariants,
  updateCampaignRow,
  usersByIds,
  type CampaignRow,
  type NewVariant,
} from '@/lib/db/campaigns';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import { AppError } from '@/lib/errors';
import {
  campaignInputSchema,
  VARIANT_KEYS,
  type CampaignInput,
  type CampaignSettings,
  type CampaignStatus,
} from '@/lib/schemas/campaign';
import { can } from '@/lib/security/roles';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import { audienceBaseline, planFrom } from './planning';
import { audienceSize } from './audience';
import { audit, loadCampaign, newSalt, newSecret, parseCampaignId, requireStatus, settingsOf } from './shared';
import { requirePublicWebhook } from './webhook';

function variantsFor(input: CampaignInput): NewVariant[] {
  const messages: NewVariant[] = input.variants.map((v, i) => ({
    key: VARIANT_KEYS[i]!,
    name: v.name,
    isControl: input.holdoutShare === 0 && i === 0,
    weight: v.weight,
    subject: v.subject,
    content: v.content,
    offer: v.offer,
    recommendation: v.recommendations ? { enabled: true, count: 4 } : null,
  }));
  if (input.holdoutShare > 0)
    messages.unshift({
      key: HOLDOUT_KEY,
      name: 'Holdout',
      isControl: true,
      weight: 0,
      subject: null,
      content: null,
      offer: null,
      recommendation: null,
    });
  return messages;
}

/** Plans the test from the shop's baseline; the planned sample size is stored so results are final only once met. */
async function planOf(input: CampaignInput) {
  const size = await audienceSize(input.segmentId, input.channel);
  const baseline = await audienceBaseline(input.segmentId, input.channel, input.attributionWindowHours);
  const plan = planFrom(input.goal, baseline, {
    holdoutShare: input.holdoutShare,
    weights: input.variants.map((v) => v.weight),
    minimumDetectableEffect: input.minimumDetectableEffect,
    audienceSize: size.eligible,
    attributionWindowHours: input.attributionWindowHours,
    sendDays: input.sendDays,
  });
  return { size, baseline, plan };
}

function settingsFor(
  input: CampaignInput,
  previous: CampaignSettings | null,
  p: Awaited<ReturnType<typeof planOf>>,
): CampaignSettings {
  return {
    ...(previous ?? {
      version: 1,
      alpha: 0.05,
      power: 0.8,
      mixingVariance: null,
      simulation: null,
      audience: null,
      allocationHistory: [],
      lastAttributionAt: null,
      lastDelivery: null,
    }),
    version: 1,
    minimumDetectableEffect: input.minimumDetectableEffect,
    sendDays: input.sendDays,
    minimumShare: input.minimumShare,
    satisfaction: input.satisfaction,
    webhookSecret: input.webhookUrl ? (previous?.webhookSecret ?? newSecret()) : null,
    plan:
      p.plan.type === 'ok'
        ? {
            perArm: p.plan.perArm,
            baseline: {
              rate: input.goal === 'click' ? p.baseline.clickRate : p.baseline.purchaseRate,
              revenueMean: p.baseline.revenueMean,
              revenueSd: p.baseline.revenueSd,
            },
            audienceSize: p.size.eligible,
            achievableEffect: p.plan.achievableEffect,
          }
        : null,
  };
}

function columnsFor(input: CampaignInput) {
  return {
    name: input.name,
    goal: input.goal,
    channel: input.channel,
    segmentId: input.segmentId,
    holdoutShare: input.holdoutShare,
    allocation: input.allocation,
    attributionWindowHours: input.attributionWindowHours,
    frequencyCap: input.frequencyCap,
    scheduledAt: input.scheduledAt,
    webhookUrl: input.webhookUrl,
  };
}

/** Creates a draft campaign (marketers and admins). */
export async function createCampaign(actor: Actor | null, input: unknown) {
  const user = authorize(actor, 'campaigns:edit');
  const data = parseInput(campaignInputSchema, input);
  await requirePublicWebhook(data.webhookUrl);
  const p = await planOf(data);
  const settings = settingsFor(data, null, p);
  return withTransaction(db, async (tx) => {
    const row = await createCampaignRow(
      tx,
      {
        ...columnsFor(data),
        salt: newSalt(),
        createdById: user.userId,
        plannedSampleSize: p.plan.type === 'ok' ? p.plan.total : null,
        settings,
      },
      variantsFor(data),
    );
    await audit(tx, user, 'campaign.create', row.id, {
      name: data.name,
      channel: data.channel,
      goal: data.goal,
      segmentId: data.segmentId,
      variants: data.variants.length,
      holdoutShare: data.holdoutShare,
    });
    return { id: row.id };
  });
}

/** Edits a draft; once scheduled or launched a campaign's design is frozen. */
export async function updateCampaign(actor: Actor | null, id: unknown, input: unknown) {
  const user = authorize(actor, 'campaigns:edit');
  const campaignId = parseCampaignId(id);
  const data = parseInput(campaignInputSchema, input);
  const row = await loadCampaign(campaignId);
  requireStatus(row, ['draft'], 'edited');
  await requirePublicWebhook(data.webhookUrl);
  const p = await planOf(data);
  await withTransaction(db, async (tx) => {
    await updateCampaignRow(tx, campaignId, {
      ...columnsFor(data),
      plannedSampleSize: p.plan.type === 'ok' ? p.plan.total : null,
      settings: settingsFor(data, settingsOf(row), p),
    });
    await replaceVariants(tx, campaignId, variantsFor(data));
    await audit(tx, user, 'campaign.update', campaignId, { name: data.name });
  });
  return { id: campaignId };
}

/** Deletes a draft (never launched, so it has no assignments or results). */
export async function deleteCampaign(actor: Actor | null, id: unknown) {
  const user = authorize(actor, 'campaigns:edit');
  const campaignId = parseCampaignId(id);
  const row = await loadCampaign(campaignId);
  requireStatus(row, ['draft'], 'deleted');
  await withTransaction(db, async (tx) => {
    await deleteCampaignRow(tx, campaignId);
    await audit(tx, user, 'campaign.delete', campaignId, { name: row.name });
  });
}

export async function listCampaigns(actor: Actor | null) {
  authorize(actor, 'campaigns:view');
  const rows = await listCampaignRows(db);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    channel: r.channel,
    goal: r.goal,
    isSimulated: r.isSimulated,
    segment: r.segment?.name ?? null,
    assigned: r._count.assignments,
    variants: r.variants.filter((v) => v.key !== HOLDOUT_KEY).length,
    hasHoldout: r.variants.some((v) => v.key === HOLDOUT_KEY),
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    scheduledAt: r.scheduledAt,
    createdAt: r.createdAt,
  }));
}
export type CampaignListItem = Awaited<ReturnType<typeof listCampaigns>>[number];

/** What the campaign pages show: the design, the plan, the current job, and the lifecycle with who did what. */
export function campaignDto(row: CampaignRow, canEdit: boolean) {
  const s = settingsOf(row);
  return {
    id: row.id,
    name: row.name,
    status: row.status as CampaignStatus,
    channel: row.channel as CampaignInput['channel'],
    goal: row.goal as CampaignInput['goal'],
    segment: row.segment ? { id: row.segment.id, name: row.segment.name } : null,
    holdoutShare: row.holdoutShare,
    allocation: row.allocation as 'fixed' | 'thompson',
    attributionWindowHours: row.attributionWindowHours,
    frequencyCap: row.frequencyCap,
    scheduledAt: row.scheduledAt,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    plannedSampleSize: row.plannedSampleSize,
    isSimulated: row.isSimulated,
    webhookUrl: row.webhookUrl,
    webhookSecret: canEdit ? s.webhookSecret : null,
    createdBy: row.createdBy.name,
    createdAt: row.createdAt,
    variants: row.variants.map((v) => ({
      id: v.id,
      key: v.key,
      name: v.name,
      isHoldout: v.key === HOLDOUT_KEY,
      weight: v.weight,
      subject: v.subject,
      content: v.content,
      offer: v.offer,
      recommendations: Boolean(v.recommendation),
    })),
    settings: {
      minimumDetectableEffect: s.minimumDetectableEffect,
      sendDays: s.sendDays,
      minimumShare: s.minimumShare,
      satisfaction: s.satisfaction,
      plan: s.plan,
      audience: s.audience,
      allocationHistory: s.allocationHistory,
      lastAttributionAt: s.lastAttributionAt,
      lastDelivery: s.lastDelivery,
    },
  };
}
export type CampaignDto = ReturnType<typeof campaignDto>;

export async function getCampaign(actor: Actor | null, id: unknown) {
  const user = authorize(actor, 'campaigns:view');
  const row = await loadCampaign(parseCampaignId(id));
  const canEdit = can(user.role, 'campaigns:edit');
  const [job, trail] = await Promise.all([latestJob(db, `campaign:${row.id}:`), campaignAudit(db, row.id)]);
  const users = new Map(
    (await usersByIds(db, [...new Set(trail.filter((t) => t.actorId).map((t) => t.actorId!))])).map((u) => [
      u.id,
      u.name,
    ]),
  );
  return {
    campaign: campaignDto(row, canEdit),
    canEdit,
    job: job
      ? {
          type: job.type,
          state: job.state,
          progress: job.progress,
          note: job.progressNote,
          error: job.lastError,
          runAt: job.runAt,
        }
      : null,
    trail: trail.map((t) => ({
      id: t.id,
      at: t.at,
      action: t.action,
      who: t.actorType === 'user' ? (users.get(t.actorId ?? '') ?? t.actorId) : t.actorType,
      details: t.details as Record<string, unknown> | null,
    })),
  };
}
export type CampaignPageData = Awaited<ReturnType<typeof getCampaign>>;

/** Values for the edit form of a draft. */
export async function getCampaignForm(actor: Actor | null, id: unknown) {
  authorize(actor, 'campaigns:edit');
  const row = await loadCampaign(parseCampaignId(id));
  requireStatus(row, ['draft'], 'edited');
  const s = settingsOf(row);
  return {
    id: row.id,
    values: {
      name: row.name,
      goal: row.goal,
      channel: row.channel,
      segmentId: row.segmentId ?? 0,
      variants: row.variants
        .filter((v) => v.key !== HOLDOUT_KEY)
        .map((v) => ({
          name: v.name,
          subject: v.subject ?? '',
          content: v.content ?? '',
          offer: v.offer ?? '',
          recommendations: Boolean(v.recommendation),
          weight: v.weight,
        })),
      holdoutShare: row.holdoutShare,
      attributionWindowHours: row.attributionWindowHours,
      frequencyCap: row.frequencyCap,
      scheduledAt: row.scheduledAt,
      allocation: row.allocation,
      minimumShare: s.minimumShare,
      sendDays: s.sendDays,
      minimumDetectableEffect: s.minimumDetectableEffect,
      webhookUrl: row.webhookUrl ?? '',
      satisfaction: s.satisfaction,
    },
  };
}

/** Saved segments a campaign can target. */
export async function listSegmentOptions(actor: Actor | null) {
  authorize(actor, 'campaigns:edit');
  const rows = await listSegmentChoices(db);
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

export function assertAudience(row: CampaignRow) {
  if (!row.segment || row.segment.archivedAt) throw new AppError('CONFLICT', 'campaigns.errors.segmentGone');
}
