/**
 * Runs the shop model through its window day by day and yields the events in time order, a day at a time, with
 * the orders whose purchase events are in that batch. Only a day or two of events is held in memory.
 */
import { dailyRate, isAliveOn, signupDayIndex } from './activity';
import { consentFor, clickProbability, openProbability, pickVariant } from './campaigns';
import { DAY_MS, discountOn, HOUR_MS, hourWeightsOn, localDay, seasonality, toSeconds } from './calendar';
import { chance, createRng, logNormal, pickWeighted, poisson, type Rng } from './random';
import { makeEvent, simulateSession, type SessionContext, type SimEvent, type SimOrder } from './session';
import type { CampaignSpec, Customer, ShopModel } from './types';

export type EmittedEvent = SimEvent & { id: string };
export type DayBatch = { day: number; events: EmittedEvent[]; orders: SimOrder[] };

type Buffered = { event: SimEvent; seq: number };

/** Events of later days never start earlier than this before their day's UTC midnight (UTC+10 customers). */
const MAX_LEAD_MS = 10 * HOUR_MS;
const BOOST_DAYS = 7;
const LAPSED_DAYS = 60;

type State = {
  model: ShopModel;
  buffer: Buffered[];
  pending: Map<string, SimOrder>;
  seq: number;
  eventCount: number;
  sessionCount: number;
  orderCount: number;
  sessionIds: Map<string, string>;
  orderIds: Map<string, string>;
  boostUntil: Float64Array;
  boostFactor: Float64Array;
  lastVisit: Float64Array;
};

function makeContext(state: State, rng: Rng, counters: { session: number; order: number }): SessionContext {
  const { model } = state;
  return {
    model,
    rng,
    nextSessionId: () => `s${++counters.session}`,
    nextOrderId: () => `o${++counters.order}`,
    addOrder: (order) => void state.pending.set(order.id, order),
    emit: (event) => {
      const c = model.customers[event.customer] as Customer;
      if (event.ts < model.start || event.ts > model.end || event.ts < c.traits.signupAt) return;
      if (event.type !== 'exposure' && c.traits.churnAt !== null && event.ts >= c.traits.churnAt) return;
      state.buffer.push({ event, seq: state.seq++ });
    },
  };
}

/** Public id for an internal one: session and order numbers follow time order in the output. */
function publicId(map: Map<string, string>, internal: string, make: () => string): string {
  let id = map.get(internal);
  if (id === undefined) {
    id = make();
    map.set(internal, id);
  }
  return id;
}

function flush(state: State, day: number, before: number): DayBatch {
  state.buffer.sort((a, b) => a.event.ts - b.event.ts || a.seq - b.seq);
  let n = 0;
  while (n < state.buffer.length && (state.buffer[n] as Buffered).event.ts < before) n++;
  const orders: SimOrder[] = [];
  const events: EmittedEvent[] = [];
  for (const { event: e } of state.buffer.splice(0, n)) {
    let orderId: string | null = null;
    if (e.orderId !== null) {
      const pending = state.pending.get(e.orderId);
      if (e.type === 'purchase') {
        orderId = publicId(state.orderIds, e.orderId, () => `O${String(++state.orderCount).padStart(7, '0')}`);
        if (pending) orders.push({ ...pending, id: orderId });
        state.pending.delete(e.orderId);
      } else {
        orderId = state.orderIds.get(e.orderId) ?? null;
        state.orderIds.delete(e.orderId);
        if (orderId === null) continue; // feedback on an order placed before the window
      }
    }
    const sessionId =
      e.sessionId === null
        ? null
        : publicId(state.sessionIds, e.sessionId, () => `S${String(++state.sessionCount).padStart(8, '0')}`);
    e.sessionId = sessionId;
    e.orderId = orderId;
    events.push(Object.assign(e, { id: `E${String(++state.eventCount).padStart(9, '0')}` }));
  }
  return { day, events, orders };
}

