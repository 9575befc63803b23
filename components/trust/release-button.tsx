'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionResult } from '@/lib/action-result';

/** Spends ε on a release (the server refuses once the budget is spent), then reloads the page's data. */
export function ReleaseButton({
  release,
  epsilon,
  isDisabled,
}: {
  release: () => Promise<ActionResult<unknown>>;
  epsilon: number;
  isDisabled: boolean;
}) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const onClick = () =>
    start(async () => {
      const r = await release();
      if (r.ok) {
        setError(null);
        router.refresh();
      } else setError(r.message);
    });
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button type="button" className="btn-primary" onClick={onClick} disabled={pending || isDisabled}>
        {pending ? t('privacy.release.working') : t('privacy.release.button', { epsilon: f.number(epsilon) })}
      </button>
      <FormMessage result={error ? { ok: false, message: error } : null} />
    </div>
  );
}
