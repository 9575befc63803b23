import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { PageHeader } from '@/components/ui/page-header';
import type { MessageKey } from '@/lib/i18n/translate';
import { customerDetail } from '@/lib/services/customers';

export const metadata: Metadata = { title: 'Customer' };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePage('customers:view');
  const { t, f, locale } = await getI18n();
  const { id } = await params;
  const { customer: c, orders, events, stats } = await pageData(() => customerDetail(actor, id));
  const attributes = c.attributes && typeof c.attributes === 'object' ? Object.entries(c.attributes as Record<string, unknown>) : [];
  const field = (label: MessageKey, value: React.ReactNode) => (
    <div className="flex justify-between gap-4 py-1.5 text-sm"><dt className="text-slate-500">{t(label)}</dt><dd className="text-right">{value ?? '—'}</dd></div>
  );
  const consent = (on: boolean) => <span className={on ? 'text-emerald-700' : 'text-slate-400'}>{on ? t('customers.detail.granted') : t('customers.detail.notGranted')}</span>;
  return (
    <>
      <Link href="/customers" className="text-sm text-brand-700 hover:underline">← {t('customers.title')}</Link>
      <PageHeader title={c.name ?? c.externalId} subtitle={<span className="font-mono">{c.externalId}</span>} />
      {c.erasedAt && <div className="card mb-4 border-amber-200 bg-amber-50 p-3 text-sm text-amber-800">{t('customers.detail.erased', { date: f.date(c.erasedAt) })}</div>}
      <div className="grid gap-6 lg:grid-cols-3">
        <section className="card p-4">
          <h2 className="mb-2 font-semibold">{t('customers.detail.identity')}</h2>
          <dl className="divide-y divide-slate-100">
            {field('customers.detail.email', c.email)}
            {field('customers.detail.phone', c.phone)}
            {field('customers.region', c.region)}
            {field('customers.detail.city', c.city)}
            {field('customers.detail.gender', c.gender)}
            {field('customers.detail.birthYear', c.birthYear)}
            {field('customers.detail.signup', c.signupAt ? f.date(c.signupAt) : null)}
          </dl>
          <h3 className="mt-4 mb-1 text-sm font-semibold">{t('customers.detail.consent')}</h3>
          <dl className="divide-y divide-slate-100">
            {field('customers.consent.email', consent(c.consentEmail))}
            {field('customers.consent.sms', consent(c.consentSms))}
            {field('customers.consent.push', consent(c.consentPush))}
          </dl>
          {attributes.length > 0 && (
            <>
              <h3 className="mt-4 mb-1 text-sm font-semibold">{t('customers.detail.attributes')}</h3>
              <dl className="divide-y divide-slate-100">
                {attributes.map(([k, v]) => <div key={k} className="flex justify-between gap-4 py-1.5 text-sm"><dt className="text-slate-500">{k}</dt><dd className="text-right">{String(v)}</dd></div>)}
              </dl>
            </>
          )}
        </section>
        <section className="card p-4">
          <h2 className="mb-2 font-semibold">{t('customers.detail.stats')}</h2>
          <dl className="divide-y divide-slate-100">
            {field('customers.detail.orders', f.number(stats.orders))}
            {field('customers.detail.revenue', f.money(stats.revenue))}
            {field('customers.detail.aov', stats.orders ? f.money(stats.revenue / stats.orders) : null)}
            {field('customers.detail.firstSeen', stats.firstSeen ? f.date(stats.firstSeen) : null)}
            {field('customers.detail.lastSeen', stats.lastSeen ? f.dateTime(stats.lastSeen) : null)}
          </dl>
          <h3 className="mt-4 mb-1 text-sm font-semibold">{t('customers.detail.recentOrders')}</h3>
          {orders.length === 0 ? <p className="text-sm text-slate-500">{t('customers.detail.noOrders')}</p> : (
            <ul className="divide-y divide-slate-100 text-sm">
              {orders.map((o) => (
                <li key={o.id} className="flex justify-between py-1.5">
                  <span><span className="font-mono">{o.externalId}</span> <span className="text-slate-500">· {f.date(o.placedAt)} · {t('customers.detail.items', { count: o.itemCount })}</span></span>
                  <span className={`tabular-nums ${o.status === 'completed' ? '' : 'text-slate-400 line-through'}`}>{f.money(o.total)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card p-4">
          <h2 className="mb-2 font-semibold">{t('customers.detail.recentEvents')}</h2>
          {events.length === 0 ? <p className="text-sm text-slate-500">{t('customers.detail.noEvents')}</p> : (
            <ol className="space-y-2 text-sm">
              {events.map((e) => (
                <li key={e.id} className="flex gap-2">
                  <span className="badge h-fit bg-slate-100 text-slate-700">{t(`dashboard.eventTypes.${e.type}` as MessageKey)}</span>
                  <span className="min-w-0 flex-1">
                    {e.product ? <Link className="text-brand-700 hover:underline" href={`/catalogue/${e.product.id}`}>{(locale === 'zh-CN' && e.product.titleZh) || e.product.title}</Link> : null}
                    {e.query ? <span className="italic">“{e.query}”</span> : null}
                    <span className="block text-xs text-slate-500">{f.dateTime(e.ts)}</span>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </>
  );
}
