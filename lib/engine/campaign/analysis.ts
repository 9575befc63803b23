/**
 * The complete analysis of a campaign from its per-arm totals and daily looks: sample-ratio check, every comparison
 * on every metric with multiple-comparison corrections, the always-valid (sequential) result of the primary metric,
 * the Bayesian view, the fixed-horizon status and the verdict. Pure: the service feeds it aggregated data.
 */
import {
  adjustPValues,
  checkSampleRatio,
  computeBayesianMeans,
  computeBayesianProportions,
  getFixedHorizonStatus,
  type FixedHorizonStatus,
} from '../../stats/index';
import { sampleSummary, proportionCounts, type ArmTotals, type DailyLook } from './aggregate';
import { testMetric, type MetricTest } from './metric-tests';
import { sequentialOverLooks, type SequentialResult } from './sequential-looks';
import { decideVerdict, type Verdict } from './verdict';
import { primaryMetric, type Goal, type MetricKey } from './types';

export type ArmInfo = { key: string; name: string; isHoldout: boolean; plannedShare: number };

export type Comparison = {
  treatment: number;
  control: number;
  /** 'incremental': a message vs the holdout (did sending work?); 'variant': a message vs the first message */
  kind: 'incremental' | 'variant';
  metrics: MetricTest[];
  /** always-valid result on the primary metric */
  sequential: SequentialResult | null;
  /** Holm-adjusted p-values of the primary metric across the comparisons (the verdict's family) */
  decision: { fixedHolm: number | null; sequentialHolm: number | null };
};

export type BayesianSummary = {
  metric: MetricKey;
  /** the arm the chances to beat are about */
  reference: number;
  /** per arm, in arm order (null for an arm left out); chanceToBeatControl is null for the reference itself */
  arms: ({ chanceToBeatControl: number | null; chanceToBeBest: number; expectedLoss: number } | null)[];
  method: 'exact' | 'monte-carlo';
} | null;

export type SrmSummary = {
  pValue: number;
  chiSquare: number;
  isMismatch: boolean;
  expectedShares: number[];
  observedShares: number[];
} | null;

export type CampaignAnalysis = {
  primaryMetric: MetricKey;
  reference: number;
  comparisons: Comparison[];
  metrics: MetricKey[];
  srm: SrmSummary;
  bayesian: BayesianSummary;
  fixedHorizon: (FixedHorizonStatus & { windowsClosed: boolean }) | null;
  verdict: Verdict;
  alpha: number;
};

/** The arm every other arm is compared with: the holdout if there is one, else the first message variant. */
export function referenceArm(arms: readonly ArmInfo[]): number {
  const holdout = arms.findIndex((a) => a.isHoldout);
  return Math.max(holdout, 0);
}

/** The metrics worth reporting for a channel: opens need no test; clicks only exist where messages can be clicked. */
export function reportedMetrics(): MetricKey[] {
  return ['clickRate', 'conversionRate', 'revenuePerUser', 'averageOrderValue', 'revenuePerBuyer'];
}

/** Comparisons: each arm vs the reference; with a holdout and several messages, also each message vs the first. */
export function planComparisons(
  arms: readonly ArmInfo[],
): { treatment: number; control: number; kind: 'incremental' | 'variant' }[] {
  const ref = referenceArm(arms);
  const out: { treatment: number; control: number; kind: 'incremental' | 'variant' }[] = [];
  arms.forEach((_a, i) => {
    if (i !== ref) out.push({ treatment: i, control: ref, kind: arms[ref]!.isHoldout ? 'incremental' : 'variant' });
  });
  const messages = arms.map((a, i) => ({ a, i })).filter((x) => !x.a.isHoldout);
  if (arms[ref]!.isHoldout && messages.length > 1) {
    const first = messages[0]!.i;
    for (const m of messages.slice(1)) out.push({ treatment: m.i, control: first, kind: 'variant' });
  }
  return out;
}

