/**
 * Aggregation of per-customer outcomes into per-arm sums (the sufficient statistics of every test the results page
 * runs), and the derived inputs of the statistics library.
 */
import type { CupedArmSummary, RatioSummary, SampleSummary } from '../../stats/index';
import type { Counts } from '../../stats/types';
import { DAY_MS, type MetricKey } from './types';

/** One assigned customer's attributed outcome, as aggregation needs it. */
export type OutcomeRow = {
  /** index of the customer's arm */
  arm: number;
  exposed: boolean;
  opened: boolean;
  clicked: boolean;
  converted: boolean;
  revenue: number;
  orders: number;
  /** pre-period metric (revenue in the 90 days before the window), null when unknown */
  preMetric: number | null;
  /** start of the customer's attribution window (exposure, or assignment for the holdout), epoch ms */
  startAt: number;
  convertedAt: number | null;
};

/** Sums over the customers of one arm. Binary metrics need no sum of squares (x² = x). */
export type ArmTotals = {
  n: number;
  exposed: number;
  opened: number;
  clicked: number;
  converted: number;
  orders: number;
  revenue: number;
  revenueSq: number;
  ordersSq: number;
  revenueOrders: number;
  pre: number;
  preSq: number;
  preRevenue: number;
  preConverted: number;
  preClicked: number;
};

export function emptyTotals(): ArmTotals {
  return {
    n: 0,
    exposed: 0,
    opened: 0,
    clicked: 0,
    converted: 0,
    orders: 0,
    revenue: 0,
    revenueSq: 0,
    ordersSq: 0,
    revenueOrders: 0,
    pre: 0,
    preSq: 0,
    preRevenue: 0,
    preConverted: 0,
    preClicked: 0,
  };
}

/** Adds one customer to an arm's totals (in place). */
export function addOutcome(t: ArmTotals, row: Omit<OutcomeRow, 'arm' | 'startAt' | 'convertedAt'>): void {
  const x = row.preMetric ?? 0;
  const c = row.converted ? 1 : 0;
  const k = row.clicked ? 1 : 0;
  t.n += 1;
  t.exposed += row.exposed ? 1 : 0;
  t.opened += row.opened ? 1 : 0;
  t.clicked += k;
  t.converted += c;
  t.orders += row.orders;
  t.revenue += row.revenue;
  t.revenueSq += row.revenue * row.revenue;
  t.ordersSq += row.orders * row.orders;
  t.revenueOrders += row.revenue * row.orders;
  t.pre += x;
  t.preSq += x * x;
  t.preRevenue += x * row.revenue;
  t.preConverted += x * c;
  t.preClicked += x * k;
}

/** Per-arm totals of a list of outcomes. */
export function aggregateArms(rows: Iterable<OutcomeRow>, armCount: number): ArmTotals[] {
  const totals = Array.from({ length: armCount }, emptyTotals);
  for (const r of rows) {
    const t = totals[r.arm];
    if (!t) throw new RangeError(`aggregateArms: arm index ${r.arm} out of range`);
    addOutcome(t, r);
  }
  return totals;
}

const variance = (n: number, sum: number, sumSq: number) =>
  n < 2 ? 0 : Math.max(0, (sumSq - (sum * sum) / n) / (n - 1));
const cov = (n: number, sumA: number, sumB: number, sumAB: number) =>
  n < 2 ? 0 : (sumAB - (sumA * sumB) / n) / (n - 1);

/** Successes/trials of a proportion metric. */
export function proportionCounts(t: ArmTotals, metric: 'clickRate' | 'conversionRate'): Counts {
  return { successes: metric === 'clickRate' ? t.clicked : t.converted, trials: t.n };
}

/** Sum, sum of squares and cross-product with the covariate of the per-customer value of a per-user metric. */
function perUser(t: ArmTotals, metric: 'clickRate' | 'conversionRate' | 'revenuePerUser') {
  if (metric === 'revenuePerUser') return { sum: t.revenue, sumSq: t.revenueSq, cross: t.preRevenue };
  const sum = metric === 'clickRate' ? t.clicked : t.converted;
  return { sum, sumSq: sum, cross: metric === 'clickRate' ? t.preClicked : t.preConverted };
}

/** `{ n, mean, variance }` of a per-user metric (binary metrics as 0/1 values). */
export function sampleSummary(t: ArmTotals, metric: 'clickRate' | 'conversionRate' | 'revenuePerUser'): SampleSummary {
  const { sum, sumSq } = perUser(t, metric);
  return { n: t.n, mean: t.n ? sum / t.n : Number.NaN, variance: variance(t.n, sum, sumSq) };
}

