/**
 * Customers: demographics and contact data (profile) plus the hidden behaviour parameters (traits): Dirichlet
 * preferences over top categories shaped by gender and age, favourite brands, price sensitivity, heavy-tailed
 * activity, engagement, sign-up during or before the window and churn. Ids follow sign-up order.
 */
import { BRANDS } from './brand-data';
import { DAY_MS, HOUR_MS, HOUR_WEIGHTS, seasonality, toSeconds } from './calendar';
import {
  ACQUISITION_CHANNELS,
  EMAIL_DOMAINS,
  ENGLISH_FEMALE,
  ENGLISH_MALE,
  ENGLISH_SURNAMES,
  GIVEN_FEMALE,
  GIVEN_MALE,
  REGIONS,
  SURNAMES,
  type RegionSpec,
} from './people-data';
import { chance, dirichlet, gamma, logNormal, normal, pick, pickWeighted, randBetween, type Rng } from './random';
import type { Customer, CustomerProfile, CustomerTraits, TopCategory } from './types';

export type BuildCustomersOptions = { customers: number; start: number; end: number };

/** Share of customers who signed up before the window; the rest sign up during it. */
const PRE_WINDOW_SHARE = 0.55;
/** Concentration of the preference Dirichlet (lower = more focused customers). */
const PREFERENCE_CONCENTRATION = 2.4;

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(randBetween(rng, 0, 9));
  return s;
}

function phoneFor(rng: Rng, region: RegionSpec): string {
  switch (region.region) {
    case 'Hong Kong':
      return `+852${pick(rng, ['5', '6', '9'])}${digits(rng, 7)}`;
    case 'Singapore':
      return `+65${pick(rng, ['8', '9'])}${digits(rng, 7)}`;
    case 'Malaysia':
      return `+601${randBetween(rng, 2, 9)}${digits(rng, 7)}`;
    case 'United States':
      return `+1${pick(rng, ['415', '213', '212', '206'])}55501${digits(rng, 2)}`;
    case 'Australia':
      return `+614${digits(rng, 8)}`;
    case 'United Kingdom':
      return `+447700900${digits(rng, 3)}`;
    default:
      return `+861${pick(rng, ['3', '5', '7', '8', '9'])}${digits(rng, 9)}`;
  }
}

function nameFor(rng: Rng, region: RegionSpec, gender: 'female' | 'male'): { name: string; handle: string } {
  const useEnglish = region.isOverseas && (region.region !== 'Hong Kong' || chance(rng, 0.5));
  if (useEnglish) {
    const first = pick(rng, gender === 'female' ? ENGLISH_FEMALE : ENGLISH_MALE);
    const last = pick(rng, ENGLISH_SURNAMES);
    return { name: `${first} ${last}`, handle: `${first}.${last}`.toLowerCase() };
  }
  const [sur, surPy] = pick(rng, SURNAMES);
  const pool = gender === 'female' ? GIVEN_FEMALE : GIVEN_MALE;
  const [g1, p1] = pick(rng, pool);
  const [g2, p2] = chance(rng, 0.7) ? pick(rng, pool) : ['', ''];
  return { name: `${sur}${g1}${g2}`, handle: `${surPy}.${p1}${p2}` };
}

function signupTime(rng: Rng, opts: BuildCustomersOptions): number {
  const windowDays = (opts.end - opts.start) / DAY_MS;
  let day: number;
  if (chance(rng, PRE_WINDOW_SHARE)) {
    day = Math.floor(opts.start / DAY_MS) - 1 - Math.floor(1095 * rng.next() ** 1.4);
  } else {
    // Accept days in proportion to their shopping intensity: sales bring sign-ups.
    do day = Math.floor(opts.start / DAY_MS + windowDays * rng.next());
    while (!chance(rng, seasonality(day * DAY_MS) / 5.5));
  }
  const localHour = pickWeighted(rng, HOUR_WEIGHTS);
  const t = day * DAY_MS + (localHour - 8) * HOUR_MS + Math.floor(rng.next() * 3600) * 1000;
  return Math.min(opts.end - HOUR_MS, Math.max(t, day * DAY_MS - 8 * HOUR_MS));
}

/** Gender- and age-shaped base weights over the top categories (names as in taxonomy-data). */
function preferenceBase(tops: readonly TopCategory[], gender: 'female' | 'male' | null, age: number): number[] {
  const mult: Record<string, number> = {};
  const set = (factors: Record<string, number>) => {
    for (const [k, f] of Object.entries(factors)) mult[k] = (mult[k] ?? 1) * f;
  };
  if (gender === 'female') set({ Beauty: 2.2, Fashion: 1.3, Electronics: 0.7 });
  if (gender === 'male') set({ Electronics: 1.8, Sports: 1.4, Beauty: 0.35, Fashion: 0.8 });
  set({ Baby: age >= 26 && age <= 40 ? 2 : 0.25 });
  if (age < 26) set({ Books: 1.3, Electronics: 1.2, Home: 0.6 });
  if (age > 50) set({ Food: 1.5, Home: 1.4, Sports: 0.7 });
  const w = tops.map((t) => t.weight * (mult[t.name] ?? 1));
  const total = w.reduce((s, x) => s + x, 0);
  return w.map((x) => (PREFERENCE_CONCENTRATION * x) / total);
}

