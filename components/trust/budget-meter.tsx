'use client';
import { useI18n } from '@/components/i18n-provider';
import type { BudgetMeter as Meter } from '@/lib/stats/privacy/budget';

/** Budget used / remaining and releases this period, as a bar and a line of text. */
export function BudgetMeter({ meter, epsilonPerReport }: { meter: Meter; epsilonPerReport: number }) {
  const { t, f } = useI18n();
  const share = meter.limit > 0 ? Math.min(1, meter.used / meter.limit) : 1;
  const isSpent = meter.releasesLeft === 0;
  return (
    <section
      className="card p-4"
      data-testid="budget-meter"
      aria-label={t('privacy.meter.label', { period: meter.period })}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-sm font-semibold">{t('privacy.meter.label', { period: meter.period })}</h2>
        <span className="text-sm tabular-nums" data-testid="budget-used">
          {t('privacy.meter.used', { used: f.number(meter.used), limit: f.number(meter.limit) })} ·{' '}
          {t('privacy.meter.remaining', { remaining: f.number(meter.remaining) })}
        </span>
      </div>
      <div className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
        <div className={`h-full ${isSpent ? 'bg-red-500' : 'bg-brand-600'}`} style={{ width: `${share * 100}%` }} />
      </div>
      <p className="mt-2 text-xs text-slate-500" data-testid="budget-releases">
        {t('privacy.meter.releases', { count: meter.releases })} ·{' '}
        {t('privacy.meter.left', { count: meter.releasesLeft, epsilon: f.number(epsilonPerReport) })}
      </p>
      {isSpent && (
        <p role="status" className="mt-2 text-sm text-red-700">
          {t('privacy.meter.spent')}
        </p>
      )}
    </section>
  );
}
