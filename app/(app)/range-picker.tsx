import Link from 'next/link';
import type { Translate } from '@/lib/i18n/translate';
import { RANGE_PRESETS, type DashboardRange } from '@/lib/services/dashboard-range';

/** Presets as links and a custom from/to as a GET form: the period lives in the URL, so it can be shared. */
export function RangePicker({ t, range }: { t: Translate; range: DashboardRange }) {
  return (
    <div className="card mb-4 flex flex-wrap items-end gap-3 p-3">
      <nav aria-label={t('dashboardRange.label')} className="flex flex-wrap gap-1">
        {RANGE_PRESETS.map((n) => {
          const active = range.preset === n;
          return (
            <Link
              key={n}
              href={`/?range=${n}`}
              aria-current={active ? 'true' : undefined}
              className={`rounded-md px-3 py-1.5 text-sm ring-1 ring-inset ${active ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-slate-700 ring-slate-200 hover:bg-slate-50'}`}
            >
              {t(`dashboardRange.presets.${n}`)}
            </Link>
          );
        })}
      </nav>
      <form key={`${range.fromDay}-${range.toDay}`} action="/" className="flex flex-wrap items-end gap-2">
        <div>
          <label className="label" htmlFor="range-from">
            {t('dashboardRange.from')}
          </label>
          <input className="input" type="date" id="range-from" name="from" defaultValue={range.fromDay} required />
        </div>
        <div>
          <label className="label" htmlFor="range-to">
            {t('dashboardRange.to')}
          </label>
          <input className="input" type="date" id="range-to" name="to" defaultValue={range.toDay} required />
        </div>
        <button className={range.preset === null ? 'btn-primary' : 'btn-secondary'} type="submit">
          {t('dashboardRange.apply')}
        </button>
      </form>
    </div>
  );
}
