import 'server-only';
import { db } from '@/lib/db/client';
import { listCampaignAudience } from '@/lib/db/fairness';
import { type GroupArms, computeLiftByGroup } from '@/lib/engine/fairness/lift';
import { computeSelectionReport } from '@/lib/engine/fairness/selection';
import { AppError } from '@/lib/errors';
import { can } from '@/lib/security/roles';
import { authorize, type Actor, type UserActor } from '../auth/actor';
import { loadCampaign, parseCampaignId } from '../campaigns/shared';
import { loadSegment, requireDefinition, resolveReferences } from '../segments/common';
import { isPrivateViewer } from '../privacy/settings';
import { memberIds } from '../segments/lookalike';
import { customerGroups, UNKNOWN } from './groups';

/** Marketers see the fairness of the segments and campaigns they created; managers and admins see all. */
export function assertOwnerOrReader(user: UserActor, createdById: string) {
  if (!can(user.role, 'trust:read-all') && createdById !== user.userId) {
    throw new AppError('FORBIDDEN', 'errors.forbidden', { permission: 'trust:read-all' });
  }
}

const AGE_BANDS = ['<25', '25-34', '35-44', '45-54', '55-64', '65+', UNKNOWN];
const ageOrder = (band: string) => AGE_BANDS.indexOf(band);

function selectionByDimension(groups: Awaited<ReturnType<typeof customerGroups>>, selected: ReadonlySet<number>) {
  return groups.dimensions.map((dimension) => {
    const counts = new Map<string, { n: number; selected: number }>();
    for (const [id, labels] of groups.byId) {
      const g = labels[dimension] ?? UNKNOWN;
      const c = counts.get(g) ?? { n: 0, selected: 0 };
      c.n++;
      if (selected.has(id)) c.selected++;
      counts.set(g, c);
    }
    const rows = [...counts.entries()]
      .map(([group, c]) => ({ group, ...c }))
      .sort((a, b) =>
        dimension === 'age' ? ageOrder(a.group) - ageOrder(b.group) : b.n - a.n || a.group.localeCompare(b.group),
      );
    return { dimension, report: computeSelectionReport(rows) };
  });
}

/**
 * Selection rate per group of a saved segment's members among all customers, with parity and the 4/5 flag. A manager
 * under differential privacy gets segment sizes only as noisy releases, so the exact breakdown is refused (409).
 */
export async function getSegmentFairness(actor: Actor | null, id: unknown) {
  const user = authorize(actor, 'trust:view');
  if (await isPrivateViewer(user.role)) throw new AppError('CONFLICT', 'fairness.errors.privateSegment');
  const row = await loadSegment(id);
  assertOwnerOrReader(user, row.createdById);
  const definition = requireDefinition(row);
  const refs = await resolveReferences(definition, row.id);
  if (!refs.ok) throw new AppError('CONFLICT', 'segments.errors.invalidDefinition');
  const [ids, groups] = await Promise.all([memberIds(definition, refs.resolve), customerGroups()]);
  const selected = new Set(ids.filter((i) => groups.byId.has(i)));
  return {
    kind: 'segment' as const,
    id: row.id,
    name: row.name,
    population: groups.byId.size,
    selected: selected.size,
    dimensions: selectionByDimension(groups, selected),
    lift: null,
  };
}

/**
 * A campaign's audience (everyone assigned, holdout included) as selection rates per group, and its treatment
 * effect per group: conversion of the message arms against the holdout with 95% intervals.
 */
export async function getCampaignFairness(actor: Actor | null, id: unknown) {
  const user = authorize(actor, 'trust:view');
  const campaign = await loadCampaign(parseCampaignId(id));
  assertOwnerOrReader(user, campaign.createdById);
  const [audience, groups] = await Promise.all([listCampaignAudience(db, campaign.id), customerGroups()]);
  const selected = new Set(audience.map((a) => a.customerId).filter((i) => groups.byId.has(i)));
  const hasHoldout = audience.some((a) => a.isControl);
  const lift = !hasHoldout
    ? null
    : groups.dimensions.map((dimension) => {
        const arms = new Map<string, GroupArms>();
        for (const a of audience) {
          const g = groups.byId.get(a.customerId)?.[dimension] ?? UNKNOWN;
          const row = arms.get(g) ?? {
            group: g,
            control: { n: 0, conversions: 0 },
            treatment: { n: 0, conversions: 0 },
          };
          const arm = a.isControl ? row.control : row.treatment;
          arm.n++;
          if (a.converted) arm.conversions++;
          arms.set(g, row);
        }
        const rows = [...arms.values()].sort((a, b) => b.treatment.n - a.treatment.n);
        return { dimension, report: computeLiftByGroup(rows) };
      });
  return {
    kind: 'campaign' as const,
    id: campaign.id,
    name: campaign.name,
    population: groups.byId.size,
    selected: selected.size,
    dimensions: selectionByDimension(groups, selected),
    lift,
  };
}
export type AudienceFairness = Awaited<ReturnType<typeof getSegmentFairness | typeof getCampaignFairness>>;
