/** A horizontal 0–1 meter with an accessible label (probabilities, shares). */
export function Meter({
  value,
  label,
  tone = 'brand',
}: {
  value: number;
  label: string;
  tone?: 'brand' | 'rose' | 'emerald' | 'amber' | 'violet';
}) {
  const colours = {
    brand: 'bg-brand-500',
    rose: 'bg-rose-500',
    emerald: 'bg-emerald-500',
    amber: 'bg-amber-500',
    violet: 'bg-violet-500',
  };
  const pct = Math.max(0, Math.min(1, Number.isFinite(value) ? value : 0)) * 100;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a styled bar; <meter> cannot be styled the same across browsers
    <div
      role="meter"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(pct)}
      aria-label={label}
      className="h-2 w-full overflow-hidden rounded-full bg-slate-100"
    >
      <div className={`h-full rounded-full ${colours[tone]}`} style={{ width: `${pct}%` }} />
    </div>
  );
}

/** Five segments, the first `score` filled: an RFM score at a glance. */
export function ScoreDots({ score, label }: { score: number; label: string }) {
  return (
    <span role="img" aria-label={label} title={label} className="inline-flex gap-0.5">
      {[1, 2, 3, 4, 5].map((s) => (
        <span key={s} className={`h-2.5 w-4 rounded-sm ${s <= score ? 'bg-brand-500' : 'bg-slate-200'}`} />
      ))}
    </span>
  );
}
