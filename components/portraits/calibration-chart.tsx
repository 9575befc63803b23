'use client';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/components/i18n-provider';

export type CalibrationRow = { x: number; label: string; customers: number; actual: number; predicted: number };

/**
 * BG/NBD conditional-expectation check (Fader, Hardie & Lee 2005, fig. 4): mean hold-out purchases per customer,
 * actual (bars) and predicted (line), by the number of repeat purchases in the calibration period.
 */
export function CalibrationChart({ rows }: { rows: CalibrationRow[] }) {
  const { t, f } = useI18n();
  const fmt = (v: number) => v.toLocaleString(undefined, { maximumFractionDigits: 2 });
  return (
    <ResponsiveContainer width="100%" height={280}>
      <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 24, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis
          dataKey="label"
          fontSize={12}
          stroke="#64748b"
          label={{
            value: t('portraits.models.calibrationAxis'),
            position: 'insideBottom',
            offset: -14,
            fontSize: 12,
            fill: '#64748b',
          }}
        />
        <YAxis
          fontSize={12}
          stroke="#64748b"
          tickFormatter={(v: number) => fmt(v)}
          label={{
            value: t('portraits.models.perCustomer'),
            angle: -90,
            position: 'insideLeft',
            fontSize: 11,
            fill: '#64748b',
            dy: 90,
          }}
        />
        <Tooltip
          formatter={(value, name) => [fmt(Number(value)), name]}
          labelFormatter={(label, payload) => {
            const row = payload?.[0]?.payload as CalibrationRow | undefined;
            return row ? `${label} · ${f.number(row.customers)}` : String(label);
          }}
        />
        <Legend verticalAlign="top" height={28} />
        <Bar
          dataKey="actual"
          name={t('portraits.models.actual')}
          fill="#4a78db"
          radius={[4, 4, 0, 0]}
          isAnimationActive={false}
        />
        <Line
          dataKey="predicted"
          name={t('portraits.models.predicted')}
          stroke="#b45309"
          strokeWidth={2}
          dot={{ r: 3 }}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
