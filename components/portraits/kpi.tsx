import type { ReactNode } from 'react';

/**
 * A compact KPI tile (six across on a wide screen): values stay on one line from the small breakpoint up; on a phone's
 * two columns a long amount wraps instead of running out of its tile.
 */
export function Kpi({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: ReactNode;
  hint?: string;
  testId?: string;
}) {
  return (
    <div className="card min-w-0 px-4 py-3" title={hint}>
      <div className="text-xs leading-snug text-slate-500">{label}</div>
      <div
        className="mt-0.5 text-lg font-semibold tabular-nums [overflow-wrap:anywhere] sm:text-xl sm:whitespace-nowrap"
        data-testid={testId}
      >
        {value}
      </div>
    </div>
  );
}

/** Money without decimals for KPI tiles (¥11,120 rather than ¥11,119.82). */
export function wholeMoney(locale: string, currency: string) {
  const nf = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
  return (v: number) => nf.format(v);
}
