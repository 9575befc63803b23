/**
 * Measured statistics of a generated shop, collected while the events stream past: funnel, repeat buying,
 * churn, seasonality, currency mix and how well the hidden preferences show in behaviour.
 */
import type { DayBatch, ShopModel } from '../../lib/engine/simulate/index';

export type ShopStats = {
  eventsByType: Record<string, number>;
  sessions: number;
  /** sessions with a cart / with a purchase, over all sessions */
  sessionCartRate: number;
  sessionConversion: number;
  /** product views that led to a cart event in the same session */
  viewToCart: number;
  /** sessions with a cart that ended in a purchase */
  cartToPurchase: number;
  orders: number;
  orderLines: number;
  buyers: number;
  /** buyers with ≥ 2 orders, over buyers */
  repeatBuyerShare: number;
  maxOrdersPerCustomer: number;
  /** customers with at least one event other than a campaign exposure */
  activeCustomers: number;
  /** customers whose hidden churn time falls inside the window, over customers active in the window */
  churnShare: number;
  purchasesByMonth: Record<string, number>;
  peakMonth: string;
  /** China-time (UTC+8) date with the most purchase events */
  peakDay: string;
  weekendToWeekdayEvents: number;
  nonCnyOrderShare: number;
  /** customers with ≥ 30 product events whose most-browsed top category is their top hidden preference */
  preferenceMatch: { customers: number; share: number };
};

export class ShopStatsCollector {
  private readonly eventsByType: Record<string, number> = {};
  private readonly sessionFlags = new Map<string, number>();
  private readonly ordersPerCustomer: Int32Array;
  private readonly eventsPerCustomer: Int32Array;
  private readonly topCounts: Int32Array;
  private readonly byMonth: Record<string, number> = {};
  private readonly byDay: Record<string, number> = {};
  private readonly weekdayEvents = [0, 0];
  private productViews = 0;
  private orders = 0;
  private orderLines = 0;
  private nonCnyOrders = 0;

  constructor(private readonly model: ShopModel) {
    const n = model.customers.length;
    this.ordersPerCustomer = new Int32Array(n);
    this.eventsPerCustomer = new Int32Array(n);
    this.topCounts = new Int32Array(n * model.tops.length);
  }

  observe(batch: DayBatch): void {
    const nTops = this.model.tops.length;
    for (const e of batch.events) {
      this.eventsByType[e.type] = (this.eventsByType[e.type] ?? 0) + 1;
      if (e.type !== 'exposure') this.eventsPerCustomer[e.customer]! += 1;
      const dow = new Date(e.ts).getUTCDay();
      this.weekdayEvents[dow === 0 || dow === 6 ? 1 : 0]! += 1;
      if (e.sessionId) {
        const flag = e.type === 'cart' ? 1 : e.type === 'purchase' ? 2 : 0;
        this.sessionFlags.set(e.sessionId, (this.sessionFlags.get(e.sessionId) ?? 0) | flag);
      }
      if (e.type === 'view' && e.product !== null) this.productViews++;
      if (e.product !== null && e.type !== 'feedback') {
        this.topCounts[e.customer * nTops + (this.model.products[e.product]?.top ?? 0)]! += 1;
      }
      if (e.type === 'purchase') {
        const iso = new Date(e.ts).toISOString();
        this.byMonth[iso.slice(0, 7)] = (this.byMonth[iso.slice(0, 7)] ?? 0) + 1;
        const chinaDay = new Date(e.ts + 8 * 3_600_000).toISOString().slice(0, 10);
        this.byDay[chinaDay] = (this.byDay[chinaDay] ?? 0) + 1;
      }
    }
    for (const o of batch.orders) {
      this.orders++;
      this.orderLines += o.lines.length;
      this.ordersPerCustomer[o.customer]! += 1;
      if (o.currency !== 'CNY') this.nonCnyOrders++;
    }
  }

  summary(): ShopStats {
    const { model } = this;
    const flags = [...this.sessionFlags.values()];
    const carts = flags.filter((f) => f & 1).length;
    const purchases = flags.filter((f) => f & 2).length;
    const opc = [...this.ordersPerCustomer];
    const buyers = opc.filter((n) => n > 0).length;
    const active = model.customers.filter((c) => (this.eventsPerCustomer[c.index] ?? 0) > 0);
    const churned = active.filter((c) => c.traits.churnAt !== null && c.traits.churnAt < model.end).length;
    const argmax = (xs: ArrayLike<number>) => Array.prototype.indexOf.call(xs, Math.max(...Array.from(xs)));
    const nTops = model.tops.length;
    let heavy = 0;
    let matched = 0;
    for (const c of model.customers) {
      const counts = this.topCounts.subarray(c.index * nTops, (c.index + 1) * nTops);
      if (counts.reduce((s, x) => s + x, 0) < 30) continue;
      heavy++;
      if (argmax(counts) === argmax(c.traits.preferences)) matched++;
    }
    const peak = (rec: Record<string, number>) =>
      Object.entries(rec).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
    return {
      eventsByType: { ...this.eventsByType },
      sessions: flags.length,
      sessionCartRate: carts / Math.max(1, flags.length),
      sessionConversion: purchases / Math.max(1, flags.length),
      viewToCart: (this.eventsByType.cart ?? 0) / Math.max(1, this.productViews),
      cartToPurchase: purchases / Math.max(1, carts),
      orders: this.orders,
      orderLines: this.orderLines,
      buyers,
      repeatBuyerShare: opc.filter((n) => n > 1).length / Math.max(1, buyers),
      maxOrdersPerCustomer: Math.max(0, ...opc),
      activeCustomers: active.length,
      churnShare: churned / Math.max(1, active.length),
      purchasesByMonth: Object.fromEntries(Object.entries(this.byMonth).sort()),
      peakMonth: peak(this.byMonth),
      peakDay: peak(this.byDay),
      weekendToWeekdayEvents: this.weekdayEvents[1]! / 2 / (this.weekdayEvents[0]! / 5),
      nonCnyOrderShare: this.nonCnyOrders / Math.max(1, this.orders),
      preferenceMatch: { customers: heavy, share: matched / Math.max(1, heavy) },
    };
  }
}
