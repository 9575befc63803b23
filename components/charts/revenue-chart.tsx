'use client';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/components/i18n-provider';

export function RevenueChart({ data }: { data: { week: number; orders: number; revenue: number }[] }) {
  const { t, f } = useI18n();
  if (!data.length) return <p className="py-12 text-center text-sm text-slate-500">{t('dashboard.noChartData')}</p>;
  return (
    <ResponsiveContainer width="100%" height={280}>
      <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="week" tickFormatter={(v: number) => f.date(v)} fontSize={12} stroke="#64748b" />
        <YAxis yAxisId="revenue" tickFormatter={(v: number) => f.compact(v)} fontSize={12} stroke="#64748b" />
        <YAxis yAxisId="orders" orientation="right" tickFormatter={(v: number) => f.compact(v)} fontSize={12} stroke="#64748b" />
        <Tooltip
          labelFormatter={(v) => f.date(Number(v))}
          formatter={(value, name) => [name === t('dashboard.revenueAxis') ? f.money(Number(value)) : f.number(Number(value)), name]}
        />
        <Legend />
        <Bar yAxisId="revenue" dataKey="revenue" name={t('dashboard.revenueAxis')} fill="#93b4f5" radius={[4, 4, 0, 0]} />
        <Line yAxisId="orders" dataKey="orders" name={t('dashboard.ordersAxis')} stroke="#1c47a8" strokeWidth={2} dot={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
