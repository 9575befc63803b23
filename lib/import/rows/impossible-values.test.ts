import { describe, expect, test } from 'vitest';
import { DateParser } from '../dates';
import type { ImportKind } from '../fields';
import { proposeMapping, resolveMapping } from '../mapping';
import { emptyCleaningReport } from '../report';
import { Rejection, type RowSettings } from './context';
import { eventValidator } from './events';
import { orderValidator } from './orders';

function settings(kind: ImportKind, header: string[]): RowSettings {
  const mapping = resolveMapping(kind, header, proposeMapping(kind, header).mapping);
  mapping.extra = [];
  return {
    kind,
    header,
    mapping,
    delimiter: ',',
    dates: new DateParser(),
    decimal: '.',
    baseCurrency: 'USD',
    defaultCurrency: 'USD',
    rates: new Map(),
    report: emptyCleaningReport(),
  };
}
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('impossible values are rejected with a code and params', () => {
  const events = eventValidator(
    settings('events', ['customer_id', 'event_type', 'timestamp', 'sku', 'quantity', 'price']),
  );
  const event = (...fields: string[]) => events({ line: 7, fields });

  test('events: a timestamp more than 24 h ahead (ISO, epoch seconds or milliseconds); 23 h ahead passes', () => {
    const far = Math.floor((Date.now() + 25 * H) / 1000) * 1000;
    for (const text of [iso(far), String(far / 1000), String(far)]) {
      const r = event('C1', 'view', text, '', '', '');
      expect(r).toBeInstanceOf(Rejection);
      expect(r).toMatchObject({
        line: 7,
        column: 'timestamp',
        code: 'futureTimestamp',
        params: { field: 'timestamp', value: iso(far) },
        reason: `timestamp ${iso(far)} is more than 24 hours in the future`,
      });
    }
    expect(event('C1', 'view', iso(Date.now() + 23 * H), '', '', '')).not.toBeInstanceOf(Rejection);
  });

  test.each([
    ['-1', '5', 'quantity', 'purchaseQuantity', { value: -1 }],
    ['0', '5', 'quantity', 'purchaseQuantity', { value: 0 }],
    ['1', '-0.5', 'price', 'negativePrice', { value: -0.5 }],
  ])('events: a purchase with quantity %s and price %s', (quantity, price, column, code, params) => {
    expect(event('C1', 'purchase', '2024-03-05', 'SKU-1', quantity, price)).toMatchObject({ column, code, params });
  });

  test('events: a free purchase, and negative amounts on other event types, are not refused', () => {
    expect(event('C1', 'purchase', '2024-03-05', 'SKU-1', '1', '0')).not.toBeInstanceOf(Rejection);
    expect(event('C1', 'view', '2024-03-05', 'SKU-1', '', '-3')).not.toBeInstanceOf(Rejection);
  });

  test('orders: an order date more than 24 h ahead', () => {
    const orders = orderValidator(
      settings('orders', ['order_id', 'sku', 'quantity', 'order_date', 'unit_price', 'customer_id']),
    );
    const r = orders({ line: 3, fields: ['O1', 'SKU-1', '1', '2099-01-01', '5', 'C1'] });
    expect(r).toMatchObject({ column: 'order_date', code: 'futureTimestamp', params: { field: 'order_date' } });
  });

  test('orders: a negative unit price is refused, whatever the status; returns keep their quantity', () => {
    const orders = orderValidator(
      settings('orders', ['order_id', 'sku', 'quantity', 'order_date', 'unit_price', 'customer_id', 'status']),
    );
    const line = (quantity: string, price: string, status: string) =>
      orders({ line: 4, fields: ['O1', 'SKU-1', quantity, '2024-03-05', price, 'C1', status] });
    expect(line('1', '-2.5', '')).toMatchObject({
      column: 'unit_price',
      code: 'negativePrice',
      params: { value: -2.5 },
    });
    expect(line('-1', '-2.5', 'returned')).toMatchObject({ code: 'negativePrice' });
    // without a status a negative quantity is a return line; returned and cancelled lines keep their quantity
    expect(line('-2', '5', '')).toMatchObject({ status: 'returned', quantity: -2 });
    expect(line('-2', '5', 'returned')).toMatchObject({ status: 'returned', quantity: -2 });
    expect(line('1', '0', 'completed')).toMatchObject({ status: 'completed', unitPrice: 0 });
  });
});