export function analyzeCampaign({
  arms,
  totals,
  looks,
  goal,
  alpha = 0.05,
  plannedSampleSizePerArm = null,
  mixingVariance = null,
  windowsClosed = false,
  expectedShares,
  hasEnded = false,
}: {
  arms: readonly ArmInfo[];
  totals: readonly ArmTotals[];
  looks: readonly DailyLook[];
  goal: Goal;
  alpha?: number;
  plannedSampleSizePerArm?: readonly number[] | null;
  mixingVariance?: number | null;
  /** every assigned customer's attribution window has ended */
  windowsClosed?: boolean;
  /** expected share per arm for the SRM check (adaptive allocation); default the planned shares */
  expectedShares?: readonly number[];
  /** the campaign is completed or stopped: the verdict is final either way */
  hasEnded?: boolean;
}): CampaignAnalysis {
  if (arms.length < 2 || arms.length !== totals.length)
    throw new RangeError('analyzeCampaign: need ≥ 2 arms and one totals entry per arm');
  const primary = primaryMetric(goal);
  const reference = referenceArm(arms);
  const metrics = reportedMetrics();
  const comparisons: Comparison[] = planComparisons(arms).map((c) => {
    const list = metrics
      // the holdout receives nothing, so it cannot click: click rates are compared between messages only
      .filter((m) => !(m === 'clickRate' && c.kind === 'incremental'))
      .map((m) => testMetric(m, totals[c.control]!, totals[c.treatment]!, alpha));
    const sequential =
      primary === 'clickRate' && c.kind === 'incremental'
        ? null
        : sequentialOverLooks({
            looks,
            control: c.control,
            treatment: c.treatment,
            metric: primary,
            alpha,
            mixingVariance,
          });
    return { ...c, metrics: list, sequential, decision: { fixedHolm: null, sequentialHolm: null } };
  });
  applyCorrections(comparisons, primary);
  const srm = sampleRatio(totals, expectedShares ?? arms.map((a) => a.plannedShare));
  const bayesian = bayesianView(arms, totals, primary);
  const fixedHorizon =
    plannedSampleSizePerArm &&
    plannedSampleSizePerArm.length === arms.length &&
    plannedSampleSizePerArm.every((n) => n >= 1)
      ? {
          ...getFixedHorizonStatus({
            plannedSampleSizePerArm: [...plannedSampleSizePerArm],
            observedPerArm: totals.map((t) => t.n),
          }),
          windowsClosed,
        }
      : null;
  const verdict = decideVerdict({
    arms,
    totals,
    comparisons,
    primary,
    srm,
    bayesian,
    fixedHorizon,
    alpha,
    reference,
    hasEnded,
  });
  return { primaryMetric: primary, reference, comparisons, metrics, srm, bayesian, fixedHorizon, verdict, alpha };
}

/** Holm and BH across every comparison × metric shown; Holm over the primary metric alone for the verdict. */
function applyCorrections(comparisons: Comparison[], primary: MetricKey): void {
  const all = comparisons.flatMap((c) => c.metrics.filter((m) => m.pValue !== null));
  const ps = all.map((m) => m.pValue as number);
  if (ps.length) {
    const holm = adjustPValues(ps, { method: 'holm' });
    const bh = adjustPValues(ps, { method: 'benjamini-hochberg' });
    all.forEach((m, i) => {
      m.holm = holm[i]!;
      m.benjaminiHochberg = bh[i]!;
    });
  }
  const fixed = comparisons.map((c) => c.metrics.find((m) => m.metric === primary)?.pValue ?? null);
  const fixedIdx = fixed.flatMap((p, i) => (p === null ? [] : [i]));
  const fixedAdj = fixedIdx.length
    ? adjustPValues(
        fixedIdx.map((i) => fixed[i]!),
        { method: 'holm' },
      )
    : [];
  fixedIdx.forEach((ci, k) => {
    comparisons[ci]!.decision.fixedHolm = fixedAdj[k]!;
  });
  const seqIdx = comparisons.flatMap((c, i) => (c.sequential?.pValue === null || c.sequential === null ? [] : [i]));
  const seqAdj = seqIdx.length
    ? adjustPValues(
        seqIdx.map((i) => comparisons[i]!.sequential!.pValue!),
        { method: 'holm' },
      )
    : [];
  seqIdx.forEach((ci, k) => {
    comparisons[ci]!.decision.sequentialHolm = seqAdj[k]!;
  });
}

