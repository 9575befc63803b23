'use client';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/components/i18n-provider';

export type SizePoint = { at: number; size: number; email?: number; sms?: number; push?: number };
type Series = 'size' | 'email' | 'sms' | 'push';

/** Segment size and reach per channel over time (SegmentSnapshot); `only` limits the lines (a released series). */
export function SizeHistoryChart({ points, only }: { points: SizePoint[]; only?: readonly Series[] }) {
  const { t, f } = useI18n();
  if (points.length === 0)
    return <p className="py-8 text-center text-sm text-slate-500">{t('segments.detail.noHistory')}</p>;
  const series = [
    { key: 'size' as const, color: '#2f6fed', width: 2.5 },
    { key: 'email' as const, color: '#0d9488', width: 1.5 },
    { key: 'sms' as const, color: '#d97706', width: 1.5 },
    { key: 'push' as const, color: '#7c3aed', width: 1.5 },
  ].filter((s) => !only || only.includes(s.key));
  return (
    <div data-testid="size-history">
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(v: number) => f.date(v)}
            fontSize={12}
            stroke="#64748b"
          />
          <YAxis tickFormatter={(v: number) => f.compact(v)} fontSize={12} stroke="#64748b" allowDecimals={false} />
          <Tooltip
            labelFormatter={(v) => f.dateTime(Number(v))}
            formatter={(v, name) => [f.number(Number(v)), t(`segments.detail.series.${String(name) as 'size'}`)]}
          />
          <Legend
            formatter={(name) => t(`segments.detail.series.${String(name) as 'size'}`)}
            wrapperStyle={{ fontSize: 12 }}
          />
          {series.map((s) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              stroke={s.color}
              strokeWidth={s.width}
              dot={points.length < 20}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
