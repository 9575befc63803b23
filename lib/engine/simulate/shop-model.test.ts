import { describe, expect, test } from 'vitest';
import { clickProbability, openProbability } from './campaigns';
import { productUtility } from './choice';
import { buildShopModel, simulateShop, toTruth, type Customer, type EmittedEvent, type ShopModel } from './index';
import { LEAVES } from './taxonomy-data';

const SMALL = { customers: 300, products: 150, events: 15_000, seed: 11 };
const model = buildShopModel(SMALL);

function run(m: ShopModel): { events: EmittedEvent[]; orders: number } {
  const events: EmittedEvent[] = [];
  let orders = 0;
  for (const batch of simulateShop(m)) {
    events.push(...batch.events);
    orders += batch.orders.length;
  }
  return { events, orders };
}

describe('buildShopModel', () => {
  test('is deterministic and sized by its options', () => {
    expect(JSON.stringify(toTruth(buildShopModel(SMALL)))).toBe(JSON.stringify(toTruth(model)));
    expect(model.products).toHaveLength(150);
    expect(model.customers).toHaveLength(300);
    expect(model.leaves.every((l) => l.products.length > 0)).toBe(true);
    expect(model.tops.map((t) => t.name)).toEqual([
      'Sports',
      'Fashion',
      'Electronics',
      'Home',
      'Beauty',
      'Books',
      'Food',
      'Baby',
    ]);
  });

  test('the catalogue does not depend on the number of customers or events (separate random streams)', () => {
    const other = buildShopModel({ ...SMALL, customers: 50, events: 2000 });
    expect(other.products.map((p) => p.title)).toEqual(model.products.map((p) => p.title));
  });

  test('rejects invalid options with a RangeError naming the function', () => {
    expect(() => buildShopModel({ ...SMALL, products: LEAVES.length - 1 })).toThrow(/buildCatalogue/);
    expect(() => buildShopModel({ ...SMALL, customers: 0 })).toThrow(RangeError);
    expect(() => buildShopModel({ ...SMALL, end: 'yesterday' })).toThrow(/buildShopModel: end/);
  });

  test('customers carry a preference vector summing to 1 and ids in sign-up order', () => {
    for (const c of model.customers) expect(c.traits.preferences.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
    const signups = model.customers.map((c) => c.traits.signupAt);
    expect(signups).toEqual([...signups].sort((a, b) => a - b));
    expect(model.customers[0]!.id).toBe('C000001');
  });

  test('campaigns fall inside the window, each with a control variant', () => {
    expect(model.campaigns.length).toBeGreaterThanOrEqual(5);
    expect(model.campaigns.map((c) => c.id)).toEqual(model.campaigns.map((_, i) => i + 1));
    for (const c of model.campaigns) {
      expect(c.sendAt).toBeGreaterThan(model.start);
      expect(c.sendAt).toBeLessThan(model.end);
      expect(c.variants.some((v) => v.key === 'control')).toBe(true);
    }
  });
});

describe('the choice and response model', () => {
  const base = model.customers[0] as Customer;
  const withTraits = (traits: Partial<Customer['traits']>): Customer => ({
    ...base,
    traits: { ...base.traits, ...traits },
  });

  test('utility falls with price for price-sensitive customers and rises for a favourite brand', () => {
    const leaf = model.leaves.find((l) => l.products.length >= 2)!;
    const [a, b] = leaf.products.map((i) => model.products[i]!).sort((x, y) => x.price - y.price);
    const sensitive = withTraits({ priceSensitivity: 2.5, favouriteBrands: [] });
    const relaxed = withTraits({ priceSensitivity: 0.2, favouriteBrands: [] });
    const gap = (c: Customer) =>
      productUtility(model, c, a!) - Math.log(a!.popularity) - (productUtility(model, c, b!) - Math.log(b!.popularity));
    expect(gap(sensitive)).toBeGreaterThan(gap(relaxed));
    const fan = withTraits({ favouriteBrands: [a!.brand] });
    expect(productUtility(model, fan, a!)).toBeGreaterThan(
      productUtility(model, withTraits({ favouriteBrands: [] }), a!),
    );
  });

  test('variant lifts and engagement raise open and click probabilities', () => {
    const campaign = model.campaigns.find((c) => c.channel === 'email')!;
    const [control, treated] = [campaign.variants[0]!, { ...campaign.variants[0]!, openLift: 1.5, clickLift: 1.5 }];
    const engaged = withTraits({ engagement: 0.8 });
    const indifferent = withTraits({ engagement: 0.1 });
    expect(openProbability(campaign, treated, engaged)!).toBeGreaterThan(openProbability(campaign, control, engaged)!);
    expect(openProbability(campaign, control, engaged)!).toBeGreaterThan(
      openProbability(campaign, control, indifferent)!,
    );
    expect(clickProbability(campaign, treated, engaged)).toBeGreaterThan(clickProbability(campaign, control, engaged));
  });
});

describe('simulateShop', () => {
  const { events, orders } = run(model);

  test('lands near the requested number of events, in time order, inside the window', () => {
    expect(events.length / SMALL.events).toBeGreaterThan(0.93);
    expect(events.length / SMALL.events).toBeLessThan(1.1);
    expect(events.every((e, i) => i === 0 || e.ts >= events[i - 1]!.ts)).toBe(true);
    expect(events[0]!.ts).toBeGreaterThanOrEqual(model.start);
    expect(events.at(-1)!.ts).toBeLessThanOrEqual(model.end);
    expect(orders).toBe(new Set(events.filter((e) => e.type === 'purchase').map((e) => e.orderId)).size);
  });

  test('is deterministic', () => {
    const again = run(buildShopModel(SMALL)).events;
    expect(again.length).toBe(events.length);
    expect(again.map((e) => `${e.id}${e.ts}${e.type}${e.product}`).join()).toBe(
      events.map((e) => `${e.id}${e.ts}${e.type}${e.product}`).join(),
    );
  });

  test('emits every event type of the canonical format', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['view', 'search', 'cart', 'purchase', 'click', 'exposure', 'open', 'feedback']),
    );
  });
});