function sampleRatio(totals: readonly ArmTotals[], shares: readonly number[]): SrmSummary {
  const weights = shares.map((s) => Math.max(s, 0));
  if (weights.filter((w) => w > 0).length < 2) return null;
  const keep = weights.map((w, i) => ({ w, i })).filter((x) => x.w > 0);
  const r = checkSampleRatio({ observed: keep.map((x) => totals[x.i]!.n), plannedSplit: keep.map((x) => x.w) });
  if (r.type !== 'ok') return null;
  const expectedShares = shares.map(() => 0);
  const observedShares = shares.map(() => 0);
  keep.forEach((x, k) => {
    expectedShares[x.i] = r.plannedShares[k]!;
    observedShares[x.i] = r.observedShares[k]!;
  });
  return { pValue: r.pValue, chiSquare: r.chiSquare, isMismatch: r.isMismatch, expectedShares, observedShares };
}

/** Weight of the rate prior in customers: as strong as the uniform Beta(1, 1), but centred on the pooled rate. */
const PRIOR_WEIGHT = 2;

/**
 * Beta prior centred on the pooled rate of all arms, worth PRIOR_WEIGHT customers. It treats every arm alike, and
 * unlike Beta(1, 1) (prior mean 50 %) it does not make a small arm with no conversions look promising: a holdout of
 * 20 with 0 buyers has posterior mean 50/22 % ≈ 4.5 % under Beta(1, 1), far above messages converting at 1 %.
 */
export function pooledPrior(arms: readonly { successes: number; trials: number }[]) {
  const successes = arms.reduce((s, a) => s + a.successes, 0);
  const trials = arms.reduce((s, a) => s + a.trials, 0);
  const rate = trials > 0 ? successes / trials : 0;
  if (rate <= 0 || rate >= 1) return { alpha: 1, beta: 1 };
  return { alpha: PRIOR_WEIGHT * rate, beta: PRIOR_WEIGHT * (1 - rate) };
}

/**
 * Beta-binomial for rates (prior `pooledPrior`), the documented normal model for revenue per user (`computeBayesianMeans`). The reference
 * arm goes first; for click rates the holdout (which cannot click) is left out and the first message is the reference.
 */
function bayesianView(arms: readonly ArmInfo[], totals: readonly ArmTotals[], primary: MetricKey): BayesianSummary {
  const included = arms
    .map((a, i) => ({ a, i }))
    .filter((x) => !(primary === 'clickRate' && x.a.isHoldout))
    .map((x) => x.i);
  if (included.length < 2) return null;
  const ref = primary === 'clickRate' ? included[0]! : referenceArm(arms);
  const order = [ref, ...included.filter((i) => i !== ref)];
  type Arm = { chanceToBeatControl: number | null; chanceToBeBest: number; expectedLoss: number };
  const back = (list: Arm[]) => totals.map((_, i) => (order.includes(i) ? list[order.indexOf(i)]! : null));
  const pick = (a: Arm): Arm => ({
    chanceToBeatControl: a.chanceToBeatControl,
    chanceToBeBest: a.chanceToBeBest,
    expectedLoss: a.expectedLoss,
  });
  if (primary === 'revenuePerUser') {
    const r = computeBayesianMeans({
      arms: order.map((i) => sampleSummary(totals[i]!, 'revenuePerUser')),
      draws: 40_000,
    });
    return r.type === 'ok' ? { metric: primary, method: r.method, reference: ref, arms: back(r.arms.map(pick)) } : null;
  }
  const metric = primary === 'clickRate' ? 'clickRate' : 'conversionRate';
  const counts = order.map((i) => proportionCounts(totals[i]!, metric));
  const r = computeBayesianProportions({ arms: counts, prior: pooledPrior(counts), draws: 40_000 });
  return r.type === 'ok' ? { metric: primary, method: r.method, reference: ref, arms: back(r.arms.map(pick)) } : null;
}
