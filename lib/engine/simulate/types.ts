/**
 * The shop model: catalogue, customers with their hidden behaviour parameters ("truth"), and campaigns with their
 * hidden true effects. Everything is plain, JSON-serialisable data, so the demo generator writes it to truth.json
 * and the campaign simulator can rebuild or read it.
 * Times are epoch milliseconds (UTC). Money is CNY unless a field says otherwise.
 */
import type { AttributeKind, Audience } from './taxonomy-data';

export type Currency = 'CNY' | 'HKD' | 'USD';

export type ShopModelOptions = {
  seed: number;
  customers: number;
  products: number;
  /** target number of events (the simulator calibrates visit rates to land near it) */
  events: number;
  /** last instant of the simulated window, ISO 8601 UTC */
  end: string;
  /** length of the window in days */
  days: number;
};

export type TopCategory = {
  index: number;
  name: string;
  nameZh: string;
  weight: number;
  taglinesZh: readonly string[];
};

export type Leaf = {
  index: number;
  top: number;
  /** full path, e.g. "Sports > Running > Shoes" */
  path: string;
  pathZh: string;
  noun: string;
  nounZh: string;
  kind: AttributeKind;
  medianPrice: number;
  weight: number;
  queries: readonly string[];
  queriesZh: readonly string[];
  audience?: Audience;
  /** indices into ShopModel.products */
  products: number[];
};

export type Product = {
  index: number;
  sku: string;
  title: string;
  titleZh: string;
  description: string;
  leaf: number;
  top: number;
  brand: string;
  /** list price, CNY */
  price: number;
  color: string | null;
  size: string | null;
  material: string | null;
  stock: number;
  active: boolean;
  /** when an inactive product was taken off sale; no events after it */
  deactivatedAt: number | null;
  /** hidden: relative attractiveness within its leaf (log-normal, mean ≈ 1) */
  popularity: number;
  /** hidden: mean satisfaction 1–5 that drives feedback scores */
  quality: number;
};

export type CustomerProfile = {
  name: string;
  email: string | null;
  phone: string | null;
  gender: 'female' | 'male' | null;
  birthYear: number | null;
  region: string;
  city: string;
  isOverseas: boolean;
  tzOffsetHours: number;
  currency: Currency;
  consentEmail: boolean;
  consentSms: boolean;
  consentPush: boolean;
  acquisitionChannel: string;
};

/** Hidden behaviour parameters of one customer: what portraits and campaign analyses should recover. */
export type CustomerTraits = {
  /** preference over top categories (ShopModel.tops order); sums to 1 */
  preferences: number[];
  /** brands this customer favours (names) */
  favouriteBrands: string[];
  /** ≥ 0; utility falls by this × log(price / leaf median); also scales the response to discounts */
  priceSensitivity: number;
  /** expected organic sessions per day before seasonality and calibration */
  activityRate: number;
  /** multiplier on cart and purchase probabilities */
  purchasePropensity: number;
  /** 0..1, drives campaign opens and clicks */
  engagement: number;
  signupAt: number;
  /** no activity from this instant on (null: still active at the end) */
  churnAt: number | null;
};

export type Customer = { index: number; id: string; profile: CustomerProfile; traits: CustomerTraits };

export type Channel = 'email' | 'sms' | 'push';

/** A campaign variant and its hidden true effects (multipliers relative to a neutral message). */
export type VariantSpec = {
  key: string;
  weight: number;
  /** multiplier on the open probability (email, push) */
  openLift: number;
  /** multiplier on the click probability */
  clickLift: number;
  /** relative lift of the purchase probability in a session started by a click (0.2 = +20 %) */
  conversionLift: number;
  /** relative lift of organic visit rate during the 7 days after exposure */
  visitLift: number;
};

export type CampaignSpec = {
  id: number;
  key: string;
  name: string;
  nameZh: string;
  channel: Channel;
  goal: 'click' | 'purchase' | 'revenue';
  sendAt: number;
  /** top category the message promotes, or null for a general message */
  topCategory: number | null;
  /** share of eligible customers targeted */
  audienceShare: number;
  /** 'lapsed': only customers without a visit in the last 60 days */
  audience: 'all' | 'lapsed';
  variants: VariantSpec[];
};

export type ShopModel = {
  options: ShopModelOptions;
  start: number;
  end: number;
  tops: TopCategory[];
  leaves: Leaf[];
  products: Product[];
  customers: Customer[];
  campaigns: CampaignSpec[];
  /** 1 unit of currency = rate units of CNY */
  currencyRates: Record<Currency, number>;
  /** multiplier on activity rates that lands the event count near options.events */
  visitScale: number;
};
