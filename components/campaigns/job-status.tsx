'use client';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { labelFor } from '@/lib/i18n/message-ref';

type Job = { type: string; state: string; progress: number; note: string | null; error: string | null; runAt: Date };

/** The campaign's current background task with its progress; refreshes the page while it works. */
export function JobStatus({ job, status, scheduledAt }: { job: Job | null; status: string; scheduledAt: Date | null }) {
  const { t, f } = useI18n();
  const router = useRouter();
  const active =
    job && (job.state === 'queued' || job.state === 'running') && new Date(job.runAt).getTime() <= Date.now() + 5_000;
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(id);
  }, [active, router]);
  if (status === 'scheduled' && scheduledAt && new Date(scheduledAt).getTime() > Date.now() + 5_000) {
    return (
      <p className="card border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">
        {t('campaigns.job.scheduledFor', { when: f.dateTime(scheduledAt) })}
      </p>
    );
  }
  if (!job) return null;
  if (active) {
    const label = labelFor(t, 'campaigns.job.types', job.type.replace(/^campaign\./, ''));
    return (
      <div className="card border-brand-100 bg-brand-50 p-3 text-sm" role="status" data-testid="job-progress">
        <div className="flex justify-between">
          <span className="font-medium">{label}</span>
          <span className="tabular-nums">{Math.round(job.progress * 100)} %</span>
        </div>
        <div className="mt-2 h-2 overflow-hidden rounded-full bg-white">
          <div
            className="h-full bg-brand-600 transition-all"
            style={{ width: `${Math.max(3, Math.round(job.progress * 100))}%` }}
          />
        </div>
        <p className="mt-1 text-xs text-slate-600">
          {job.state === 'queued' ? t('campaigns.job.queued') : t('campaigns.job.running', { note: job.note ?? label })}
        </p>
      </div>
    );
  }
  if (job.state === 'failed' || job.state === 'dead')
    return (
      <p className="card border-red-200 bg-red-50 p-3 text-sm text-red-800" role="alert">
        {t('campaigns.job.failed', { error: job.error ?? '' })}
      </p>
    );
  return null;
}
