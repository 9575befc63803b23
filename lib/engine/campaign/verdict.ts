/**
 * The verdict in plain words: significant / promising / inconclusive / SRM alarm, with the reasons as message codes
 * and numbers (the page translates them). Rules, in order:
 * 1. no customer in the reference arm or in any other arm → no data;
 * 2. sample-ratio mismatch (p < 0.001) → SRM alarm, whatever the metrics say: the split is broken;
 * 3. a comparison on the primary metric whose always-valid p-value (Holm-adjusted over the comparisons) is below α,
 *    or, once every arm reached its planned size and every attribution window has closed, whose fixed-horizon
 *    p-value (Holm-adjusted) is below α → significant (positive if the best such lift is above zero);
 * 4. the plan is complete, or the campaign has ended (completed or stopped: no more data will come), and nothing is
 *    significant → inconclusive, final (an ended campaign never reads "provisional" or "keep running");
 * 5. an arm with a Bayesian chance ≥ 90 % to beat the reference → promising (keep running);
 * 6. otherwise inconclusive, with what is still needed.
 */
import type { FixedHorizonStatus } from '../../stats/index';
import type { ArmTotals } from './aggregate';
import type { ArmInfo, BayesianSummary, Comparison, SrmSummary } from './analysis';
import type { MetricKey } from './types';

export type VerdictKind = 'no-data' | 'srm' | 'significant' | 'promising' | 'inconclusive';
export type VerdictReason = { code: VerdictReasonCode; params: Record<string, string | number> };
export type VerdictReasonCode =
  | 'noAssignments'
  | 'srm'
  | 'sequentialSignificant'
  | 'fixedSignificant'
  | 'significantWorse'
  | 'finalNoDifference'
  | 'endedNoDifference'
  | 'promising'
  | 'trendingWorse'
  | 'noDifferenceYet'
  | 'needMoreCustomers'
  | 'windowsOpen'
  | 'noPlan';

export type Verdict = {
  kind: VerdictKind;
  direction: 'positive' | 'negative' | null;
  /** whether the result may be acted upon now (a sequential or completed fixed-horizon decision) */
  isFinal: boolean;
  /** the arm the verdict recommends or warns about */
  arm: number | null;
  reasons: VerdictReason[];
};

const PROMISING = 0.9;
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Lift of a comparison on the primary metric for the sentences: relative % when defined, else absolute. */
function liftParams(c: Comparison, primary: MetricKey, arms: readonly ArmInfo[]) {
  const m = c.metrics.find((x) => x.metric === primary);
  const rel = m?.relative;
  const abs = m?.absolute;
  return {
    treatment: arms[c.treatment]!.name,
    control: arms[c.control]!.name,
    liftPct: rel ? round(rel.estimate * 100) : abs ? round(abs.estimate * 100, 2) : 0,
    lowerPct: rel ? round(rel.lower * 100) : abs ? round(abs.lower * 100, 2) : 0,
    upperPct: rel ? round(rel.upper * 100) : abs ? round(abs.upper * 100, 2) : 0,
  };
}

