'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { DownloadButton } from '@/components/ui/download-button';
import { rejectionText } from '@/lib/import/rejection-text';

type Group = { key: string; example: string; params: string | null; column: string | null; count: number };
type ErrorsPage = {
  total: number;
  groups: Group[];
  rows: {
    id: number;
    line: number;
    column: string | null;
    reason: string;
    reasonKey: string | null;
    params: string | null;
    raw: string;
  }[];
};
const PAGE = 50;

/** Rejections grouped by reason with counts, then the rows (of one reason when one is picked), 50 a page. */
export function RejectedRows({ importId, total }: { importId: string; total: number }) {
  const { t, f } = useI18n();
  const [page, setPage] = useState(1);
  const [group, setGroup] = useState<Group | null>(null);
  const { data, isLoading } = useQuery({
    queryKey: ['import-errors', importId, page, group?.key ?? ''],
    queryFn: async () => {
      const params = new URLSearchParams({ page: String(page), ...(group ? { key: group.key } : {}) });
      return (await (await fetch(`/api/imports/${importId}/errors?${params}`)).json()) as ErrorsPage;
    },
    enabled: total > 0,
  });
  const pages = Math.max(1, Math.ceil((data?.total ?? total) / PAGE));
  const groupText = (g: Group) => rejectionText(t, { reason: g.example, key: g.key, params: g.params });
  const pick = (g: Group | null) => {
    setGroup(g);
    setPage(1);
  };
  return (
    <section className="card p-4">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">
          {t('imports.report.rejectedRows')} <span className="text-slate-500">({f.number(total)})</span>
        </h2>
        {total > 0 && (
          <DownloadButton className="btn-secondary" action={`/api/imports/${importId}/rejected`}>
            {t('imports.report.downloadRejected')}
          </DownloadButton>
        )}
      </div>
      {total === 0 ? (
        <p className="text-sm text-emerald-700">{t('imports.report.noRejected')}</p>
      ) : isLoading || !data ? (
        <p className="text-sm text-slate-500">{t('common.loading')}</p>
      ) : (
        <>
          <div className="mb-4 overflow-x-auto">
            <table className="data-table" data-testid="rejection-groups">
              <thead>
                <tr>
                  <th>{t('importReview.report.groups')}</th>
                  <th>{t('imports.report.column')}</th>
                  <th className="text-right">{t('importReview.report.count')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.groups.map((g) => (
                  <tr key={`${g.key}\u0001${g.column}`} className={group?.key === g.key ? 'bg-brand-50' : ''}>
                    <td className="text-red-800">{groupText(g)}</td>
                    <td className="font-mono text-xs">{g.column ?? '—'}</td>
                    <td className="text-right font-semibold tabular-nums">{f.number(g.count)}</td>
                    <td>
                      <button type="button" className="text-sm text-brand-700 underline" onClick={() => pick(g)}>
                        {t('importReview.report.showRows')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {group && (
            <p className="mb-2 flex flex-wrap items-center gap-2 text-sm">
              <span>{t('importReview.report.filteredBy', { reason: groupText(group) })}</span>
              <button type="button" className="text-brand-700 underline" onClick={() => pick(null)}>
                {t('importReview.report.allReasons')}
              </button>
            </p>
          )}
          <div className="overflow-x-auto">
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t('imports.report.line')}</th>
                  <th>{t('imports.report.column')}</th>
                  <th>{t('imports.report.reason')}</th>
                  <th>{t('imports.report.raw')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.id}>
                    <td className="tabular-nums">{r.line}</td>
                    <td className="font-mono text-xs">{r.column ?? '—'}</td>
                    <td className="text-red-800">
                      {rejectionText(t, { reason: r.reason, key: r.reasonKey, params: r.params })}
                    </td>
                    <td className="max-w-md truncate font-mono text-xs text-slate-500" title={r.raw}>
                      {r.raw}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 && (
            <div className="mt-3 flex items-center justify-end gap-2 text-sm">
              <button type="button" className="btn-secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t('common.previous')}
              </button>
              <span>{t('common.pageOf', { page, pages })}</span>
              <button
                type="button"
                className="btn-secondary"
                disabled={page >= pages}
                onClick={() => setPage(page + 1)}
              >
                {t('common.next')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
