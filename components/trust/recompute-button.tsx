'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionResult } from '@/lib/action-result';

/**
 * "Recompute now" (admins) and the state of a queued or running report; while one is waiting the page refreshes
 * every 2 s until the new report is there.
 */
export function RecomputeButton({
  recompute,
  job,
  canRecompute,
}: {
  recompute: () => Promise<ActionResult<unknown>>;
  job: { state: string; progress: number } | null;
  canRecompute: boolean;
}) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!job) return;
    const id = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(id);
  }, [job, router]);
  const onClick = () =>
    start(async () => {
      const r = await recompute();
      setError(r.ok ? null : r.message);
      if (r.ok) router.refresh();
    });
  return (
    <div className="flex flex-wrap items-center gap-3">
      {canRecompute && (
        <button type="button" className="btn-primary" onClick={onClick} disabled={pending || job !== null}>
          {pending ? t('quality.queuing') : t('quality.recompute')}
        </button>
      )}
      {job && (
        <p className="text-sm text-slate-600" role="status" data-testid="quality-job">
          {job.state === 'running' ? t('quality.running', { percent: f.percent(job.progress) }) : t('quality.queued')}
        </p>
      )}
      <FormMessage result={error ? { ok: false, message: error } : null} />
    </div>
  );
}
