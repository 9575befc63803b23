/** The frequentist tests of one comparison (treatment arm vs control arm) on one metric. */
import { applyCuped, testRatioMetrics, testTwoProportions, testWelch, type IntervalEstimate } from '../../stats/index';
import { cupedSummary, metricValue, proportionCounts, ratioSummary, sampleSummary, type ArmTotals } from './aggregate';
import type { MetricKey } from './types';

export type CupedEffect = {
  /** 1 − var(adjusted)/var(raw), pooled within arms */
  varianceReduction: number;
  theta: number;
  absolute: IntervalEstimate;
  pValue: number;
};

export type MetricTest = {
  metric: MetricKey;
  controlValue: number | null;
  treatmentValue: number | null;
  /** treatment − control with its 95 % interval; null when the data cannot support a test */
  absolute: IntervalEstimate | null;
  /** treatment/control − 1 with the interval that inverts the same test (score for rates, Fieller otherwise) */
  relative: IntervalEstimate | null;
  pValue: number | null;
  /** adjusted for every comparison × metric on the page */
  holm: number | null;
  benjaminiHochberg: number | null;
  /** why there is no test (empty arm, no variation, …) */
  insufficient: string | null;
  /** CUPED-adjusted effect for per-user metrics, when the pre-period metric varies */
  cuped: CupedEffect | null;
  method: 'z-test' | 'welch' | 'delta-method';
};

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** Fewest buyers per arm for a ratio metric (AOV, revenue per buyer) and for revenue per customer. */
export const MIN_BUYERS_RATIO = 10;
export const MIN_BUYERS_MEAN = 5;
/** Fewest successes (and failures) per arm for a rate comparison. */
export const MIN_EVENTS = 5;

/**
 * Runs the test that fits the metric: two-proportion z-test for click and conversion rates, Welch's t-test for
 * revenue per user, delta-method z-test for the ratio metrics (AOV = revenue/orders, revenue per buyer). Per-user
 * metrics also get the CUPED-adjusted effect (Welch on the adjusted values) with the variance reduction achieved.
 */
export function testMetric(metric: MetricKey, control: ArmTotals, treatment: ArmTotals, alpha: number): MetricTest {
  const base = {
    metric,
    controlValue: finite(metricValue(control, metric)),
    treatmentValue: finite(metricValue(treatment, metric)),
    holm: null,
    benjaminiHochberg: null,
  };
  const none = (reason: string, method: MetricTest['method']): MetricTest => ({
    ...base,
    absolute: null,
    relative: null,
    pValue: null,
    insufficient: reason,
    cuped: null,
    method,
  });
  // Money metrics rest on the buyers: with a handful of them the normal approximation (Welch, delta method) fails.
  const buyers = Math.min(control.converted, treatment.converted);
  if ((metric === 'averageOrderValue' || metric === 'revenuePerBuyer') && buyers < MIN_BUYERS_RATIO)
    return none(`fewer than ${MIN_BUYERS_RATIO} buyers in an arm`, 'delta-method');
  if (metric === 'revenuePerUser' && buyers < MIN_BUYERS_MEAN)
    return none(`fewer than ${MIN_BUYERS_MEAN} buyers in an arm`, 'welch');
  if (metric === 'averageOrderValue' || metric === 'revenuePerBuyer') {
    const r = testRatioMetrics({
      control: ratioSummary(control, metric),
      treatment: ratioSummary(treatment, metric),
      alpha,
    });
    if (r.type !== 'ok') return none(r.reason, 'delta-method');
    return {
      ...base,
      absolute: r.absoluteLift,
      relative: r.relativeLift,
      pValue: r.pValue,
      insufficient: null,
      cuped: null,
      method: 'delta-method',
    };
  }
  const cuped = cupedEffect(metric, control, treatment, alpha);
  if (metric === 'revenuePerUser') {
    const r = testWelch({
      control: sampleSummary(control, metric),
      treatment: sampleSummary(treatment, metric),
      alpha,
    });
    if (r.type !== 'ok') return none(r.reason, 'welch');
    return {
      ...base,
      absolute: r.absoluteLift,
      relative: r.relativeLift,
      pValue: r.pValue,
      insufficient: null,
      cuped,
      method: 'welch',
    };
  }
  const c = proportionCounts(control, metric);
  const t = proportionCounts(treatment, metric);
  // the Wald interval needs a few events on both sides in each arm (R's prop.test warns below 5 expected)
  if (Math.min(c.successes, t.successes, c.trials - c.successes, t.trials - t.successes) < MIN_EVENTS)
    return none(`fewer than ${MIN_EVENTS} events in an arm`, 'z-test');
  const r = testTwoProportions({ control: c, treatment: t, alpha });
  if (r.type !== 'ok') return none(r.reason, 'z-test');
  return {
    ...base,
    absolute: r.absoluteLift,
    relative: r.relativeLift,
    pValue: r.pValue,
    insufficient: null,
    cuped,
    method: 'z-test',
  };
}

function cupedEffect(
  metric: 'clickRate' | 'conversionRate' | 'revenuePerUser',
  control: ArmTotals,
  treatment: ArmTotals,
  alpha: number,
): CupedEffect | null {
  const c = applyCuped({ arms: [cupedSummary(control, metric), cupedSummary(treatment, metric)] });
  if (c.type !== 'ok') return null;
  const w = testWelch({ control: c.arms[0]!, treatment: c.arms[1]!, alpha });
  if (w.type !== 'ok') return null;
  return { varianceReduction: c.varianceReduction, theta: c.theta, absolute: w.absoluteLift, pValue: w.pValue };
}
