/** The Precisa mark (a target), drawn like app/icon.svg, beside the name in the sidebar and the phone's top bar. */
export function BrandMark({ size = 24 }: { size?: number }) {
  return (
    <svg aria-hidden viewBox="0 0 32 32" width={size} height={size} className="shrink-0">
      <rect width="32" height="32" rx="7" fill="#2259d4" />
      <g fill="none" stroke="#fff" strokeWidth="2.5" strokeLinecap="round">
        <circle cx="16" cy="16" r="10" />
        <circle cx="16" cy="16" r="5" />
        <path d="M24 8l-6.2 6.2" />
      </g>
      <circle cx="16" cy="16" r="1.8" fill="#fff" />
    </svg>
  );
}
