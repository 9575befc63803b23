import 'server-only';
import { db } from '@/lib/db/client';
import { latestRealDataTime, pastClickRate, purchaseBaseline } from '@/lib/db/campaigns';
import { planCampaign, type Baseline, type Channel, type Goal, type Plan } from '@/lib/engine/campaign';
import { planInputSchema } from '@/lib/schemas/campaign';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import { audienceSize, sampleEligible } from './audience';
import { HOUR_MS } from './shared';
import { FUTURE_TOLERANCE_MS } from '@/lib/import/dates';

/** Typical click rates per channel, used until the shop has run campaigns of its own on that channel. */
const DEFAULT_CLICK_RATE: Record<Channel, number> = { email: 0.025, sms: 0.02, push: 0.035, onsite: 0.015 };

export type BaselineInfo = Baseline & {
  source: 'shop' | 'default';
  sampled: number;
  clickSource: 'shop' | 'default';
  purchaseRate: number;
  clickRate: number;
};

const cache = new Map<string, { at: number; value: BaselineInfo }>();
/** Rows dated up to a day ahead are clock skew; anything later is ignored by the baseline. */
const TTL = 10 * 60_000;

/**
 * The shop's own baseline for the audience: share of eligible members who bought in a window of the campaign's
 * length and their revenue (mean, sd), averaged over the last four such windows before the newest data; the click
 * rate of past campaigns on the channel (or a typical rate for it).
 */
export async function audienceBaseline(
  segmentId: number,
  channel: Channel,
  windowHours: number,
): Promise<BaselineInfo> {
  const key = `${segmentId}:${channel}:${windowHours}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL) return hit.value;
  const sample = await sampleEligible(segmentId, channel);
  // events dated beyond the next 24 h are not data yet (a 2099 event would leave every window empty)
  const end = (await latestRealDataTime(db, Date.now() + FUTURE_TOLERANCE_MS)) ?? Date.now();
  const b = await purchaseBaseline(db, sample, end, windowHours * HOUR_MS);
  const click = await pastClickRate(db, channel);
  const value: BaselineInfo = {
    rate: b.rate,
    purchaseRate: b.rate,
    clickRate: click ?? DEFAULT_CLICK_RATE[channel],
    revenueMean: b.revenueMean,
    revenueSd: b.revenueSd,
    source: b.rate > 0 ? 'shop' : 'default',
    clickSource: click === null ? 'default' : 'shop',
    sampled: sample.length,
  };
  cache.set(key, { at: Date.now(), value });
  return value;
}

/** Shares in analysis order (holdout first), from the variants' weights. */
export function sharesFor(holdoutShare: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const messages = weights.map((w) => ((1 - holdoutShare) * w) / total);
  return holdoutShare > 0 ? [holdoutShare, ...messages] : messages;
}

export function planFrom(
  goal: Goal,
  baseline: BaselineInfo,
  input: {
    holdoutShare: number;
    weights: number[];
    minimumDetectableEffect: number;
    audienceSize: number;
    attributionWindowHours: number;
    sendDays: number;
  },
): Plan {
  const shares = sharesFor(input.holdoutShare, input.weights);
  if (shares.length < 2) return { type: 'insufficient-data', reason: 'needTwoArms' };
  // A click goal compares messages with each other: the holdout cannot click.
  const planShares =
    goal === 'click' && input.holdoutShare > 0 ? shares.slice(1).map((s) => s / (1 - input.holdoutShare)) : shares;
  const rate = goal === 'click' ? baseline.clickRate : baseline.purchaseRate;
  const audience =
    goal === 'click' && input.holdoutShare > 0
      ? Math.floor(input.audienceSize * (1 - input.holdoutShare))
      : input.audienceSize;
  const plan = planCampaign({
    goal,
    baseline: { ...baseline, rate },
    shares: planShares,
    minimumDetectableEffect: input.minimumDetectableEffect,
    audienceSize: audience,
    attributionWindowHours: input.attributionWindowHours,
    sendDays: input.sendDays,
  });
  if (plan.type !== 'ok' || !(goal === 'click' && input.holdoutShare > 0)) return plan;
  // put the holdout back in front, sized by its share of the planned total
  const total = Math.ceil(plan.total / (1 - input.holdoutShare));
  return { ...plan, perArm: [Math.ceil(total * input.holdoutShare), ...plan.perArm], total };
}

/** The power and duration panel of the campaign form. */
export async function planForForm(actor: Actor | null, input: unknown) {
  authorize(actor, 'campaigns:edit');
  const p = parseInput(planInputSchema, input);
  const weights =
    p.weights && p.weights.length === p.variants ? p.weights : Array.from({ length: p.variants }, () => 1);
  const audience = await audienceSize(p.segmentId, p.channel);
  const baseline = await audienceBaseline(p.segmentId, p.channel, p.attributionWindowHours);
  const plan = planFrom(p.goal, baseline, {
    holdoutShare: p.holdoutShare,
    weights,
    minimumDetectableEffect: p.minimumDetectableEffect,
    audienceSize: audience.eligible,
    attributionWindowHours: p.attributionWindowHours,
    sendDays: p.sendDays,
  });
  return { audience, baseline, plan };
}
export type FormPlan = Awaited<ReturnType<typeof planForForm>>;
