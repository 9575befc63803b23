/**
 * One audience member's events over their attribution window, drawn from the shop model: the message (exposure,
 * open, click and the click-through session), organic visits that may end in purchases (more of them for a while
 * after a message that lifts visits), and a satisfaction answer from some of those who clicked.
 */
import { dailyRate, isAliveOn } from '../../simulate/activity';
import { clickProbability, openProbability } from '../../simulate/campaigns';
import { discountOn, seasonality } from '../../simulate/calendar';
import { chance, createRng, logNormal, normal, poisson } from '../../simulate/random';
import { simulateSession, type SessionContext, type SimEvent } from '../../simulate/session';
import type { CampaignSpec, Customer, ShopModel, VariantSpec } from '../../simulate/types';
import { DAY_MS, HOUR_MS, type Channel } from '../types';
import type { MessageTruth, SimulationGroup } from './truth';

export type SimulatedEvent = {
  member: number;
  type: 'exposure' | 'open' | 'click' | 'view' | 'cart' | 'purchase' | 'feedback';
  ts: number;
  sessionId: string | null;
  sku: string | null;
  category: string | null;
  quantity: number | null;
  price: number | null;
  value: number | null;
  orderRef: string | null;
  /** carries the campaign and the member's arm */
  isTagged: boolean;
};

export type MemberInput = {
  index: number;
  customer: Customer;
  /** the member's message, or null for the holdout */
  message: { key: string; truth: MessageTruth } | null;
  group: SimulationGroup;
  startAt: number;
};

export type MemberContext = {
  model: ShopModel;
  channel: Channel;
  windowMs: number;
  seed: number;
  /** unique per campaign, used in simulated session and order ids */
  tag: string;
};

const BOOST_DAYS = 7;
const SURVEY_RESPONSE = 0.35;
const SIM_KINDS = new Set(['click', 'view', 'cart', 'purchase']);

function spec(ctx: MemberContext, key: string): CampaignSpec {
  const channel = ctx.channel === 'onsite' ? 'sms' : ctx.channel;
  return {
    id: 0,
    key,
    name: key,
    nameZh: key,
    channel,
    goal: 'purchase',
    sendAt: 0,
    topCategory: null,
    audienceShare: 1,
    audience: 'all',
    variants: [],
  };
}

/** Open and click probabilities of the shop model; on-site banners behave like SMS links, twice as clickable. */
function response(ctx: MemberContext, campaign: CampaignSpec, variant: VariantSpec, customer: Customer) {
  const open = ctx.channel === 'onsite' ? null : openProbability(campaign, variant, customer);
  const click = clickProbability(campaign, variant, customer) * (ctx.channel === 'onsite' ? 2 : 1);
  return { open, click: Math.min(0.95, click) };
}

export function simulateMember(ctx: MemberContext, m: MemberInput, rngStream = ''): SimulatedEvent[] {
  const { model } = ctx;
  const rng = createRng(ctx.seed, `member:${m.customer.id}${rngStream}`);
  const out: SimulatedEvent[] = [];
  const end = m.startAt + ctx.windowMs;
  let sessions = 0;
  let orders = 0;
  const session: SessionContext = {
    model,
    rng,
    nextSessionId: () => `SIM${ctx.tag}-${m.index}-${++sessions}`,
    nextOrderId: () => `SIM${ctx.tag}-${m.index}-O${++orders}`,
    addOrder: () => undefined,
    emit: (e: SimEvent) => {
      if (e.ts < m.startAt || e.ts >= end) return;
      const tagged = e.campaignId !== null;
      if (!(tagged ? SIM_KINDS.has(e.type) : e.type === 'purchase')) return; // organic browsing is not an outcome
      const product = e.product === null ? null : model.products[e.product];
      out.push({
        member: m.index,
        type: e.type as SimulatedEvent['type'],
        ts: e.ts,
        sessionId: e.sessionId,
        sku: product?.sku ?? null,
        category: e.category,
        quantity: e.quantity,
        price: e.price,
        value: e.value,
        orderRef: e.orderId,
        isTagged: tagged,
      });
    },
  };
  const mult = m.message ? m.message.truth.groups[m.group] : 1;
  let visitBoost = 1;
  if (m.message) {
    const t = m.message.truth;
    const campaign = spec(ctx, m.message.key);
    const variant: VariantSpec = {
      key: m.message.key,
      weight: 1,
      openLift: t.openLift,
      clickLift: t.clickLift * mult,
      conversionLift: t.conversionLift * mult,
      visitLift: t.visitLift * mult,
    };
    visitBoost = 1 + Math.max(0, variant.visitLift);
    const mark = (type: SimulatedEvent['type'], ts: number) =>
      out.push({
        member: m.index,
        type,
        ts,
        sessionId: null,
        sku: null,
        category: null,
        quantity: null,
        price: null,
        value: null,
        orderRef: null,
        isTagged: true,
      });
    mark('exposure', m.startAt);
    const p = response(ctx, campaign, variant, m.customer);
    let clickFrom = m.startAt;
    let proceeds = true;
    if (p.open !== null) {
      proceeds = chance(rng, p.open);
      clickFrom = m.startAt + Math.round(logNormal(rng, 2 * HOUR_MS, 1.1));
      if (proceeds && clickFrom < end) mark('open', clickFrom);
    }
    if (proceeds && chance(rng, p.click)) {
      const clickAt =
        clickFrom + Math.max(1000, Math.round(logNormal(rng, p.open === null ? 20 * 60_000 : 40_000, 0.8)));
      if (clickAt < end) {
        simulateSession(session, m.customer, clickAt, clickAt - (clickAt % DAY_MS), {
          kind: 'campaign',
          campaign,
          variant,
        });
        if (chance(rng, SURVEY_RESPONSE)) {
          const at = clickAt + Math.round((6 + 24 * rng.next()) * HOUR_MS);
          const score = Math.min(5, Math.max(1, Math.round(3.8 + t.satisfactionShift + 0.9 * normal(rng))));
          if (at < end)
            out.push({
              member: m.index,
              type: 'feedback',
              ts: at,
              sessionId: null,
              sku: null,
              category: null,
              quantity: null,
              price: null,
              value: score,
              orderRef: null,
              isTagged: true,
            });
        }
      }
    }
  }
  for (let day = m.startAt - (m.startAt % DAY_MS); day < end; day += DAY_MS) {
    if (!isAliveOn(m.customer, day)) continue;
    const boost = day < m.startAt + BOOST_DAYS * DAY_MS ? visitBoost : 1;
    const n = poisson(rng, model.visitScale * boost * dailyRate(m.customer, day, seasonality(day), discountOn(day)));
    for (let k = 0; k < n; k++) {
      const at = day + Math.floor(rng.next() * DAY_MS);
      if (at >= m.startAt && at < end) simulateSession(session, m.customer, at, day, { kind: 'organic' });
    }
  }
  return out.sort((a, b) => a.ts - b.ts);
}
