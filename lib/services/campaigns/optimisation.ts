import 'server-only';
import { db } from '@/lib/db/client';
import { customerFeatures, outcomePage, type CampaignRow, type CustomerFeatures } from '@/lib/db/campaigns';
import { HOLDOUT_KEY, trainUpliftTargeting, type Channel, type UpliftTargeting } from '@/lib/engine/campaign';
import { AppError } from '@/lib/errors';
import { upliftInputSchema } from '@/lib/schemas/campaign';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import { sampleEligible } from './audience';
import { DAY_MS, loadCampaign } from './shared';

/** The features of the uplift models, in order (names are i18n keys under campaigns.optimise.features). */
export const UPLIFT_FEATURES = ['orders', 'spend', 'recency', 'tenure', 'female', 'male', 'age', 'clicks'] as const;

function featureVector(f: CustomerFeatures, at: number): number[] {
  const recencyDays = f.lastOrderAt === null ? 730 : Math.min(730, (at - f.lastOrderAt) / DAY_MS);
  const tenureYears = f.signupAt === null ? 1 : Math.max(0, (at - f.signupAt) / (365 * DAY_MS));
  const year = new Date(at).getUTCFullYear();
  const age = f.birthYear && f.birthYear > 1900 ? Math.min(90, Math.max(14, year - f.birthYear)) : 38;
  return [
    Math.log1p(f.orders),
    Math.log1p(f.spend),
    recencyDays / 365,
    tenureYears,
    f.gender === 'female' ? 1 : 0,
    f.gender === 'male' ? 1 : 0,
    age / 100,
    Math.log1p(f.clicks),
  ];
}

async function featuresFor(ids: number[], at: number): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (let i = 0; i < ids.length; i += 1000) {
    for (const f of await customerFeatures(db, ids.slice(i, i + 1000), at)) out.set(f.customerId, featureVector(f, at));
  }
  return out;
}

const MAX_TRAINING = 60_000;
const MAX_CANDIDATES = 50_000;

/**
 * Uplift targeting trained on this campaign: the message arms are "treated", the holdout is the control, the
 * outcome is a purchase in the window; features are the customers' history before the campaign. Candidates for
 * the next send are the campaign's audience today, or another saved segment's eligible members.
 */
export async function computeUplift(
  row: CampaignRow,
  opts: { targetSegmentId: number | null; valuePerConversion: number; costPerContact: number; budget: number | null },
): Promise<UpliftTargeting & { candidates?: number }> {
  const holdout = row.variants.find((v) => v.key === HOLDOUT_KEY);
  if (!holdout) return { type: 'insufficient-data', reason: 'needHoldout' };
  if (!row.startedAt) return { type: 'insufficient-data', reason: 'notStarted' };
  const training: { customerId: number; treated: 0 | 1; outcome: 0 | 1 }[] = [];
  for (let after = 0; training.length < MAX_TRAINING; ) {
    const page = await outcomePage(db, row.id, after, 5000);
    if (!page.length) break;
    after = page.at(-1)!.customerId;
    for (const o of page)
      training.push({
        customerId: o.customerId,
        treated: o.variantId === holdout.id ? 0 : 1,
        outcome: o.converted ? 1 : 0,
      });
  }
  const start = row.startedAt.getTime();
  const trainFeatures = await featuresFor(
    training.map((t) => t.customerId),
    start,
  );
  const now = Date.now();
  const candidateIds = opts.targetSegmentId
    ? await sampleEligible(opts.targetSegmentId, row.channel as Channel, MAX_CANDIDATES)
    : training.map((t) => t.customerId);
  const candidateFeatures = await featuresFor(candidateIds, now);
  const result = trainUpliftTargeting({
    names: UPLIFT_FEATURES,
    training: training.map((t) => ({
      features: trainFeatures.get(t.customerId)!,
      treated: t.treated,
      outcome: t.outcome,
    })),
    candidates: candidateIds.map((id) => candidateFeatures.get(id)!),
    valuePerConversion: opts.valuePerConversion,
    costPerContact: opts.costPerContact,
    budget: opts.budget ?? Infinity,
    seed: row.id,
  });
  return { ...result, candidates: candidateIds.length };
}

/**
 * The optimisation panel: Qini chart, model comparison and whom to target next under a budget. Training models is an
 * action (marketers and admins); managers read results and may refresh them, but do not train.
 */
export async function getUpliftTargeting(actor: Actor | null, input: unknown) {
  authorize(actor, 'campaigns:edit');
  const p = parseInput(upliftInputSchema, input);
  const row = await loadCampaign(p.id);
  if (row.status === 'draft' || row.status === 'scheduled')
    throw new AppError('CONFLICT', 'campaigns.optimise.notStarted');
  const result = await computeUplift(row, {
    targetSegmentId: p.targetSegmentId,
    valuePerConversion: p.valuePerConversion,
    costPerContact: p.costPerContact,
    budget: p.budget,
  });
  if (result.type !== 'ok') return result;
  const { selected: _selected, ...selection } = result.selection;
  return { ...result, selection };
}
export type UpliftView = Awaited<ReturnType<typeof getUpliftTargeting>>;