function runCampaign(state: State, ctx: SessionContext, campaign: CampaignSpec): void {
  const { model, rng } = ctx;
  for (const c of model.customers) {
    if (c.traits.signupAt >= campaign.sendAt || !consentFor(campaign.channel, c)) continue;
    if (
      campaign.audience === 'lapsed' &&
      !((state.lastVisit[c.index] as number) < campaign.sendAt - LAPSED_DAYS * DAY_MS)
    )
      continue;
    if (!chance(rng, campaign.audienceShare)) continue;
    const variant = pickVariant(rng, campaign);
    const shown = campaign.sendAt + Math.floor(rng.next() * 1200) * 1000;
    const tag = { campaignId: campaign.id, variant: variant.key };
    ctx.emit(makeEvent('exposure', shown, c.index, null, tag));
    if (c.traits.churnAt !== null && c.traits.churnAt <= shown) continue;
    state.boostUntil[c.index] = shown + BOOST_DAYS * DAY_MS;
    state.boostFactor[c.index] = 1 + variant.visitLift;
    const pOpen = openProbability(campaign, variant, c);
    let clickFrom = shown;
    if (pOpen !== null) {
      if (!chance(rng, pOpen)) continue;
      clickFrom = shown + toSeconds(logNormal(rng, 2 * HOUR_MS, 1.1));
      ctx.emit(makeEvent('open', clickFrom, c.index, null, tag));
    }
    if (!chance(rng, clickProbability(campaign, variant, c))) continue;
    const clickAt = clickFrom + Math.max(1000, toSeconds(logNormal(rng, pOpen === null ? 20 * 60_000 : 40_000, 0.8)));
    simulateSession(ctx, c, clickAt, localDay(clickAt, c.profile.tzOffsetHours), {
      kind: 'campaign',
      campaign,
      variant,
    });
    state.lastVisit[c.index] = Math.max(state.lastVisit[c.index] as number, clickAt);
  }
}

/** When each customer last visited before the window (drives the 'lapsed' audience of win-back campaigns). */
function initialLastVisit(model: ShopModel, rng: Rng): Float64Array {
  return Float64Array.from(model.customers, (c) => {
    if (c.traits.signupAt >= model.start) return c.traits.signupAt;
    const gapDays = c.traits.churnAt === model.start ? 60 + 600 * rng.next() : 45 * rng.next();
    return Math.max(c.traits.signupAt, model.start - toSeconds(gapDays * DAY_MS));
  });
}

/**
 * Simulates the whole window. Deterministic for a given model (its options.seed).
 * @example for (const batch of simulateShop(buildShopModel({ customers: 200 }))) console.log(batch.events.length)
 */
export function* simulateShop(model: ShopModel): Generator<DayBatch> {
  const seed = model.options.seed;
  const rng = createRng(seed, 'behaviour');
  const n = model.customers.length;
  const state: State = {
    model,
    buffer: [],
    pending: new Map(),
    seq: 0,
    eventCount: 0,
    sessionCount: 0,
    orderCount: 0,
    sessionIds: new Map(),
    orderIds: new Map(),
    boostUntil: new Float64Array(n),
    boostFactor: new Float64Array(n).fill(1),
    lastVisit: initialLastVisit(model, createRng(seed, 'history')),
  };
  const counters = { session: 0, order: 0 };
  const ctx = makeContext(state, rng, counters);
  const campaignCtx = makeContext(state, createRng(seed, 'campaign-response'), counters);
  const firstDay = localDay(model.start, 0);
  const signupDays = Int32Array.from(model.customers, (c) => signupDayIndex(c, firstDay));
  for (let day = firstDay - DAY_MS, d = -1; day <= model.end; day += DAY_MS, d++) {
    const season = seasonality(day);
    const discount = discountOn(day);
    const hours = hourWeightsOn(day);
    for (const campaign of model.campaigns)
      if (localDay(campaign.sendAt, 8) === day) runCampaign(state, campaignCtx, campaign);
    for (const c of model.customers) {
      if (!isAliveOn(c, day)) continue;
      const boost = (state.boostUntil[c.index] as number) > day ? (state.boostFactor[c.index] as number) : 1;
      let sessions = poisson(rng, model.visitScale * boost * dailyRate(c, day, season, discount));
      if (sessions === 0 && signupDays[c.index] !== d) continue;
      const starts: number[] = [];
      if (signupDays[c.index] === d) starts.push(c.traits.signupAt + 30_000);
      for (; sessions > 0; sessions--) {
        starts.push(
          day + (pickWeighted(rng, hours) - c.profile.tzOffsetHours) * HOUR_MS + Math.floor(rng.next() * 3600) * 1000,
        );
      }
      for (const start of starts.sort((a, b) => a - b)) {
        if (start < c.traits.signupAt || (c.traits.churnAt !== null && start >= c.traits.churnAt)) continue;
        simulateSession(ctx, c, start, day, { kind: 'organic' });
        state.lastVisit[c.index] = Math.max(state.lastVisit[c.index] as number, start);
      }
    }
    const batch = flush(state, day, day + DAY_MS - MAX_LEAD_MS);
    if (batch.events.length) yield batch;
  }
  const last = flush(state, localDay(model.end, 0), Number.POSITIVE_INFINITY);
  if (last.events.length) yield last;
}
