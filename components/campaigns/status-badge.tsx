'use client';
import { useI18n } from '@/components/i18n-provider';
import { labelFor } from '@/lib/i18n/message-ref';

const TONE: Record<string, string> = {
  draft: 'bg-slate-100 text-slate-700',
  scheduled: 'bg-sky-100 text-sky-800',
  running: 'bg-emerald-100 text-emerald-800',
  stopped: 'bg-amber-100 text-amber-800',
  completed: 'bg-indigo-100 text-indigo-800',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge ${TONE[status] ?? TONE.draft}`} data-testid="campaign-status">
      {labelFor(t, 'campaigns.status', status)}
    </span>
  );
}

/** The "Simulated" label shown wherever simulated data appears. */
export function SimulatedBadge() {
  const { t } = useI18n();
  return (
    <span className="badge bg-amber-100 text-amber-900 ring-1 ring-amber-300" data-testid="simulated-badge">
      {t('campaigns.simulated')}
    </span>
  );
}
