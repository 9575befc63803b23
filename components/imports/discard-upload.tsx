'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';

/** "Cancel this upload" for a file still waiting for its mapping: the file is deleted, the list shows it cancelled. */
export function DiscardUpload({
  importId,
  fileName,
  cancelImport,
}: {
  importId: string;
  fileName: string;
  cancelImport: (id: unknown) => Promise<ActionResult<unknown>>;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="mt-6 flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
      <button
        type="button"
        className="btn-secondary"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(t('imports.discard.confirm', { name: fileName }))) return;
          start(async () => {
            const r = await cancelImport(importId);
            if (r.ok) router.push('/imports');
            else setError(r.message);
          });
        }}
      >
        {t('imports.discard.button')}
      </button>
      <span className="text-sm text-slate-600">{t('imports.discard.hint')}</span>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
