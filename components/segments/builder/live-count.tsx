'use client';
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import Link from 'next/link';
import { useI18n } from '@/components/i18n-provider';
import { labelFor } from '@/lib/i18n/message-ref';
import type { Preview } from '@/lib/services/segments';

type Ok = Extract<Preview, { ok: true }>;

async function fetchPreview(body: string, signal: AbortSignal): Promise<Preview> {
  const res = await fetch('/api/segments/preview', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal,
  });
  const json = (await res.json()) as Preview | { error: { message: string } };
  if (!res.ok || 'error' in json) throw new Error('error' in json ? json.error.message : res.statusText);
  return json;
}

/**
 * The live count of a (debounced, locally valid) definition: TanStack Query aborts the request of a definition that
 * was edited again before its answer came, and keeps showing the last answer while the next one loads.
 */
export function usePreview(body: string, valid: boolean) {
  return useQuery({
    queryKey: ['segment-preview', body],
    queryFn: ({ signal }) => fetchPreview(body, signal),
    enabled: valid,
    placeholderData: keepPreviousData,
    staleTime: 2_000,
    retry: false,
  });
}

/** The live count panel beside the builder: total, share, reachable per channel, a sample of members. */
export function LiveCount({
  q,
  valid,
  emptyGroup = false,
}: {
  q: UseQueryResult<Preview>;
  valid: boolean;
  emptyGroup?: boolean;
}) {
  const { t, f } = useI18n();
  // With an empty group the last count (often "everyone", from before the group was added) would mislead: none shown.
  const data = q.data?.ok && !emptyGroup ? (q.data as Ok) : null;
  const updating = valid && (q.isFetching || q.isPlaceholderData);
  const dim = !valid || updating || q.data?.ok === false;
  const bar = (n: number) => (data && data.total > 0 ? `${Math.round((n / data.total) * 100)}%` : '0%');
  return (
    <section className="card p-4" aria-labelledby="live-count-title" aria-busy={updating}>
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="live-count-title" className="font-semibold">
          {t('segments.live.title')}
        </h2>
        <span className="text-xs text-slate-500" aria-live="polite">
          {updating ? t('segments.live.updating') : ''}
        </span>
      </div>
      {q.isError && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {t('segments.live.failed', { message: (q.error as Error).message })}
        </p>
      )}
      {emptyGroup ? (
        <p className="mt-2 text-sm text-amber-700" data-testid="live-empty-group">
          {t('segments.live.emptyGroup')}
        </p>
      ) : (
        (!valid || q.data?.ok === false) && <p className="mt-2 text-sm text-amber-700">{t('segments.live.stale')}</p>
      )}
      <div className={`transition-opacity ${dim ? 'opacity-50' : ''}`}>
        <div className="mt-2 flex items-baseline gap-2">
          <span className="text-4xl font-semibold tabular-nums" data-testid="live-total">
            {data ? f.number(data.total) : '—'}
          </span>
          <span className="text-sm text-slate-500">{t('segments.live.members')}</span>
        </div>
        {data && (
          <p className="text-sm text-slate-500">
            {t('segments.live.share', {
              share: f.percent(data.population ? data.total / data.population : 0),
              total: f.number(data.population),
            })}
          </p>
        )}
        <h3 className="mt-4 text-sm font-semibold" title={t('segments.live.reachableHelp')}>
          {t('segments.live.reachable')}
        </h3>
        <p className="text-xs text-slate-500">{t('segments.live.reachableHelp')}</p>
        <dl className="mt-2 space-y-1.5" data-testid="live-reachable">
          {(['email', 'sms', 'push'] as const).map((ch) => (
            <div key={ch} className="grid grid-cols-[4rem_1fr_4.5rem] items-center gap-2 text-sm">
              <dt className="text-slate-600">{t(`segments.consent.channels.${ch}`)}</dt>
              <dd className="col-span-2 grid grid-cols-[1fr_4.5rem] items-center gap-2">
                <div aria-hidden className="h-2 overflow-hidden rounded-full bg-slate-100">
                  <div
                    className="h-full rounded-full bg-brand-500"
                    style={{ width: data ? bar(data.reachable[ch]) : '0%' }}
                  />
                </div>
                <span className="text-right tabular-nums" data-testid={`live-${ch}`}>
                  {data ? f.number(data.reachable[ch]) : '—'}
                </span>
              </dd>
            </div>
          ))}
        </dl>
        <h3 className="mt-4 text-sm font-semibold">{t('segments.live.sample')}</h3>
        <p className="text-xs text-slate-500">{t('segments.live.sampleHelp')}</p>
        {data && data.sample.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">{t('segments.live.sampleEmpty')}</p>
        ) : (
          <table className="mt-2 w-full text-sm" data-testid="live-sample">
            <thead className="sr-only">
              <tr>
                <th>{t('segments.live.customer')}</th>
                <th>{t('segments.live.region')}</th>
                <th>{t('segments.live.rfm')}</th>
              </tr>
            </thead>
            <tbody>
              {data?.sample.map((m) => (
                <tr key={m.id} className="border-t border-slate-100">
                  <td className="py-1.5 pr-2">
                    <Link className="text-brand-700 hover:underline" href={`/customers/${m.id}`}>
                      {m.name ?? m.externalId}
                    </Link>
                    <div className="font-mono text-xs text-slate-400">{m.externalId}</div>
                  </td>
                  <td className="py-1.5 pr-2 text-slate-600">{m.region ?? '—'}</td>
                  <td className="py-1.5 text-right text-xs text-slate-600">
                    {m.rfmGroup ? labelFor(t, 'portraits.rfm.labels', m.rfmGroup) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {data && (
          <p className="mt-3 text-xs text-slate-400" data-testid="live-source">
            {t(data.source === 'index' ? 'segments.live.index' : 'segments.live.sql', { ms: data.ms })}
          </p>
        )}
      </div>
    </section>
  );
}
