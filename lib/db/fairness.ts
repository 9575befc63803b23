import type { DbOrTx } from './transaction';

/** What the fairness reports read: customers' group fields, campaign audiences and outcomes. No rules here. */

export type CustomerGroupFields = {
  id: number;
  gender: string | null;
  birthYear: number | null;
  region: string | null;
  attributes: unknown;
  lifecycle: string | null;
};

/** Group fields of every customer that is not erased, in id order. */
export async function listCustomerGroupFields(db: DbOrTx): Promise<CustomerGroupFields[]> {
  const rows = await db.customer.findMany({
    where: { erasedAt: null },
    select: {
      id: true,
      gender: true,
      birthYear: true,
      region: true,
      attributes: true,
      profile: { select: { lifecycle: true } },
    },
    orderBy: { id: 'asc' },
  });
  return rows.map(({ profile, ...r }) => ({ ...r, lifecycle: profile?.lifecycle ?? null }));
}

/** Keys found in the free customer attributes of a sample of customers (what an admin can mark as sensitive). */
export async function sampleAttributeKeys(db: DbOrTx, take = 2000): Promise<string[]> {
  const rows = await db.customer.findMany({ select: { attributes: true }, orderBy: { id: 'desc' }, take });
  const keys = new Set<string>();
  for (const r of rows) {
    if (r.attributes && typeof r.attributes === 'object' && !Array.isArray(r.attributes)) {
      for (const k of Object.keys(r.attributes)) keys.add(k);
    }
  }
  return [...keys].sort();
}

/** A campaign's assigned customers: whether they are in the holdout and whether they converted. */
export async function listCampaignAudience(db: DbOrTx, campaignId: number) {
  const [assignments, outcomes] = await Promise.all([
    db.campaignAssignment.findMany({
      where: { campaignId },
      select: { customerId: true, variant: { select: { isControl: true } } },
    }),
    db.campaignOutcome.findMany({ where: { campaignId, converted: true }, select: { customerId: true } }),
  ]);
  const converted = new Set(outcomes.map((o) => o.customerId));
  return assignments.map((a) => ({
    customerId: a.customerId,
    isControl: a.variant.isControl,
    converted: converted.has(a.customerId),
  }));
}

export function listFairnessCampaigns(db: DbOrTx, createdById?: string) {
  return db.campaign.findMany({
    where: createdById ? { createdById } : undefined,
    select: { id: true, name: true, status: true, segmentId: true, createdById: true },
    orderBy: { id: 'desc' },
  });
}

export function listFairnessSegments(db: DbOrTx, createdById?: string) {
  return db.segment.findMany({
    where: { archivedAt: null, ...(createdById ? { createdById } : {}) },
    select: { id: true, name: true, createdById: true },
    orderBy: { id: 'desc' },
  });
}

export function listFairnessRuns(db: DbOrTx) {
  return db.recModelRun.findMany({
    where: { status: 'completed' },
    select: { id: true, model: true, version: true, params: true, isServing: true, completedAt: true },
    orderBy: { id: 'desc' },
    take: 20,
  });
}
