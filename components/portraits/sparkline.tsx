/**
 * A small trend line (inline SVG, no chart library: the Tags page draws hundreds). Points are daily counts, oldest
 * first; one point draws a dot.
 */
export function Sparkline({
  points,
  label,
  width = 120,
  height = 28,
}: {
  points: { day: number; count: number }[];
  label: string;
  width?: number;
  height?: number;
}) {
  if (points.length === 0) return <span className="text-xs text-slate-400">—</span>;
  const xs = points.map((p) => p.day);
  const ys = points.map((p) => p.count);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const pad = 3;
  const x = (v: number) => (x1 === x0 ? width / 2 : pad + ((v - x0) / (x1 - x0)) * (width - 2 * pad));
  const y = (v: number) => (y1 === y0 ? height / 2 : height - pad - ((v - y0) / (y1 - y0)) * (height - 2 * pad));
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.day).toFixed(1)},${y(p.count).toFixed(1)}`).join(' ');
  const last = points[points.length - 1]!;
  return (
    <svg
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className="overflow-visible"
    >
      <title>{label}</title>
      {points.length > 1 && <path d={path} fill="none" stroke="#2f6fed" strokeWidth={1.5} strokeLinejoin="round" />}
      <circle cx={x(last.day)} cy={y(last.count)} r={2.5} fill="#1c47a8" />
    </svg>
  );
}
