/**
 * Calibration of the visit rates so the simulated window lands near the requested number of events: expected
 * organic sessions come from the activity model exactly; events per session from a pilot of simulated sessions.
 */
import { dailyRate, isAliveOn } from './activity';
import { consentFor } from './campaigns';
import { DAY_MS, discountOn, localDay, seasonality } from './calendar';
import { createRng, pickWeighted } from './random';
import { simulateSession, type SessionContext } from './session';
import type { Customer, ShopModel } from './types';

/** Pilot size: enough for ±1 % on the default shop, smaller for small test shops. */
const pilotSessions = (events: number) => Math.min(10_000, Math.max(2_000, Math.round(events / 20)));
/** Aim this much above the requested count, so the noisy result is rarely below it. */
const MARGIN = 1.015;
/** Events per campaign exposure: the exposure plus opens, clicks and click sessions (measured). */
const EVENTS_PER_EXPOSURE = 1.17;

/** Mean events per organic session, from a pilot run that emits nothing. */
export function pilotEventsPerSession(model: ShopModel): number {
  const rng = createRng(model.options.seed, 'pilot');
  let events = 0;
  let ids = 0;
  const ctx: SessionContext = {
    model,
    rng,
    nextSessionId: () => `pilot-${ids++}`,
    nextOrderId: () => `pilot-${ids++}`,
    emit: () => void events++,
    addOrder: () => undefined,
  };
  const weights = model.customers.map((c) => c.traits.activityRate);
  const days = Math.max(1, Math.round((model.end - model.start) / DAY_MS));
  const n = pilotSessions(model.options.events);
  for (let k = 0; k < n; k++) {
    const customer = model.customers[pickWeighted(rng, weights)] as Customer;
    const day = localDay(model.start, 0) + Math.floor(rng.next() * days) * DAY_MS;
    simulateSession(ctx, customer, day + 12 * 3_600_000, day, { kind: 'organic' });
  }
  return events / n;
}

/** Expected organic sessions over the window at visitScale = 1. */
export function expectedSessionsAtUnitScale(model: ShopModel): number {
  let total = 0;
  for (let day = localDay(model.start, 0); day <= model.end; day += DAY_MS) {
    const season = seasonality(day);
    const discount = discountOn(day);
    for (const c of model.customers) if (isAliveOn(c, day)) total += dailyRate(c, day, season, discount);
  }
  return total;
}

function expectedCampaignEvents(model: ShopModel): number {
  let exposures = 0;
  for (const campaign of model.campaigns) {
    const eligible = model.customers.filter(
      (c) => c.traits.signupAt < campaign.sendAt && consentFor(campaign.channel, c),
    ).length;
    exposures += eligible * campaign.audienceShare * (campaign.audience === 'lapsed' ? 0.35 : 1);
  }
  return exposures * EVENTS_PER_EXPOSURE;
}

/**
 * The visitScale that makes the expected event count 1.5 % above `model.options.events`.
 * @example calibrateVisitScale(model) // ≈ 0.02 for the default shop
 */
export function calibrateVisitScale(model: ShopModel): number {
  const perSession = pilotEventsPerSession(model);
  const signups = model.customers.filter(
    (c) => c.traits.signupAt >= model.start && c.traits.signupAt <= model.end,
  ).length;
  const organicTarget = model.options.events * MARGIN - expectedCampaignEvents(model) - signups * perSession;
  const unit = expectedSessionsAtUnitScale(model);
  if (unit <= 0) return 0;
  return Math.max(1e-6, organicTarget / (unit * perSession));
}
