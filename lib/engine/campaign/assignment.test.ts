import { describe, expect, test } from 'vitest';
import { checkSampleRatio } from '../../stats/index';
import { armFromBucket, assignArm, hashUnit, plannedShares, waveOf } from './assignment';

const keys = Array.from({ length: 100_000 }, (_, i) => `C${String(i).padStart(6, '0')}`);

describe('assignment', () => {
  test('the same customer, salt and split always get the same arm', () => {
    const variants = [
      { key: 'a', weight: 1 },
      { key: 'b', weight: 1 },
    ];
    for (const k of keys.slice(0, 200)) {
      const first = assignArm({ customerKey: k, salt: 's1', variants, holdoutShare: 0.1 });
      expect(assignArm({ customerKey: k, salt: 's1', variants, holdoutShare: 0.1 })).toEqual(first);
    }
    expect(hashUnit('s1', 'C000001')).toBe(hashUnit('s1', 'C000001'));
  });

  test('hash buckets lie in [0, 1) and another salt gives an independent split', () => {
    let same = 0;
    for (const k of keys.slice(0, 20_000)) {
      const u = hashUnit('s1', k);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      if (u < 0.5 === hashUnit('s2', k) < 0.5) same += 1;
    }
    // independent halves agree half of the time: 10,000 ± 4·71
    expect(Math.abs(same - 10_000)).toBeLessThan(300);
  });

  test.each([
    { holdout: 0.1, weights: [1, 1] },
    { holdout: 0.2, weights: [1, 2, 1] },
    { holdout: 0, weights: [3, 1] },
    { holdout: 0.05, weights: [1, 1, 1, 1, 1] },
  ])('100,000 customers land on the planned split $weights with holdout $holdout', ({ holdout, weights }) => {
    const variants = weights.map((weight, i) => ({ key: `v${i}`, weight }));
    const arms = [
      ...(holdout > 0 ? [{ key: 'holdout', weight: 0, isHoldout: true }] : []),
      ...variants.map((v) => ({ ...v, isHoldout: false })),
    ];
    const counts = new Map(arms.map((a) => [a.key, 0]));
    for (const k of keys) {
      const a = assignArm({ customerKey: k, salt: 'split-test', variants, holdoutShare: holdout });
      counts.set(a.key, counts.get(a.key)! + 1);
    }
    const shares = plannedShares(arms, holdout);
    expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    arms.forEach((a, i) => {
      const expected = shares[i]! * keys.length;
      const sd = Math.sqrt(keys.length * shares[i]! * (1 - shares[i]!));
      expect(Math.abs(counts.get(a.key)! - expected)).toBeLessThan(4 * sd);
    });
    const srm = checkSampleRatio({ observed: arms.map((a) => counts.get(a.key)!), plannedSplit: shares });
    expect(srm.type === 'ok' && srm.isMismatch).toBe(false);
  });

  test('bucket edges: 0 goes to the holdout, just below 1 to the last weighted variant', () => {
    const variants = [
      { key: 'a', weight: 1 },
      { key: 'b', weight: 1 },
      { key: 'c', weight: 0 },
    ];
    expect(armFromBucket(0, variants, 0.1).key).toBe('holdout');
    expect(armFromBucket(0.1, variants, 0.1).key).toBe('a');
    expect(armFromBucket(0.55, variants, 0.1).key).toBe('b');
    expect(armFromBucket(1 - 1e-16, variants, 0.1).key).toBe('b');
    expect(armFromBucket(0, variants, 0).key).toBe('a');
  });

  test('waves spread customers evenly and independently of arms', () => {
    const counts = [0, 0, 0, 0];
    for (const k of keys.slice(0, 40_000)) counts[waveOf('s', k, 4)]! += 1;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });

  test('invalid splits throw RangeError naming the function', () => {
    expect(() => assignArm({ customerKey: 'x', salt: 's', variants: [], holdoutShare: 0 })).toThrow(/assignArm/);
    expect(() =>
      assignArm({ customerKey: 'x', salt: 's', variants: [{ key: 'a', weight: 1 }], holdoutShare: 1 }),
    ).toThrow(RangeError);
    expect(() =>
      assignArm({ customerKey: 'x', salt: 's', variants: [{ key: 'a', weight: 0 }], holdoutShare: 0 }),
    ).toThrow(RangeError);
    expect(() => waveOf('s', 'x', 0)).toThrow(RangeError);
  });
});
