'use client';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/components/i18n-provider';

type Metrics = { gini: number; aplt: number; coverage: number; ndcg: number };

/** A model beside the popularity baseline on the share-type metrics (0–1): Gini, long-tail share, coverage, NDCG. */
export function ExposureChart({ model, baseline, k }: { model: Metrics; baseline: Metrics; k: number }) {
  const { t, f } = useI18n();
  const names = { model: t('fairness.models.model'), baseline: t('fairness.models.baseline') };
  const data = [
    { metric: t('fairness.models.gini'), model: model.gini, baseline: baseline.gini },
    { metric: t('fairness.models.aplt'), model: model.aplt, baseline: baseline.aplt },
    { metric: t('fairness.models.coverage'), model: model.coverage, baseline: baseline.coverage },
    { metric: t('fairness.models.ndcg', { k }), model: model.ndcg, baseline: baseline.ndcg },
  ];
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="metric" fontSize={11} stroke="#64748b" interval={0} />
        <YAxis domain={[0, 1]} tickFormatter={(v: number) => f.number(v)} fontSize={12} stroke="#64748b" width={36} />
        <Tooltip formatter={(v, name) => [f.number(Math.round(Number(v) * 1000) / 1000), name]} />
        <Legend />
        <Bar dataKey="model" name={names.model} fill="#3b6fd8" radius={[4, 4, 0, 0]} />
        <Bar dataKey="baseline" name={names.baseline} fill="#94a3b8" radius={[4, 4, 0, 0]} />
      </BarChart>
    </ResponsiveContainer>
  );
}
