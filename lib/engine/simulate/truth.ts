/**
 * The hidden parameters of a shop model as plain JSON ("truth.json"): what portraits, recommenders and campaign
 * analyses should recover from the generated files. Numbers are rounded so the file is stable and small.
 */
import type { Channel, Currency, ShopModel, ShopModelOptions, VariantSpec } from './types';

export type ShopTruth = {
  version: 1;
  options: ShopModelOptions;
  window: { start: string; end: string };
  currencyRates: Record<Currency, number>;
  visitScale: number;
  /** order of the preference vectors */
  topCategories: { name: string; nameZh: string }[];
  customers: {
    customerId: string;
    preferences: number[];
    favouriteBrands: string[];
    priceSensitivity: number;
    activityRate: number;
    purchasePropensity: number;
    engagement: number;
    signupAt: string;
    churnAt: string | null;
  }[];
  products: { sku: string; popularity: number; quality: number; deactivatedAt: string | null }[];
  campaigns: {
    id: number;
    key: string;
    name: string;
    nameZh: string;
    channel: Channel;
    goal: string;
    sendAt: string;
    topCategory: string | null;
    audienceShare: number;
    audience: string;
    variants: VariantSpec[];
  }[];
};

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** @example JSON.stringify(toTruth(model)).length // ≈ 1 MB for the default shop */
export function toTruth(model: ShopModel): ShopTruth {
  return {
    version: 1,
    options: { ...model.options },
    window: { start: iso(model.start), end: iso(model.end) },
    currencyRates: { ...model.currencyRates },
    visitScale: Number(model.visitScale.toPrecision(6)),
    topCategories: model.tops.map((t) => ({ name: t.name, nameZh: t.nameZh })),
    customers: model.customers.map((c) => ({
      customerId: c.id,
      preferences: c.traits.preferences.map(r4),
      favouriteBrands: [...c.traits.favouriteBrands],
      priceSensitivity: r4(c.traits.priceSensitivity),
      activityRate: r4(c.traits.activityRate),
      purchasePropensity: r4(c.traits.purchasePropensity),
      engagement: r4(c.traits.engagement),
      signupAt: iso(c.traits.signupAt),
      churnAt: c.traits.churnAt === null ? null : iso(c.traits.churnAt),
    })),
    products: model.products.map((p) => ({
      sku: p.sku,
      popularity: r4(p.popularity),
      quality: r4(p.quality),
      deactivatedAt: p.deactivatedAt === null ? null : iso(p.deactivatedAt),
    })),
    campaigns: model.campaigns.map((c) => ({
      id: c.id,
      key: c.key,
      name: c.name,
      nameZh: c.nameZh,
      channel: c.channel,
      goal: c.goal,
      sendAt: iso(c.sendAt),
      topCategory: c.topCategory === null ? null : (model.tops[c.topCategory]?.name ?? null),
      audienceShare: c.audienceShare,
      audience: c.audience,
      variants: c.variants.map((v) => ({ ...v })),
    })),
  };
}
