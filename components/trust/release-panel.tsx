'use client';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import type { BudgetMeter as Meter } from '@/lib/stats/privacy/budget';
import { BudgetMeter } from './budget-meter';
import { ReleaseButton } from './release-button';

/** Above a table of released figures: what the reader sees, the release state or button, and the budget meter. */
export function ReleasePanel({
  note,
  releasedAt,
  meter,
  epsilonPerReport,
  onRelease,
}: {
  note: string;
  releasedAt: Date | null;
  meter: Meter;
  epsilonPerReport: number;
  onRelease: () => Promise<ActionResult<unknown>>;
}) {
  const { t, f } = useI18n();
  return (
    <div className="mb-4 grid gap-4 lg:grid-cols-2">
      <div className="card space-y-2 p-4">
        <p className="text-sm text-slate-600">{note}</p>
        {releasedAt ? (
          <p className="text-xs text-slate-500">{t('privacy.release.cached', { when: f.dateTime(releasedAt) })}</p>
        ) : (
          <>
            <p className="text-sm text-slate-600">{t('privacy.release.notYet')}</p>
            <ReleaseButton release={onRelease} epsilon={epsilonPerReport} isDisabled={meter.releasesLeft === 0} />
          </>
        )}
      </div>
      <BudgetMeter meter={meter} epsilonPerReport={epsilonPerReport} />
    </div>
  );
}
