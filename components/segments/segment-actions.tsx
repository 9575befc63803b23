'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/action-result';
import { useI18n } from '@/components/i18n-provider';

type Act = (id: unknown) => Promise<ActionResult<{ id: number }>>;

/** Edit, duplicate, archive and restore (marketers and admins). */
export function SegmentActions({
  id,
  name,
  archived,
  actions,
}: {
  id: number;
  name: string;
  archived: boolean;
  actions: { duplicate: Act; archive: Act; restore: Act };
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (act: Act, go?: (newId: number) => string) =>
    start(async () => {
      const r = await act(id);
      if (!r.ok) return setError(r.message);
      setError(null);
      if (go) router.push(go(r.data.id));
      router.refresh();
    });
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap gap-2">
        {!archived && (
          <Link className="btn-primary" href={`/segments/${id}/edit`}>
            {t('segments.detail.edit')}
          </Link>
        )}
        <button
          type="button"
          className="btn-secondary"
          disabled={pending}
          onClick={() => run(actions.duplicate, (n) => `/segments/${n}`)}
        >
          {t('segments.detail.duplicate')}
        </button>
        {archived ? (
          <button type="button" className="btn-secondary" disabled={pending} onClick={() => run(actions.restore)}>
            {t('segments.detail.restore')}
          </button>
        ) : (
          <button
            type="button"
            className="btn-danger"
            disabled={pending}
            onClick={() =>
              window.confirm(t('segments.detail.archiveConfirm', { name })) && run(actions.archive, () => '/segments')
            }
          >
            {t('segments.detail.archive')}
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="max-w-md text-right text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