function favouriteBrands(rng: Rng, tops: readonly TopCategory[], prefs: readonly number[]): string[] {
  const n = pickWeighted(rng, [0.15, 0.45, 0.3, 0.1]);
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const top = tops[pickWeighted(rng, prefs)] as TopCategory;
    const brand = pick(
      rng,
      BRANDS.filter((b) => b.tops.includes(top.name)),
    ).name;
    if (!out.includes(brand)) out.push(brand);
  }
  return out.sort();
}

function churnTime(rng: Rng, signupAt: number, opts: BuildCustomersOptions): number | null {
  const roll = rng.next();
  if (signupAt < opts.start) {
    if (roll < 0.08) return opts.start; // lapsed before the window: a record without events
    if (roll < 0.4) return opts.start + toSeconds(rng.next() * (opts.end - opts.start));
    return null;
  }
  if (roll < 0.06) return signupAt + HOUR_MS; // signed up, looked once, never came back
  if (roll < 0.38) {
    const t = signupAt + toSeconds((7 + 120 * -Math.log(1 - rng.next())) * DAY_MS);
    return t < opts.end ? t : null;
  }
  return null;
}

function makeCustomer(
  rng: Rng,
  tops: readonly TopCategory[],
  opts: BuildCustomersOptions,
): Omit<Customer, 'index' | 'id'> {
  const region = REGIONS[
    pickWeighted(
      rng,
      REGIONS.map((r) => r.weight),
    )
  ] as RegionSpec;
  const roll = rng.next();
  const gender = roll < 0.52 ? 'female' : roll < 0.95 ? 'male' : null;
  const endYear = new Date(opts.end).getUTCFullYear();
  const age = Math.min(70, Math.max(18, Math.round(31 + 9 * normal(rng))));
  const { name, handle } = nameFor(rng, region, gender ?? (chance(rng, 0.5) ? 'female' : 'male'));
  const hasEmail = chance(rng, 0.94);
  const hasPhone = chance(rng, 0.8);
  const engagementA = gamma(rng, 2);
  const engagement = engagementA / (engagementA + gamma(rng, 4));
  const consentScale = 0.6 + 1.2 * engagement;
  const preferences = dirichlet(rng, preferenceBase(tops, gender, age));
  const signupAt = signupTime(rng, opts);
  const profile: CustomerProfile = {
    name,
    email: hasEmail ? `${handle}${randBetween(rng, 1, 99)}@${pick(rng, EMAIL_DOMAINS)}` : null,
    phone: hasPhone ? phoneFor(rng, region) : null,
    gender,
    birthYear: chance(rng, 0.92) ? endYear - age : null,
    region: region.region,
    city: pick(rng, region.cities),
    isOverseas: region.isOverseas,
    tzOffsetHours: region.tzOffsetHours,
    currency: region.currency,
    consentEmail: hasEmail && chance(rng, Math.min(1, (0.6 / 0.94) * consentScale)),
    consentSms: hasPhone && chance(rng, Math.min(1, (0.3 / 0.8) * consentScale)),
    consentPush: chance(rng, Math.min(1, 0.45 * consentScale)),
    acquisitionChannel: (
      ACQUISITION_CHANNELS[
        pickWeighted(
          rng,
          ACQUISITION_CHANNELS.map((c) => c[1]),
        )
      ] as readonly [string, number]
    )[0],
  };
  const traits: CustomerTraits = {
    preferences,
    favouriteBrands: favouriteBrands(rng, tops, preferences),
    priceSensitivity: Math.min(
      3,
      Math.max(0.15, logNormal(rng, region.isOverseas ? 0.7 : 1, 0.5) * (age < 26 ? 1.25 : 1)),
    ),
    activityRate: gamma(rng, 0.55) / 0.55,
    purchasePropensity: logNormal(rng, 1, 0.45),
    engagement,
    signupAt,
    churnAt: churnTime(rng, signupAt, opts),
  };
  return { profile, traits };
}

/** Makes unique e-mail addresses by bumping the number before the @ on collision. */
function dedupeEmails(customers: Customer[]): void {
  const seen = new Set<string>();
  for (const c of customers) {
    let email = c.profile.email;
    if (!email) continue;
    for (let k = 100; seen.has(email); k++) email = email.replace(/\d*@/, `${k}@`);
    seen.add(email);
    c.profile.email = email;
  }
}

/**
 * Builds `customers` customers, sorted by sign-up time, with ids C000001….
 * @example buildCustomers(createRng(42, 'customers'), tops, { customers: 5000, start, end }).length // 5000
 */
export function buildCustomers(rng: Rng, tops: readonly TopCategory[], opts: BuildCustomersOptions): Customer[] {
  if (!Number.isInteger(opts.customers) || opts.customers < 1) {
    throw new RangeError(`buildCustomers: customers must be a positive integer (got ${opts.customers})`);
  }
  const drafts = Array.from({ length: opts.customers }, () => makeCustomer(rng, tops, opts));
  const order = drafts.map((d, i) => [d.traits.signupAt, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const customers = order.map(([, i], index) => ({
    index,
    id: `C${String(index + 1).padStart(6, '0')}`,
    ...(drafts[i] as Omit<Customer, 'index' | 'id'>),
  }));
  dedupeEmails(customers);
  return customers;
}
