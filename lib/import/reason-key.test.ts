import { expect, test } from 'vitest';
import { reasonKey } from './reason-key';

test.each([
  ['unknown customer_id "C-1042": no such customer', 'unknown customer_id "…": no such customer'],
  ['unknown customer_id "17850": no such customer', 'unknown customer_id "…": no such customer'],
  ['too few fields: expected 13, found 12', 'too few fields: expected #, found #'],
  ['price cannot be negative: -12.5', 'price cannot be negative: -#'],
  ['unknown currency XYZ: no exchange rate to USD', 'unknown currency XYZ: no exchange rate to USD'],
])('%s → %s', (reason, key) => {
  expect(reasonKey(reason)).toBe(key);
});
