import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { csrBuffers } from '@/lib/engine/recommendation/models/neighbours';
import * as source from '@/lib/engine/recommendation/device/scorer';
import { serverTwin } from '@/lib/engine/recommendation/device/server-twin';
import { buildScorer, SCORER_OUTPUT } from './build-scorer';

describe('public/precisa-scorer.js', () => {
  const built = buildScorer();

  test('is current (npm run build:scorer) and at most 10 KB gzipped', () => {
    expect(fs.readFileSync(SCORER_OUTPUT, 'utf8')).toBe(built);
    expect(gzipSync(built, { level: 9 }).length).toBeLessThanOrEqual(10 * 1024);
    expect(built).not.toMatch(/\bimport\b|\brequire\(/);
  });

  test('the compiled module ranks like the TypeScript source', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scorer-')), 'scorer.mjs');
    fs.writeFileSync(file, built);
    const compiled = (await import(pathToFileURL(file).href)) as typeof source;
    // items 0–5 in two categories; 0 ↔ 1 ↔ 2 and 3 ↔ 4 are neighbours
    const N = {
      nRows: 6,
      nCols: 6,
      rowPtr: Int32Array.of(0, 2, 4, 6, 7, 8, 8),
      colIdx: Int32Array.of(1, 2, 0, 2, 0, 1, 4, 3),
      values: Float32Array.of(0.9, 0.4, 0.9, 0.6, 0.4, 0.6, 0.8, 0.8),
    };
    const t0 = Date.UTC(2026, 0, 1);
    const twin = serverTwin({
      family: 'item-knn',
      fitted: { buffers: csrBuffers(N, 'nb'), params: {} },
      k: 10,
      bits: 8,
      itemCategory: Int32Array.of(0, 0, 0, 1, 1, 1),
      nCategories: 2,
      trend: Float64Array.of(1, 2, 3, 4, 5, 6),
      tRef: t0,
      halfLifeDays: 14,
    });
    const events = [{ id: 1000, kind: 'purchase' as const, at: t0 }];
    const a = compiled.recommend(compiled.parseBundle(twin.bytes.slice().buffer), events, { n: 4, now: t0 });
    const b = source.recommend(source.parseBundle(twin.bytes.slice().buffer), events, { n: 4, now: t0 });
    expect(a).toEqual(b);
    // 1 (0.9) and 2 (0.4) from the purchase of item 0, then trending 5 (6) and 4 (5)
    expect(a.items.map((i) => i.productId)).toEqual([1001, 1002, 1005, 1004]);
    expect(a.items.map((i) => i.reasons[0]!.kind)).toEqual([
      'because-you-interacted',
      'because-you-interacted',
      'trending',
      'trending',
    ]);
  });
});
