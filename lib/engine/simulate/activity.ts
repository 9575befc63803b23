/**
 * How often a customer visits: their activity rate × the day's seasonality × their response to the day's discount
 * × a honeymoon boost for the first weeks after sign-up. The model's visitScale (calibration) multiplies this.
 */
import { DAY_MS, HOUR_MS } from './calendar';
import type { Customer } from './types';

/** Extra visit intensity right after sign-up, decaying with this time constant (days). */
const HONEYMOON_BOOST = 1.5;
const HONEYMOON_DAYS = 30;

/**
 * Expected organic sessions of `customer` on the local day starting at `day`, before calibration.
 * `season` and `discount` are seasonality(day) and discountOn(day), passed in because they are per day.
 */
export function dailyRate(customer: Customer, day: number, season: number, discount: number): number {
  const t = customer.traits;
  const age = (day - t.signupAt) / DAY_MS;
  const honeymoon = age >= -1 ? 1 + HONEYMOON_BOOST * Math.exp(-Math.max(0, age) / HONEYMOON_DAYS) : 0;
  return t.activityRate * season * (1 + 2 * t.priceSensitivity * discount) * honeymoon;
}

/** Whether the customer can start a session on the local day at `day` (signed up by its end, not churned before). */
export function isAliveOn(customer: Customer, day: number): boolean {
  const t = customer.traits;
  const offset = customer.profile.tzOffsetHours * HOUR_MS;
  return t.signupAt < day + DAY_MS - offset && (t.churnAt === null || t.churnAt > day - offset);
}

/** Local calendar day index of the customer's sign-up relative to `firstDay` (UTC midnight). */
export function signupDayIndex(customer: Customer, firstDay: number): number {
  return Math.floor((customer.traits.signupAt + customer.profile.tzOffsetHours * HOUR_MS - firstDay) / DAY_MS);
}
