import { describe, expect, test } from 'vitest';
import { createRng } from './random';
import { TopKHeap, topK, topKScored } from './top-k';

describe('topK', () => {
  test('matches a full sort on random vectors (ties → lower index)', () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + rng.int(200),
        k = 1 + rng.int(30);
      const scores = Float32Array.from({ length: n }, () => rng.int(20)); // many ties
      const expected = Array.from({ length: n }, (_, i) => i)
        .sort((a, b) => scores[b]! - scores[a]! || a - b)
        .slice(0, k);
      expect(Array.from(topK(scores, k))).toEqual(expected);
    }
  });
  test('skips excluded, NaN and −Infinity entries', () => {
    expect(Array.from(topK(Float32Array.of(3, 1, 2), 2, { exclude: Uint8Array.of(1, 0, 0) }))).toEqual([2, 1]);
    expect(Array.from(topK(Float32Array.of(-Infinity, NaN, 1), 3))).toEqual([2]);
  });
  test('reuses a heap; topKScored returns scores', () => {
    const heap = new TopKHeap(2);
    expect(Array.from(topK([5, 1, 9], 2, { heap }))).toEqual([2, 0]);
    expect(Array.from(topK([0, 4, 3], 2, { heap }))).toEqual([1, 2]);
    const r = topKScored([0.5, 0.25, 0.75], 2);
    expect(Array.from(r.items)).toEqual([2, 0]);
    expect(Array.from(r.scores)).toEqual([0.75, 0.5]);
  });
  test('invalid k throws', () => {
    expect(() => new TopKHeap(-1)).toThrow(/TopKHeap/);
    expect(() => topK([1], 2, { heap: new TopKHeap(1) })).toThrow(/topK/);
  });
});
