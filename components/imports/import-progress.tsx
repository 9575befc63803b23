'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import { importOutcome } from '@/lib/import/outcome';
import { isMessageKey, labelFor } from '@/lib/i18n/message-ref';
import type { ImportStatus } from '@/lib/services/imports/imports';
import { RejectedRows } from './rejected-rows';

const ACTIVE = new Set(['queued', 'running']);

/** Live progress while an import runs (polled every second), then its report. */
type Actions = {
  startImport: (input: unknown) => Promise<ActionResult<unknown>>;
  cancelImport: (id: unknown) => Promise<ActionResult<unknown>>;
};

/** Counted steps that need the reader's attention (shown highlighted). */
const WARNING_STEPS = new Set(['consentWithheldAfterErasure']);

export function ImportProgress({
  initial,
  mapping,
  options,
  actions,
}: {
  initial: ImportStatus;
  mapping: unknown;
  options: unknown;
  actions: Actions;
}) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const { data } = useQuery({
    queryKey: ['import', initial.id],
    queryFn: async () => {
      const res = await fetch(`/api/imports/${initial.id}`);
      if (!res.ok) throw new Error(String(res.status));
      return (await res.json()) as ImportStatus;
    },
    initialData: initial,
    // Dropped when the page is left, so the server's snapshot is what a later visit starts from (after a re-run the
    // cached report of the previous run would otherwise stay on screen, not polling).
    gcTime: 0,
    refetchInterval: (q) => (ACTIVE.has(q.state.data?.status ?? '') ? 1000 : false),
  });
  const s = data;
  const active = ACTIVE.has(s.status);
  const outcome = importOutcome({ status: s.status, rowsRead: s.counts.read, rejected: s.counts.rejected });
  useEffect(() => {
    if (!active && ACTIVE.has(initial.status)) router.refresh();
  }, [active, initial.status, router]);

  const duration = (seconds: number) =>
    seconds < 90
      ? t('importReview.report.seconds', { seconds: seconds.toFixed(1) })
      : t('importReview.report.minutes', { minutes: Math.floor(seconds / 60), seconds: Math.round(seconds % 60) });
  const steps = Object.entries(s.cleaning ?? {}).filter(([, n]) => n > 0);
  const eta =
    s.etaSeconds === null
      ? null
      : s.etaSeconds < 90
        ? `${Math.ceil(s.etaSeconds)} s`
        : `${Math.ceil(s.etaSeconds / 60)} min`;

  return (
    <div className="space-y-6">
      {active && (
        <section className="card p-4" aria-live="polite">
          <h2 className="mb-3 font-semibold">{t('imports.progress.title')}</h2>
          {s.status === 'queued' ? (
            <p className="text-sm text-slate-600">{t('imports.progress.queued')}</p>
          ) : (
            <>
              <div
                className="h-3 overflow-hidden rounded bg-slate-100"
                role="progressbar"
                aria-label={t('imports.progress.title')}
                aria-valuenow={Math.round(s.fraction * 100)}
                aria-valuemin={0}
                aria-valuemax={100}
              >
                <div
                  className="h-full bg-brand-500 transition-all"
                  style={{ width: `${Math.max(2, s.fraction * 100)}%` }}
                />
              </div>
              <p className="mt-2 text-sm text-slate-600">
                {f.percent(s.fraction)} · {t('imports.progress.rows', { rows: s.counts.read })} ·{' '}
                {t('imports.progress.rate', { rate: Math.round(s.rowsPerSec) })}
                {eta && ` · ${t('imports.progress.eta', { eta })}`}
              </p>
            </>
          )}
          <button
            type="button"
            className="btn-danger mt-4"
            disabled={pending || s.cancelRequested}
            onClick={() =>
              start(async () => setMessage((await actions.cancelImport(s.id)).ok ? null : t('common.error')))
            }
          >
            {t('imports.progress.cancel')}
          </button>
        </section>
      )}

      {!active && (
        <section className="card p-4">
          <h2 className="mb-3 font-semibold">{t('imports.report.title')}</h2>
          {(outcome === 'noRows' || outcome === 'allRejected') && (
            <p
              role="status"
              className="mb-3 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
              data-testid="import-warning"
            >
              {t(`imports.report.${outcome}`)}
            </p>
          )}
          {s.status === 'failed' && s.error && (
            <p role="alert" className="mb-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
              {t('imports.report.failed', { error: isMessageKey(s.error) ? t(s.error) : s.error })}
            </p>
          )}
          <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
            {(['read', 'inserted', 'updated', 'unchanged', 'rejected'] as const).map((k) => (
              <div
                key={k}
                className={`rounded-lg border p-3 ${k === 'rejected' && s.counts.rejected ? 'border-red-200 bg-red-50' : 'border-slate-200'}`}
              >
                <div className="text-xs text-slate-500">{t(`imports.report.${k}`)}</div>
                <div className="text-xl font-semibold tabular-nums" data-testid={`count-${k}`}>
                  {f.number(s.counts[k])}
                </div>
              </div>
            ))}
          </div>
          <p className="mt-2 text-xs text-slate-500" data-testid="timing">
            {t('importReview.report.timing', { processing: duration(s.seconds), rate: Math.round(s.rowsPerSec) })}
            {s.waitingSeconds >= 1 && ` · ${t('importReview.report.waiting', { waiting: duration(s.waitingSeconds) })}`}
          </p>
          {!s.fileKept && <p className="mt-3 text-sm text-slate-600">{t('imports.report.fileDeleted')}</p>}
          {s.fileKept && (s.status === 'failed' || s.status === 'cancelled') && (
            <button
              type="button"
              className="btn-primary mt-4"
              disabled={pending}
              onClick={() =>
                start(async () => {
                  const r = await actions.startImport({ importId: s.id, mapping, options });
                  if (r.ok) router.refresh();
                  else setMessage(r.message);
                })
              }
            >
              {t('imports.report.resume')}
            </button>
          )}
          {s.fileKept && ['failed', 'cancelled', 'completed'].includes(s.status) && (
            <Link className="btn-secondary mt-4 ml-2 inline-block" href={`/imports/${s.id}?remap=1`}>
              {t('importReview.rerun')}
            </Link>
          )}
          {s.notes.length > 0 && (
            <ul className="mt-3 list-disc pl-5 text-xs text-slate-500">
              {s.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          <h3 className="mt-6 mb-2 text-sm font-semibold">{t('imports.report.cleaning')}</h3>
          {steps.length === 0 ? (
            <p className="text-sm text-slate-500">{t('imports.report.noCleaning')}</p>
          ) : (
            <ul className="grid gap-1 text-sm md:grid-cols-2">
              {steps.map(([k, n]) => (
                <li
                  key={k}
                  data-warning={WARNING_STEPS.has(k) || undefined}
                  className={`flex justify-between rounded px-3 py-1.5 ${WARNING_STEPS.has(k) ? 'bg-amber-50 text-amber-900' : 'bg-slate-50'}`}
                >
                  <span>{labelFor(t, 'imports.report.steps', k)}</span>
                  <span className="tabular-nums">{f.number(n)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {message && (
        <p role="alert" className="text-sm text-red-700">
          {message}
        </p>
      )}
      {!active && s.counts.read > 0 && <RejectedRows importId={s.id} total={s.counts.rejected} />}
    </div>
  );
}
