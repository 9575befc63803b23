'use client';
import { useI18n } from '@/components/i18n-provider';

type Props = {
  columns: string[];
  keepsAttributes: boolean;
  ignored: ReadonlySet<string>;
  onToggle(column: string, keep: boolean): void;
};

/** Columns no field uses: kept as attributes (each can be ignored), or listed as not imported. */
export function ExtraColumns({ columns, keepsAttributes, ignored, onToggle }: Props) {
  const { t } = useI18n();
  if (!columns.length) return null;
  const count = columns.filter((c) => ignored.has(c)).length;
  return (
    <div className="mt-4">
      <h3 className="text-sm font-semibold">
        {t('importReview.columns.title')}{' '}
        {count > 0 && (
          <span className="font-normal text-slate-500">· {t('importReview.columns.ignored', { count })}</span>
        )}
      </h3>
      <p className="mt-1 text-xs text-slate-500">
        {t(keepsAttributes ? 'importReview.columns.intro' : 'importReview.columns.introDropped')}
      </p>
      <ul className="mt-2 flex flex-wrap gap-2" data-testid="extra-columns">
        {columns.map((c) => (
          <li key={c}>
            {keepsAttributes ? (
              <label
                className={`flex items-center gap-1.5 rounded border px-2 py-1 text-xs ${ignored.has(c) ? 'border-slate-200 text-slate-400 line-through' : 'border-slate-300'}`}
              >
                <input
                  type="checkbox"
                  checked={!ignored.has(c)}
                  aria-label={`${t('importReview.columns.keep')}: ${c}`}
                  onChange={(e) => onToggle(c, e.target.checked)}
                />
                {c}
              </label>
            ) : (
              <span className="rounded border border-slate-200 px-2 py-1 text-xs text-slate-500">{c}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
