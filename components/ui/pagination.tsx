import Link from 'next/link';
import type { Translate } from '@/lib/i18n/translate';

/** Previous/next links that keep the current filters in the query string. */
export function Pagination({
  t,
  page,
  pageSize,
  total,
  params,
  basePath,
}: {
  t: Translate;
  page: number;
  pageSize: number;
  total: number;
  params: Record<string, string | undefined>;
  basePath: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const search = new URLSearchParams(
      Object.entries({ ...params, page: String(p) }).filter((e): e is [string, string] => Boolean(e[1])),
    );
    return `${basePath}?${search.toString()}`;
  };
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <div className="flex items-center justify-between border-t border-slate-100 px-3 py-3 text-sm text-slate-600">
      <span>{t('common.showing', { from, to, total })}</span>
      <div className="flex items-center gap-2">
        {page > 1 ? (
          <Link className="btn-secondary" href={href(page - 1)}>
            {t('common.previous')}
          </Link>
        ) : (
          <span className="btn-secondary cursor-not-allowed border-slate-200 text-slate-400" aria-disabled="true">
            {t('common.previous')}
          </span>
        )}
        <span>{t('common.pageOf', { page, pages })}</span>
        {page < pages ? (
          <Link className="btn-secondary" href={href(page + 1)}>
            {t('common.next')}
          </Link>
        ) : (
          <span className="btn-secondary cursor-not-allowed border-slate-200 text-slate-400" aria-disabled="true">
            {t('common.next')}
          </span>
        )}
      </div>
    </div>
  );
}
