'use client';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/components/i18n-provider';

/** Daily coverage of one tag (customers carrying it), from TagCoverage snapshots. */
export function CoverageChart({ points }: { points: { day: number; count: number }[] }) {
  const { t, f } = useI18n();
  if (points.length === 0)
    return <p className="py-8 text-center text-sm text-slate-500">{t('portraits.tags.noTrend')}</p>;
  return (
    <ResponsiveContainer width="100%" height={200}>
      <AreaChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis
          dataKey="day"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={(v: number) => f.date(v)}
          fontSize={12}
          stroke="#64748b"
        />
        <YAxis tickFormatter={(v: number) => f.compact(v)} fontSize={12} stroke="#64748b" allowDecimals={false} />
        <Tooltip
          labelFormatter={(v) => f.date(Number(v))}
          formatter={(v) => [f.number(Number(v)), t('portraits.tags.columns.customers')]}
        />
        <Area
          dataKey="count"
          stroke="#2f6fed"
          fill="#d9eaff"
          strokeWidth={2}
          isAnimationActive={false}
          dot={points.length < 3}
        />
      </AreaChart>
    </ResponsiveContainer>
  );
}
