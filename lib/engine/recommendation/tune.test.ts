import { describe, expect, test } from 'vitest';
import { searchParams } from './tune';

describe('searchParams', () => {
  const f = (p: { x: number; y: string }) => -((p.x - 2) ** 2) + (p.y === 'b' ? 1 : 0);
  test('grid search finds the maximum and records every trial', () => {
    const r = searchParams({ x: [1, 2, 3], y: ['a', 'b'] }, f, { strategy: 'grid' });
    expect(r.best).toEqual({ x: 2, y: 'b' });
    expect(r.score).toBe(1);
    expect(r.trials).toHaveLength(6);
  });
  test('coordinate ascent reaches it with fewer evaluations and keeps the earlier of ties', () => {
    const r = searchParams({ x: [1, 2, 3, 4, 5, 6], y: ['a', 'b', 'c', 'd'] }, f);
    expect(r.best).toEqual({ x: 2, y: 'b' });
    expect(r.trials.length).toBeLessThan(24);
    expect(searchParams({ x: [5, 6] }, () => 0).best).toEqual({ x: 5 });
  });
  test('empty value lists throw', () => {
    expect(() => searchParams({ x: [] }, () => 0)).toThrow(/searchParams/);
  });
});
