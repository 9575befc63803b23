'use client';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/components/i18n-provider';

export type ComparisonRow = { label: string; ndcg: number; precision: number; recall: number; coverage: number };

const ACCURACY = [
  { key: 'ndcg', color: '#1c47a8' },
  { key: 'precision', color: '#2f6fed' },
  { key: 'recall', color: '#93b4f5' },
] as const;

/**
 * NDCG, precision and recall @K per model as bars (left axis), catalogue coverage as points on its own axis (right,
 * 0–1) so a high-coverage model does not flatten the accuracy bars. Same protocol for every model.
 */
export function ComparisonChart({ data }: { data: ComparisonRow[] }) {
  const { t, f } = useI18n();
  if (!data.length)
    return <p className="py-12 text-center text-sm text-slate-500">{t('recommendations.chart.empty')}</p>;
  return (
    <div data-testid="comparison-chart">
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" fontSize={11} stroke="#64748b" interval={0} />
          <YAxis yAxisId="accuracy" fontSize={12} stroke="#64748b" tickFormatter={(v: number) => f.number(v)} />
          <YAxis
            yAxisId="coverage"
            orientation="right"
            domain={[0, 1]}
            fontSize={12}
            stroke="#d97706"
            tickFormatter={(v: number) => f.percent(v)}
          />
          <Tooltip formatter={(v, name) => [Number(v).toFixed(3), name]} />
          <Legend />
          {ACCURACY.map((s) => (
            <Bar
              key={s.key}
              yAxisId="accuracy"
              dataKey={s.key}
              name={t(`recommendations.metrics.${s.key}`)}
              fill={s.color}
              radius={[3, 3, 0, 0]}
            />
          ))}
          <Line
            yAxisId="coverage"
            dataKey="coverage"
            name={t('recommendations.metrics.coverage')}
            stroke="#d97706"
            strokeWidth={0}
            dot={{ r: 5, fill: '#f59e0b', stroke: '#d97706' }}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
