'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';

type Act = (input: unknown) => Promise<ActionResult<unknown>>;
export type LifecycleActions = {
  schedule: (input: { id: unknown; at?: unknown }) => Promise<ActionResult<unknown>>;
  unschedule: Act;
  stop: Act;
  complete: Act;
  simulate: Act;
  remove: Act;
  refresh: Act;
};

/** The buttons for the lifecycle steps the campaign's status allows (editors), or refresh only (managers). */
export function LifecycleButtons({
  id,
  name,
  status,
  canEdit,
  isSimulated,
  actions,
}: {
  id: number;
  name: string;
  status: string;
  canEdit: boolean;
  isSimulated: boolean;
  actions: LifecycleActions;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [at, setAt] = useState('');
  const run = (confirmText: string | null, fn: () => Promise<ActionResult<unknown>>, after?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    start(async () => {
      const r = await fn();
      if (!r.ok) setError(r.message);
      else {
        setError(null);
        if (after) router.push(after);
        router.refresh();
      }
    });
  };
  const btn = 'btn-secondary';
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        {canEdit && status === 'draft' && (
          <>
            <a className={btn} href={`/campaigns/${id}/edit`}>
              {t('campaigns.edit')}
            </a>
            <button
              type="button"
              className={btn}
              disabled={pending}
              onClick={() => run(t('campaigns.actions.confirmDelete'), () => actions.remove(id), '/campaigns')}
            >
              {t('campaigns.actions.delete')}
            </button>
            <button
              type="button"
              className={btn}
              disabled={pending}
              title={t('campaigns.actions.simulateHelp')}
              onClick={() =>
                run(
                  t('campaigns.actions.confirmSimulate', { name }),
                  () => actions.simulate(id),
                  `/campaigns/${id}?tab=results`,
                )
              }
              data-testid="simulate"
            >
              {t('campaigns.actions.simulate')}
            </button>
            <button
              type="button"
              className="btn-primary"
              disabled={pending}
              onClick={() => run(t('campaigns.actions.confirmLaunch', { name }), () => actions.schedule({ id }))}
            >
              {t('campaigns.actions.launchNow')}
            </button>
          </>
        )}
        {canEdit && status === 'scheduled' && !isSimulated && (
          <button
            type="button"
            className={btn}
            disabled={pending}
            onClick={() => run(null, () => actions.unschedule(id))}
          >
            {t('campaigns.actions.unschedule')}
          </button>
        )}
        {canEdit && status === 'running' && !isSimulated && (
          <button
            type="button"
            className={btn}
            disabled={pending}
            onClick={() => run(t('campaigns.actions.confirmStop'), () => actions.stop(id))}
          >
            {t('campaigns.actions.stop')}
          </button>
        )}
        {canEdit && (status === 'running' || status === 'stopped') && !isSimulated && (
          <button
            type="button"
            className={btn}
            disabled={pending}
            onClick={() => run(t('campaigns.actions.confirmComplete'), () => actions.complete(id))}
          >
            {t('campaigns.actions.complete')}
          </button>
        )}
        {status !== 'draft' && status !== 'scheduled' && (
          <button type="button" className={btn} disabled={pending} onClick={() => run(null, () => actions.refresh(id))}>
            {t('campaigns.actions.refresh')}
          </button>
        )}
      </div>
      {canEdit && status === 'draft' && (
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor="schedule-at" className="text-slate-500">
            {t('campaigns.actions.scheduleAt')}
          </label>
          <input
            id="schedule-at"
            className="input w-auto py-1"
            type="datetime-local"
            value={at}
            onChange={(e) => setAt(e.target.value)}
          />
          <button
            type="button"
            className={btn}
            disabled={pending || !at}
            onClick={() => run(null, () => actions.schedule({ id, at: new Date(at).toISOString() }))}
          >
            {t('campaigns.actions.schedule')}
          </button>
        </div>
      )}
      {error && (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
