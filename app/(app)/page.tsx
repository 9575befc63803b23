import type { Metadata } from 'next';
import { requirePage } from '@/app/_server/session';
import { getI18n } from '@/app/_server/i18n';
import { BarList } from '@/components/charts/bar-list';
import { RevenueChart } from '@/components/charts/revenue-chart';
import { PageHeader } from '@/components/ui/page-header';
import { StatCard } from '@/components/ui/stat-card';
import { labelFor } from '@/lib/i18n/message-ref';
import { getDashboard } from '@/lib/services/dashboard';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const actor = await requirePage('dashboard:view');
  const { t, f, locale } = await getI18n();
  const d = await getDashboard(actor);
  if (d.empty) {
    return (
      <>
        <PageHeader title={t('dashboard.title')} />
        <div className="card p-8 text-center text-slate-600">{t('dashboard.empty')}</div>
      </>
    );
  }
  const change = (now: number, before: number) => (before > 0 ? now / before - 1 : null);
  const aov = d.totals.orders ? d.totals.revenue / d.totals.orders : 0;
  const prevAov = d.prevTotals.orders ? d.prevTotals.revenue / d.prevTotals.orders : 0;
  const conversion = d.funnel.sessions ? d.funnel.bought / d.funnel.sessions : 0;
  const eventLabel = (type: string) => labelFor(t, 'dashboard.eventTypes', type);
  return (
    <>
      <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.subtitle', { from: f.date(d.range.from), to: f.date(d.range.to) })} />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-3 2xl:grid-cols-6">
        <StatCard label={t('dashboard.revenue')} value={f.moneyWhole(d.totals.revenue)} change={change(d.totals.revenue, d.prevTotals.revenue)} changeLabel={t('dashboard.vsPrevious')} />
        <StatCard label={t('dashboard.orders')} value={f.number(d.totals.orders)} change={change(d.totals.orders, d.prevTotals.orders)} changeLabel={t('dashboard.vsPrevious')} />
        <StatCard label={t('dashboard.aov')} value={f.money(aov)} change={change(aov, prevAov)} changeLabel={t('dashboard.vsPrevious')} />
        <StatCard label={t('dashboard.conversion')} value={f.percent(conversion)} hint={t('dashboard.conversionHint')} />
        <StatCard label={t('dashboard.customers')} value={f.number(d.counts.customers)} />
        <StatCard label={t('dashboard.products')} value={f.number(d.counts.activeProducts)} />
      </div>
      <section className="card mt-6 p-4">
        <h2 className="mb-2 font-semibold">{t('dashboard.revenueChart')}</h2>
        <RevenueChart data={d.weekly} />
      </section>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <section className="card p-4">
          <h2 className="mb-2 font-semibold">{t('dashboard.funnel')}</h2>
          <BarList
            color="#0f766e"
            data={[
              { label: t('dashboard.sessions'), value: d.funnel.sessions },
              { label: t('dashboard.viewed'), value: d.funnel.viewed },
              { label: t('dashboard.carted'), value: d.funnel.carted },
              { label: t('dashboard.bought'), value: d.funnel.bought },
            ]}
          />
        </section>
        <section className="card p-4">
          <h2 className="mb-2 font-semibold">{t('dashboard.topCategories')}</h2>
          <BarList money data={d.categories.map((c) => ({ label: (locale === 'zh-CN' && c.categoryZh) || c.category, value: c.revenue }))} />
        </section>
        <section className="card p-4">
          <h2 className="mb-2 font-semibold">{t('dashboard.eventsChart')}</h2>
          <BarList color="#7c3aed" data={d.mix.map((m) => ({ label: eventLabel(m.type), value: m.count }))} />
        </section>
      </div>
    </>
  );
}
