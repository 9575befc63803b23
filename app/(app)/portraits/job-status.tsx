'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import { labelFor } from '@/lib/i18n/message-ref';
import type { PortraitModels } from '@/lib/services/portraits/models';
import { recomputeAction } from './actions';

/**
 * The recompute job: its state, a progress bar with the current stage while it runs (the page refreshes itself
 * every two seconds until it ends), and the "Recompute now" button for admins.
 */
export function JobStatus({ job, canManage }: { job: PortraitModels['job']; canManage: boolean }) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);
  const active = job?.state === 'queued' || job?.state === 'running';
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [active, router]);
  const stage = job?.stage && job.state === 'running' ? labelFor(t, 'portraits.job.stages', job.stage) : null;
  return (
    <div className="card flex flex-wrap items-center gap-4 p-4" aria-live="polite">
      <div className="min-w-64 flex-1">
        {job ? (
          <>
            <div className="text-sm font-medium">
              {labelFor(t, 'portraits.job.states', job.state)}
              {stage && <span className="font-normal text-slate-500"> · {stage}</span>}
              {/* "how long ago" moves on between the server's render and hydration */}
              {!active && job.finishedAt && (
                <span suppressHydrationWarning className="font-normal text-slate-500">
                  {' '}
                  · {f.ago(job.finishedAt)}
                </span>
              )}
            </div>
            {active && (
              <div
                role="progressbar"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(job.progress * 100)}
                aria-label={t('portraits.job.states.running')}
                className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100"
              >
                <div
                  className="h-full rounded-full bg-brand-500 transition-all"
                  style={{ width: `${Math.max(2, job.progress * 100)}%` }}
                />
              </div>
            )}
            {(job.state === 'failed' || job.state === 'dead') && job.error && (
              <p className="mt-1 text-xs text-red-700">{job.error}</p>
            )}
          </>
        ) : (
          <div className="text-sm text-slate-500">{t('portraits.models.recomputeHint')}</div>
        )}
      </div>
      {canManage && (
        <button
          type="button"
          className="btn-primary"
          disabled={pending || active}
          title={t('portraits.models.recomputeHint')}
          onClick={() =>
            start(async () => {
              const r = await recomputeAction();
              setResult(r.ok ? { ok: true, message: t('portraits.models.queued') } : r);
              router.refresh();
            })
          }
        >
          {t('portraits.models.recompute')}
        </button>
      )}
      <FormMessage result={result} />
    </div>
  );
}
