import { describe, expect, test } from 'vitest';
import { decayFactor, lastSequences } from './histories';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

describe('histories', () => {
  test('decay halves the weight per half-life and never grows it', () => {
    expect(decayFactor(T0 - 30 * DAY, T0, 30)).toBeCloseTo(0.5, 10);
    expect(decayFactor(T0 - 60 * DAY, T0, 30)).toBeCloseTo(0.25, 10);
    expect(decayFactor(T0 + DAY, T0, 30)).toBe(1);
    expect(decayFactor(T0 - 999 * DAY, T0, 0)).toBe(1);
  });

  test('sequences collapse immediate repeats and keep the latest items, oldest first', () => {
    const data = {
      nUsers: 2,
      nItems: 5,
      users: Int32Array.of(0, 0, 0, 0, 1),
      items: Int32Array.of(1, 1, 2, 3, 4),
      values: new Float32Array(5).fill(1),
    };
    const s = lastSequences(data, 2);
    expect(Array.from(s.items.subarray(s.ptr[0]!, s.ptr[1]!))).toEqual([2, 3]);
    expect(Array.from(s.items.subarray(s.ptr[1]!, s.ptr[2]!))).toEqual([4]);
  });
});
