'use client';
import { useState } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useI18n } from '@/components/i18n-provider';
import type { CampaignResults } from '@/lib/services/campaigns';
import { ChartFrame } from './chart-frame';
import { campaignFormats, diffText } from './format';

/**
 * The difference on the primary metric over time with the always-valid confidence sequence (safe to read any day)
 * and, lighter, the ordinary fixed-horizon interval.
 */
export function LiftOverTimeChart({ data }: { data: CampaignResults }) {
  const { t, f, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  const options = data.analysis.comparisons
    .map((c, i) => ({ c, i }))
    .filter((x) => x.c.sequential && x.c.sequential.points.length > 0);
  const [pick, setPick] = useState(options[0]?.i ?? 0);
  const current = data.analysis.comparisons[pick];
  if (!current?.sequential) return null;
  const metric = data.analysis.primaryMetric;
  const names = { treatment: data.arms[current.treatment]!.name, control: data.arms[current.control]!.name };
  // The first looks' confidence sequence can be very wide: clip it to a window around the ordinary intervals.
  const points = current.sequential.points;
  const tail = points.slice(Math.floor(points.length / 3));
  const lo = Math.min(0, ...tail.map((p) => p.fixedLower));
  const hi = Math.max(0, ...tail.map((p) => p.fixedUpper));
  const pad = (hi - lo) * 0.6 || 0.01;
  const clip = (v: number) => Math.min(hi + pad, Math.max(lo - pad, v));
  const rows = points.map((p) => ({
    at: p.at,
    estimate: p.estimate,
    cs: [clip(p.lower), clip(p.upper)],
    fixed: [clip(p.fixedLower), clip(p.fixedUpper)],
  }));
  const fmt = (v: number) => diffText(fm, metric, v);
  return (
    <ChartFrame
      title={t('campaigns.results.liftOverTime', names)}
      help={t('campaigns.results.liftOverTimeHelp')}
      fileName={`campaign-${data.campaign.id}-lift-over-time`}
      simulated={data.campaign.isSimulated}
      legend={[
        { label: t('campaigns.results.estimate'), colour: '#1c47a8' },
        { label: t('campaigns.results.sequentialCi'), colour: '#dbe7fd' },
        { label: t('campaigns.results.fixedCi'), colour: '#93b4f5' },
      ]}
      csv={{
        header: [
          'date',
          'metric',
          'estimate',
          'always_valid_lower',
          'always_valid_upper',
          'fixed_lower',
          'fixed_upper',
          'always_valid_p',
        ],
        rows: current.sequential.points.map((p) => [
          new Date(p.at).toISOString().slice(0, 10),
          metric,
          p.estimate,
          p.lower,
          p.upper,
          p.fixedLower,
          p.fixedUpper,
          p.pValue,
        ]),
      }}
    >
      {options.length > 1 && (
        <label className="mb-2 flex items-center gap-2 text-sm">
          <span className="text-slate-500">{t('campaigns.results.comparisons')}</span>
          <select className="input w-auto py-1" value={pick} onChange={(e) => setPick(Number(e.target.value))}>
            {options.map(({ c, i }) => (
              <option key={i} value={i}>
                {t('campaigns.results.comparison', {
                  treatment: data.arms[c.treatment]!.name,
                  control: data.arms[c.control]!.name,
                })}
              </option>
            ))}
          </select>
        </label>
      )}
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="at" tickFormatter={(v: number) => f.date(v)} fontSize={12} stroke="#64748b" minTickGap={24} />
          <YAxis tickFormatter={fmt} fontSize={12} stroke="#64748b" width={84} domain={['auto', 'auto']} />
          <Tooltip
            labelFormatter={(v) => f.date(Number(v))}
            formatter={(value, name) => [
              Array.isArray(value) ? `${fmt(Number(value[0]))} – ${fmt(Number(value[1]))}` : fmt(Number(value)),
              name === 'cs'
                ? t('campaigns.results.sequentialCi')
                : name === 'fixed'
                  ? t('campaigns.results.fixedCi')
                  : t('campaigns.results.estimate'),
            ]}
          />
          <Area dataKey="cs" stroke="#b6cbf8" fill="#dbe7fd" fillOpacity={1} isAnimationActive={false} />
          <Area dataKey="fixed" stroke="none" fill="#93b4f5" fillOpacity={0.7} isAnimationActive={false} />
          <ReferenceLine y={0} stroke="#0f172a" strokeDasharray="4 3" />
          <Line dataKey="estimate" stroke="#1c47a8" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <p className="mt-1 text-xs text-slate-500">{t(`campaigns.results.kind.${current.kind}`)}</p>
    </ChartFrame>
  );
}
