import 'server-only';
import { db } from '@/lib/db/client';
import { activeQualityJob, enqueueQualityJob, listExamples, listRuns } from '@/lib/db/quality/runs';
import { checkDefinition } from '@/lib/engine/quality/checks';
import { checkTrends, parseCounts, qualityScore, summariseChecks } from '@/lib/engine/quality/report';
import { freshnessOf } from '@/lib/engine/quality/window';
import { can } from '@/lib/security/roles';
import { authorize, type Actor } from '../auth/actor';

/** How many runs the trend lines show. */
export const TREND_RUNS = 30;

type StoredFreshness = {
  sources?: { source: string; lastAt: number | null; events: number }[];
  imports?: { kind: string; lastAt: number; importId: string }[];
};

/** Where an example row links: its customer's page, its product's page, or the import's report. */
function exampleLink(
  check: string,
  e: { customerId: number | null; productId: number | null; importId: string | null },
) {
  const links = checkDefinition(check)?.links;
  if (links === 'customer' && e.customerId !== null) return `/customers/${e.customerId}`;
  if ((links === 'product' || links === 'customer') && e.productId !== null) return `/catalogue/${e.productId}`;
  if (e.importId !== null) return `/imports/${e.importId}`;
  return null;
}

/**
 * Trust → Data quality for admins and managers: the newest report (each check's count, rate, level and example
 * rows with links), freshness per source and import kind, the trend of the last runs, and whether a run is waiting.
 */
export async function getQualityReport(actor: Actor | null, now = new Date()) {
  const user = authorize(actor, 'trust:read-all');
  const [runs, active] = await Promise.all([listRuns(db, TREND_RUNS), activeQualityJob(db)]);
  const latest = runs[0] ?? null;
  const examples = latest ? await listExamples(db, latest.id) : [];
  const stored = runs.map((r) => ({ id: r.id, finishedAt: r.finishedAt!, counts: parseCounts(r.results) }));
  const trends = checkTrends(stored);
  const fresh = (latest?.freshness ?? {}) as StoredFreshness;
  return {
    canRecompute: can(user.role, 'imports:manage'),
    job: active ? { state: active.state, progress: active.progress } : null,
    latest: latest && {
      id: latest.id,
      reason: latest.reason,
      finishedAt: latest.finishedAt!,
      score: qualityScore(stored[0]!.counts),
      checks: summariseChecks(stored[0]!.counts).map((c) => ({
        ...c,
        trend: trends.get(c.code) ?? [],
        examples: examples
          .filter((e) => e.check === c.code)
          .map((e) => ({ rowId: e.rowId, value: e.value, href: exampleLink(c.code, e) })),
      })),
      sources: freshnessOf(
        (fresh.sources ?? []).map((s) => ({ source: s.source, lastAt: s.lastAt === null ? null : new Date(s.lastAt) })),
        now,
      ).map((s, i) => ({ ...s, events: fresh.sources![i]!.events })),
      imports: freshnessOf(
        (fresh.imports ?? []).map((s) => ({ source: s.kind, lastAt: new Date(s.lastAt) })),
        now,
      ).map((s, i) => ({ ...s, importId: fresh.imports![i]!.importId })),
    },
    scoreTrend: stored
      .slice()
      .reverse()
      .map((r) => ({ runId: r.id, at: r.finishedAt, score: qualityScore(r.counts) })),
  };
}
export type QualityReport = Awaited<ReturnType<typeof getQualityReport>>;

/** "Recompute now" (admins): queues a report, or returns the one already waiting. */
export async function requestQualityRun(actor: Actor | null) {
  authorize(actor, 'imports:manage');
  const job = await enqueueQualityJob(db, 'manual');
  return { jobId: job.id };
}
