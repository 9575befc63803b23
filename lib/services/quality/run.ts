import 'server-only';
import { db } from '@/lib/db/client';
import {
  type Completeness,
  type Example,
  firstOrderAt,
  lastEventPerSource,
  lastImportPerKind,
  listCustomerEmails,
  type Measured,
  measureCompleteness,
  measureEventDates,
  measureEventProducts,
  measureNegativeOrderLines,
  measureNegativePurchases,
  measureOrderDates,
  measureOrderLineSkus,
  measureRepeatedOrderRefs,
  measureRepeatedOrders,
} from '@/lib/db/quality/measure';
import { finishRun, pruneRuns, saveCheck, scheduleNightlyQualityJob, startRun } from '@/lib/db/quality/runs';
import { EXAMPLES_PER_CHECK, QUALITY_CHECKS } from '@/lib/engine/quality/checks';
import { normaliseEmail, repeatedIds } from '@/lib/engine/quality/duplicates';
import { parseCounts } from '@/lib/engine/quality/report';
import { freshnessOf, nextNightlyRun, validDateWindow } from '@/lib/engine/quality/window';

/** Completed runs kept for the trend and history (about three months of nightly runs plus imports). */
export const RUNS_KEPT = 120;
const N = EXAMPLES_PER_CHECK;
const EMAIL_PAGE = 5_000;

type Context = { now: Date; window: { earliest: Date | null; latest: Date } };

/** Customers whose normalised e-mail an earlier customer already has (read in pages, compared in the engine). */
async function measureDuplicateEmails(): Promise<Measured> {
  const rows: { id: number; key: string | null }[] = [];
  for (let after = 0; ; ) {
    const page = await listCustomerEmails(db, after, EMAIL_PAGE);
    for (const c of page) rows.push({ id: c.id, key: normaliseEmail(c.email) });
    if (page.length < EMAIL_PAGE) break;
    after = page[page.length - 1]!.id;
  }
  const { repeats } = repeatedIds(rows);
  return {
    count: repeats.length,
    total: rows.filter((r) => r.key !== null).length,
    examples: repeats.slice(0, N).map((id) => ({ customerId: id })),
  };
}

/** Event sources and import kinds with nothing new for more than 7 days. */
async function measureFreshness(ctx: Context) {
  const [sources, imports] = await Promise.all([lastEventPerSource(db, ctx.window.latest), lastImportPerKind(db)]);
  const staleSources = freshnessOf(sources, ctx.now).filter((s) => s.isStale);
  const staleImports = freshnessOf(
    imports.map((i) => ({ source: i.kind, lastAt: i.lastAt })),
    ctx.now,
  ).filter((s) => s.isStale);
  const examples: Example[] = [
    ...staleSources.map((s) => ({ value: `event:${s.source}` })),
    ...staleImports.map((s) => ({
      importId: imports.find((i) => i.kind === s.source)!.importId,
      value: `import:${s.source}`,
    })),
  ];
  return {
    measured: {
      count: staleSources.length + staleImports.length,
      total: sources.length + imports.length,
      examples: examples.slice(0, N),
    },
    freshness: {
      sources: sources.map((s) => ({ source: s.source, lastAt: s.lastAt?.getTime() ?? null, events: s.events })),
      imports: imports.map((i) => ({ kind: i.kind, lastAt: i.lastAt.getTime(), importId: i.importId })),
    },
  };
}

const completeness = (check: Completeness) => () => measureCompleteness(db, check, N);
const RUNNERS: Record<string, (ctx: Context) => Promise<Measured>> = {
  customerEmail: completeness('customerEmail'),
  customerPhone: completeness('customerPhone'),
  customerSignup: completeness('customerSignup'),
  productCategory: completeness('productCategory'),
  productPrice: completeness('productPrice'),
  productImage: completeness('productImage'),
  purchaseNegative: () => measureNegativePurchases(db, N),
  orderLineNegative: () => measureNegativeOrderLines(db, N),
  eventDate: (ctx) => measureEventDates(db, ctx.window, N),
  orderDate: (ctx) => measureOrderDates(db, ctx.window.latest, N),
  eventUnknownProduct: () => measureEventProducts(db, N),
  orderLineUnknownSku: () => measureOrderLineSkus(db, N),
  duplicateEmail: () => measureDuplicateEmails(),
  duplicateOrder: () => measureRepeatedOrders(db, N),
  duplicateOrderRef: () => measureRepeatedOrderRefs(db, N),
};

/**
 * Computes one data-quality report and stores it as the run of `jobKey`. Each check is stored as it finishes; a
 * retry after a crash finds the run by its key and skips the checks already stored (resumable), and a run already
 * completed is left as it is (idempotent). Freshness is measured last, so it is as of the end of the run. Then the
 * next nightly run is scheduled (03:30 UTC) and old runs are pruned.
 */
export async function runQualityReport(
  input: { jobKey: string; reason: string },
  opts: { signal?: AbortSignal; progress?: (fraction: number, note: string) => void; now?: Date } = {},
) {
  const run = await startRun(db, input.jobKey, input.reason);
  if (run.status === 'completed') return { runId: run.id, resumed: false, checks: parseCounts(run.results).length };
  const done = new Set(parseCounts(run.results).map((c) => c.code));
  const now = opts.now ?? new Date();
  const ctx: Context = { now, window: validDateWindow(await firstOrderAt(db), now) };
  const todo = QUALITY_CHECKS.filter((c) => c.code in RUNNERS && !done.has(c.code));
  for (const [i, check] of todo.entries()) {
    if (opts.signal?.aborted) return { runId: run.id, resumed: done.size > 0, checks: done.size + i };
    opts.progress?.(i / (todo.length + 1), check.code);
    const m = await RUNNERS[check.code]!(ctx);
    await saveCheck(db, run.id, { code: check.code, count: m.count, total: m.total }, m.examples);
  }
  const { measured, freshness } = await measureFreshness(ctx);
  await saveCheck(db, run.id, { code: 'staleSource', count: measured.count, total: measured.total }, measured.examples);
  await finishRun(db, run.id, freshness);
  await scheduleNightlyQualityJob(db, nextNightlyRun(now.getTime()));
  await pruneRuns(db, RUNS_KEPT);
  opts.progress?.(1, 'done');
  return { runId: run.id, resumed: done.size > 0, checks: QUALITY_CHECKS.length };
}
