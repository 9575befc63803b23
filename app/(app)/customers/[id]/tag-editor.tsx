'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import { reasonText, TagChip, tagLabel } from '@/components/portraits/tag-chip';
import { labelFor } from '@/lib/i18n/message-ref';
import { assignTagAction, unassignTagAction } from './actions';

type CustomTag = {
  tagId: number;
  source: string;
  reason: unknown;
  tag: { id: number; key: string; label: string; labelZh: string | null; rule: unknown };
};

/** The customer's custom tags, with add/remove for marketers (tags defined by a rule are shown, not editable). */
export function CustomTagEditor({
  customerId,
  tags,
  assignable,
  canTag,
}: {
  customerId: number;
  tags: CustomTag[];
  assignable: { id: number; label: string; labelZh: string | null }[];
  canTag: boolean;
}) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [choice, setChoice] = useState('');
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);
  const run = (fn: () => Promise<{ ok: boolean; message?: string }>) =>
    start(async () => {
      const r = await fn();
      setResult(r.ok ? null : r);
      if (r.ok) {
        setChoice('');
        router.refresh();
      }
    });
  return (
    <div>
      {tags.length === 0 ? (
        <p className="text-sm text-slate-500">{t('portraits.custom.empty')}</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {tags.map((tag) => (
            <li key={tag.tagId} className="flex items-center gap-1">
              <Link
                href={`/tags/${tag.tag.id}`}
                title={reasonText(tag.reason, t, locale) ?? labelFor(t, 'portraits.custom.sources', tag.source)}
              >
                <TagChip family="custom">{tagLabel(tag.tag, locale)}</TagChip>
              </Link>
              <span className="text-xs text-slate-400">{labelFor(t, 'portraits.custom.sources', tag.source)}</span>
              {canTag && tag.tag.rule === null && (
                <button
                  type="button"
                  className="rounded px-1 text-slate-400 hover:bg-slate-100 hover:text-red-700"
                  aria-label={t('portraits.custom.remove', { tag: tagLabel(tag.tag, locale) })}
                  disabled={pending}
                  onClick={() => run(() => unassignTagAction({ tagId: tag.tagId, customerId }))}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canTag && (
        <form
          className="mt-3 flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) run(() => assignTagAction({ tagId: Number(choice), customerId }));
          }}
        >
          {assignable.length === 0 ? (
            <p className="text-xs text-slate-500">{t('portraits.custom.none')}</p>
          ) : (
            <>
              <label className="sr-only" htmlFor="add-tag">
                {t('portraits.custom.add')}
              </label>
              <select id="add-tag" className="input" value={choice} onChange={(e) => setChoice(e.target.value)}>
                <option value="">{t('portraits.custom.choose')}</option>
                {assignable.map((a) => (
                  <option key={a.id} value={a.id}>
                    {tagLabel(a, locale)}
                  </option>
                ))}
              </select>
              <button type="submit" className="btn-secondary whitespace-nowrap" disabled={pending || !choice}>
                {t('portraits.custom.add')}
              </button>
            </>
          )}
        </form>
      )}
      <div className="mt-2">
        <FormMessage result={result} />
      </div>
    </div>
  );
}
