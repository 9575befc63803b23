import type { ReactNode } from 'react';

/**
 * A KPI tile: label, value and an optional comparison line. The value is never cut: a smaller size on phones (two
 * tiles a row), and a long amount wraps rather than ending in an ellipsis.
 */
export function StatCard({
  label,
  value,
  hint,
  change,
  changeLabel,
}: {
  label: string;
  value: ReactNode;
  hint?: string;
  change?: number | null;
  changeLabel?: string;
}) {
  return (
    <div className="card p-4">
      <div className="text-sm text-slate-500" title={hint}>
        {label}
      </div>
      <div className="mt-1 text-xl font-semibold tabular-nums [overflow-wrap:anywhere] sm:text-2xl">{value}</div>
      {change !== undefined && change !== null && Number.isFinite(change) && (
        <div className={`mt-1 text-xs ${change >= 0 ? 'text-emerald-700' : 'text-red-700'}`}>
          {change >= 0 ? '▲' : '▼'} {Math.abs(change * 100).toFixed(1)}%{' '}
          {changeLabel && <span className="text-slate-400">{changeLabel}</span>}
        </div>
      )}
    </div>
  );
}
