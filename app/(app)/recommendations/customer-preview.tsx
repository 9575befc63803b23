'use client';
import Link from 'next/link';
import { useState, useTransition, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import { RecommendationList } from '@/components/recommendations/recommendation-list';
import type { CustomerRecommendations } from '@/lib/services/recommendations';
import { findCustomersAction, previewAction } from './actions';

type Match = { id: number; externalId: string; name: string | null };
const KINDS = ['view', 'click', 'cart', 'purchase'] as const;

/** Pick a customer and see their top-k with reasons, exactly as the storefront API would answer now. */
export function CustomerPreview() {
  const { t, locale } = useI18n();
  const [pending, start] = useTransition();
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [chosen, setChosen] = useState<Match | null>(null);
  const [result, setResult] = useState<CustomerRecommendations | null>(null);
  const [error, setError] = useState<{ ok: false; message: string } | null>(null);

  function search(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const q = new FormData(e.currentTarget).get('q');
    start(async () => {
      const r = await findCustomersAction(q);
      if (r.ok) {
        setMatches(r.data);
        setError(null);
      } else setError({ ok: false, message: r.message });
    });
  }
  function pick(m: Match) {
    setChosen(m);
    start(async () => {
      const r = await previewAction(m.id);
      if (r.ok) {
        setResult(r.data);
        setError(null);
      } else setError({ ok: false, message: r.message });
    });
  }

  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <div>
        <form onSubmit={search} className="flex gap-2">
          <label className="sr-only" htmlFor="preview-q">
            {t('recommendations.preview.customer')}
          </label>
          <input
            id="preview-q"
            name="q"
            className="input"
            placeholder={t('recommendations.preview.placeholder')}
            required
          />
          <button className="btn-secondary whitespace-nowrap" type="submit" disabled={pending}>
            {t('recommendations.preview.search')}
          </button>
        </form>
        {matches && matches.length === 0 && (
          <p className="mt-2 text-sm text-slate-500">{t('recommendations.preview.noMatch')}</p>
        )}
        {matches && matches.length > 0 && (
          <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="preview-matches">
            {matches.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  className={`w-full px-2 py-1.5 text-left hover:bg-slate-50 ${chosen?.id === m.id ? 'bg-brand-50' : ''}`}
                  onClick={() => pick(m)}
                >
                  <span className="font-mono">{m.externalId}</span> <span className="text-slate-500">{m.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {result && result.recent.length > 0 && (
          <div className="mt-4">
            <h3 className="mb-1 text-sm font-semibold">{t('recommendations.preview.history')}</h3>
            <ul className="space-y-1 text-xs text-slate-600">
              {result.recent.map((p) => (
                <li key={p.productId}>
                  <span className="badge mr-1 bg-slate-100">
                    {t(`recommendations.kinds.${KINDS[p.kind] ?? 'view'}`)}
                  </span>
                  {(locale === 'zh-CN' && p.titleZh) || p.title}
                </li>
              ))}
            </ul>
          </div>
        )}
        {result && result.recent.length === 0 && (
          <p className="mt-4 text-xs text-slate-500">{t('recommendations.preview.noHistory')}</p>
        )}
        <FormMessage result={error} />
      </div>
      <div className="lg:col-span-2" data-testid="preview-result">
        {!result && <p className="text-sm text-slate-500">{t('recommendations.preview.pick', { k: 10 })}</p>}
        {result && chosen && (
          <>
            <p className="mb-2 text-sm text-slate-600">
              <Link href={`/customers/${chosen.id}`} className="font-medium text-brand-700 hover:underline">
                {chosen.name ?? chosen.externalId}
              </Link>
              {' · '}
              {t(`recommendations.preview.strategy.${result.strategy}`)} ·{' '}
              {t(`recommendations.preview.source.${result.source}`)}
            </p>
            <RecommendationList items={result.items} empty={t('recommendations.customer.empty')} />
          </>
        )}
      </div>
    </div>
  );
}
