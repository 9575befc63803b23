'use client';
import { type ReactNode, useMemo } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { CampaignResults } from '@/lib/services/campaigns';
import { CumulativeChart } from './cumulative-chart';
import { FunnelChart } from './funnel-chart';
import { BreakdownView, SatisfactionTable, SuggestionsList } from './insight-panels';
import { LiftForest } from './lift-forest';
import { LiftOverTimeChart } from './lift-over-time-chart';
import { DownloadButton } from '@/components/ui/download-button';
import { ArmsTable, BayesTable, ComparisonsTable, CupedPanel } from './results-tables';
import { VerdictCard } from './verdict-card';

/** The results page of one campaign, verdict first, then the evidence, then what to do next. */
export function ResultsView({ data: raw, summary }: { data: CampaignResults; summary?: ReactNode }) {
  const { t, f } = useI18n();
  const data = useMemo(() => localiseArms(raw, t('campaigns.holdout')), [raw, t]);
  return (
    <div className="space-y-6">
      <VerdictCard data={data} />
      {summary}
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
        <span>
          {t('campaigns.results.customers', { count: data.customers })} ·{' '}
          {data.lastAttributionAt
            ? t('campaigns.results.updated', { when: f.dateTime(data.lastAttributionAt) })
            : t('campaigns.results.neverUpdated')}
        </span>
        <DownloadButton
          className="btn-secondary px-2 py-1 text-xs"
          action={`/api/campaigns/${data.campaign.id}/results`}
        >
          {t('campaigns.detail.downloadResults')}
        </DownloadButton>
      </div>
      <ArmsTable data={data} />
      <div className="grid gap-6 xl:grid-cols-2">
        <CumulativeChart data={data} />
        <LiftOverTimeChart data={data} />
      </div>
      <div className="grid gap-6 xl:grid-cols-2">
        <LiftForest data={data} />
        <FunnelChart data={data} />
      </div>
      <SuggestionsList data={data} />
      <ComparisonsTable data={data} />
      <div className="grid gap-6 xl:grid-cols-2">
        <CupedPanel data={data} />
        <BayesTable data={data} />
      </div>
      <BreakdownView data={data} />
      <SatisfactionTable data={data} />
    </div>
  );
}

/** The holdout's stored name is English: show it in the reader's language everywhere, sentences included. */
function localiseArms(data: CampaignResults, holdout: string): CampaignResults {
  const stored = new Set(data.arms.filter((a) => a.isHoldout).map((a) => a.name));
  if (!stored.size) return data;
  const fix = (params: Record<string, string | number>) =>
    Object.fromEntries(
      Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && stored.has(v) ? holdout : v]),
    );
  return {
    ...data,
    arms: data.arms.map((a) => (a.isHoldout ? { ...a, name: holdout } : a)),
    analysis: {
      ...data.analysis,
      verdict: {
        ...data.analysis.verdict,
        reasons: data.analysis.verdict.reasons.map((r) => ({ ...r, params: fix(r.params) })),
      },
    },
    suggestions: data.suggestions.map((s) => ({ ...s, params: fix(s.params) })),
  };
}
