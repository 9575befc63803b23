import type { getI18n } from '@/app/_server/i18n';
import { labelFor } from '@/lib/i18n/message-ref';
import type { FederatedComparison, FederatedComparisonRow } from '@/lib/services/recommendations';

type I18n = Awaited<ReturnType<typeof getI18n>>;
const METRICS = ['ndcg', 'precision', 'recall', 'coverage'] as const;

/** Simulated federated ALS runs beside centralised ALS on the same holdout, with what the comparison proves. */
export function FederatedSection({
  comparison,
  t,
  f,
}: {
  comparison: FederatedComparison | null;
  t: I18n['t'];
  f: I18n['f'];
}) {
  const c = comparison;
  const baseNdcg = c?.centralised?.metrics[`ndcg@${c.k}`];
  const card = (row: FederatedComparisonRow) => {
    const ndcg = row.metrics[`ndcg@${c!.k}`];
    const federated = row.model === 'federated-als';
    return (
      <li
        key={row.runId}
        className="rounded-lg border border-slate-200 p-3"
        data-testid="federated-row"
        data-model={row.model}
      >
        <div className="flex flex-wrap items-baseline gap-x-2">
          <span className="font-medium">
            {federated ? t('federated.federatedRun', { version: row.version }) : t('federated.centralised')}
          </span>
          <span className="text-sm text-slate-500">
            {!federated
              ? `v${row.version}`
              : row.epsilon === null
                ? t('federated.noNoise')
                : t('federated.privacy', {
                    epsilon: f.number(Math.round(row.epsilon * 100) / 100),
                    delta: (row.delta ?? 0).toExponential(0),
                    noise: f.number(Math.round((row.noiseMultiplier ?? 0) * 100) / 100),
                  })}
          </span>
          {row.isServing && <span className="badge bg-emerald-700 text-white">{t('federated.servingBadge')}</span>}
        </div>
        <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4 lg:grid-cols-7">
          {METRICS.map((m) => {
            const v = row.metrics[`${m}@${c!.k}`];
            return (
              <div key={m}>
                <dt className="text-slate-500">
                  {t(`recommendations.metrics.${m}`)}@{c!.k}
                </dt>
                <dd className="font-semibold tabular-nums" data-testid={`federated-${m}`}>
                  {v === undefined ? '—' : v.toFixed(3)}
                </dd>
              </div>
            );
          })}
          {federated && (
            <>
              <div>
                <dt className="text-slate-500">{t('federated.rounds')}</dt>
                <dd className="tabular-nums">{row.rounds ?? '—'}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t('federated.sent')}</dt>
                <dd className="tabular-nums">
                  {row.bytesSentPerClient === null ? '—' : f.bytes(row.bytesSentPerClient)}
                </dd>
              </div>
              {baseNdcg !== undefined && baseNdcg > 0 && ndcg !== undefined && (
                <div>
                  <dt className="text-slate-500">{t('federated.share')}</dt>
                  <dd className="tabular-nums" data-testid="federated-share">
                    {f.percent(ndcg / baseNdcg)}
                  </dd>
                </div>
              )}
            </>
          )}
        </dl>
      </li>
    );
  };
  return (
    <section className="card mt-6 p-4" data-testid="federated-section">
      <h2 className="font-semibold">{t('federated.title')}</h2>
      <div className="mt-1 max-w-3xl space-y-1 text-sm text-slate-600">
        <p>{t('federated.what')}</p>
        <p>{t('federated.proves')}</p>
        <p>{t('federated.notProves')}</p>
        <p>{t('federated.serving')}</p>
      </div>
      {!c ? (
        <p className="mt-3 text-sm text-slate-500">{t('federated.empty')}</p>
      ) : (
        <>
          <p className="mt-3 text-xs text-slate-500">
            {t('federated.setup', {
              customers: f.number(c.customers),
              split: labelFor(t, 'recommendations.train.splits', c.split),
              relevance: labelFor(t, 'recommendations.train.relevances', c.relevance),
            })}
          </p>
          {!c.centralised && <p className="mt-2 text-sm text-amber-700">{t('federated.noBaseline')}</p>}
          <ul className="mt-3 space-y-2">
            {c.centralised && card(c.centralised)}
            {c.federated.map(card)}
          </ul>
        </>
      )}
    </section>
  );
}
