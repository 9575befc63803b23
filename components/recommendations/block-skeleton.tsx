/** The placeholder a recommendation block shows while it streams in. */
export function RecommendationBlockSkeleton() {
  return <section className="card h-48 animate-pulse bg-slate-50 p-4" aria-busy="true" />;
}
