'use client';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/components/i18n-provider';

/** Revenue bars and an orders line per bucket (day or week), with the previous period's revenue dashed beside them. */
export function RevenueChart({
  data,
}: {
  data: { start: number; orders: number; revenue: number; prevRevenue: number }[];
}) {
  const { t, f } = useI18n();
  if (!data.some((d) => d.orders > 0 || d.prevRevenue > 0))
    return <p className="py-12 text-center text-sm text-slate-500">{t('dashboard.noChartData')}</p>;
  const names = {
    revenue: t('dashboard.revenueAxis'),
    prev: t('dashboard.previousRevenue'),
    orders: t('dashboard.ordersAxis'),
  };
  return (
    <ResponsiveContainer width="100%" height={280}>
      <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis
          dataKey="start"
          tickFormatter={(v: number) => f.date(v)}
          fontSize={12}
          stroke="#64748b"
          minTickGap={24}
        />
        <YAxis yAxisId="revenue" tickFormatter={(v: number) => f.compact(v)} fontSize={12} stroke="#64748b" />
        <YAxis
          yAxisId="orders"
          orientation="right"
          tickFormatter={(v: number) => f.compact(v)}
          fontSize={12}
          stroke="#64748b"
        />
        <Tooltip
          labelFormatter={(v) => f.date(Number(v))}
          formatter={(value, name) => [name === names.orders ? f.number(Number(value)) : f.money(Number(value)), name]}
        />
        <Legend />
        <Bar yAxisId="revenue" dataKey="revenue" name={names.revenue} fill="#93b4f5" radius={[4, 4, 0, 0]} />
        <Line
          yAxisId="revenue"
          dataKey="prevRevenue"
          name={names.prev}
          stroke="#94a3b8"
          strokeDasharray="4 3"
          strokeWidth={1.5}
          dot={false}
        />
        <Line yAxisId="orders" dataKey="orders" name={names.orders} stroke="#1c47a8" strokeWidth={2} dot={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
