import 'server-only';
import { analyticsDb } from '@/lib/db/client';
import { listTopCategoryNames } from '@/lib/db/products';
import {
  eventMix,
  latestDataTime,
  orderTotals,
  sessionFunnel,
  shopCounts,
  topCategories,
} from '@/lib/db/analytics/overview';
import { newCustomerCount, orderQuarterHours } from '@/lib/db/analytics/range';
import { authorize, type Actor } from './auth/actor';
import { bucketSeries, resolveRange } from './dashboard-range';
import { getShopSettings } from './settings';
import { FUTURE_TOLERANCE_MS } from '@/lib/import/dates';

/**
 * The overview a manager opens first: a period of whole shop days (by default the last 90 up to the newest data the
 * shop has; `range`=7|30|90|365 or `from`/`to` from the URL) against the same number of days just before it.
 */
export async function getDashboard(actor: Actor | null, input: { range?: string; from?: string; to?: string } = {}) {
  authorize(actor, 'dashboard:view');
  // every figure comes from the analytics database (the read replica when one is configured; lib/db/connections.ts)
  const db = analyticsDb();
  const latest = await latestDataTime(db, Date.now() + FUTURE_TOLERANCE_MS);
  const counts = await shopCounts(db);
  if (latest === null) return { empty: true as const, counts };
  const { timezone } = await getShopSettings();
  const { range, problems } = resolveRange(input, Math.min(latest, Date.now()), timezone);
  const previous = range.previous;
  const [
    totals,
    prevTotals,
    current,
    before,
    mix,
    funnel,
    prevFunnel,
    newCustomers,
    prevNewCustomers,
    categories,
    topLevel,
  ] = await Promise.all([
    orderTotals(db, range),
    orderTotals(db, previous),
    orderQuarterHours(db, range),
    orderQuarterHours(db, previous),
    eventMix(db, range),
    sessionFunnel(db, range),
    sessionFunnel(db, previous),
    newCustomerCount(db, range),
    newCustomerCount(db, previous),
    topCategories(db, range),
    listTopCategoryNames(db),
  ]);
  const zh = new Map(topLevel.map((c) => [c.name, c.nameZh]));
  return {
    empty: false as const,
    range,
    problems,
    timezone,
    counts,
    totals,
    prevTotals,
    newCustomers,
    prevNewCustomers,
    series: bucketSeries(range, timezone, current, before),
    mix,
    funnel,
    prevFunnel,
    categories: categories.map((c) => ({ ...c, categoryZh: zh.get(c.category) ?? null })),
  };
}
export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
