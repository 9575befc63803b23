/** Campaign rows and their variants (Prisma). No rules here: the services decide what may change. */
import type { DbOrTx } from '../transaction';
import { IS_PG } from '../dialect';
import type { Prisma } from '../generated/sqlite/client';

export type { Tx } from '../transaction';
type Client = DbOrTx;

export const variantSelect = {
  id: true,
  key: true,
  name: true,
  isControl: true,
  weight: true,
  subject: true,
  content: true,
  offer: true,
  recommendation: true,
} satisfies Prisma.CampaignVariantSelect;

export const campaignSelect = {
  id: true,
  name: true,
  status: true,
  channel: true,
  goal: true,
  segmentId: true,
  segment: { select: { id: true, name: true, definition: true, archivedAt: true } },
  holdoutShare: true,
  salt: true,
  allocation: true,
  attributionWindowHours: true,
  frequencyCap: true,
  scheduledAt: true,
  startedAt: true,
  endedAt: true,
  plannedSampleSize: true,
  isSimulated: true,
  settings: true,
  webhookUrl: true,
  createdById: true,
  createdBy: { select: { name: true, email: true } },
  createdAt: true,
  updatedAt: true,
  variants: { select: variantSelect, orderBy: { id: 'asc' } },
} satisfies Prisma.CampaignSelect;

export type CampaignRow = Prisma.CampaignGetPayload<{ select: typeof campaignSelect }>;

export function findCampaign(db: Client, id: number): Promise<CampaignRow | null> {
  return db.campaign.findUnique({ where: { id }, select: campaignSelect });
}

/** Campaigns the marketer made (a flow's own campaign is shown with its flow). */
export function listCampaignRows(db: Client) {
  return db.campaign.findMany({
    where: { flow: { is: null } },
    orderBy: { id: 'desc' },
    select: {
      id: true,
      name: true,
      status: true,
      channel: true,
      goal: true,
      isSimulated: true,
      holdoutShare: true,
      startedAt: true,
      endedAt: true,
      scheduledAt: true,
      createdAt: true,
      settings: true,
      segment: { select: { name: true } },
      _count: { select: { assignments: true } },
      variants: { select: { id: true, key: true, name: true, isControl: true } },
    },
  });
}

export type NewVariant = {
  key: string;
  name: string;
  isControl: boolean;
  weight: number;
  subject: string | null;
  content: string | null;
  offer: string | null;
  recommendation: Prisma.InputJsonValue | null;
};

export function createCampaignRow(
  db: Client,
  data: Omit<Prisma.CampaignUncheckedCreateInput, 'variants'>,
  variants: NewVariant[],
) {
  return db.campaign.create({
    data: {
      ...data,
      variants: { create: variants.map((v) => ({ ...v, recommendation: v.recommendation ?? undefined })) },
    },
    select: { id: true },
  });
}

export async function replaceVariants(db: Client, campaignId: number, variants: NewVariant[]) {
  await db.campaignVariant.deleteMany({ where: { campaignId } });
  for (const v of variants)
    await db.campaignVariant.create({ data: { ...v, campaignId, recommendation: v.recommendation ?? undefined } });
}

export function updateCampaignRow(db: Client, id: number, data: Prisma.CampaignUncheckedUpdateInput) {
  return db.campaign.update({ where: { id }, data, select: { id: true } });
}

/** Moves a campaign from one of `from` to a new status; 0 when it was not in one of them (a concurrent change). */
export async function transitionCampaign(
  db: Client,
  id: number,
  from: readonly string[],
  data: Prisma.CampaignUncheckedUpdateInput,
): Promise<number> {
  const { count } = await db.campaign.updateMany({ where: { id, status: { in: [...from] } }, data });
  return count;
}

export function deleteCampaignRow(db: Client, id: number) {
  return db.campaign.delete({ where: { id } });
}

export function findSegmentForCampaign(db: Client, id: number) {
  return db.segment.findUnique({ where: { id }, select: { id: true, name: true, definition: true, archivedAt: true } });
}

export function listSegmentChoices(db: Client) {
  return db.segment.findMany({
    where: { archivedAt: null },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, definition: true },
  });
}

/** Every saved segment's definition by id (for segments that refer to other segments). */
export async function segmentDefinitions(db: Client): Promise<Map<number, unknown>> {
  const rows = await db.segment.findMany({ select: { id: true, definition: true } });
  return new Map(rows.map((r) => [r.id, r.definition]));
}

/** Schedules a job to run at a given time (the shared job table; `enqueueJob` runs jobs now). */
export function scheduleJob(db: Client, input: { type: string; payload: object; runAt: Date; idempotencyKey: string }) {
  return db.job.upsert({
    where: { idempotencyKey: input.idempotencyKey },
    create: { type: input.type, payload: input.payload, runAt: input.runAt, idempotencyKey: input.idempotencyKey },
    update: {},
  });
}

export function latestJob(db: Client, keyPrefix: string) {
  return db.job.findFirst({
    where: { idempotencyKey: { startsWith: keyPrefix } },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      type: true,
      state: true,
      progress: true,
      progressNote: true,
      lastError: true,
      runAt: true,
      createdAt: true,
      finishedAt: true,
    },
  });
}

export function campaignAudit(db: Client, campaignId: number, take = 50) {
  return db.auditLog.findMany({
    where: { targetType: 'campaign', targetId: String(campaignId) },
    orderBy: { id: 'desc' },
    take,
    select: { id: true, at: true, actorType: true, actorId: true, action: true, details: true },
  });
}

export function usersByIds(db: Client, ids: string[]) {
  return db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } });
}

/** A campaign recorded with its own id (the demo year's), with its variants; an existing id is left as it is. */
export function createCampaignWithIdIfMissing(db: Client, data: Prisma.CampaignUncheckedCreateInput & { id: number }) {
  return db.campaign.upsert({ where: { id: data.id }, update: {}, create: data });
}

/** Explicit ids leave PostgreSQL's sequence behind; moves it past them so new campaigns get fresh ids. */
export async function syncCampaignIdSequence(db: Client) {
  if (IS_PG)
    await db.$executeRawUnsafe(
      `SELECT setval(pg_get_serial_sequence('"Campaign"', 'id'), (SELECT max("id") FROM "Campaign"))`,
    );
}
