import { getI18n } from '@/app/_server/i18n';
import { PrivateKpis } from '@/components/trust/private-kpis';
import { PageHeader } from '@/components/ui/page-header';
import type { UserActor } from '@/lib/services/auth/actor';
import { getPrivateDashboard } from '@/lib/services/privacy';
import { RangePicker } from './range-picker';
import { releaseDashboardAction } from './trust/actions';

/** The dashboard a manager sees while the shop releases aggregates with differential privacy. */
export async function PrivateDashboard({
  actor,
  params,
  ask,
}: {
  actor: UserActor;
  params: { range?: string; from?: string; to?: string };
  /** the "Ask the data" box (released figures only for this user) */
  ask: React.ReactNode;
}) {
  const { t, f } = await getI18n();
  const d = await getPrivateDashboard(actor, params);
  if (!d) {
    return (
      <>
        <PageHeader title={t('dashboard.title')} />
        <div className="card p-8 text-center text-slate-600">{t('dashboard.empty')}</div>
      </>
    );
  }
  const input = { range: params.range, from: params.from, to: params.to };
  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={t('dashboardRange.subtitle', {
          from: f.date(d.range.from),
          to: f.date(d.range.to),
          days: d.range.days,
          zone: d.timezone,
          prevFrom: f.date(d.range.previous.from),
          prevTo: f.date(d.range.previous.to),
        })}
      />
      <RangePicker t={t} range={d.range} />
      {ask}
      <PrivateKpis
        release={d.release}
        meter={d.meter}
        epsilonPerReport={d.settings.epsilonPerReport}
        clip={d.settings.revenueClip}
        onRelease={releaseDashboardAction.bind(null, input)}
      />
    </>
  );
}
