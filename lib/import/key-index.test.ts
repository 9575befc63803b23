import { describe, expect, test } from 'vitest';
import { KeyIndex } from './key-index';

describe('KeyIndex', () => {
  test('sized for the expected keys at a 0.75 load, not rounded up to a power of two', () => {
    const index = new KeyIndex(1_000_000);
    expect(index.slots).toBe(1_333_334);
    expect(index.slots * 16).toBe(21_333_344); // 2²¹ slots would be 33,554,432 bytes
    expect(new KeyIndex(10).slots).toBe(1024);
  });

  test('keys added past the expected count (the table grows) are all found with their values; others are not', () => {
    const index = new KeyIndex(10);
    for (let i = 0; i < 5000; i++) expect(index.add(`key-${i}`, i, i * 7, i === 42 ? 9 : 0)).toBe(-1);
    expect(index.size).toBe(5000);
    expect(index.slots).toBeGreaterThanOrEqual(5000 / 0.75);
    for (let i = 0; i < 5000; i++) {
      const slot = index.find(`key-${i}`);
      expect(slot).toBeGreaterThanOrEqual(0);
      expect([index.a(slot), index.b(slot)]).toEqual([i, i * 7]);
    }
    expect(index.c3(index.find('key-42'))).toBe(9);
    expect(index.find('key-5000')).toBe(-1);
    // adding a present key returns its slot and leaves its values alone
    const slot = index.add('key-3', 99, 99);
    expect([index.a(slot), index.b(slot)]).toEqual([3, 21]);
  });
});
