import { describe, expect, test } from 'vitest';
import { buildCustomerIndex, countingSortByKey, groupOrders } from './customer-index';
import { groupEvents } from './event-columns';

describe('grouping by customer', () => {
  test('dense index in first-seen order, customers without data included', () => {
    const ix = buildCustomerIndex([
      [7, 3],
      [{ customerId: 3 }, { customerId: 9 }],
    ]);
    expect(ix.ids).toEqual([7, 3, 9]);
    expect(ix.indexOf.get(9)).toBe(2);
    expect(() => buildCustomerIndex([[Number.NaN]])).toThrow(/buildCustomerIndex/);
  });

  test('stable counting sort', () => {
    const { order, start } = countingSortByKey(Int32Array.from([2, 0, 2, 1, 0]), 3);
    expect(Array.from(order)).toEqual([1, 4, 3, 0, 2]);
    expect(Array.from(start)).toEqual([0, 2, 3, 5]);
  });

  test('orders are grouped and sorted by time within a customer', () => {
    const ix = buildCustomerIndex([[1, 2, 3]]);
    const g = groupOrders(
      [
        { customerId: 2, placedAt: 30, total: 3 },
        { customerId: 1, placedAt: 10, total: 1 },
        { customerId: 2, placedAt: 20, total: 2 },
      ],
      ix,
    );
    expect(Array.from(g.start)).toEqual([0, 1, 3, 3]);
    expect(Array.from(g.placedAt)).toEqual([10, 20, 30]);
    expect(Array.from(g.total)).toEqual([1, 2, 3]);
    expect(() => groupOrders([{ customerId: 5, placedAt: 1, total: 1 }], ix)).toThrow(/groupOrders/);
  });

  test('events: type codes (unknown and prototype names are "other"), brands merged case-insensitively, queries shared', () => {
    const ix = buildCustomerIndex([[1]]);
    const g = groupEvents(
      [
        { customerId: 1, type: 'view', ts: 1, brand: 'Nike' },
        { customerId: 1, type: 'toString', ts: 2, brand: ' NIKE' },
        { customerId: 1, type: 'search', ts: 3, query: 'shoes' },
        { customerId: 1, type: 'search', ts: 4, query: 'shoes' },
      ],
      ix,
    );
    expect(Array.from(g.type)).toEqual([0, 8, 1, 1]);
    expect(g.brands).toEqual(['Nike']);
    expect(Array.from(g.brand)).toEqual([0, 0, -1, -1]);
    expect(g.queries).toEqual(['shoes']);
    expect(Number.isNaN(g.price[0]!)).toBe(true);
  });
});
