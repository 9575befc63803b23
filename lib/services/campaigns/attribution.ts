import 'server-only';
import { db } from '@/lib/db/client';
import { withTransaction } from '@/lib/db/transaction';
import {
  assignmentPage,
  eventsForAttribution,
  ordersForAttribution,
  preSpend,
  replaceOutcomes,
  setExposures,
  updateCampaignRow,
  windowStarts,
  type NewOutcome,
} from '@/lib/db/campaigns';
import { attributeOutcome, type AttributionEvent } from '@/lib/engine/campaign';
import { HOUR_MS, loadCampaign, settingsOf } from './shared';

const PAGE = 1000;

/**
 * Recomputes every assigned customer's outcome from the events and orders inside their attribution window (the
 * window starts at their exposure, or at assignment for the holdout). Real campaigns read real data only (orders are
 * the source of truth for purchases; purchase events count where no order carries their reference); a simulated
 * campaign reads only its own simulated events. Idempotent: outcomes are replaced page by page.
 */
export async function recomputeOutcomes(
  campaignId: number,
  { signal, progress }: { signal?: AbortSignal; progress?: (fraction: number, note?: string) => void } = {},
) {
  const row = await loadCampaign(campaignId);
  const windowMs = row.attributionWindowHours * HOUR_MS;
  const range = await windowStarts(db, campaignId);
  if (range.count === 0 || range.first === null || range.last === null) return { customers: 0 };
  const scope = { campaignId, isSimulated: row.isSimulated };
  const from = range.first;
  const to = range.last + windowMs;
  let after = 0;
  let done = 0;
  for (;;) {
    if (signal?.aborted) throw new Error('cancelled');
    const page = await assignmentPage(db, campaignId, after, PAGE);
    if (!page.length) break;
    const ids = page.map((a) => a.customerId);
    const [events, orders, pre] = await Promise.all([
      eventsForAttribution(db, scope, ids, from, to),
      row.isSimulated ? Promise.resolve([]) : ordersForAttribution(db, ids, from, to),
      preSpend(db, ids, from),
    ]);
    const byCustomer = new Map<number, AttributionEvent[]>();
    const push = (id: number, e: AttributionEvent) => {
      const list = byCustomer.get(id);
      if (list) list.push(e);
      else byCustomer.set(id, [e]);
    };
    const orderRefs = new Set(orders.map((o) => `${o.customerId}|${o.orderRef}`));
    for (const o of orders)
      push(o.customerId, {
        type: 'purchase',
        ts: o.ts,
        isTagged: o.campaignId === campaignId,
        value: o.value,
        orderRef: o.orderRef,
      });
    for (const e of events) {
      // an order imported as both an order and its purchase events counts once (the order's total)
      if (e.type === 'purchase' && e.orderRef && orderRefs.has(`${e.customerId}|${e.orderRef}`)) continue;
      push(e.customerId, {
        type: e.type,
        ts: e.ts,
        isTagged: e.campaignId === campaignId,
        value: e.value,
        price: e.price,
        quantity: e.quantity,
        orderRef: e.orderRef,
      });
    }
    const outcomes: NewOutcome[] = [];
    const exposureUpdates: { customerId: number; exposures: number; exposedAt: Date | null }[] = [];
    for (const a of page) {
      const list = (byCustomer.get(a.customerId) ?? []).sort((x, y) => x.ts - y.ts);
      const startAt = (a.exposedAt ?? a.assignedAt).getTime();
      const o = attributeOutcome({
        startAt,
        windowMs,
        events: list,
        frequencyCap: row.frequencyCap,
        recordedExposures: a.exposures,
      });
      outcomes.push({
        campaignId,
        customerId: a.customerId,
        variantId: a.variantId,
        opened: o.opened,
        clicked: o.clicked,
        converted: o.converted,
        revenue: o.revenue,
        orders: o.orders,
        preMetric: pre.get(a.customerId) ?? 0,
        convertedAt: o.convertedAt === null ? null : new Date(o.convertedAt),
      });
      if (o.exposures !== a.exposures)
        exposureUpdates.push({
          customerId: a.customerId,
          exposures: o.exposures,
          exposedAt: a.exposedAt ? null : o.exposures > 0 ? new Date(startAt) : null,
        });
    }
    await withTransaction(db, async (tx) => {
      await replaceOutcomes(tx, campaignId, ids, outcomes);
      for (const u of exposureUpdates) await setExposures(tx, campaignId, u.customerId, u.exposures, u.exposedAt);
    });
    done += page.length;
    after = page.at(-1)!.customerId;
    progress?.(Math.min(1, done / range.count), `${done} / ${range.count}`);
  }
  const settings = settingsOf(await loadCampaign(campaignId));
  await updateCampaignRow(db, campaignId, { settings: { ...settings, lastAttributionAt: Date.now() } });
  return { customers: done };
}

/** Whether every assigned customer's window has closed. */
export async function windowsClosed(campaignId: number, windowHours: number, now = Date.now()) {
  const range = await windowStarts(db, campaignId);
  return range.last !== null && now >= range.last + windowHours * HOUR_MS;
}
