'use client';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useI18n } from '@/components/i18n-provider';

type Row = { label: string; rate: number; isTooFew: boolean; isBelowFourFifths: boolean };

/** Selection rate per group; groups below four fifths of the highest in red, groups too small to judge in grey. */
export function SelectionChart({ rows, fourFifthsLine }: { rows: Row[]; fourFifthsLine: number | null }) {
  const { t, f } = useI18n();
  return (
    <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 28 + 40)}>
      <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
        <CartesianGrid stroke="#e2e8f0" horizontal={false} />
        <XAxis
          type="number"
          domain={[0, (dataMax: number) => (dataMax > 0 ? dataMax : 1)]}
          tickFormatter={(v: number) => f.percent(v)}
          fontSize={12}
          stroke="#64748b"
        />
        <YAxis type="category" dataKey="label" width={110} fontSize={12} stroke="#64748b" />
        <Tooltip formatter={(v) => [f.percent(Number(v)), t('fairness.audience.rate')]} />
        {fourFifthsLine !== null && <ReferenceLine x={fourFifthsLine} stroke="#dc2626" strokeDasharray="4 3" />}
        <Bar dataKey="rate" name={t('fairness.audience.rate')} radius={[0, 4, 4, 0]}>
          {rows.map((r) => (
            <Cell key={r.label} fill={r.isTooFew ? '#cbd5e1' : r.isBelowFourFifths ? '#ef4444' : '#3b6fd8'} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
