'use client';
import { useI18n } from '@/components/i18n-provider';
import { StatCard } from '@/components/ui/stat-card';
import type { ActionResult } from '@/lib/action-result';
import type { BudgetMeter as Meter } from '@/lib/stats/privacy/budget';
import { BudgetMeter } from './budget-meter';
import { NoisyNumber, type ShownValue } from './noisy-number';
import { ReleaseButton } from './release-button';

type Release = { createdAt: Date; values: (ShownValue & { key: string })[] } | null;

/** The manager's dashboard under differential privacy: released KPIs (or a button to release them) and the meter. */
export function PrivateKpis({
  release,
  meter,
  epsilonPerReport,
  clip,
  onRelease,
}: {
  release: Release;
  meter: Meter;
  epsilonPerReport: number;
  clip: number;
  onRelease: () => Promise<ActionResult<unknown>>;
}) {
  const { t, f } = useI18n();
  const byKey = new Map(release?.values.map((v) => [v.key, v]) ?? []);
  const card = (key: string, label: string, money = false) => {
    const v = byKey.get(key);
    return v ? <StatCard key={key} label={label} value={<NoisyNumber v={v} money={money} />} /> : null;
  };
  const buyers = byKey.get('buyers');
  const revenue = byKey.get('revenue');
  return (
    <div className="space-y-4" data-testid="private-kpis">
      <div className="card p-4">
        <h2 className="font-semibold">{t('privacy.dashboard.title')}</h2>
        <p className="mt-1 text-sm text-slate-600">{t('privacy.dashboard.note', { clip: f.moneyWhole(clip) })}</p>
        <div className="mt-3">
          {release ? (
            <p className="text-xs text-slate-500">
              {t('privacy.release.cached', { when: f.dateTime(release.createdAt) })}
            </p>
          ) : (
            <div className="space-y-2">
              <p className="text-sm text-slate-600">{t('privacy.release.notYet')}</p>
              <ReleaseButton release={onRelease} epsilon={epsilonPerReport} isDisabled={meter.releasesLeft === 0} />
            </div>
          )}
        </div>
      </div>
      {release && (
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-5">
          {card('customers', t('privacy.dashboard.customers'))}
          {card('buyers', t('privacy.dashboard.buyers'))}
          {card('revenue', t('privacy.dashboard.revenue'), true)}
          {card('newCustomers', t('privacy.dashboard.newCustomers'))}
          {buyers && revenue && (
            <StatCard
              label={t('privacy.dashboard.perBuyer')}
              value={buyers.isSuppressed || revenue.isSuppressed ? '—' : f.money(revenue.value / buyers.value)}
            />
          )}
        </div>
      )}
      <BudgetMeter meter={meter} epsilonPerReport={epsilonPerReport} />
    </div>
  );
}