export function decideVerdict({
  arms,
  totals,
  comparisons,
  primary,
  srm,
  bayesian,
  fixedHorizon,
  alpha,
  reference,
  hasEnded = false,
}: {
  arms: readonly ArmInfo[];
  totals: readonly ArmTotals[];
  comparisons: readonly Comparison[];
  primary: MetricKey;
  srm: SrmSummary;
  bayesian: BayesianSummary;
  fixedHorizon: (FixedHorizonStatus & { windowsClosed: boolean }) | null;
  alpha: number;
  reference: number;
  /** the campaign is completed or stopped: no more customers or outcomes will arrive */
  hasEnded?: boolean;
}): Verdict {
  if ((totals[reference]?.n ?? 0) === 0 || totals.every((t, i) => i === reference || t.n === 0)) {
    return {
      kind: 'no-data',
      direction: null,
      isFinal: false,
      arm: null,
      reasons: [{ code: 'noAssignments', params: {} }],
    };
  }
  if (srm?.isMismatch) {
    return {
      kind: 'srm',
      direction: null,
      isFinal: false,
      arm: null,
      reasons: [{ code: 'srm', params: { p: srm.pValue < 1e-6 ? '< 0.000001' : srm.pValue.toPrecision(2) } }],
    };
  }
  const planComplete = Boolean(fixedHorizon?.isFinal && fixedHorizon.windowsClosed);
  const significant = comparisons.flatMap((c) => {
    const viaSequential = c.decision.sequentialHolm !== null && c.decision.sequentialHolm < alpha;
    const viaFixed = planComplete && c.decision.fixedHolm !== null && c.decision.fixedHolm < alpha;
    const estimate = c.metrics.find((m) => m.metric === primary)?.absolute?.estimate ?? 0;
    return viaSequential || viaFixed ? [{ c, viaSequential, estimate }] : [];
  });
  const progressReasons = (): VerdictReason[] => {
    if (!fixedHorizon) return [{ code: 'noPlan', params: {} }];
    const out: VerdictReason[] = [];
    if (!fixedHorizon.isFinal) {
      out.push({
        code: 'needMoreCustomers',
        params: {
          remaining: Math.max(...fixedHorizon.remainingPerArm),
          progressPct: round(fixedHorizon.progress * 100, 0),
        },
      });
    }
    if (!fixedHorizon.windowsClosed) out.push({ code: 'windowsOpen', params: {} });
    return out;
  };
  if (significant.length) {
    const positive = significant.filter((s) => s.estimate > 0).sort((a, b) => b.estimate - a.estimate);
    const pick = positive[0] ?? significant.sort((a, b) => a.estimate - b.estimate)[0]!;
    const reasons: VerdictReason[] = significant.map((s) => ({
      code: s.estimate > 0 ? (s.viaSequential ? 'sequentialSignificant' : 'fixedSignificant') : 'significantWorse',
      params: liftParams(s.c, primary, arms),
    }));
    return {
      kind: 'significant',
      direction: positive.length ? 'positive' : 'negative',
      isFinal: true,
      arm: pick.c.treatment,
      reasons,
    };
  }
  if (planComplete || hasEnded) {
    const progressPct = fixedHorizon ? round(fixedHorizon.progress * 100, 0) : null;
    return {
      kind: 'inconclusive',
      direction: null,
      isFinal: true,
      arm: null,
      reasons: [
        planComplete || progressPct === null || progressPct >= 100
          ? { code: 'finalNoDifference', params: {} }
          : { code: 'endedNoDifference', params: { progressPct } },
      ],
    };
  }
  const chances = (bayesian?.arms ?? [])
    .map((a, i) => ({ i, p: a?.chanceToBeatControl ?? null }))
    .filter((x): x is { i: number; p: number } => x.p !== null);
  const best = chances.sort((a, b) => b.p - a.p)[0];
  const control = bayesian ? arms[bayesian.reference]!.name : '';
  if (best && best.p >= PROMISING) {
    return {
      kind: 'promising',
      direction: 'positive',
      isFinal: false,
      arm: best.i,
      reasons: [
        { code: 'promising', params: { treatment: arms[best.i]!.name, control, chancePct: round(best.p * 100, 0) } },
        ...progressReasons(),
      ],
    };
  }
  const worst = chances.sort((a, b) => a.p - b.p)[0];
  const reasons: VerdictReason[] =
    worst && worst.p <= 1 - PROMISING
      ? [
          {
            code: 'trendingWorse',
            params: { treatment: arms[worst.i]!.name, control, chancePct: round((1 - worst.p) * 100, 0) },
          },
        ]
      : [{ code: 'noDifferenceYet', params: {} }];
  return {
    kind: 'inconclusive',
    direction: null,
    isFinal: false,
    arm: null,
    reasons: [...reasons, ...progressReasons()],
  };
}
