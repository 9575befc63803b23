/** Attribution of a customer's events to a campaign within the attribution window. */

/** One event of an assigned customer, as the attribution needs it. */
export type AttributionEvent = {
  type: string;
  /** epoch ms */
  ts: number;
  /** the event carries this campaign's id (opens, clicks, exposures, tagged purchases) */
  isTagged: boolean;
  /** revenue of a purchase in the base currency (falls back to price × quantity) */
  value: number | null;
  price?: number | null;
  quantity?: number | null;
  orderRef: string | null;
};

export type CustomerOutcome = {
  opened: boolean;
  clicked: boolean;
  converted: boolean;
  revenue: number;
  orders: number;
  /** first purchase inside the window */
  convertedAt: number | null;
  /** exposures counted toward the campaign (tagged exposure events, capped by the frequency cap) */
  exposures: number;
};

/** Revenue of one purchase event: its value, else unit price × quantity, else 0. */
export function purchaseRevenue(e: Pick<AttributionEvent, 'value' | 'price' | 'quantity'>): number {
  if (e.value !== null && Number.isFinite(e.value)) return e.value;
  if (e.price !== null && e.price !== undefined && Number.isFinite(e.price)) return e.price * (e.quantity ?? 1);
  return 0;
}

/**
 * Outcome of one assigned customer. The window is half-open, [startAt, startAt + windowMs): an event exactly at the
 * start counts, one exactly at the end does not. Opens and clicks count only when tagged with the campaign; every
 * purchase inside the window counts, tagged or not, because the holdout's purchases are never tagged and the
 * comparison with the holdout must measure both arms the same way. Orders are distinct order references (a purchase
 * event without one is its own order). Exposures are the tagged exposure events from the start on, at most
 * `frequencyCap` (null: no cap), and at least `recordedExposures` (exposures recorded at send time).
 * @example attributeOutcome({ startAt: 0, windowMs: 10, events: [{ type: 'purchase', ts: 9, isTagged: false, value: 5, orderRef: 'o1' }] })
 * // { converted: true, revenue: 5, orders: 1, convertedAt: 9, … }
 */
export function attributeOutcome({
  startAt,
  windowMs,
  events,
  frequencyCap = null,
  recordedExposures = 0,
}: {
  startAt: number;
  windowMs: number;
  events: readonly AttributionEvent[];
  frequencyCap?: number | null;
  recordedExposures?: number;
}): CustomerOutcome {
  const fn = 'attributeOutcome';
  if (!Number.isFinite(startAt)) throw new RangeError(`${fn}: startAt must be finite`);
  if (!(windowMs > 0)) throw new RangeError(`${fn}: windowMs must be > 0`);
  const end = startAt + windowMs;
  let opened = false;
  let clicked = false;
  let revenue = 0;
  let convertedAt: number | null = null;
  let taggedExposures = 0;
  const orderRefs = new Set<string>();
  let loosePurchases = 0;
  for (const e of events) {
    if (e.type === 'exposure' && e.isTagged && e.ts >= startAt) taggedExposures += 1;
    if (e.ts < startAt || e.ts >= end) continue;
    if (e.type === 'open' && e.isTagged) opened = true;
    else if (e.type === 'click' && e.isTagged) clicked = true;
    else if (e.type === 'purchase') {
      revenue += purchaseRevenue(e);
      if (e.orderRef) orderRefs.add(e.orderRef);
      else loosePurchases += 1;
      if (convertedAt === null || e.ts < convertedAt) convertedAt = e.ts;
    }
  }
  let exposures = Math.max(recordedExposures, taggedExposures);
  if (frequencyCap !== null) exposures = Math.min(exposures, frequencyCap);
  const orders = orderRefs.size + loosePurchases;
  return { opened: opened || clicked, clicked, converted: orders > 0, revenue, orders, convertedAt, exposures };
}
