'use client';
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/components/i18n-provider';
import type { CampaignResults } from '@/lib/services/campaigns';
import { ChartFrame } from './chart-frame';
import { armColours } from './chart-export';
import { campaignFormats } from './format';

/** Cumulative conversion (or click) rate per arm, day by day, each with its 95 % band. */
export function CumulativeChart({ data }: { data: CampaignResults }) {
  const { t, f, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  const colours = armColours(data.arms);
  const metric = data.chartMetric === 'clicked' ? 'clickRate' : 'conversionRate';
  const metricName = t(`campaigns.metrics.${metric}`);
  const rows = data.cumulative.map((d) => {
    const row: Record<string, number | [number, number] | null> = { at: d.at };
    d.arms.forEach((a, i) => {
      row[`r${i}`] = a.rate;
      row[`b${i}`] = a.lower === null || a.upper === null ? null : [a.lower, a.upper];
    });
    return row;
  });
  const shown = data.arms.map((a, i) => ({ a, i })).filter((x) => !(metric === 'clickRate' && x.a.isHoldout));
  return (
    <ChartFrame
      title={t('campaigns.results.cumulative', { metric: metricName.toLowerCase() })}
      help={t('campaigns.results.cumulativeHelp')}
      fileName={`campaign-${data.campaign.id}-cumulative`}
      simulated={data.campaign.isSimulated}
      legend={shown.map((x) => ({ label: x.a.name, colour: colours[x.i]! }))}
      csv={{
        header: ['date', 'arm', 'customers', metric, 'lower_95', 'upper_95'],
        rows: data.cumulative.flatMap((d) =>
          d.arms.map((a, i) => [
            new Date(d.at).toISOString().slice(0, 10),
            data.arms[i]!.name,
            a.n,
            a.rate,
            a.lower,
            a.upper,
          ]),
        ),
      }}
    >
      {rows.length === 0 ? (
        <p className="py-10 text-center text-sm text-slate-500">{t('campaigns.results.noData')}</p>
      ) : (
        <ResponsiveContainer width="100%" height={280}>
          <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 8 }}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis
              dataKey="at"
              tickFormatter={(v: number) => f.date(v)}
              fontSize={12}
              stroke="#64748b"
              minTickGap={24}
            />
            <YAxis tickFormatter={(v: number) => fm.rate(v)} fontSize={12} stroke="#64748b" width={64} />
            <Tooltip
              labelFormatter={(v) => f.date(Number(v))}
              formatter={(value, name) => {
                const i = Number(String(name).slice(1));
                if (String(name).startsWith('b'))
                  return [
                    Array.isArray(value) ? `${fm.rate(Number(value[0]))} – ${fm.rate(Number(value[1]))}` : '',
                    `95 % · ${data.arms[i]?.name ?? ''}`,
                  ];
                return [fm.rate(Number(value)), data.arms[i]?.name ?? ''];
              }}
            />
            {shown.map(({ i }) => (
              <Area
                key={`b${i}`}
                dataKey={`b${i}`}
                stroke="none"
                fill={colours[i]}
                fillOpacity={0.12}
                isAnimationActive={false}
                connectNulls
              />
            ))}
            {shown.map(({ i }) => (
              <Line
                key={`r${i}`}
                dataKey={`r${i}`}
                stroke={colours[i]}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
}
