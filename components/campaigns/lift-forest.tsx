'use client';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { CampaignResults } from '@/lib/services/campaigns';
import { ChartFrame } from './chart-frame';
import { campaignFormats } from './format';

const WIDE = 820;
/** Below this drawn width (a phone) each metric takes two lines: its label and interval text, then the bar. */
const NARROW = 560;

/** The element's width in CSS pixels (0 before the first layout), so the chart can draw at 1:1 on small screens. */
function useWidth<E extends HTMLElement>() {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry?.contentRect.width ?? 0)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/** Relative lift of every comparison on every metric with its 95 % interval, as interval bars around zero. */
export function LiftForest({ data }: { data: CampaignResults }) {
  const { t, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  const { ref, width } = useWidth<HTMLDivElement>();
  const isNarrow = width > 0 && width < NARROW;
  const W = isNarrow ? width : WIDE;
  const LABEL = isNarrow ? 32 : 190;
  const VALUE = isNarrow ? 0 : 235;
  const ROW = 26;
  // on a phone: the metric, its interval in words, then the bar, each on its own line
  const barRow = isNarrow ? 3 * ROW - 8 : ROW;
  const barDy = isNarrow ? 2 * ROW - 12 : 0;
  type Row =
    | { kind: 'head'; label: string }
    | { kind: 'bar'; label: string; estimate: number; lower: number; upper: number; significant: boolean };
  const rows: Row[] = [];
  for (const c of data.analysis.comparisons) {
    rows.push({
      kind: 'head',
      label: t('campaigns.results.comparison', {
        treatment: data.arms[c.treatment]!.name,
        control: data.arms[c.control]!.name,
      }),
    });
    for (const m of c.metrics) {
      if (!m.relative) continue;
      rows.push({
        kind: 'bar',
        label: t(`campaigns.metrics.${m.metric}`),
        estimate: m.relative.estimate,
        lower: m.relative.lower,
        upper: m.relative.upper,
        significant: m.relative.lower > 0 || m.relative.upper < 0,
      });
    }
  }
  const bars = rows.filter((r): r is Extract<Row, { kind: 'bar' }> => r.kind === 'bar');
  const extent = Math.min(2, Math.max(0.05, ...bars.flatMap((b) => [Math.abs(b.lower), Math.abs(b.upper)])));
  const plotW = W - LABEL - VALUE - (isNarrow ? 32 : 20);
  const x = (v: number) => LABEL + ((Math.max(-extent, Math.min(extent, v)) + extent) / (2 * extent)) * plotW;
  const tops = rows.map((_, i) => rows.slice(0, i).reduce((sum, r) => sum + (r.kind === 'bar' ? barRow : ROW), 0));
  const height = rows.reduce((sum, r) => sum + (r.kind === 'bar' ? barRow : ROW), 0) + 30;
  return (
    <ChartFrame
      title={t('campaigns.results.lifts')}
      help={t('campaigns.results.liftsHelp')}
      fileName={`campaign-${data.campaign.id}-lifts`}
      simulated={data.campaign.isSimulated}
      csv={{
        header: ['treatment', 'control', 'metric', 'relative_lift', 'lower_95', 'upper_95', 'p_value'],
        rows: data.analysis.comparisons.flatMap((c) =>
          c.metrics
            .filter((m) => m.relative)
            .map((m) => [
              data.arms[c.treatment]!.name,
              data.arms[c.control]!.name,
              m.metric,
              m.relative!.estimate,
              m.relative!.lower,
              m.relative!.upper,
              m.pValue,
            ]),
        ),
      }}
    >
      {bars.length === 0 ? (
        <p className="py-10 text-center text-sm text-slate-500">{t('campaigns.results.noData')}</p>
      ) : (
        <div ref={ref}>
          <svg
            data-chart
            viewBox={`0 0 ${W} ${height}`}
            width="100%"
            role="img"
            aria-label={t('campaigns.results.lifts')}
            fontSize={12}
          >
            <line x1={x(0)} x2={x(0)} y1={4} y2={height - 22} stroke="#0f172a" strokeDasharray="4 3" />
            {[-extent, -extent / 2, extent / 2, extent].map((v) => (
              <g key={v}>
                <line x1={x(v)} x2={x(v)} y1={4} y2={height - 22} stroke="#e2e8f0" />
                <text x={x(v)} y={height - 6} textAnchor="middle" fill="#64748b">
                  {fm.lift(v)}
                </text>
              </g>
            ))}
            <text x={x(0)} y={height - 6} textAnchor="middle" fill="#64748b">
              0
            </text>
            {rows.map((r, i) => {
              const y = tops[i]! + 16;
              if (r.kind === 'head')
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows of a chart computed above and drawn once
                  <text key={i} x={4} y={y + 4} fontWeight={600} fill="#0f172a">
                    {r.label}
                  </text>
                );
              const colour = r.significant ? (r.estimate > 0 ? '#047857' : '#b91c1c') : '#2f6fed';
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows of a chart computed above and drawn once
                <g key={i}>
                  <text x={isNarrow ? 8 : 16} y={y + 4} fill="#334155">
                    {r.label}
                  </text>
                  <line
                    x1={x(r.lower)}
                    x2={x(r.upper)}
                    y1={y + barDy}
                    y2={y + barDy}
                    stroke={colour}
                    strokeWidth={6}
                    strokeLinecap="round"
                    opacity={0.35}
                  />
                  <circle cx={x(r.estimate)} cy={y + barDy} r={5} fill={colour} />
                  <text
                    x={isNarrow ? 8 : W - VALUE + 12}
                    y={y + (isNarrow ? 22 : 4)}
                    fill={colour}
                    fontSize={isNarrow ? 12 : 11}
                    fontWeight={r.significant ? 600 : 400}
                  >{`${fm.lift(r.estimate)} [${fm.lift(r.lower)}, ${fm.lift(r.upper)}]`}</text>
                </g>
              );
            })}
          </svg>
        </div>
      )}
    </ChartFrame>
  );
}
