import { describe, expect, test } from 'vitest';
import { buildCategoryTree } from './category-tree';
import { buildCustomerIndex, groupOrders } from './customer-index';
import { groupEvents } from './event-columns';
import { computeHoldoutCalibration } from './holdout-calibration';
import { computePortraits, portraitStages, type PortraitGroups } from './pipeline';
import { makeSyntheticShop } from './testing/synthetic-shop';
import { MS_PER_DAY } from './types';
import { computeClvBands } from './value';

const shop = makeSyntheticShop({ customers: 300, eventsPerCustomer: 30, seed: 9 });

/** The shop grouped with one reference row (id −1) first, holding a view of a product after asOf. */
function groupsWithReference(): PortraitGroups {
  const product = shop.events.find((e) => e.productId !== undefined && e.price !== undefined)!;
  const reference = {
    customerId: -1,
    type: 'view' as const,
    ts: shop.asOf + MS_PER_DAY,
    productId: product.productId,
    categoryId: product.categoryId,
    price: product.price,
  };
  const index = buildCustomerIndex([[-1, ...shop.customerIds], shop.orders, shop.events]);
  const tree = buildCategoryTree(shop.categories);
  return {
    index,
    tree,
    orders: groupOrders(shop.orders, index),
    events: groupEvents([reference, ...shop.events], index, tree.indexOf),
    firstCustomer: 1,
  };
}

describe('portrait pipeline', () => {
  test('reports every stage in order, then returns what computePortraits returns', () => {
    const groups = groupsWithReference();
    const it = portraitStages(groups, { asOf: shop.asOf });
    const stages: string[] = [];
    let step = it.next();
    while (!step.done) {
      stages.push(step.value.stage);
      step = it.next();
    }
    expect(stages).toEqual([
      'rfm+lifecycle',
      'value-fit',
      'value-predict',
      'calibration',
      'churn',
      'affinity',
      'tags+vectors',
    ]);
    const direct = computePortraits(groups, { asOf: shop.asOf });
    expect(step.value.customers.map((c) => c.rfm)).toEqual(direct.customers.map((c) => c.rfm));
    expect(Array.from(step.value.vectors)).toEqual(Array.from(direct.vectors));
  });

  test('reference rows get no portrait and stay out of the RFM grid', () => {
    const batch = computePortraits(groupsWithReference(), { asOf: shop.asOf });
    expect(batch.customers).toHaveLength(shop.customerIds.length);
    expect(batch.customers.some((c) => c.customerId === -1)).toBe(false);
    expect(batch.rfmGrid.scoredCustomers + batch.rfmGrid.customersWithoutOrders).toBe(shop.customerIds.length);
    expect(batch.vectors).toHaveLength(shop.customerIds.length * batch.layout.dim);
  });

  test('order totals and activity spans cover all time, also after asOf', () => {
    const asOf = shop.asOf - 60 * MS_PER_DAY;
    const batch = computePortraits(groupsWithReference(), { asOf });
    const c = batch.customers.find((p) => shop.orders.some((o) => o.customerId === p.customerId && o.placedAt > asOf))!;
    const mine = shop.orders.filter((o) => o.customerId === c.customerId);
    expect(c.orderCount).toBe(mine.length);
    expect(c.revenue).toBeCloseTo(
      mine.reduce((a, o) => a + o.total, 0),
      6,
    );
    expect(c.lastSeen).toBeGreaterThan(asOf);
  });
});

describe('CLV bands and hold-out calibration', () => {
  test('bands are type-7 quantiles of the finite CLVs, and need ten of them', () => {
    // R: quantile(1:10, c(0.5, 0.8), type = 7) → 5.5 8.2
    const bands = computeClvBands([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, NaN]);
    expect(bands!.medium).toBeCloseTo(5.5, 10);
    expect(bands!.high).toBeCloseTo(8.2, 10);
    expect(computeClvBands([1, 2, 3, 4, 5, 6, 7, 8, 9, NaN])).toBeNull();
  });

  test('a short order history is reported, not fitted', () => {
    const index = buildCustomerIndex([[1]]);
    const orders = groupOrders([{ customerId: 1, placedAt: 0, total: 10 }], index);
    expect(computeHoldoutCalibration(orders, index.ids, { asOf: 30 * MS_PER_DAY })).toEqual({
      type: 'insufficient-data',
      reason: 'shortHistory',
      params: { days: 30, min: 84 },
    });
  });
});
