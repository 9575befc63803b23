import { describe, expect, test } from 'vitest';
import { cleanId, normaliseGender, parseBoolean, parseCurrency, parseNumber } from './values';

describe('parseNumber', () => {
  test.each([
    ['12', '.', 12, null],
    ['-3.5', '.', -3.5, null],
    ['1,234.56', '.', 1234.56, null],
    ['1 234,5', ',', 1234.5, null],
    ['1.234,56', ',', 1234.56, null],
    ['12,5', ',', 12.5, null],
    ['12.50', ',', 12.5, null],
    ['$1,299.00', '.', 1299, 'USD'],
    ['¥1,299', '.', 1299, 'CNY'],
    ['12 €', '.', 12, 'EUR'],
    ['EUR 12.00', '.', 12, 'EUR'],
    ['(12.00)', '.', -12, null],
    ['-$5', '.', -5, 'USD'],
    ['１２.５', '.', 12.5, null],
    ['1e3', '.', 1000, null],
  ] as const)('%j (decimal %j) → %d %s', (text, decimal, value, currency) => {
    expect(parseNumber(text, decimal)).toMatchObject({ value, currency });
  });

  test.each([
    ['12,5', '.'],
    ['abc', '.'],
    ['12.5%', '.'],
    ['', '.'],
    ['1,2,3', '.'],
    ['--1', '.'],
    ['1.234.5', ','],
  ] as const)('%j (decimal %j) is not a number', (text, decimal) => {
    expect(parseNumber(text, decimal)).toBeNull();
  });
});

test.each([
  ['yes', true],
  ['TRUE', true],
  ['1', true],
  ['是', true],
  ['Y', true],
  ['no', false],
  ['False', false],
  ['0', false],
  ['否', false],
  ['maybe', null],
] as const)('parseBoolean(%j) → %s', (t, v) => expect(parseBoolean(t)).toBe(v));

test('cleanId drops a spreadsheet float suffix', () => {
  expect(cleanId('17850.0')).toEqual({ id: '17850', normalised: true });
  expect(cleanId(' A-17 ')).toEqual({ id: 'A-17', normalised: false });
  expect(cleanId('1.05')).toEqual({ id: '1.05', normalised: false });
});

test('parseCurrency', () => {
  expect(parseCurrency('usd')).toBe('USD');
  expect(parseCurrency('￥')).toBe('CNY');
  expect(parseCurrency('人民币')).toBe('CNY');
  expect(parseCurrency('dollars')).toBeNull();
});

test('normaliseGender', () => {
  expect(['F', '女', 'male', 'M', 'x', 'nonbinary'].map(normaliseGender)).toEqual([
    'female',
    'female',
    'male',
    'male',
    'other',
    'nonbinary',
  ]);
});
