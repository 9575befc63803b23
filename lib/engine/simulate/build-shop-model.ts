/**
 * Builds the complete shop model from a seed and sizes: catalogue, customers with hidden traits, the year's
 * campaigns with hidden effects, and the calibrated visit scale. Pure and deterministic.
 */
import { buildCatalogue } from './build-catalogue';
import { buildCustomers } from './build-customers';
import { calibrateVisitScale } from './calibrate';
import { scheduleCampaigns } from './campaigns';
import { DAY_MS } from './calendar';
import { createRng } from './random';
import type { Currency, ShopModel, ShopModelOptions } from './types';

export const DEFAULT_SHOP_OPTIONS: Readonly<ShopModelOptions> = {
  seed: 42,
  customers: 5000,
  products: 1000,
  events: 200_000,
  end: '2026-10-31T23:59:59Z',
  days: 365,
};

/** Assumed exchange rates: 1 unit = rate CNY (fixed, documented; the import converts with its own table). */
export const CURRENCY_RATES: Readonly<Record<Currency, number>> = { CNY: 1, USD: 7.1, HKD: 0.91 };

function validate(o: ShopModelOptions): void {
  const positive = (name: keyof ShopModelOptions, min: number) => {
    const value = o[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      throw new RangeError(`buildShopModel: ${name} must be an integer ≥ ${min} (got ${String(value)})`);
    }
  };
  positive('customers', 1);
  positive('products', 1);
  positive('events', 0);
  positive('days', 7);
  if (!Number.isInteger(o.seed)) throw new RangeError(`buildShopModel: seed must be an integer (got ${o.seed})`);
  if (!Number.isFinite(Date.parse(o.end)))
    throw new RangeError(`buildShopModel: end must be an ISO 8601 date (got ${o.end})`);
}

/**
 * @example buildShopModel({ customers: 300, products: 120, events: 10_000, seed: 7 }).customers.length // 300
 */
export function buildShopModel(options: Partial<ShopModelOptions> = {}): ShopModel {
  const o: ShopModelOptions = { ...DEFAULT_SHOP_OPTIONS, ...options };
  validate(o);
  const end = Math.floor(Date.parse(o.end) / 1000) * 1000;
  const start = end - o.days * DAY_MS + 1000;
  const catalogue = buildCatalogue(createRng(o.seed, 'catalogue'), { products: o.products, start, end });
  const customers = buildCustomers(createRng(o.seed, 'customers'), catalogue.tops, {
    customers: o.customers,
    start,
    end,
  });
  const model: ShopModel = {
    options: o,
    start,
    end,
    ...catalogue,
    customers,
    campaigns: scheduleCampaigns(start, end, catalogue.tops),
    currencyRates: { ...CURRENCY_RATES },
    visitScale: 1,
  };
  model.visitScale = calibrateVisitScale(model);
  return model;
}
