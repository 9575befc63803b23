'use client';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/components/i18n-provider';

/** Horizontal bars for a ranked list (categories, event types, funnel steps). */
export function BarList({
  data,
  money = false,
  color = '#2f6fed',
}: {
  data: { label: string; value: number }[];
  money?: boolean;
  color?: string;
}) {
  const { f } = useI18n();
  const format = (v: number) => (money ? f.money(v) : f.number(v));
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, data.length * 34 + 20)}>
      <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e2e8f0" horizontal={false} />
        <XAxis type="number" tickFormatter={(v: number) => f.compact(v)} fontSize={12} stroke="#64748b" />
        <YAxis type="category" dataKey="label" width={130} fontSize={12} stroke="#64748b" />
        <Tooltip formatter={(v) => format(Number(v))} />
        <Bar dataKey="value" fill={color} radius={[0, 4, 4, 0]} />
      </BarChart>
    </ResponsiveContainer>
  );
}
