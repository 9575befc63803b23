import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { fitItemKnn } from '../item-knn';
import { exportDeviceBundle, fitDeviceBundle } from './export';
import { parseBundle } from './scorer';
import { serverTwin } from './server-twin';
import { knnFitted, synthetic, T0 } from './testing/synthetic';

describe('fitDeviceBundle', () => {
  const { data, itemCategory, nCat, trend } = synthetic(7);
  const N = fitItemKnn(data, { k: 50, shrink: 10 }).neighbours;
  const twin = serverTwin({
    family: 'item-knn',
    fitted: knnFitted(N),
    k: 50,
    bits: 8,
    itemCategory,
    nCategories: nCat,
    trend,
    tRef: T0,
    halfLifeDays: 14,
  });
  const input = {
    ...parseBundle(twin.bytes.slice().buffer).header,
    model: { kind: 'item-knn', runId: 1, version: 1, binary: false, signed: false },
    bits: 8 as const,
    itemCategory: Int32Array.from(itemCategory, (c) => c + 1),
    trend,
    neighbours: N,
  };

  test('the budget search keeps the largest k whose gzipped bundle fits, as a scan of every k finds it', () => {
    const gz = (b: Uint8Array) => gzipSync(b, { level: 9 }).length;
    const longest = Math.max(...Array.from({ length: 400 }, (_, r) => N.rowPtr[r + 1]! - N.rowPtr[r]!));
    const sizes = new Map<number, number>();
    for (let k = 20; k <= longest; k++) sizes.set(k, gz(exportDeviceBundle({ ...input, k })));
    for (let k = 21; k <= longest; k++) expect(sizes.get(k)!).toBeGreaterThanOrEqual(sizes.get(k - 1)!);
    // a budget between the sizes at 30 and 31 forces k = 30; a larger budget never gives a smaller k
    const budget = Math.floor((sizes.get(30)! + sizes.get(31)!) / 2);
    expect(sizes.get(31)!).toBeGreaterThan(sizes.get(30)!);
    const fitted = fitDeviceBundle(input, gz, budget);
    expect([fitted.k, fitted.fits, fitted.size]).toEqual([30, true, sizes.get(30)]);
    expect(gz(fitted.bytes)).toBeLessThanOrEqual(budget);
    let previous = 0;
    for (const b of [sizes.get(20)! - 1, sizes.get(20)!, budget, sizes.get(45)! + 1, sizes.get(longest)!, 10 ** 7]) {
      const f = fitDeviceBundle(input, gz, b);
      const scan = Math.max(0, ...[...sizes].filter(([, s]) => s <= b).map(([k]) => k));
      expect(f.k).toBe(Math.max(scan, 20));
      expect(f.fits).toBe(scan > 0);
      expect(f.k).toBeGreaterThanOrEqual(previous);
      previous = f.k;
    }
    // never above the longest list (50 neighbours fitted), whatever the budget
    expect(fitDeviceBundle(input, gz, 10 ** 9).k).toBe(longest);
    expect(parseBundle(fitDeviceBundle(input, gz, budget).bytes.slice().buffer).header.model.k).toBe(30);
    // a k chosen before is kept with one export while it fits (even where a larger k would), else searched again
    let calls = 0;
    const counted = (b: Uint8Array) => {
      calls++;
      return gz(b);
    };
    expect([fitDeviceBundle(input, counted, budget, 25).k, calls]).toEqual([25, 1]);
    calls = 0;
    expect(fitDeviceBundle(input, counted, budget, 40).k).toBe(30);
    expect(calls).toBeGreaterThan(2);
  });
});
