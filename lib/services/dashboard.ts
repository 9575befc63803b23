import 'server-only';
import { db } from '@/lib/db/client';
import { listTopCategoryNames } from '@/lib/db/products';
import { eventMix, latestDataTime, orderTotals, sessionFunnel, shopCounts, topCategories, weeklyRevenue } from '@/lib/db/analytics/overview';
import { authorize, type Actor } from './auth/actor';

const DAY = 86_400_000;

/** The overview a manager opens first: the last 90 days up to the newest data the shop has. */
export async function getDashboard(actor: Actor | null) {
  authorize(actor, 'dashboard:view');
  const latest = await latestDataTime(db);
  const counts = await shopCounts(db);
  if (latest === null) return { empty: true as const, counts };
  const to = Math.min(latest, Date.now());
  const range = { from: to - 90 * DAY, to };
  const previous = { from: range.from - 90 * DAY, to: range.from - 1 };
  const [totals, prevTotals, weekly, mix, funnel, categories, topLevel] = await Promise.all([
    orderTotals(db, range),
    orderTotals(db, previous),
    weeklyRevenue(db, range),
    eventMix(db, range),
    sessionFunnel(db, range),
    topCategories(db, range),
    listTopCategoryNames(db),
  ]);
  const zh = new Map(topLevel.map((c) => [c.name, c.nameZh]));
  return {
    empty: false as const,
    range,
    counts,
    totals,
    prevTotals,
    weekly,
    mix,
    funnel,
    categories: categories.map((c) => ({ ...c, categoryZh: zh.get(c.category) ?? null })),
  };
}
export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
