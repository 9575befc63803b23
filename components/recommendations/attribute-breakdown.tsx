'use client';
import { useI18n } from '@/components/i18n-provider';
import { labelFor } from '@/lib/i18n/message-ref';

export type BreakdownRow = { attribute: string; weight: number; similarity: number };

/** Per-attribute similarity bars of content similarity, with each attribute's weight. */
export function AttributeBreakdown({ rows }: { rows: BreakdownRow[] }) {
  const { t, f } = useI18n();
  if (!rows.length) return null;
  return (
    <dl className="mt-1.5 grid gap-x-6 gap-y-0.5 text-xs sm:grid-cols-2" data-testid="attribute-breakdown">
      {rows.map((r) => (
        <div key={r.attribute} className="flex items-center gap-2">
          <dt className="w-20 shrink-0 text-slate-500">{labelFor(t, 'recommendations.attributes', r.attribute)}</dt>
          <dd className="flex flex-1 items-center gap-2">
            <span className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-100">
              <span
                className="block h-full rounded-full bg-brand-500"
                style={{ width: `${Math.round(Math.max(0, Math.min(1, r.similarity)) * 100)}%` }}
              />
            </span>
            <span className="w-10 text-right tabular-nums">{r.similarity.toFixed(2)}</span>
            <span className="w-16 text-right text-slate-400">
              {t('recommendations.similar.weight', { weight: f.number(r.weight) })}
            </span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
