/**
 * Campaigns of the demo year and the response model shared with the campaign simulator: who opens and clicks is
 * driven by the customer's engagement and by how well the promoted category matches their preferences; variants
 * multiply those probabilities by their hidden true effects.
 */
import { DAY_MS, HOUR_MS } from './calendar';
import { pickWeighted, type Rng } from './random';
import type { CampaignSpec, Channel, Customer, TopCategory, VariantSpec } from './types';

type Template = Omit<CampaignSpec, 'id' | 'sendAt' | 'topCategory'> & {
  month: number;
  day: number;
  hour: number;
  top: string | null;
};

const v = (
  key: string,
  weight: number,
  openLift: number,
  clickLift: number,
  conversionLift: number,
  visitLift: number,
): VariantSpec => ({
  key,
  weight,
  openLift,
  clickLift,
  conversionLift,
  visitLift,
});

const TEMPLATES: readonly Template[] = [
  {
    key: 'double11-warmup',
    name: 'Double 11 warm-up',
    nameZh: '双11预热',
    channel: 'email',
    goal: 'purchase',
    month: 11,
    day: 8,
    hour: 10,
    top: null,
    audienceShare: 0.9,
    audience: 'all',
    variants: [v('control', 1, 1, 1, 0, 0.05), v('a', 1, 1.2, 1.1, 0.1, 0.1), v('b', 1, 1, 1.4, 0.25, 0.12)],
  },
  {
    key: 'christmas-gifts',
    name: 'Christmas gift guide',
    nameZh: '圣诞礼物指南',
    channel: 'push',
    goal: 'click',
    month: 12,
    day: 18,
    hour: 19,
    top: 'Fashion',
    audienceShare: 0.8,
    audience: 'all',
    variants: [v('control', 1, 1, 1, 0, 0.03), v('a', 1, 1, 1, 0, 0.03)],
  },
  {
    key: 'valentines-beauty',
    name: "Valentine's beauty picks",
    nameZh: '情人节美妆精选',
    channel: 'sms',
    goal: 'purchase',
    month: 2,
    day: 10,
    hour: 12,
    top: 'Beauty',
    audienceShare: 0.8,
    audience: 'all',
    variants: [v('control', 1, 1, 1, 0, 0.02), v('a', 1, 1, 1.5, 0.15, 0.05)],
  },
  {
    key: 'spring-outdoor',
    name: 'Spring outdoor season',
    nameZh: '春季户外季',
    channel: 'push',
    goal: 'click',
    month: 4,
    day: 12,
    hour: 20,
    top: 'Sports',
    audienceShare: 0.8,
    audience: 'all',
    variants: [v('control', 1, 1, 1, 0, 0.03), v('a', 1, 1.3, 1.2, 0.05, 0.06)],
  },
  {
    key: '618-electronics',
    name: '618 electronics deals',
    nameZh: '618数码狂欢',
    channel: 'email',
    goal: 'revenue',
    month: 6,
    day: 14,
    hour: 10,
    top: 'Electronics',
    audienceShare: 0.9,
    audience: 'all',
    variants: [v('control', 2, 1, 1, 0, 0.05), v('a', 1, 1.1, 1.25, 0.2, 0.1), v('b', 1, 0.9, 1.05, 0, 0.05)],
  },
  {
    key: 'summer-winback',
    name: 'We miss you',
    nameZh: '好久不见，回来看看',
    channel: 'email',
    goal: 'purchase',
    month: 8,
    day: 20,
    hour: 11,
    top: null,
    audienceShare: 1,
    audience: 'lapsed',
    variants: [v('control', 1, 1, 1, 0, 0.1), v('a', 1, 1.1, 1.3, 0.3, 0.25)],
  },
];

/**
 * The campaigns whose send date falls inside [start, end], in date order, with ids 1….
 * @example scheduleCampaigns(start, end, tops).map((c) => c.key) // ['double11-warmup', 'christmas-gifts', …]
 */
export function scheduleCampaigns(start: number, end: number, tops: readonly TopCategory[]): CampaignSpec[] {
  const firstYear = new Date(start).getUTCFullYear();
  const lastYear = new Date(end).getUTCFullYear();
  const out: Omit<CampaignSpec, 'id'>[] = [];
  for (const t of TEMPLATES) {
    for (let y = firstYear; y <= lastYear; y++) {
      const sendAt = Date.UTC(y, t.month - 1, t.day) + (t.hour - 8) * HOUR_MS;
      if (sendAt < start + DAY_MS || sendAt > end - 7 * DAY_MS) continue;
      const { month: _m, day: _d, hour: _h, top, ...spec } = t;
      const topCategory = top === null ? null : (tops.find((x) => x.name === top)?.index ?? null);
      out.push({ ...spec, variants: spec.variants.map((x) => ({ ...x })), sendAt, topCategory });
    }
  }
  return out.sort((a, b) => a.sendAt - b.sendAt || a.key.localeCompare(b.key)).map((c, i) => ({ id: i + 1, ...c }));
}

const BASE: Record<Channel, { open: number | null; click: number }> = {
  email: { open: 0.22, click: 0.12 },
  push: { open: 0.08, click: 0.45 },
  sms: { open: null, click: 0.03 },
};

/** How well a campaign's promoted category fits a customer: 1 for general messages, 0.5–2.5 otherwise. */
export function relevance(campaign: CampaignSpec, customer: Customer): number {
  if (campaign.topCategory === null) return 1;
  const pref = customer.traits.preferences[campaign.topCategory] ?? 0;
  return Math.min(2.5, Math.max(0.5, 0.5 + 4 * pref));
}

/** Probability that an exposed customer opens the message; null when the channel has no opens (SMS). */
export function openProbability(campaign: CampaignSpec, variant: VariantSpec, customer: Customer): number | null {
  const base = BASE[campaign.channel].open;
  if (base === null) return null;
  return Math.min(0.95, base * variant.openLift * (0.4 + 1.8 * customer.traits.engagement));
}

/** Probability of a click given an open (or given the exposure for channels without opens). */
export function clickProbability(campaign: CampaignSpec, variant: VariantSpec, customer: Customer): number {
  const engagement = BASE[campaign.channel].open === null ? 0.4 + 1.8 * customer.traits.engagement : 1;
  return Math.min(0.95, BASE[campaign.channel].click * variant.clickLift * relevance(campaign, customer) * engagement);
}

export function pickVariant(rng: Rng, campaign: CampaignSpec): VariantSpec {
  return campaign.variants[
    pickWeighted(
      rng,
      campaign.variants.map((x) => x.weight),
    )
  ] as VariantSpec;
}

export function consentFor(channel: Channel, customer: Customer): boolean {
  const p = customer.profile;
  return channel === 'email' ? p.consentEmail : channel === 'sms' ? p.consentSms : p.consentPush;
}
