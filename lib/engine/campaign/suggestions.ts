/** Concrete next steps computed from a finished (or running) campaign's data, as message codes with numbers. */
import type { CampaignAnalysis } from './analysis';
import type { Breakdown } from './breakdown';
import type { SatisfactionResult } from './satisfaction';
import type { UpliftTargeting } from './uplift-targeting';

export type SuggestionCode =
  | 'fixSplit'
  | 'rollOutWinner'
  | 'stopLoser'
  | 'noIncrementalEffect'
  | 'segmentResponds'
  | 'segmentNoEffect'
  | 'useUplift'
  | 'upliftNoSignal'
  | 'keepRunning'
  | 'aovTradeoff'
  | 'satisfactionDrop'
  | 'addHoldout';

export type Suggestion = { code: SuggestionCode; params: Record<string, string | number> };

const pct = (x: number) => Math.round(x * 1000) / 10;

export function suggestNextSteps({
  armNames,
  hasHoldout,
  analysis,
  breakdown,
  satisfaction,
  uplift,
}: {
  armNames: readonly string[];
  hasHoldout: boolean;
  analysis: CampaignAnalysis;
  breakdown: Breakdown | null;
  satisfaction: SatisfactionResult;
  uplift: UpliftTargeting | null;
}): Suggestion[] {
  const out: Suggestion[] = [];
  const v = analysis.verdict;
  if (v.kind === 'srm') return [{ code: 'fixSplit', params: {} }];
  if (v.kind === 'no-data') return [];
  const primary = analysis.primaryMetric;
  for (const c of analysis.comparisons) {
    const m = c.metrics.find((x) => x.metric === primary);
    const significant =
      (c.decision.sequentialHolm ?? 1) < analysis.alpha || (v.isFinal && (c.decision.fixedHolm ?? 1) < analysis.alpha);
    if (!m?.absolute) continue;
    if (
      significant &&
      m.absolute.estimate > 0 &&
      (c.kind === 'variant' || !analysis.comparisons.some((o) => o.kind === 'variant'))
    ) {
      out.push({
        code: 'rollOutWinner',
        params: {
          arm: armNames[c.treatment]!,
          control: armNames[c.control]!,
          liftPct: m.relative ? pct(m.relative.estimate) : pct(m.absolute.estimate),
        },
      });
    } else if (significant && m.absolute.estimate < 0) {
      out.push({ code: 'stopLoser', params: { arm: armNames[c.treatment]!, control: armNames[c.control]! } });
    } else if (
      c.kind === 'incremental' &&
      !significant &&
      (v.isFinal || m.absolute.upper - m.absolute.lower < Math.abs(m.controlValue ?? 0))
    ) {
      out.push({
        code: 'noIncrementalEffect',
        params: { arm: armNames[c.treatment]!, upperPct: m.relative ? pct(m.relative.upper) : pct(m.absolute.upper) },
      });
    }
    const conv = c.metrics.find((x) => x.metric === 'conversionRate');
    const aov = c.metrics.find((x) => x.metric === 'averageOrderValue');
    if (conv?.absolute && aov?.absolute && conv.absolute.lower > 0 && aov.absolute.upper < 0) {
      out.push({
        code: 'aovTradeoff',
        params: { arm: armNames[c.treatment]!, aovPct: aov.relative ? pct(aov.relative.estimate) : 0 },
      });
    }
  }
  if (breakdown) {
    const dims = new Map(breakdown.heterogeneity.map((h) => [`${h.dimension}|${h.treatment}|${h.control}`, h.pValue]));
    for (const row of breakdown.rows) {
      if (row.isSmall) continue;
      row.effects.forEach((e) => {
        if (!e) return;
        const varies = (dims.get(`${row.dimension}|${e.treatment}|${e.control}`) ?? 1) < 0.1;
        if (e.lower > 0 && varies)
          out.push({
            code: 'segmentResponds',
            params: {
              dimension: row.dimension,
              group: row.value,
              arm: armNames[e.treatment]!,
              liftPct: e.relative === null ? pct(e.estimate) : pct(e.relative),
            },
          });
        else if (e.upper < 0 || (varies && e.estimate <= 0))
          out.push({
            code: 'segmentNoEffect',
            params: { dimension: row.dimension, group: row.value, arm: armNames[e.treatment]! },
          });
      });
    }
  }
  if (uplift?.type === 'ok') {
    // worth a suggestion when the model beats random clearly and actually leaves people out
    if (uplift.marginSd >= 2 && uplift.selection.count > 0 && uplift.selection.share < 0.9) {
      out.push({
        code: 'useUplift',
        params: {
          count: uplift.selection.count,
          sharePct: pct(uplift.selection.share),
          conversions: Math.round(uplift.selection.expectedIncrementalConversions * 10) / 10,
          profit: Math.round(uplift.selection.expectedIncrementalProfit),
        },
      });
    } else if (uplift.marginSd < 2) out.push({ code: 'upliftNoSignal', params: {} });
  }
  satisfaction?.arms.forEach((a, i) => {
    if (a.vsReference && a.vsReference.upper < 0) out.push({ code: 'satisfactionDrop', params: { arm: armNames[i]! } });
  });
  if (!v.isFinal && v.kind !== 'significant') {
    const need = v.reasons.find((r) => r.code === 'needMoreCustomers');
    out.push({ code: 'keepRunning', params: { remaining: need ? Number(need.params.remaining) : 0 } });
  }
  if (!hasHoldout) out.push({ code: 'addHoldout', params: {} });
  return out;
}
