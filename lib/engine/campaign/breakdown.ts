/** Heterogeneous effects: the primary comparison within customer groups, and a test of whether the effect differs. */
import { chiSquareSurvival, normalQuantile } from '../../stats/distributions';
import { metricValue, type ArmTotals } from './aggregate';
import { testMetric } from './metric-tests';
import type { MetricKey } from './types';

/** Per-arm totals of the customers in one group (e.g. dimension "customer type", value "returning"). */
export type GroupTotals = { dimension: string; value: string; totals: ArmTotals[] };

export type GroupEffect = {
  treatment: number;
  control: number;
  /** treatment − control on the metric, with its 95 % interval (unadjusted: an exploratory view) */
  estimate: number;
  lower: number;
  upper: number;
  relative: number | null;
  pValue: number;
};

export type BreakdownRow = {
  dimension: string;
  value: string;
  /** customers per arm and the metric per arm */
  arms: { n: number; value: number | null }[];
  effects: (GroupEffect | null)[];
  /** fewer customers than `minPerArm` in an arm: shown, but not trusted */
  isSmall: boolean;
};

/** Cochran's Q test that the effect is the same in every group of a dimension (χ², groups − 1 df). */
export type HeterogeneityTest = {
  dimension: string;
  treatment: number;
  control: number;
  q: number;
  df: number;
  pValue: number;
};

export type Breakdown = { metric: MetricKey; rows: BreakdownRow[]; heterogeneity: HeterogeneityTest[] };

/**
 * Effect of each comparison within each group, and per dimension Cochran's Q = Σ w_g(θ_g − θ̄)² with
 * w_g = 1/se_g² and θ̄ the inverse-variance weighted mean (Cochran 1954): a small p-value says the campaign worked
 * differently across the groups. Group effects are exploratory (no multiplicity correction); the page says so.
 * @example computeBreakdown({ groups, comparisons: [{ treatment: 1, control: 0 }], metric: 'conversionRate' })
 */
export function computeBreakdown({
  groups,
  comparisons,
  metric,
  alpha = 0.05,
  minPerArm = 30,
}: {
  groups: readonly GroupTotals[];
  comparisons: readonly { treatment: number; control: number }[];
  metric: MetricKey;
  alpha?: number;
  minPerArm?: number;
}): Breakdown {
  const rows: BreakdownRow[] = groups.map((g) => {
    const effects = comparisons.map((c) => {
      const test = testMetric(metric, g.totals[c.control]!, g.totals[c.treatment]!, alpha);
      if (!test.absolute || test.pValue === null) return null;
      return {
        treatment: c.treatment,
        control: c.control,
        estimate: test.absolute.estimate,
        lower: test.absolute.lower,
        upper: test.absolute.upper,
        relative: test.relative?.estimate ?? null,
        pValue: test.pValue,
      };
    });
    const arms = g.totals.map((t) => {
      const v = metricValue(t, metric);
      return { n: t.n, value: Number.isFinite(v) ? v : null };
    });
    const involved = new Set(comparisons.flatMap((c) => [c.control, c.treatment]));
    return {
      dimension: g.dimension,
      value: g.value,
      arms,
      effects,
      isSmall: [...involved].some((i) => (g.totals[i]?.n ?? 0) < minPerArm),
    };
  });
  const heterogeneity: HeterogeneityTest[] = [];
  const dimensions = [...new Set(groups.map((g) => g.dimension))];
  for (const dimension of dimensions) {
    comparisons.forEach((c, ci) => {
      const usable = rows
        .filter((r) => r.dimension === dimension && !r.isSmall && r.effects[ci])
        .map((r) => r.effects[ci]!);
      const z = normalQuantile(1 - alpha / 2);
      const parts = usable
        .map((e) => ({ theta: e.estimate, w: 1 / ((e.upper - e.lower) / (2 * z)) ** 2 }))
        .filter((p) => Number.isFinite(p.w) && p.w > 0);
      if (parts.length < 2) return;
      const wSum = parts.reduce((s, p) => s + p.w, 0);
      const mean = parts.reduce((s, p) => s + p.w * p.theta, 0) / wSum;
      const q = parts.reduce((s, p) => s + p.w * (p.theta - mean) ** 2, 0);
      const df = parts.length - 1;
      heterogeneity.push({
        dimension,
        treatment: c.treatment,
        control: c.control,
        q,
        df,
        pValue: chiSquareSurvival(q, df),
      });
    });
  }
  return { metric, rows, heterogeneity };
}
