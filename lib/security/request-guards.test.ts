import { expect, test } from 'vitest';
import { hasMalformedEncoding, isOversizedAction, SERVER_ACTION_BODY_LIMIT } from './request-guards';

test('broken percent-encoding is caught; valid encodings pass', () => {
  expect(hasMalformedEncoding('/customers/%E0%A4%A')).toBe(true);
  expect(hasMalformedEncoding('/customers/%')).toBe(true);
  expect(hasMalformedEncoding('/customers/%E4%B8%AD')).toBe(false);
  expect(hasMalformedEncoding('/customers/42')).toBe(false);
});

test('only server-action POSTs over the limit are oversized', () => {
  const h = (len: number, action = true) =>
    new Headers({ 'content-length': String(len), ...(action ? { 'next-action': 'abc' } : {}) });
  expect(isOversizedAction('POST', h(SERVER_ACTION_BODY_LIMIT + 1))).toBe(true);
  expect(isOversizedAction('POST', h(SERVER_ACTION_BODY_LIMIT))).toBe(false);
  expect(isOversizedAction('POST', h(SERVER_ACTION_BODY_LIMIT + 1, false))).toBe(false);
  expect(isOversizedAction('GET', h(SERVER_ACTION_BODY_LIMIT + 1))).toBe(false);
});
