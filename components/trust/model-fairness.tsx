'use client';
import { useI18n } from '@/components/i18n-provider';
import type { RecommendationFairness } from '@/lib/engine/fairness/evaluate-groups';
import { ExposureChart } from './exposure-chart';
import { dimensionLabel, groupLabel } from './labels';

export type ModelRow = {
  id: number;
  model: string;
  version: number;
  isServing: boolean;
  fairness: RecommendationFairness | null;
};

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** One trained model: exposure and accuracy beside the popularity baseline, and NDCG per customer group. */
export function ModelFairness({ row }: { row: ModelRow }) {
  const { t, f } = useI18n();
  const fr = row.fairness;
  return (
    <section id={`model-${row.id}`} className="card scroll-mt-4 p-4" data-testid="model-fairness">
      <h3 className="font-semibold">
        {row.model} v{row.version}
        {row.isServing && (
          <span className="badge ml-2 bg-emerald-50 text-emerald-700">{t('fairness.models.serving')}</span>
        )}
      </h3>
      {!fr ? (
        <p className="mt-2 text-sm text-slate-500">{t('fairness.models.notMeasured')}</p>
      ) : (
        <div className="mt-3 grid gap-4 xl:grid-cols-2">
          <div className="min-w-0 overflow-x-auto">
            <table className="data-table">
              <thead>
                <tr>
                  <th />
                  <th className="text-right">{t('fairness.models.model')}</th>
                  <th className="text-right">{t('fairness.models.baseline')}</th>
                </tr>
              </thead>
              <tbody>
                {(
                  [
                    ['gini', t('fairness.models.gini')],
                    ['arp', t('fairness.models.arp')],
                    ['aplt', t('fairness.models.aplt')],
                    ['coverage', t('fairness.models.coverage')],
                    ['ndcg', t('fairness.models.ndcg', { k: fr.k })],
                  ] as const
                ).map(([key, label]) => (
                  <tr key={key}>
                    <td>{label}</td>
                    <td className="text-right tabular-nums">{f.number(r3(fr.model[key]))}</td>
                    <td className="text-right tabular-nums">{f.number(r3(fr.baseline[key]))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ExposureChart model={fr.model} baseline={fr.baseline} k={fr.k} />
          </div>
          <div className="min-w-0 space-y-3 overflow-x-auto">
            <h4 className="text-sm font-semibold">{t('fairness.models.byGroup', { k: fr.k })}</h4>
            {Object.entries(fr.model.byGroup).map(([dimension, groups]) => {
              const base = new Map(fr.baseline.byGroup[dimension]?.map((g) => [g.group, g.ndcg]) ?? []);
              return (
                <table key={dimension} className="data-table">
                  <thead>
                    <tr>
                      <th>{dimensionLabel(t, dimension)}</th>
                      <th className="text-right">{t('fairness.audience.customers')}</th>
                      <th className="text-right">{t('fairness.models.model')}</th>
                      <th className="text-right">{t('fairness.models.baseline')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {groups.map((g) => (
                      <tr key={g.group}>
                        <td>{groupLabel(t, dimension, g.group)}</td>
                        <td className="text-right tabular-nums">
                          {g.users < 30 ? (
                            <span className="text-xs text-slate-500">
                              {f.number(g.users)} · {t('fairness.audience.tooFew')}
                            </span>
                          ) : (
                            f.number(g.users)
                          )}
                        </td>
                        <td className="text-right tabular-nums">{f.number(r3(g.ndcg))}</td>
                        <td className="text-right tabular-nums">{f.number(r3(base.get(g.group) ?? 0))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
