import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { firstValues, pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { ConsentBadges } from '@/components/ui/consent-badges';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { browseCustomers } from '@/lib/services/customers';

export const metadata: Metadata = { title: 'Customers' };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePage('customers:view');
  const { t, f } = await getI18n();
  const params = firstValues(await searchParams);
  const data = await pageData(() => browseCustomers(actor, params));
  const { query } = data;
  return (
    <>
      <PageHeader title={t('customers.title')} subtitle={t('customers.subtitle', { count: data.total })} />
      <form className="card mb-4 flex flex-wrap items-end gap-3 p-4" role="search">
        <div className="min-w-64 flex-1">
          <label className="label" htmlFor="q">{t('common.search')}</label>
          <input className="input" id="q" name="q" defaultValue={query.q ?? ''} placeholder={t('customers.searchPlaceholder')} />
        </div>
        <div>
          <label className="label" htmlFor="region">{t('customers.region')}</label>
          <select className="input" id="region" name="region" defaultValue={query.region ?? ''}>
            <option value="">{t('common.all')}</option>
            {data.regions.map((r) => <option key={r.region} value={r.region}>{r.region} ({f.number(r.count)})</option>)}
          </select>
        </div>
        <button className="btn-primary" type="submit">{t('common.filter')}</button>
        {(query.q || query.region) && <Link className="btn-secondary" href="/customers">{t('common.clear')}</Link>}
      </form>
      <div className="card overflow-x-auto">
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('customers.columns.id')}</th>
              <th>{t('customers.columns.name')}</th>
              <th>{t('customers.columns.region')}</th>
              <th>{t('customers.columns.signup')}</th>
              <th className="text-right">{t('customers.columns.orders')}</th>
              <th className="text-right">{t('customers.columns.revenue')}</th>
              <th>{t('customers.columns.lastOrder')}</th>
              <th>{t('customers.columns.consent')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((c) => (
              <tr key={c.id} className="hover:bg-slate-50">
                <td><Link className="font-mono text-brand-700 hover:underline" href={`/customers/${c.id}`}>{c.externalId}</Link></td>
                <td>{c.name ?? <span className="text-slate-400">—</span>}</td>
                <td>{[c.region, c.city].filter(Boolean).join(' · ') || <span className="text-slate-400">—</span>}</td>
                <td>{c.signupAt ? f.date(c.signupAt) : '—'}</td>
                <td className="text-right tabular-nums">{f.number(c.orders)}</td>
                <td className="text-right tabular-nums">{f.money(c.revenue)}</td>
                <td>{c.lastOrderAt ? f.date(c.lastOrderAt) : '—'}</td>
                <td><ConsentBadges t={t} email={c.consentEmail} sms={c.consentSms} push={c.consentPush} /></td>
              </tr>
            ))}
            {data.rows.length === 0 && <tr><td colSpan={8} className="py-8 text-center text-slate-500">{t('common.noResults')}</td></tr>}
          </tbody>
        </table>
        <Pagination t={t} page={query.page} pageSize={query.pageSize} total={data.total} basePath="/customers" params={{ q: query.q, region: query.region }} />
      </div>
    </>
  );
}
