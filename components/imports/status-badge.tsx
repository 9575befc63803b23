import { importOutcome } from '@/lib/import/outcome';
import { labelFor } from '@/lib/i18n/message-ref';
import type { Translate } from '@/lib/i18n/translate';

const TONE: Record<string, string> = {
  uploaded: 'bg-amber-50 text-amber-800',
  queued: 'bg-slate-100 text-slate-700',
  running: 'bg-brand-50 text-brand-700',
  completed: 'bg-emerald-50 text-emerald-700',
  noRows: 'bg-amber-50 text-amber-800',
  allRejected: 'bg-amber-50 text-amber-800',
  failed: 'bg-red-50 text-red-700',
  cancelled: 'bg-slate-100 text-slate-500',
};

/** An import's state; a completed import that read no data row, or rejected every row, shows a warning instead. */
export function ImportStatusBadge({
  t,
  row,
}: {
  t: Translate;
  row: { status: string; rowsRead: number; rejected: number };
}) {
  const outcome = importOutcome(row);
  return (
    <span className={`badge ${TONE[outcome] ?? 'bg-slate-100'}`} data-testid="import-status">
      {labelFor(t, 'imports.statuses', outcome)}
    </span>
  );
}
