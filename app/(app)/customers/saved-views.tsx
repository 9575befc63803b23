'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { MessageKey } from '@/lib/i18n/translate';
import { deleteViewAction, saveViewAction } from './actions';

type View = { id: string; name: string; query: string };

/** The user's saved views of the list: open one, delete one, or save the current filters and sort under a name. */
export function SavedViews({ views, currentQuery }: { views: View[]; currentQuery: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [name, setName] = useState('');
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const message = (m: string) => (m.startsWith('customerList.') ? t(m as MessageKey) : m);
  const save = () =>
    start(async () => {
      const r = await saveViewAction({ name, query: currentQuery });
      if (r.ok) {
        setResult({ ok: true, message: t('customerList.views.saved', { name: r.data.name }) });
        setName('');
        router.refresh();
      } else setResult({ ok: false, message: message(r.fieldErrors?.name?.[0] ?? r.message) });
    });
  const remove = (view: View) =>
    start(async () => {
      const r = await deleteViewAction(view.id);
      setResult(
        r.ok
          ? { ok: true, message: t('customerList.views.deleted', { name: view.name }) }
          : { ok: false, message: message(r.message) },
      );
      if (r.ok) router.refresh();
    });
  return (
    <section className="card mb-4 p-4" aria-labelledby="saved-views-title">
      <h2 id="saved-views-title" className="mb-2 text-sm font-semibold">
        {t('customerList.views.title')}
      </h2>
      {views.length === 0 ? (
        <p className="text-sm text-slate-500">{t('customerList.views.empty')}</p>
      ) : (
        <ul className="flex flex-wrap gap-2" aria-label={t('customerList.views.title')}>
          {views.map((v) => (
            <li
              key={v.id}
              className={`flex items-center rounded-full ring-1 ring-inset ${v.query === currentQuery ? 'bg-brand-50 ring-brand-200' : 'bg-slate-50 ring-slate-200'}`}
            >
              <Link
                className="py-1 pr-1 pl-3 text-sm text-brand-700 hover:underline"
                href={v.query ? `/customers?${v.query}` : '/customers'}
              >
                {v.name}
              </Link>
              <button
                type="button"
                className="rounded-full px-2 py-1 text-slate-400 hover:text-red-700"
                aria-label={t('customerList.views.deleteLabel', { name: v.name })}
                disabled={pending}
                onClick={() => remove(v)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="mt-3 flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="min-w-48 flex-1 sm:flex-none">
          <label className="label" htmlFor="view-name">
            {t('customerList.views.name')}
          </label>
          <input
            className="input"
            id="view-name"
            value={name}
            maxLength={60}
            placeholder={t('customerList.views.namePlaceholder')}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <button className="btn-secondary" type="submit" disabled={pending}>
          {t('customerList.views.save')}
        </button>
      </form>
      {result && (
        <p
          role={result.ok ? 'status' : 'alert'}
          className={`mt-2 text-sm ${result.ok ? 'text-emerald-700' : 'text-red-700'}`}
        >
          {result.message}
        </p>
      )}
    </section>
  );
}
