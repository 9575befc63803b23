'use client';
import { useI18n } from '@/components/i18n-provider';
import type { CampaignResults } from '@/lib/services/campaigns';
import { ChartFrame } from './chart-frame';
import { armColours } from './chart-export';
import { campaignFormats } from './format';

const W = 560;
const LABEL = 150;

/**
 * Exposed → opened → clicked → bought → revenue per customer, one row per step and one bar per arm. Each row is
 * scaled to its own largest value, so the small late steps stay readable; the labels carry the actual numbers.
 */
export function FunnelChart({ data }: { data: CampaignResults }) {
  const { t, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  const colours = armColours(data.arms);
  const rate = (n: number, d: number) => (d ? n / d : 0);
  const steps: { label: string; values: number[]; text: (v: number) => string }[] = [
    { label: t('campaigns.results.exposed'), values: data.arms.map((a) => rate(a.exposed, a.n)), text: fm.rate },
    ...(data.hasOpens
      ? [{ label: t('campaigns.results.opened'), values: data.arms.map((a) => rate(a.opened, a.n)), text: fm.rate }]
      : []),
    { label: t('campaigns.results.clicked'), values: data.arms.map((a) => rate(a.clicked, a.n)), text: fm.rate },
    { label: t('campaigns.results.converted'), values: data.arms.map((a) => rate(a.converted, a.n)), text: fm.rate },
    {
      label: t('campaigns.metrics.revenuePerUser'),
      values: data.arms.map((a) => rate(a.revenue, a.n)),
      text: fm.money,
    },
  ];
  const k = data.arms.length;
  const block = k * 14 + 16;
  const height = steps.length * block + 8;
  const plot = W - LABEL - 80;
  return (
    <ChartFrame
      title={t('campaigns.results.funnel')}
      help={t('campaigns.results.funnelHelp')}
      fileName={`campaign-${data.campaign.id}-funnel`}
      simulated={data.campaign.isSimulated}
      legend={data.arms.map((a, i) => ({ label: a.name, colour: colours[i]! }))}
      csv={{
        header: [
          'arm',
          'customers',
          'exposed',
          'opened',
          'clicked',
          'bought',
          'orders',
          'revenue',
          'revenue_per_customer',
        ],
        rows: data.arms.map((a) => [
          a.name,
          a.n,
          a.exposed,
          data.hasOpens ? a.opened : null,
          a.clicked,
          a.converted,
          a.orders,
          a.revenue,
          rate(a.revenue, a.n),
        ]),
      }}
    >
      <svg
        data-chart
        viewBox={`0 0 ${W} ${height}`}
        width="100%"
        role="img"
        aria-label={t('campaigns.results.funnel')}
        fontSize={11}
      >
        {steps.map((s, r) => {
          const top = r * block + 6;
          const max = Math.max(...s.values, 1e-12);
          return (
            <g key={s.label}>
              <text x={0} y={top + block / 2} fill="#334155" fontSize={12} dominantBaseline="middle">
                {s.label}
              </text>
              {s.values.map((v, i) => {
                const y = top + i * 14;
                const w = Math.max(1, (v / max) * plot);
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one bar per arm; the arm's position is its identity
                  <g key={i}>
                    <rect x={LABEL} y={y} width={w} height={11} rx={2} fill={colours[i]} />
                    <text x={LABEL + w + 4} y={y + 9} fill="#334155">
                      {s.text(v)}
                    </text>
                  </g>
                );
              })}
              {r < steps.length - 1 && (
                <line x1={0} x2={W} y1={top + block - 5} y2={top + block - 5} stroke="#f1f5f9" />
              )}
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}
