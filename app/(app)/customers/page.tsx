import { labelFor } from '@/lib/i18n/message-ref';
import type { Metadata } from 'next';
import { getI18n } from '@/app/_server/i18n';
import { firstValues, pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import type { MessageKey } from '@/lib/i18n/translate';
import { browseCustomerList, DEFAULT_SORT, listQueryString } from '@/lib/services/customers-list';
import { listCustomerViews } from '@/lib/services/customers-views';
import { CustomerTable } from './customer-table';
import { ListFilters } from './list-filters';
import { SavedViews } from './saved-views';

export const metadata: Metadata = { title: 'Customers' };

export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePage('customers:view');
  const { t, f, locale } = await getI18n();
  const input = firstValues(await searchParams);
  const [list, views] = await pageData(() => Promise.all([browseCustomerList(actor, input), listCustomerViews(actor)]));
  const { params } = list;
  const groupLabel = (g: string) => labelFor(t, 'portraits.rfm.labels', g);
  const stageLabel = (s: string) => t(`portraits.lifecycle.stages.${s}` as MessageKey);
  const currentQuery = listQueryString({ ...params, page: 1 });
  const pageParams = Object.fromEntries(new URLSearchParams(listQueryString({ ...params, page: 1 })).entries());
  return (
    <>
      <PageHeader title={t('customers.title')} subtitle={t('customers.subtitle', { count: list.total })} />
      {list.ignored.length > 0 && (
        <ul
          role="alert"
          className="mb-4 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset"
        >
          {list.ignored.map((i) => (
            <li key={i.param}>
              {t(`customerList.ignored.${i.reason}`, { param: t(`customerList.params.${i.param}`), value: i.value })}
            </li>
          ))}
        </ul>
      )}
      <ListFilters t={t} locale={locale} list={list} groupLabel={groupLabel} stageLabel={stageLabel} />
      <SavedViews views={views} currentQuery={currentQuery} />
      {params.sort === DEFAULT_SORT.sort && params.dir === DEFAULT_SORT.dir && (
        <p className="mb-2 text-sm text-slate-500">{t('customerList.defaultOrder')}</p>
      )}
      {/* relative: the table's screen-reader-only text is positioned inside the card, not beyond the phone's width */}
      <div className="card relative overflow-x-auto">
        <CustomerTable t={t} f={f} list={list} groupLabel={groupLabel} stageLabel={stageLabel} />
        <Pagination
          t={t}
          page={params.page}
          pageSize={params.size}
          total={list.total}
          basePath="/customers"
          params={pageParams}
        />
      </div>
    </>
  );
}
