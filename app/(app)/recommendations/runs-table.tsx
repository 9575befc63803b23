'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import { isMessageKey, labelFor } from '@/lib/i18n/message-ref';
import { cancelTrainingAction, serveRunAction } from './actions';
import type { ProgressDto, RunDto } from './types';

const STATUS_STYLE: Record<string, string> = {
  queued: 'bg-slate-100 text-slate-700',
  running: 'bg-blue-50 text-blue-800',
  completed: 'bg-emerald-50 text-emerald-800',
  failed: 'bg-red-50 text-red-800',
  cancelled: 'bg-amber-50 text-amber-800',
};

export function RunsTable({
  runs,
  progress,
  canManage,
  canReadFairness,
}: {
  runs: RunDto[];
  progress: ProgressDto[];
  canManage: boolean;
  canReadFairness: boolean;
}) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);
  const live = new Map(progress.map((p) => [p.runId, p]));
  const modelName = (m: string) => labelFor(t, 'recommendations.models', m);

  function serve(run: RunDto) {
    const question =
      run.model === 'federated-als'
        ? t('federated.serveConfirm', { version: run.version })
        : t('recommendations.runs.serveConfirm', { model: modelName(run.model), version: run.version });
    if (!window.confirm(question)) return;
    start(async () => {
      const r = await serveRunAction(run.id);
      setResult(
        r.ok
          ? {
              ok: true,
              message: t('recommendations.runs.served', { model: modelName(run.model), version: run.version }),
            }
          : r,
      );
      router.refresh();
    });
  }
  function cancel(run: RunDto) {
    start(async () => {
      const r = await cancelTrainingAction(run.id);
      setResult(r.ok ? { ok: true, message: t('recommendations.runs.cancelled') } : r);
      router.refresh();
    });
  }

  if (runs.length === 0) return <p className="p-4 text-sm text-slate-500">{t('recommendations.runs.empty')}</p>;
  return (
    <>
      <div className="overflow-x-auto">
        <table className="data-table" data-testid="runs-table">
          <thead>
            <tr>
              <th>{t('recommendations.runs.model')}</th>
              <th>{t('recommendations.runs.data')}</th>
              <th>{t('recommendations.runs.protocol')}</th>
              <th className="text-right">NDCG</th>
              <th className="text-right">{t('recommendations.metrics.precision')}</th>
              <th className="text-right">{t('recommendations.metrics.recall')}</th>
              <th className="text-right">{t('recommendations.metrics.coverage')}</th>
              <th className="text-right">{t('recommendations.runs.trainingTime')}</th>
              <th>{t('recommendations.runs.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => {
              const p = live.get(run.id);
              const status = p?.status ?? run.status;
              const m = (name: string) => run.metrics?.[`${name}@${run.k}`];
              const cell = (v: number | undefined) => (
                <td className="text-right tabular-nums">{v === undefined ? '—' : v.toFixed(3)}</td>
              );
              return (
                <tr
                  key={run.id}
                  data-testid="run-row"
                  data-model={run.model}
                  data-status={status}
                  className={run.isServing ? 'bg-emerald-50/40' : ''}
                >
                  <td className="min-w-40">
                    <div className="font-medium">
                      {modelName(run.model)} <span className="text-slate-400">v{run.version}</span>
                    </div>
                    {run.federatedEpsilon && (
                      <div className="text-xs text-slate-500" data-testid="run-privacy">
                        {run.federatedEpsilon === 'none'
                          ? t('federated.noNoise')
                          : t(`federated.epsilonOption.${run.federatedEpsilon as '8'}`)}
                      </div>
                    )}
                    {run.isServing && (
                      <span className="badge mt-0.5 bg-emerald-700 text-white">
                        {t('recommendations.runs.servingBadge')}
                      </span>
                    )}
                    {run.components && (run.components.length > 1 || run.model === 'hybrid') && (
                      <div className="mt-0.5 text-xs text-slate-500">
                        {t('recommendations.runs.components', {
                          parts: run.components.map((c) => `${modelName(c.kind)} ×${c.weight}`).join(', '),
                        })}
                      </div>
                    )}
                    {canReadFairness && run.status === 'completed' && (
                      <Link
                        className="mt-0.5 block text-xs text-brand-700 hover:underline"
                        href={`/trust/fairness#model-${run.id}`}
                      >
                        {t('fairness.title')} →
                      </Link>
                    )}
                  </td>
                  <td className="min-w-36 text-xs text-slate-600">
                    {run.data
                      ? t('recommendations.runs.dataLine', {
                          customers: run.data.customers,
                          products: run.data.products,
                          interactions: run.data.interactions,
                        })
                      : '—'}
                  </td>
                  <td className="min-w-40 text-xs text-slate-600" title={run.protocol}>
                    {labelFor(t, 'recommendations.train.splits', run.split)} ·{' '}
                    {labelFor(t, 'recommendations.train.relevances', run.relevance)} · @{run.k}
                    {run.metrics?.users !== undefined && (
                      <div className="text-slate-400">
                        {t('recommendations.runs.users', { count: run.metrics.users })}
                      </div>
                    )}
                  </td>
                  {cell(m('ndcg'))}
                  {cell(m('precision'))}
                  {cell(m('recall'))}
                  {cell(m('coverage'))}
                  <td className="text-right whitespace-nowrap tabular-nums">
                    {run.trainingMs === null ? '—' : `${f.number(Math.round(run.trainingMs / 100) / 10)} s`}
                  </td>
                  <td className="whitespace-nowrap">
                    <span className={`badge ${STATUS_STYLE[status] ?? ''}`}>
                      {labelFor(t, 'recommendations.status', status)}
                    </span>
                    {p && (status === 'running' || status === 'queued') && (
                      <div className="mt-1 w-36" data-testid="run-progress">
                        <div className="h-1.5 overflow-hidden rounded-full bg-slate-100">
                          <div
                            className="h-full bg-brand-500 transition-all"
                            style={{ width: `${Math.round(p.fraction * 100)}%` }}
                          />
                        </div>
                        <div className="mt-0.5 truncate text-xs text-slate-500" title={p.note ?? ''}>
                          {f.percent(p.fraction)} {p.note}
                        </div>
                      </div>
                    )}
                    {run.error && (
                      <div className="mt-1 max-w-56 text-xs whitespace-normal text-red-700">
                        {isMessageKey(run.error) ? t(run.error) : run.error}
                      </div>
                    )}
                  </td>
                  <td className="whitespace-nowrap">
                    {canManage && status === 'completed' && !run.isServing && (
                      <button
                        type="button"
                        className="btn-secondary py-1"
                        disabled={pending}
                        title={t('recommendations.runs.serveHelp')}
                        onClick={() => serve(run)}
                      >
                        {t('recommendations.runs.serve')}
                      </button>
                    )}
                    {canManage && (status === 'running' || status === 'queued') && (
                      <button type="button" className="btn-danger py-1" disabled={pending} onClick={() => cancel(run)}>
                        {t('recommendations.runs.cancel')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="px-4 pb-3">
        <FormMessage result={result} />
      </div>
    </>
  );
}
