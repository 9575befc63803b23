import type { Metadata } from 'next';
import { getI18n } from '@/app/_server/i18n';
import { firstValues } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { AskData } from '@/components/assistant/ask-data';
import { BarList } from '@/components/charts/bar-list';
import { RevenueChart } from '@/components/charts/revenue-chart';
import { PageHeader } from '@/components/ui/page-header';
import { StatCard } from '@/components/ui/stat-card';
import { labelFor } from '@/lib/i18n/message-ref';
import { getDashboard } from '@/lib/services/dashboard';
import { getPrivacySettings, seesNoisyAggregates } from '@/lib/services/privacy';
import { modelInUse } from '@/lib/services/assistant/provider-settings';
import { askDataAction, previewAskAction } from './ask-actions';
import { PrivateDashboard } from './private-dashboard';
import { RangePicker } from './range-picker';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePage('dashboard:view');
  const params = firstValues(await searchParams);
  const ask = <AskData ask={askDataAction} preview={previewAskAction} model={await modelInUse(actor)} />;
  if (seesNoisyAggregates(actor.role, await getPrivacySettings())) {
    return <PrivateDashboard actor={actor} params={params} ask={ask} />;
  }
  const { t, f, locale } = await getI18n();
  const d = await getDashboard(actor, params);
  if (d.empty) {
    return (
      <>
        <PageHeader title={t('dashboard.title')} />
        <div className="card p-8 text-center text-slate-600">{t('dashboard.empty')}</div>
      </>
    );
  }
  const { range } = d;
  const change = (now: number, before: number) => (before > 0 ? now / before - 1 : null);
  const ratio = (a: number, b: number) => (b ? a / b : 0);
  const aov = ratio(d.totals.revenue, d.totals.orders);
  const prevAov = ratio(d.prevTotals.revenue, d.prevTotals.orders);
  const conversion = ratio(d.funnel.bought, d.funnel.sessions);
  const prevConversion = ratio(d.prevFunnel.bought, d.prevFunnel.sessions);
  const vs = t('dashboardRange.vsPrevious', { days: range.days });
  const eventLabel = (type: string) => labelFor(t, 'dashboard.eventTypes', type);
  const subtitle = t('dashboardRange.subtitle', {
    from: f.date(range.from),
    to: f.date(range.to),
    days: range.days,
    zone: d.timezone,
    prevFrom: f.date(range.previous.from),
    prevTo: f.date(range.previous.to),
  });
  return (
    <>
      <PageHeader title={t('dashboard.title')} subtitle={subtitle} />
      {d.problems.length > 0 && (
        <ul
          role="alert"
          className="mb-4 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset"
        >
          {d.problems.map((p) => (
            <li key={p.reason}>
              {t(
                `dashboardRange.ignored.${p.reason}`,
                'value' in p ? { value: p.value } : 'from' in p ? { from: p.from, to: p.to } : undefined,
              )}
            </li>
          ))}
        </ul>
      )}
      <RangePicker t={t} range={range} />
      {ask}
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-3 2xl:grid-cols-6" data-testid="kpis">
        <StatCard
          label={t('dashboard.revenue')}
          value={f.moneyWhole(d.totals.revenue)}
          change={change(d.totals.revenue, d.prevTotals.revenue)}
          changeLabel={vs}
        />
        <StatCard
          label={t('dashboard.orders')}
          value={f.number(d.totals.orders)}
          change={change(d.totals.orders, d.prevTotals.orders)}
          changeLabel={vs}
        />
        <StatCard label={t('dashboard.aov')} value={f.money(aov)} change={change(aov, prevAov)} changeLabel={vs} />
        <StatCard
          label={t('dashboard.conversion')}
          value={f.percent(conversion)}
          hint={t('dashboard.conversionHint')}
          change={change(conversion, prevConversion)}
          changeLabel={vs}
        />
        <StatCard
          label={t('dashboardRange.newCustomers')}
          value={f.number(d.newCustomers)}
          change={change(d.newCustomers, d.prevNewCustomers)}
          changeLabel={vs}
        />
        <StatCard
          label={t('dashboard.customers')}
          value={f.number(d.counts.customers)}
          hint={`${t('dashboard.products')}: ${f.number(d.counts.activeProducts)}`}
        />
      </div>
      <section className="card mt-6 p-4">
        <h2 className="mb-2 font-semibold">
          {t(range.unit === 'day' ? 'dashboardRange.revenuePerDay' : 'dashboardRange.revenuePerWeek')}
        </h2>
        <RevenueChart data={d.series} />
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
          <h2 className="font-semibold">{t('dashboard.topCategories')}</h2>
          <p className="mb-2 text-slate-600 text-xs">{t('dashboard.topCategoriesNote')}</p>
          <BarList
            money
            data={d.categories.map((c) => ({
              label: (locale === 'zh-CN' && c.categoryZh) || c.category,
              value: c.revenue,
            }))}
          />
        </section>
        <section className="card p-4">
          <h2 className="mb-2 font-semibold">{t('dashboard.eventsChart')}</h2>
          <BarList color="#7c3aed" data={d.mix.map((m) => ({ label: eventLabel(m.type), value: m.count }))} />
        </section>
      </div>
    </>
  );
}
