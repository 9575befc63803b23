'use client';
import { useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import { retrainServingAction } from './actions';

/** Trains the serving model again (same options) and serves the new version when it completes. */
export function RetrainButton() {
  const { t } = useI18n();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        className="btn-secondary"
        disabled={pending}
        data-testid="retrain"
        onClick={() =>
          start(async () => {
            const r = await retrainServingAction();
            setResult(r.ok ? { ok: true, message: t('recommendations.train.started') } : r);
          })
        }
      >
        {t('recommendations.serving.retrain')}
      </button>
      <FormMessage result={result} />
    </span>
  );
}
