import { labelFor } from '@/lib/i18n/message-ref';
import type { Translate } from '@/lib/i18n/translate';

const TONE: Record<string, string> = {
  uploaded: 'bg-amber-50 text-amber-800',
  queued: 'bg-slate-100 text-slate-700',
  running: 'bg-brand-50 text-brand-700',
  completed: 'bg-emerald-50 text-emerald-700',
  failed: 'bg-red-50 text-red-700',
  cancelled: 'bg-slate-100 text-slate-500',
};

export function ImportStatusBadge({ t, status }: { t: Translate; status: string }) {
  return <span className={`badge ${TONE[status] ?? 'bg-slate-100'}`}>{labelFor(t, 'imports.statuses', status)}</span>;
}
