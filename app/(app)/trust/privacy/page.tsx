import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { BudgetMeter } from '@/components/trust/budget-meter';
import { NoisyNumber } from '@/components/trust/noisy-number';
import { PageHeader } from '@/components/ui/page-header';
import { keyFor } from '@/lib/i18n/message-ref';
import { getPrivacyOverview } from '@/lib/services/privacy';

export const metadata: Metadata = { title: 'Differential privacy' };

/** Trust → Privacy: the setting, the budget meter and this period's releases with ε and sensitivity. */
export default async function PrivacyPage() {
  const actor = await requirePage('trust:read-all');
  const { t, f } = await getI18n();
  const o = await pageData(() => getPrivacyOverview(actor));
  const s = o.settings;
  return (
    <>
      <Link href="/trust" className="text-sm text-brand-700 hover:underline">
        ← {t('trust.title')}
      </Link>
      <PageHeader title={t('privacy.title')} subtitle={t('privacy.subtitle')} />
      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        <section className="card p-4" data-testid="privacy-status">
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <dt className="text-slate-500">{t('privacy.page.status')}</dt>
            <dd className={s.enabled ? 'font-medium text-emerald-700' : 'font-medium text-slate-600'}>
              {s.enabled ? t('privacy.page.on') : t('privacy.page.off')}
            </dd>
            <dt className="text-slate-500">{t('privacy.page.perReport')}</dt>
            <dd className="tabular-nums">ε = {f.number(s.epsilonPerReport)}</dd>
            <dt className="text-slate-500">{t('privacy.page.monthly')}</dt>
            <dd className="tabular-nums">ε = {f.number(s.monthlyBudget)}</dd>
            <dt className="text-slate-500">{t('privacy.page.clip')}</dt>
            <dd className="tabular-nums">{f.moneyWhole(s.revenueClip)}</dd>
          </dl>
          {!s.enabled && <p className="mt-3 text-sm text-slate-600">{t('privacy.page.offNote')}</p>}
        </section>
        <BudgetMeter meter={o.meter} epsilonPerReport={s.epsilonPerReport} />
      </div>
      <section className="card mb-6 overflow-x-auto">
        <h2 className="px-4 pt-4 font-semibold">{t('privacy.page.releases')}</h2>
        {o.releases.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{t('privacy.page.none')}</p>
        ) : (
          <table className="data-table" data-testid="privacy-releases">
            <thead>
              <tr>
                <th>{t('privacy.page.when')}</th>
                <th>{t('privacy.page.kind')}</th>
                <th className="text-right">ε</th>
                <th>{t('privacy.page.values')}</th>
              </tr>
            </thead>
            <tbody>
              {o.releases.map((r) => (
                <tr key={r.id}>
                  <td className="whitespace-nowrap">{f.dateTime(r.createdAt)}</td>
                  <td>{t(keyFor('privacy.page.kinds', r.kind, 'common.unknown'))}</td>
                  <td className="text-right tabular-nums">{f.number(r.epsilon)}</td>
                  <td>
                    <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                      {r.values.slice(0, 8).map((v) => (
                        <span key={v.key} className="inline-flex gap-1">
                          <span className="text-slate-500">{v.key}:</span>
                          <NoisyNumber v={v} showParams={false} />
                          <span className="text-xs text-slate-400">Δ={f.number(v.sensitivity)}</span>
                        </span>
                      ))}
                      {r.values.length > 8 && <span className="text-slate-400">…</span>}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p className="max-w-3xl text-sm text-slate-600">{t('privacy.page.guarantee')}</p>
    </>
  );
}
