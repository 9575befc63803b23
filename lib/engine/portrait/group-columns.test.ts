import { describe, expect, test } from 'vitest';
import { groupPortraitColumns, type PortraitColumns } from './group-columns';

const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 6);

function shop(orderTimes: number[], eventTimes: number[]): PortraitColumns {
  const ids = (n: number) => new Int32Array(n).fill(1);
  return {
    customerIds: Int32Array.from([1]),
    orders: {
      customer: ids(orderTimes.length),
      placedAt: Float64Array.from(orderTimes),
      total: new Float64Array(orderTimes.length).fill(10),
    },
    events: {
      customer: ids(eventTimes.length),
      type: new Int32Array(eventTimes.length),
      ts: Float64Array.from(eventTimes),
      product: new Int32Array(eventTimes.length).fill(-1),
      category: new Int32Array(eventTimes.length).fill(-1),
      price: new Float64Array(eventTimes.length).fill(Number.NaN),
      query: new Int32Array(eventTimes.length).fill(-1),
    },
    eventTypes: ['view'],
    queries: [],
    products: { id: new Int32Array(0), category: new Int32Array(0), brand: [], price: new Float64Array(0) },
    categories: [],
  };
}

describe('groupPortraitColumns: the reference date (dataEnd)', () => {
  test('is the newest order or event', () => {
    expect(groupPortraitColumns(shop([now - 30 * DAY], [now - 10 * DAY]), { now }).dataEnd).toBe(now - 10 * DAY);
    expect(groupPortraitColumns(shop([now - 5 * DAY], [now - 10 * DAY]), { now }).dataEnd).toBe(now - 5 * DAY);
  });

  test('ignores events and orders dated beyond now + 24 h (a 2099 event), keeps those within', () => {
    const y2099 = Date.UTC(2099, 0, 1);
    expect(groupPortraitColumns(shop([now - 30 * DAY, y2099], [now - 10 * DAY, y2099]), { now }).dataEnd).toBe(
      now - 10 * DAY,
    );
    expect(groupPortraitColumns(shop([], [now + 23 * 3_600_000]), { now }).dataEnd).toBe(now + 23 * 3_600_000);
    expect(groupPortraitColumns(shop([], [y2099]), { now }).dataEnd).toBeNaN();
  });
});
