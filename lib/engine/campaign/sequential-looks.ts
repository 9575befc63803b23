/** Always-valid (mSPRT) results over the daily looks of a comparison: safe to read at any time. */
import { normalQuantile } from '../../stats/distributions';
import { computeAlwaysValid, computeMixingVariance } from '../../stats/index';
import type { DailyLook } from './aggregate';
import type { MetricKey } from './types';

export type SequentialPoint = {
  day: number;
  at: number;
  estimate: number;
  /** always-valid confidence sequence (running intersection) */
  lower: number;
  upper: number;
  /** ordinary fixed-horizon 95 % interval at this look, for comparison (not safe to act on before the plan is met) */
  fixedLower: number;
  fixedUpper: number;
  pValue: number;
};

export type SequentialResult = {
  points: SequentialPoint[];
  /** always-valid p-value at the latest look */
  pValue: number | null;
  lower: number | null;
  upper: number | null;
  mixingVariance: number;
  firstSignificantDay: number | null;
};

type Look = { estimate: number; varianceOfEstimate: number };

/**
 * Looks start once each arm has at least this many successes and failures: before that the plug-in variance of a
 * rate (p̂(1 − p̂)/n) is badly underestimated (0 with no conversion yet), and the running intersection of the
 * confidence sequence would lock onto that spuriously narrow interval.
 */
export const MIN_EVENTS_PER_ARM = 5;

/** Estimate and variance of treatment − control at one look for a per-user metric; null while undefined. */
export function lookEstimate(look: DailyLook, control: number, treatment: number, metric: MetricKey): Look | null {
  const c = look.arms[control]!;
  const t = look.arms[treatment]!;
  if (c.n < 2 || t.n < 2) return null;
  const enough = (a: DailyLook['arms'][number]) => {
    const s = metric === 'clickRate' ? a.clicked : a.converted;
    return s >= MIN_EVENTS_PER_ARM && a.n - s >= MIN_EVENTS_PER_ARM;
  };
  if (!enough(c) || !enough(t)) return null;
  if (metric === 'revenuePerUser') {
    const mc = c.revenue / c.n;
    const mt = t.revenue / t.n;
    const vc = Math.max(0, (c.revenueSq - c.n * mc * mc) / (c.n - 1));
    const vt = Math.max(0, (t.revenueSq - t.n * mt * mt) / (t.n - 1));
    const v = vc / c.n + vt / t.n;
    return v > 0 ? { estimate: mt - mc, varianceOfEstimate: v } : null;
  }
  const sc = metric === 'clickRate' ? c.clicked : c.converted;
  const st = metric === 'clickRate' ? t.clicked : t.converted;
  const pc = sc / c.n;
  const pt = st / t.n;
  const v = (pc * (1 - pc)) / c.n + (pt * (1 - pt)) / t.n;
  return v > 0 ? { estimate: pt - pc, varianceOfEstimate: v } : null;
}

/**
 * Runs the mSPRT of Johari et al. over the daily looks. `mixingVariance` must be fixed before the campaign starts
 * (the service stores it at launch from the planned sample size); when absent it is derived from the latest look,
 * which is the choice a planner would have made for this sample size.
 *
 * A campaign's looks differ from a textbook stream: customers are sent at once (or in waves) and their outcomes
 * mature over the attribution window, so what is measured — the effect on conversions so far — grows from look to
 * look. The always-valid p-value is kept as the running minimum (under the null of no effect the difference has
 * mean zero at every look, which is what the mixture martingale needs); the confidence sequence is the mixture
 * boundary at each look, not intersected across looks, because its target moves.
 */
export function sequentialOverLooks({
  looks,
  control,
  treatment,
  metric,
  alpha = 0.05,
  mixingVariance,
}: {
  looks: readonly DailyLook[];
  control: number;
  treatment: number;
  metric: MetricKey;
  alpha?: number;
  mixingVariance?: number | null;
}): SequentialResult | null {
  const valid = looks.flatMap((look) => {
    const e = lookEstimate(look, control, treatment, metric);
    return e ? [{ look, e }] : [];
  });
  if (valid.length === 0) return null;
  const tau2 =
    mixingVariance && mixingVariance > 0
      ? mixingVariance
      : computeMixingVariance({ alpha, plannedVarianceOfEstimate: valid.at(-1)!.e.varianceOfEstimate });
  const z = normalQuantile(1 - alpha / 2);
  let running = 1;
  let firstSignificantDay: number | null = null;
  const points = valid.map(({ look, e }) => {
    const r = computeAlwaysValid({
      estimate: e.estimate,
      varianceOfEstimate: e.varianceOfEstimate,
      mixingVariance: tau2,
      alpha,
    });
    running = Math.min(running, r.pValue);
    if (running < alpha && firstSignificantDay === null) firstSignificantDay = look.day;
    const se = Math.sqrt(e.varianceOfEstimate);
    return {
      day: look.day,
      at: look.at,
      estimate: e.estimate,
      lower: r.lower,
      upper: r.upper,
      fixedLower: e.estimate - z * se,
      fixedUpper: e.estimate + z * se,
      pValue: running,
    };
  });
  const last = points.at(-1)!;
  return {
    points,
    pValue: last.pValue,
    lower: last.lower,
    upper: last.upper,
    mixingVariance: tau2,
    firstSignificantDay,
  };
}
