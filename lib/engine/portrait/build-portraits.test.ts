import { describe, expect, test } from 'vitest';
import { buildPortraits, findLookalikeCustomers } from './build-portraits';
import { findLookalikes } from './portrait-vector';
import { makeSyntheticShop } from './testing/synthetic-shop';

describe('buildPortraits on a synthetic shop', () => {
  const shop = makeSyntheticShop({ customers: 800, eventsPerCustomer: 40, seed: 3 });
  const batch = buildPortraits({ ...shop, customerIds: [...shop.customerIds, 9999] }, { asOf: shop.asOf });
  const byId = new Map(batch.customers.map((c) => [c.customerId, c]));

  test('one portrait per customer, including one with no history at all', () => {
    expect(batch.customers).toHaveLength(801);
    const empty = byId.get(9999)!;
    expect(empty.rfm).toEqual({ type: 'no-orders', customerId: 9999 });
    expect(empty.lifecycle.type).toBe('insufficient-data');
    expect(empty.value).toBeNull();
    expect(empty.churnProbability).toBeNull();
    expect(empty.tags).toEqual([]);
    expect(Array.from(batch.vectors.subarray(800 * batch.layout.dim)).every((v) => v === 0)).toBe(true);
  });

  test('models fit and every customer with orders gets a value and a churn probability', () => {
    expect(batch.models.bgnbd?.type).toBe('ok');
    expect(batch.models.gammaGamma?.type).toBe('ok');
    expect(batch.models.churn?.type).toBe('ok');
    for (const c of batch.customers) {
      if (c.rfm.type !== 'scored') continue;
      expect(c.value).not.toBeNull();
      expect(c.value!.pAlive).toBeGreaterThan(0);
      expect(c.value!.expectedPurchases30).toBeLessThanOrEqual(c.value!.expectedPurchases90);
      expect(c.value!.expectedPurchases90).toBeLessThanOrEqual(c.value!.expectedPurchases365);
      expect(c.value!.clv).toBeGreaterThan(0);
      expect(c.churnProbability).toBeGreaterThanOrEqual(0);
      expect(c.churnProbability).toBeLessThanOrEqual(1);
    }
  });

  test('the top category tag recovers the favourite root category for most customers', () => {
    let tagged = 0;
    let right = 0;
    const rootOf = (id: number) =>
      shop.categories.find((c) => c.path.length === 1 && c.name === shop.categories.find((x) => x.id === id)!.path[0])!
        .id;
    for (const c of batch.customers) {
      const tag = c.tags.find((t) => t.kind === 'category');
      const truth = shop.truth.get(c.customerId);
      if (!tag || !truth) continue;
      tagged++;
      if (rootOf(tag.target as number) === truth.favouriteRootId) right++;
    }
    expect(tagged).toBeGreaterThan(400);
    expect(right / tagged).toBeGreaterThan(0.9);
  });

  test('RFM grid and lookalikes', () => {
    expect(batch.rfmGrid.scoredCustomers + batch.rfmGrid.customersWithoutOrders).toBe(801);
    const seeds = batch.customers
      .flatMap((c, k) => (shop.truth.get(c.customerId)?.favouriteRoot === 2 ? [k] : []))
      .slice(0, 30);
    const found = findLookalikes(batch.vectors, batch.layout.dim, seeds, { topN: 50 });
    const sameRoot = found.filter(
      (f) => shop.truth.get(batch.customers[f.row]!.customerId)?.favouriteRoot === 2,
    ).length;
    expect(sameRoot / found.length).toBeGreaterThan(0.8);
    const byId = findLookalikeCustomers(
      batch,
      seeds.map((k) => batch.customers[k]!.customerId),
      { topN: 50 },
    );
    expect(byId.map((l) => l.customerId)).toEqual(found.map((f) => batch.customers[f.row]!.customerId));
    expect(byId.every((l) => !seeds.includes(batch.customers.findIndex((c) => c.customerId === l.customerId)))).toBe(
      true,
    );
  });

  test('stages can be switched off', () => {
    const lean = buildPortraits(shop, { asOf: shop.asOf, value: { enabled: false }, churn: { enabled: false } });
    expect(lean.models).toEqual({ bgnbd: null, gammaGamma: null, churn: null });
    expect(lean.customers.every((c) => c.value === null && c.churnProbability === null)).toBe(true);
  });
});
