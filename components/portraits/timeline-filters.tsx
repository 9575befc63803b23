import Link from 'next/link';
import { labelFor } from '@/lib/i18n/message-ref';
import type { Translate } from '@/lib/i18n/translate';

/**
 * The timeline's filters as a plain GET form (works without JavaScript; the URL can be shared). Type options show
 * how many events of each type the customer has.
 */
export function TimelineFilters({
  t,
  action,
  values,
  typeCounts,
  types,
}: {
  t: Translate;
  action: string;
  values: { type?: string; from?: string; to?: string };
  typeCounts: Record<string, number>;
  types: readonly string[];
}) {
  return (
    <form
      method="get"
      action={`${action}#timeline`}
      className="flex flex-wrap items-end gap-3"
      aria-label={t('portraits.timeline.title')}
    >
      <div>
        <label className="label" htmlFor="timeline-type">
          {t('portraits.timeline.type')}
        </label>
        <select id="timeline-type" name="type" defaultValue={values.type ?? ''} className="input w-52">
          <option value="">{t('portraits.timeline.allTypes')}</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {labelFor(t, 'dashboard.eventTypes', type)} ({typeCounts[type] ?? 0})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="timeline-from">
          {t('portraits.timeline.from')}
        </label>
        <input id="timeline-from" name="from" type="date" defaultValue={values.from ?? ''} className="input w-40" />
      </div>
      <div>
        <label className="label" htmlFor="timeline-to">
          {t('portraits.timeline.to')}
        </label>
        <input id="timeline-to" name="to" type="date" defaultValue={values.to ?? ''} className="input w-40" />
      </div>
      <button type="submit" className="btn-secondary">
        {t('portraits.timeline.apply')}
      </button>
      {(values.type || values.from || values.to) && (
        <Link className="btn text-slate-600 hover:underline" href={`${action}#timeline`}>
          {t('portraits.timeline.clear')}
        </Link>
      )}
    </form>
  );
}