/** Delta-method input of a ratio metric: AOV = revenue/orders, revenue per buyer = revenue/converted. */
export function ratioSummary(t: ArmTotals, metric: 'averageOrderValue' | 'revenuePerBuyer'): RatioSummary {
  const n = t.n;
  const den = metric === 'averageOrderValue' ? t.orders : t.converted;
  const denSq = metric === 'averageOrderValue' ? t.ordersSq : t.converted;
  // revenue × converted = revenue, since only converted customers have revenue
  const cross = metric === 'averageOrderValue' ? t.revenueOrders : t.revenue;
  return {
    n,
    meanNumerator: n ? t.revenue / n : 0,
    meanDenominator: n ? den / n : 0,
    varianceNumerator: variance(n, t.revenue, t.revenueSq),
    varianceDenominator: variance(n, den, denSq),
    covariance: cov(n, t.revenue, den, cross),
  };
}

/** CUPED input of a per-user metric with the pre-period metric as covariate. */
export function cupedSummary(t: ArmTotals, metric: 'clickRate' | 'conversionRate' | 'revenuePerUser'): CupedArmSummary {
  const { sum, sumSq, cross } = perUser(t, metric);
  return {
    n: t.n,
    meanMetric: t.n ? sum / t.n : 0,
    meanCovariate: t.n ? t.pre / t.n : 0,
    varianceMetric: variance(t.n, sum, sumSq),
    varianceCovariate: variance(t.n, t.pre, t.preSq),
    covariance: cov(t.n, sum, t.pre, cross),
  };
}

/** Point value of a metric for one arm (NaN when undefined, e.g. AOV with no orders). */
export function metricValue(t: ArmTotals, metric: MetricKey): number {
  switch (metric) {
    case 'clickRate':
      return t.n ? t.clicked / t.n : Number.NaN;
    case 'conversionRate':
      return t.n ? t.converted / t.n : Number.NaN;
    case 'revenuePerUser':
      return t.n ? t.revenue / t.n : Number.NaN;
    case 'averageOrderValue':
      return t.orders ? t.revenue / t.orders : Number.NaN;
    case 'revenuePerBuyer':
      return t.converted ? t.revenue / t.converted : Number.NaN;
  }
}

/** Cumulative totals per arm at the end of each day since `start`: the looks of the sequential test and the charts. */
export type DailyLook = {
  day: number;
  at: number;
  arms: { n: number; clicked: number; converted: number; revenue: number; revenueSq: number }[];
};

/**
 * Cumulative per-arm counts by day: a customer enters on the day their window starts; a conversion (and its revenue)
 * counts on the day of `convertedAt`; a click on the day the window starts (clicks follow sends within hours).
 * Days run from the day of `start` to the day of `until` inclusive (at most `maxDays`).
 */
export function dailyLooks(
  rows: Iterable<OutcomeRow>,
  { armCount, start, until, maxDays = 366 }: { armCount: number; start: number; until: number; maxDays?: number },
): DailyLook[] {
  const days = Math.max(1, Math.min(maxDays, Math.floor((until - start) / DAY_MS) + 1));
  const perDay = Array.from({ length: days }, () =>
    Array.from({ length: armCount }, () => ({ n: 0, clicked: 0, converted: 0, revenue: 0, revenueSq: 0 })),
  );
  const dayOf = (t: number) => Math.min(days - 1, Math.max(0, Math.floor((t - start) / DAY_MS)));
  for (const r of rows) {
    const entry = perDay[dayOf(r.startAt)]![r.arm]!;
    entry.n += 1;
    if (r.clicked) entry.clicked += 1;
    if (r.converted) {
      const at = perDay[dayOf(r.convertedAt ?? r.startAt)]![r.arm]!;
      at.converted += 1;
      at.revenue += r.revenue;
      at.revenueSq += r.revenue * r.revenue;
    }
  }
  const running = Array.from({ length: armCount }, () => ({
    n: 0,
    clicked: 0,
    converted: 0,
    revenue: 0,
    revenueSq: 0,
  }));
  return perDay.map((arms, day) => {
    arms.forEach((a, i) => {
      const r = running[i]!;
      r.n += a.n;
      r.clicked += a.clicked;
      r.converted += a.converted;
      r.revenue += a.revenue;
      r.revenueSq += a.revenueSq;
    });
    return { day, at: start + (day + 1) * DAY_MS, arms: running.map((r) => ({ ...r })) };
  });
}
