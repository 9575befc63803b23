import 'server-only';
import type { AskCall } from '@/lib/engine/assistant/ask-data';
import { isAppError } from '@/lib/errors';
import { can } from '@/lib/security/roles';
import type { UserActor } from '../auth/actor';
import { getDashboard } from '../dashboard';
import { getPrivacySettings, getPrivateDashboard, getPrivateSegmentSizes, seesNoisyAggregates } from '../privacy';
import { listSegments } from '../segments';

/** What one read-only function returned: figures and names only, rendered by the page from message keys. */
export type AskResult =
  | { type: 'kpi'; metric: string; days: number; value: number; released: boolean }
  | { type: 'categories'; days: number; items: { name: string; nameZh: string | null; revenue: number }[] }
  | { type: 'segment'; name: string; count: number; released: boolean; suppressed: boolean }
  | { type: 'segments'; names: string[] }
  | { type: 'error'; code: 'private' | 'notReleased' | 'segmentNotFound' | 'noData' | 'forbidden' | 'invalidCall' };

const PRIVATE_KPIS = new Set(['revenue', 'buyers', 'newCustomers']);

async function kpi(actor: UserActor, metric: string, days: number, released: boolean): Promise<AskResult> {
  const range = String(days);
  if (released) {
    if (!PRIVATE_KPIS.has(metric)) return { type: 'error', code: 'private' };
    const d = await getPrivateDashboard(actor, { range });
    if (!d) return { type: 'error', code: 'noData' };
    const v = d.release?.values.find((x) => x.key === metric);
    return v ? { type: 'kpi', metric, days, value: v.value, released: true } : { type: 'error', code: 'notReleased' };
  }
  const d = await getDashboard(actor, { range });
  if (d.empty) return { type: 'error', code: 'noData' };
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  const value: Record<string, number> = {
    revenue: d.totals.revenue,
    orders: d.totals.orders,
    buyers: d.totals.buyers,
    aov: ratio(d.totals.revenue, d.totals.orders),
    newCustomers: d.newCustomers,
    conversion: ratio(d.funnel.bought, d.funnel.sessions),
  };
  return { type: 'kpi', metric, days, value: Math.round((value[metric] ?? 0) * 10_000) / 10_000, released: false };
}

const closest = <T extends { name: string }>(rows: T[], name: string) => {
  const n = name.normalize('NFKC').toLowerCase().trim();
  const lower = (r: T) => r.name.normalize('NFKC').toLowerCase();
  return rows.find((r) => lower(r) === n) ?? rows.find((r) => lower(r).includes(n) || n.includes(lower(r)));
};

/**
 * Runs one validated "Ask the data" function with the signed-in user's rights, through the services the dashboard
 * and segment pages use: exact figures, or — for a manager while the shop releases aggregates with differential
 * privacy — only the already released (noisy) figures, never a fresh release (that spends budget; the dashboard does it).
 */
export async function runAskCall(actor: UserActor, call: AskCall): Promise<AskResult> {
  const released = seesNoisyAggregates(actor.role, await getPrivacySettings());
  try {
    switch (call.name) {
      case 'kpi':
        return await kpi(actor, call.args.metric, call.args.days, released);
      case 'top_categories': {
        if (released) return { type: 'error', code: 'private' };
        const d = await getDashboard(actor, { range: String(call.args.days) });
        if (d.empty) return { type: 'error', code: 'noData' };
        const items = [...d.categories].sort((a, b) => b.revenue - a.revenue).slice(0, call.args.limit);
        return {
          type: 'categories',
          days: call.args.days,
          items: items.map((c) => ({
            name: c.category,
            nameZh: c.categoryZh,
            revenue: Math.round(c.revenue * 100) / 100,
          })),
        };
      }
      case 'segment_count':
      case 'list_segments': {
        if (!can(actor.role, 'segments:view')) return { type: 'error', code: 'forbidden' };
        const { rows } = await listSegments(actor);
        if (call.name === 'list_segments') return { type: 'segments', names: rows.slice(0, 50).map((r) => r.name) };
        const row = closest(rows, call.args.name);
        if (!row?.count) return { type: 'error', code: 'segmentNotFound' };
        if (!released)
          return { type: 'segment', name: row.name, count: row.count.total, released: false, suppressed: false };
        const sizes = await getPrivateSegmentSizes(rows);
        const v = sizes.release?.values.find((x) => x.key === `${row.id}:size`);
        return v
          ? { type: 'segment', name: row.name, count: v.value, released: true, suppressed: v.isSuppressed }
          : { type: 'error', code: 'notReleased' };
      }
    }
  } catch (e) {
    if (isAppError(e) && e.code === 'FORBIDDEN') return { type: 'error', code: 'forbidden' };
    throw e;
  }
}
