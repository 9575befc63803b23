import Link from 'next/link';
import { ConsentBadges } from '@/components/ui/consent-badges';
import type { Formatters } from '@/lib/i18n/format';
import type { MessageKey, Translate } from '@/lib/i18n/translate';
import type { CustomerSort } from '@/lib/db/customer-list';
import { listQueryString, type CustomerList } from '@/lib/services/customers-list';

type Props = {
  t: Translate;
  f: Formatters;
  list: CustomerList;
  groupLabel: (g: string) => string;
  stageLabel: (s: string) => string;
};

const CHURN_STYLES = { low: 'text-emerald-700', medium: 'text-amber-700', high: 'text-rose-700' } as const;

/** A column heading that sorts by its column; a second click reverses the direction. */
function SortHeader({
  t,
  list,
  column,
  label,
  numeric,
}: {
  t: Translate;
  list: CustomerList;
  column: CustomerSort;
  label: string;
  numeric?: boolean;
}) {
  const { params } = list;
  const active = params.sort === column;
  const firstDir = column === 'name' ? 'asc' : 'desc';
  const dir = active ? (params.dir === 'asc' ? 'desc' : 'asc') : firstDir;
  const query = listQueryString(params, { sort: column, dir, page: undefined });
  return (
    <th
      className={numeric ? 'text-right' : undefined}
      aria-sort={active ? (params.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <Link
        className="inline-flex items-center gap-1 hover:text-brand-700"
        href={query ? `/customers?${query}` : '/customers'}
        title={t('customerList.sortBy', { column: label })}
      >
        {label}
        <span aria-hidden="true" className={active ? 'text-brand-700' : 'text-slate-300'}>
          {active ? (params.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
        {active && (
          <span className="sr-only">
            {t(params.dir === 'asc' ? 'customerList.sortedAsc' : 'customerList.sortedDesc')}
          </span>
        )}
      </Link>
    </th>
  );
}

export function CustomerTable({ t, f, list, groupLabel, stageLabel }: Props) {
  const head = (column: CustomerSort, key: MessageKey, numeric?: boolean) => (
    <SortHeader t={t} list={list} column={column} label={t(key)} numeric={numeric} />
  );
  const dash = <span className="text-slate-400">—</span>;
  return (
    <table className="data-table" data-testid="customer-table">
      <thead>
        <tr>
          {head('name', 'customers.columns.name')}
          <th>{t('customers.columns.region')}</th>
          {head('signup', 'customers.columns.signup')}
          {head('orders', 'customers.columns.orders', true)}
          {head('revenue', 'customers.columns.revenue', true)}
          {head('lastOrder', 'customers.columns.lastOrder')}
          {head('clv', 'customerList.columns.clv', true)}
          {head('churn', 'customerList.columns.churn', true)}
          <th>{t('customerList.columns.group')}</th>
          <th>{t('customers.columns.consent')}</th>
        </tr>
      </thead>
      <tbody>
        {list.rows.map((c) => (
          <tr key={c.id} className="hover:bg-slate-50">
            <td className="whitespace-nowrap">
              <Link className="text-brand-700 hover:underline" href={`/customers/${c.id}`}>
                {c.name ?? c.externalId}
              </Link>
              <div className="font-mono text-xs text-slate-400" data-testid="customer-id">
                {c.externalId}
              </div>
            </td>
            <td className="whitespace-nowrap" title={c.city ?? undefined}>
              {c.region ?? dash}
            </td>
            <td className="whitespace-nowrap">{c.signupAt !== null ? f.date(c.signupAt) : dash}</td>
            <td className="text-right tabular-nums">{f.number(c.orders)}</td>
            <td className="text-right tabular-nums">{f.money(c.revenue)}</td>
            <td className="whitespace-nowrap">{c.lastOrderAt !== null ? f.date(c.lastOrderAt) : dash}</td>
            <td className="text-right tabular-nums">{c.clv365 !== null ? f.money(c.clv365) : dash}</td>
            <td className="text-right whitespace-nowrap tabular-nums">
              {c.churnProbability !== null && c.churnLevel ? (
                <span className={CHURN_STYLES[c.churnLevel]} title={t(`customerList.churnLevels.${c.churnLevel}`)}>
                  {f.percent(c.churnProbability)}{' '}
                  <span className="text-xs">{t(`customerList.churnLevels.${c.churnLevel}`)}</span>
                </span>
              ) : (
                dash
              )}
            </td>
            <td className="text-xs whitespace-nowrap">
              {[c.rfmGroup && groupLabel(c.rfmGroup), c.lifecycle && stageLabel(c.lifecycle)]
                .filter(Boolean)
                .join(' · ') || dash}
            </td>
            <td className="min-w-40">
              <ConsentBadges t={t} email={c.consentEmail} sms={c.consentSms} push={c.consentPush} />
            </td>
          </tr>
        ))}
        {list.rows.length === 0 && (
          <tr>
            <td colSpan={10} className="py-8 text-center text-slate-500">
              {t('common.noResults')}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
