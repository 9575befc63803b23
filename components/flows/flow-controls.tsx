'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';

/** Turn a flow on or off (editors) and refresh its results (everyone who can read it). */
export function FlowControls({
  id,
  campaignId,
  enabled,
  canEdit,
  setEnabled,
  refresh,
}: {
  id: number;
  campaignId: number;
  enabled: boolean;
  canEdit: boolean;
  setEnabled: (input: unknown) => Promise<ActionResult<boolean>>;
  refresh: (campaignId: unknown) => Promise<ActionResult<null>>;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const act = (fn: () => Promise<ActionResult<unknown>>) =>
    start(async () => {
      const r = await fn();
      setError(r.ok ? null : r.message);
      router.refresh();
    });
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className="btn-secondary"
          disabled={pending}
          onClick={() => act(() => refresh(campaignId))}
        >
          {t('flows.refresh')}
        </button>
        {canEdit && (
          <button
            type="button"
            className={enabled ? 'btn-secondary' : 'btn-primary'}
            disabled={pending}
            onClick={() => act(() => setEnabled({ id, enabled: !enabled }))}
          >
            {enabled ? t('flows.disable') : t('flows.enable')}
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
