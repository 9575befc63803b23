import type { Metadata } from 'next';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { ComparisonChart, type ComparisonRow } from '@/components/recommendations/comparison-chart';
import { PageHeader } from '@/components/ui/page-header';
import { labelFor } from '@/lib/i18n/message-ref';
import { can } from '@/lib/security/roles';
import { deviceBundleSummary, getRecommendationsOverview, MODEL_KINDS } from '@/lib/services/recommendations';
import { CustomerPreview } from './customer-preview';
import { DeviceSection } from './device-section';
import { FederatedSection } from './federated-section';
import { ModelsSection } from './models-section';
import { RetrainButton } from './retrain-button';
import { SettingsForm } from './settings-form';
import type { ProgressDto, RunDto } from './types';

export const metadata: Metadata = { title: 'Recommendations' };

type Params = {
  options?: { k?: number; split?: string; relevance?: string; federatedEpsilon?: string };
  data?: RunDto['data'];
  components?: { kind: string; weight: number }[];
};

export default async function RecommendationsPage() {
  const actor = await requirePage('recommendations:view');
  const { t, f } = await getI18n();
  const [overview, device] = await Promise.all([
    pageData(() => getRecommendationsOverview(actor)),
    pageData(() => deviceBundleSummary(actor)),
  ]);
  const runs: RunDto[] = overview.runs.map((r) => {
    const p = (r.params ?? {}) as Params;
    return {
      id: r.id,
      model: r.model,
      version: r.version,
      status: r.status,
      isServing: r.isServing,
      createdAt: r.createdAt.toISOString(),
      completedAt: r.completedAt?.toISOString() ?? null,
      trainingMs: r.trainingMs,
      error: r.error,
      protocol: r.protocol,
      metrics: (r.metrics as Record<string, number> | null) ?? null,
      k: p.options?.k ?? 10,
      split: p.options?.split ?? 'temporal',
      relevance: p.options?.relevance ?? 'any',
      data: p.data ?? null,
      components: p.components?.map((c) => ({ kind: c.kind, weight: c.weight })) ?? null,
      federatedEpsilon: r.model === 'federated-als' ? (p.options?.federatedEpsilon ?? 'none') : null,
    };
  });
  const progress: ProgressDto[] = runs
    .filter((r) => r.status === 'queued' || r.status === 'running')
    .map((r) => {
      const job = overview.runs.find((x) => x.id === r.id)?.jobId;
      const p = job ? overview.progress[job] : undefined;
      return { runId: r.id, model: r.model, status: r.status, fraction: p?.fraction ?? 0, note: p?.note ?? null };
    });
  // latest completed version of each model, in the menu's order
  const latest = MODEL_KINDS.map((m) =>
    runs.find((r) => r.model === m && r.status === 'completed' && r.metrics),
  ).filter((r): r is RunDto => !!r);
  const chartK = latest[0]?.k ?? 10;
  const comparison: ComparisonRow[] = latest.map((r) => ({
    label: labelFor(t, 'recommendations.modelsShort', r.model),
    ndcg: r.metrics![`ndcg@${r.k}`] ?? 0,
    precision: r.metrics![`precision@${r.k}`] ?? 0,
    recall: r.metrics![`recall@${r.k}`] ?? 0,
    coverage: r.metrics![`coverage@${r.k}`] ?? 0,
  }));
  const serving = overview.serving.run;
  const reason = overview.serving.reason;
  const why = reason
    ? t(reason.key, { ...reason, component: labelFor(t, 'recommendations.modelsShort', reason.component) })
    : null;
  return (
    <>
      <PageHeader title={t('recommendations.title')} subtitle={t('recommendations.subtitle')} />
      <section className="card mb-6 flex flex-wrap items-center justify-between gap-4 p-4" data-testid="serving-card">
        <div>
          <div className="text-sm text-slate-500">{t('recommendations.serving.title')}</div>
          {serving ? (
            <div className="text-lg font-semibold">
              {t('recommendations.serving.model', {
                model: labelFor(t, 'recommendations.models', serving.model),
                version: serving.version,
              })}
              <span className="ml-2 text-sm font-normal text-slate-500">
                {serving.completedAt
                  ? t('recommendations.serving.since', { date: f.dateTime(serving.completedAt) })
                  : ''}
              </span>
            </div>
          ) : (
            <p className="max-w-3xl text-sm text-slate-600">{t('recommendations.serving.none')}</p>
          )}
          {why && (
            <p className="mt-1 max-w-3xl text-sm text-slate-600" data-testid="serving-why">
              {why}
            </p>
          )}
          {serving && (overview.serving.catalogue?.added ?? 0) > 0 && (
            <div
              className="mt-1 flex flex-wrap items-center gap-2 text-sm text-amber-700"
              data-testid="catalogue-newer"
            >
              <p>{catalogueNotice(overview.serving.catalogue!, t, f.number)}</p>
              {overview.canManage && <RetrainButton />}
            </div>
          )}
          {overview.serving.process.lastError && (
            <p className="mt-1 text-sm text-amber-700">
              {t('recommendations.serving.loadError', { error: overview.serving.process.lastError })}
            </p>
          )}
        </div>
        {serving?.metrics && (
          <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
            {(['ndcg', 'precision', 'recall', 'coverage'] as const).map((m) => {
              const k = runs.find((r) => r.id === serving.id)?.k ?? 10;
              const v = (serving.metrics as Record<string, number>)[`${m}@${k}`];
              return (
                <div key={m}>
                  <dt className="text-slate-500">
                    {t(`recommendations.metrics.${m}`)}@{k}
                  </dt>
                  <dd className="text-lg font-semibold tabular-nums">{v === undefined ? '—' : v.toFixed(3)}</dd>
                </div>
              );
            })}
          </dl>
        )}
      </section>
      <DeviceSection summary={device} t={t} f={f} />
      <ModelsSection
        runs={runs}
        progress={progress}
        canManage={overview.canManage}
        canReadFairness={can(actor.role, 'trust:read-all')}
        chart={
          <>
            <h2 className="font-semibold">{t('recommendations.chart.title')}</h2>
            <p className="mb-3 text-sm text-slate-500">{t('recommendations.chart.help', { k: chartK })}</p>
            <ComparisonChart data={comparison} />
          </>
        }
      />
      <FederatedSection comparison={overview.federated} t={t} f={f} />
      <section className="card mt-6 p-4">
        <h2 className="mb-3 font-semibold">{t('recommendations.preview.title')}</h2>
        <CustomerPreview />
      </section>
      <section className="card mt-6 p-4">
        <h2 className="mb-3 font-semibold">{t('recommendations.settings.title')}</h2>
        <SettingsForm settings={overview.settings} categories={overview.categories} canManage={overview.canManage} />
      </section>
    </>
  );
}

/** The serving model is older than the catalogue: what it was trained on, what the catalogue has now. */
function catalogueNotice(
  c: { total: number; added: number; trained: number | null },
  t: Awaited<ReturnType<typeof getI18n>>['t'],
  number: (n: number) => string,
): string {
  const vars = { added: number(c.added), total: number(c.total) };
  return c.trained === null
    ? t('recommendations.serving.catalogueNewerAdded', vars)
    : t('recommendations.serving.catalogueNewer', { ...vars, trained: number(c.trained) });
}
