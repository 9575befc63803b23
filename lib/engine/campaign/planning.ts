/**
 * The power and duration panel: how many customers the test needs to detect a minimum effect, whether the audience
 * is large enough, the smallest effect the audience can detect, and how long the test will take.
 */
import { computeSampleSizeForMeans, computeSampleSizeForProportions } from '../../stats/index';
import { DAY_MS, type Goal } from './types';

export type Baseline = {
  /** rate of the goal event per customer over one attribution window (click or purchase) */
  rate: number;
  /** revenue per customer over one window: mean and standard deviation */
  revenueMean: number;
  revenueSd: number;
};

export type PlanInput = {
  goal: Goal;
  baseline: Baseline;
  /** traffic share per arm, the reference arm (holdout, else first message) first; sums to 1 */
  shares: readonly number[];
  /** relative minimum detectable effect, e.g. 0.1 for +10 % */
  minimumDetectableEffect: number;
  alpha?: number;
  power?: number;
  /** eligible customers (segment members with consent for the channel) */
  audienceSize: number;
  attributionWindowHours: number;
  /** days over which the audience is sent (1 for a single send; more under adaptive allocation) */
  sendDays?: number;
};

export type Plan =
  | {
      type: 'ok';
      /** customers needed per arm, in the order of `shares` */
      perArm: number[];
      total: number;
      isAudienceEnough: boolean;
      /** smallest relative effect the whole audience can detect with the same power (null: none below +500 %) */
      achievableEffect: number | null;
      /** days from the first send until the last window closes */
      days: number;
      alphaPerComparison: number;
    }
  | { type: 'insufficient-data'; reason: PlanShortfall };

/**
 * Why a plan cannot be made (a code the UI words through the catalogue, campaigns.plan.shortfall): fewer than two
 * arms to compare (the service's check), an arm without a share, no baseline rate or revenue in the shop's history,
 * or an effect that would push the rate above 100 %.
 */
export const PLAN_SHORTFALLS = [
  'needTwoArms',
  'zeroShare',
  'noBaselineRate',
  'noBaselineRevenue',
  'rateAboveOne',
] as const;
export type PlanShortfall = (typeof PLAN_SHORTFALLS)[number];

function needed(input: PlanInput, mde: number): { perArm: number[]; alphaPerComparison: number } {
  const { goal, baseline, shares, alpha = 0.05, power = 0.8 } = input;
  if (goal !== 'revenue') {
    const p = computeSampleSizeForProportions({
      baselineRate: baseline.rate,
      minimumDetectableEffect: mde,
      effectType: 'relative',
      split: shares,
      alpha,
      power,
    });
    return { perArm: p.sampleSizePerArm, alphaPerComparison: p.alphaPerComparison };
  }
  // Welch/t-test with unequal arms: the equal-arm n gives Var = 2σ²/n; arms of shares s_c, s_t need a total N with
  // 1/(N s_c) + 1/(N s_t) = 2/n (the same variance of the difference).
  const comparisons = shares.length - 1;
  const alphaPerComparison = comparisons > 1 ? alpha / comparisons : alpha;
  const n = computeSampleSizeForMeans({
    standardDeviation: baseline.revenueSd,
    minimumDetectableEffect: mde * baseline.revenueMean,
    alpha: alphaPerComparison,
    power,
  }).exact;
  let total = 0;
  for (let i = 1; i < shares.length; i += 1) total = Math.max(total, (n * (1 / shares[0]! + 1 / shares[i]!)) / 2);
  return { perArm: shares.map((s) => Math.ceil(total * s - 1e-9)), alphaPerComparison };
}

/**
 * Plans the test from the shop's own baseline. Conversion goals use the two-proportion design (Fleiss; R
 * `power.prop.test`), revenue the two-sample t design (R `power.t.test`) with a Bonferroni split of α over the
 * comparisons with the reference. The achievable effect is found by bisection on the relative effect.
 * @example planCampaign({ goal: 'purchase', baseline: { rate: 0.05, revenueMean: 10, revenueSd: 60 }, shares: [0.1, 0.45, 0.45],
 *   minimumDetectableEffect: 0.2, audienceSize: 20_000, attributionWindowHours: 168 })
 */
export function planCampaign(input: PlanInput): Plan {
  const {
    goal,
    baseline,
    shares,
    minimumDetectableEffect: mde,
    audienceSize,
    attributionWindowHours,
    sendDays = 1,
  } = input;
  const fn = 'planCampaign';
  if (shares.length < 2) throw new RangeError(`${fn}: need at least 2 arms`);
  if (!(mde > 0)) throw new RangeError(`${fn}: minimumDetectableEffect must be > 0`);
  if (shares.some((s) => !(s > 0))) return { type: 'insufficient-data', reason: 'zeroShare' };
  if (goal !== 'revenue' && !(baseline.rate > 0 && baseline.rate < 1))
    return { type: 'insufficient-data', reason: 'noBaselineRate' };
  if (goal === 'revenue' && !(baseline.revenueMean > 0 && baseline.revenueSd > 0))
    return { type: 'insufficient-data', reason: 'noBaselineRevenue' };
  if (goal !== 'revenue' && baseline.rate * (1 + mde) >= 1)
    return { type: 'insufficient-data', reason: 'rateAboveOne' };
  const plan = needed(input, mde);
  const total = plan.perArm.reduce((a, b) => a + b, 0);
  let achievableEffect: number | null = null;
  const fits = (e: number) => {
    if (goal !== 'revenue' && baseline.rate * (1 + e) >= 1) return false;
    return needed(input, e).perArm.every((n, i) => n <= Math.floor(audienceSize * shares[i]!));
  };
  if (audienceSize > 0 && fits(5)) {
    let lo = 1e-4;
    let hi = 5;
    if (fits(lo)) achievableEffect = lo;
    else {
      for (let k = 0; k < 60 && hi - lo > 1e-4; k += 1) {
        const mid = Math.sqrt(lo * hi);
        if (fits(mid)) hi = mid;
        else lo = mid;
      }
      achievableEffect = hi;
    }
  }
  return {
    type: 'ok',
    perArm: plan.perArm,
    total,
    isAudienceEnough: plan.perArm.every((n, i) => n <= Math.floor(audienceSize * shares[i]!)),
    achievableEffect,
    days: Math.max(1, sendDays - 1 + Math.ceil((attributionWindowHours * 3_600_000) / DAY_MS)),
    alphaPerComparison: plan.alphaPerComparison,
  };
}

/**
 * τ² of the always-valid test, fixed at launch from the planned sample: the variance of the estimated difference
 * between the reference and the smallest other arm at the planned size.
 */
export function plannedVarianceOfDifference({
  goal,
  baseline,
  perArm,
}: {
  goal: Goal;
  baseline: Baseline;
  perArm: readonly number[];
}): number | null {
  if (perArm.length < 2 || perArm.some((n) => !(n > 0))) return null;
  const unit = goal === 'revenue' ? baseline.revenueSd ** 2 : baseline.rate * (1 - baseline.rate);
  if (!(unit > 0)) return null;
  const smallest = Math.min(...perArm.slice(1));
  return unit * (1 / perArm[0]! + 1 / smallest);
}
