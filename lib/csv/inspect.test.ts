import { describe, expect, test } from 'vitest';
import { cleanHeader } from './inspect';

describe('cleanHeader', () => {
  test('empty names are numbered, repeats (ignoring case) get " (n)"', () => {
    expect(cleanHeader(['\uFEFFsku', ' ', 'title', 'SKU', 'sku'])).toEqual([
      'sku',
      'column_2',
      'title',
      'SKU (2)',
      'sku (3)',
    ]);
  });

  test('a repeat never takes a name another column has (found by the CSV fuzz suite)', () => {
    expect(cleanHeader(['sku', '', 'SKU', 'sku (2)'])).toEqual(['sku', 'column_2', 'SKU (3)', 'sku (2)']);
    expect(cleanHeader(['sku', 'sku (2)', 'sku'])).toEqual(['sku', 'sku (2)', 'sku (3)']);
    expect(cleanHeader(['', 'column_1', 'a'])).toEqual(['column_1', 'column_1 (2)', 'a']);
  });
});
