'use client';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/components/i18n-provider';

/** The quality score of the last runs, oldest first. */
export function QualityScoreChart({ points }: { points: { runId: number; at: Date; score: number | null }[] }) {
  const { t, f } = useI18n();
  const data = points
    .filter((p) => p.score !== null)
    .map((p) => ({ at: new Date(p.at).getTime(), score: Math.round(p.score! * 10) / 10 }));
  if (data.length === 0) return null;
  return (
    <figure aria-label={t('quality.scoreTrend')} className="h-32 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="at" tickFormatter={(v: number) => f.date(v)} fontSize={11} stroke="#64748b" minTickGap={40} />
          <YAxis domain={[0, 100]} width={32} fontSize={11} stroke="#64748b" />
          <Tooltip
            labelFormatter={(v) => f.dateTime(Number(v))}
            formatter={(v) => [f.number(Number(v)), t('quality.score')]}
          />
          <Line type="monotone" dataKey="score" stroke="#2f6fed" strokeWidth={2} dot={data.length < 15} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
