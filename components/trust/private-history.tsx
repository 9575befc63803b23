'use client';
import { useI18n } from '@/components/i18n-provider';
import { SizeHistoryChart } from '@/components/segments/size-history-chart';
import type { ActionResult } from '@/lib/action-result';
import type { BudgetMeter as Meter } from '@/lib/stats/privacy/budget';
import type { ShownValue } from './noisy-number';
import { ReleasePanel } from './release-panel';

/**
 * A segment's size history for a manager under differential privacy: the whole series released at once with discrete
 * Gaussian noise, its mechanism, ε, δ and L2 sensitivity beside the chart, and the release button and budget meter.
 */
export function PrivateHistory({
  points,
  pointsPlanned,
  releasedAt,
  meter,
  epsilonPerReport,
  onRelease,
}: {
  points: { at: number; size: number; value: ShownValue }[];
  /** how many points a release covers (for the note) */
  pointsPlanned: number;
  releasedAt: Date | null;
  meter: Meter;
  epsilonPerReport: number;
  onRelease: () => Promise<ActionResult<unknown>>;
}) {
  const { t, f } = useI18n();
  const first = points[0]?.value;
  return (
    <div className="space-y-3" data-testid="private-history">
      <ReleasePanel
        note={t('privacy.segments.history', { points: pointsPlanned })}
        releasedAt={releasedAt}
        meter={meter}
        epsilonPerReport={epsilonPerReport}
        onRelease={onRelease}
      />
      {first && (
        <>
          <SizeHistoryChart points={points.map((p) => ({ at: p.at, size: p.size }))} only={['size']} />
          <p className="text-xs text-slate-500" data-testid="history-params">
            {t('privacy.value.margin', { margin: f.number(first.margin95) })} ·{' '}
            {t('privacy.value.gaussian', {
              sensitivity: `√${points.length}`,
              epsilon: f.number(first.epsilon),
              delta: String(first.delta),
            })}
          </p>
        </>
      )}
    </div>
  );
}
