import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { datasetPath, datasetSkipReason, hasDataset } from '@/lib/testing/datasets';
import { fitItemKnn } from '../item-knn';
import type { createRng } from '../random';
import { rankForHistory } from '../serving-core';
import { applySplit, randomSplit } from '../split';
import type { Interactions } from '../types';
import { deltaVarints, denseTopK, exportDeviceBundle, pruneRows, quantiseRows } from './export';
import {
  describe as sentence,
  type Header,
  type Kind,
  type LocalEvent,
  loadBundle,
  parseBundle,
  recommend,
} from './scorer';
import { serverTwin, type Twin } from './server-twin';
import { knnFitted, synthetic, T0 } from './testing/synthetic';

const DAY = 86_400_000;
const KINDS: Kind[] = ['view', 'click', 'cart', 'purchase'];

function randomEvents(rng: ReturnType<typeof createRng>, nItems: number, count: number): LocalEvent[] {
  return Array.from({ length: count }, () => ({
    id: 1000 + rng.int(nItems),
    kind: KINDS[rng.int(4)]!,
    at: T0 - rng.int(60) * DAY,
  }));
}

/**
 * Device top-n equals the server's up to quantisation ties: at every rank the server's own score of the device's
 * item is within the quantisation error bound of the server's item there; the reasons name the same anchor
 * whenever the two best anchors are not within that bound of each other (checked: same kind everywhere).
 */
function compare(twin: Twin, events: LocalEvent[], n: number, bits: 8 | 16) {
  const model = parseBundle(twin.bytes.slice().buffer);
  const h = twin.history(events);
  const server = rankForHistory(twin.core, h, h.items.length > 0, { n });
  const device = recommend(model, events, { n, now: T0 });
  const raw = new Float32Array(twin.core.nItems);
  twin.core.components[0]!.model.score(h, raw);
  let lo = Infinity,
    hi = -Infinity,
    m = 0,
    bound = 0;
  for (const v of raw) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  for (const v of h.values) m = Math.max(m, v);
  h.items.forEach((j, k) => {
    bound += ((h.values[k]! / m) * model.scale[j]!) / (bits === 16 ? 65535 : 255);
  });
  const tol = (2 * bound) / Math.max(hi - lo, 1e-9) + 1e-6;
  const scaled = (i: number) => (hi > lo ? (raw[i]! - lo) / (hi - lo) : 0);
  expect(device.items.length).toBe(server.items.length);
  let sameAnchor = 0;
  server.items.forEach((s, r) => {
    const d = device.items[r]!;
    const di = d.productId - 1000;
    const srvScore = s.explanations[0]!.kind === 'trending' ? -1 : scaled(s.item);
    const devScore = d.reasons[0]!.kind === 'because-you-interacted' ? scaled(di) : -1;
    expect(Math.abs(devScore - srvScore)).toBeLessThanOrEqual(tol);
    const e = s.explanations[0]!;
    expect(d.reasons[0]!.kind.startsWith(e.kind)).toBe(true);
    if (
      d.reasons[0]!.kind === 'because-you-interacted' &&
      e.kind === 'because-you-interacted' &&
      d.reasons[0]!.data.anchor.productId === e.anchorItem + 1000
    )
      sameAnchor++;
    if (e.kind === 'trending') sameAnchor++;
  });
  return { sameAnchor, total: server.items.length, exact: device.items.map((d) => d.productId - 1000) };
}

describe('device bundle', () => {
  const { data, itemCategory, nCat, trend, rng } = synthetic(7);
  const N = fitItemKnn(data, { k: 50, shrink: 10 }).neighbours;
  const twin = (bits: 8 | 16, unavailable: number[] = []) =>
    serverTwin({
      family: 'item-knn',
      fitted: knnFitted(N),
      k: 50,
      bits,
      itemCategory,
      nCategories: nCat,
      trend,
      tRef: T0,
      halfLifeDays: 14,
      unavailable,
    });

  test.each([8, 16] as const)('%i-bit top-10 equals the server top-10 up to quantisation ties', (bits) => {
    const t = twin(bits, [3, 17]);
    let same = 0,
      total = 0;
    for (let r = 0; r < 200; r++) {
      const c = compare(t, randomEvents(rng, 400, 1 + rng.int(15)), 10, bits);
      same += c.sameAnchor;
      total += c.total;
      expect(c.exact).not.toContain(3);
      expect(c.exact).not.toContain(17);
    }
    expect(same / total).toBeGreaterThanOrEqual(bits === 16 ? 0.99 : 0.95);
  });

  test('pruning keeps the k largest of each list in column order; quantisation is within half a step', () => {
    const { ptr, idx, val } = pruneRows(N, 20);
    const { q, scale } = quantiseRows(ptr, val, 8);
    for (let r = 0; r < 400; r++) {
      expect(ptr[r + 1]! - ptr[r]!).toBe(Math.min(20, N.rowPtr[r + 1]! - N.rowPtr[r]!));
      let smallest = Infinity;
      for (let s = ptr[r]!; s < ptr[r + 1]!; s++) {
        expect(Math.abs((q[s]! * scale[r]!) / 255 - val[s]!)).toBeLessThanOrEqual(scale[r]! / 510 + 1e-7);
        if (s > ptr[r]!) expect(idx[s]!).toBeGreaterThan(idx[s - 1]!);
        smallest = Math.min(smallest, val[s]!);
      }
      const kept = new Set(idx.subarray(ptr[r]!, ptr[r + 1]!));
      for (let s = N.rowPtr[r]!; s < N.rowPtr[r + 1]!; s++)
        if (!kept.has(N.colIdx[s]!)) expect(N.values[s]!).toBeLessThanOrEqual(smallest);
    }
  });

  test('signed lists keep the largest |weights| with their sign; column gaps are LEB128 varints', () => {
    const S = {
      nRows: 1,
      nCols: 4,
      rowPtr: Int32Array.of(0, 4),
      colIdx: Int32Array.of(0, 1, 2, 3),
      values: Float32Array.of(0.5, -1, 0.1, -0.2),
    };
    const { ptr, idx, val } = pruneRows(S, 2, true);
    expect(Array.from(idx)).toEqual([0, 1]);
    expect(Array.from(quantiseRows(ptr, val, 8, true).q)).toEqual([64, -127]); // round(127 · 0.5) = 64
    expect(Array.from(pruneRows(S, 2).idx)).toEqual([0, 2]);
    // gaps 5, 195, 69,800: 195 = 67 + 1·128, 69,800 = 40 + 33·128 + 4·128²
    expect(Array.from(deltaVarints(Uint32Array.of(0, 3), Int32Array.of(5, 200, 70_000)))).toEqual([
      5, 195, 1, 168, 161, 4,
    ]);
  });

  test('an empty history gets trending, the category filter keeps to its categories', () => {
    const model = parseBundle(twin(8).bytes.slice().buffer);
    const cold = recommend(model, [], { n: 5, now: T0 });
    expect(cold.strategy).toBe('popularity');
    const byTrend = Array.from(trend.keys()).sort((a, b) => trend[b]! - trend[a]! || a - b);
    expect(cold.items.map((i) => i.productId - 1000)).toEqual(byTrend.slice(0, 5));
    expect(cold.items[0]!.reasons[0]).toEqual({
      kind: 'trending',
      data: {
        category: { categoryId: 2 + itemCategory[byTrend[0]!]!, path: expect.any(String), name: expect.any(String) },
        score: trend[byTrend[0]!],
      },
    });
    const events: LocalEvent[] = [{ id: 1000 + 5, kind: 'purchase', at: T0 }];
    const inC3 = recommend(model, events, { n: 60, category: 2 + 3 });
    expect(inC3.items.length).toBe(50); // category 3 holds 50 items
    for (const it of inC3.items) expect(itemCategory[it.productId - 1000]).toBe(3);
    // item 5 is in category 5: its neighbours in category 3 come first, then trending tops the list up
    expect(inC3.items.at(-1)!.reasons[0]!.kind).toBe('trending');
    expect(recommend(model, events, { n: 400, category: 1 }).items.length).toBe(399); // the root: all but item 5
  });

  const bundleInput = (header: Header) => ({
    ...header,
    model: { kind: 'item-knn', runId: 1, version: 1, binary: false, signed: false },
    bits: 8 as const,
    itemCategory: Int32Array.from(itemCategory, (c) => c + 1),
    trend,
  });

  test('reasons read like the server sentences', () => {
    const t = twin(8);
    const bytes = exportDeviceBundle({
      ...bundleInput(parseBundle(t.bytes.slice().buffer).header),
      neighbours: N,
      k: 50,
      messages: { en: { 'because.purchase': 'Because you bought {title} (similarity {similarity})' } },
    });
    const model = parseBundle(bytes.slice().buffer);
    const r = recommend(model, [{ id: 1005, kind: 'purchase', at: T0 }], { n: 1 }).items[0]!.reasons[0]!;
    expect(r.kind).toBe('because-you-interacted');
    if (r.kind !== 'because-you-interacted') return;
    expect(sentence(model, r)).toBe(`Because you bought Item 5 (similarity ${r.data.similarity.toFixed(2)})`);
  });

  test('bundle size: 50 neighbours a list at 8 bits is ~3 bytes an entry before gzip', () => {
    const bytes = twin(8).bytes;
    const entries = parseBundle(bytes.slice().buffer).w.length;
    expect(entries).toBeGreaterThan(400 * 40);
    expect(bytes.length).toBeLessThan(entries * 3 + 400 * 60 + 2000);
    expect(gzipSync(bytes).length).toBeLessThan(bytes.length);
  });

  test('denseTopK keeps the k largest positive off-diagonal weights of each row', () => {
    const B = Float32Array.of(9, 0.5, -1, 0.2, 0, 0.7, 0.3, 0.3, 0);
    const L = denseTopK(B, 3, 1);
    expect(Array.from(L.rowPtr)).toEqual([0, 1, 2, 3]);
    expect(Array.from(L.colIdx)).toEqual([1, 2, 0]); // row 2: a tie 0.3 / 0.3 goes to the smaller column
    expect(Array.from(L.values)).toEqual([0.5, Math.fround(0.7), Math.fround(0.3)]);
    expect(Array.from(denseTopK(B, 3, 1, true).colIdx)).toEqual([2, 2, 0]); // |−1| > 0.5 in row 0
    expect(() => denseTopK(B, 2, 1)).toThrow(RangeError);
  });

  test('loadBundle inflates the gzipped form and reports refusals', async () => {
    const bytes = twin(8).bytes;
    const real = globalThis.fetch;
    try {
      globalThis.fetch = (async (_url: string, init?: RequestInit) => {
        const accept = new Headers(init?.headers).get('accept');
        if (new Headers(init?.headers).get('authorization') !== 'Bearer good')
          return Response.json({ error: { message: 'A valid API key is required.' } }, { status: 401 });
        return new Response(Buffer.from(accept === 'application/gzip' ? gzipSync(bytes) : bytes), {
          headers: { 'content-type': accept === 'application/gzip' ? 'application/gzip' : 'application/octet-stream' },
        });
      }) as typeof fetch;
      const model = await loadBundle('/bundle', { authorization: 'Bearer good' });
      expect(model.nItems).toBe(400);
      expect(model.w.length).toBe(parseBundle(bytes.slice().buffer).w.length);
      await expect(loadBundle('/bundle', { authorization: 'Bearer bad' })).rejects.toThrow(
        '401: A valid API key is required.',
      );
    } finally {
      globalThis.fetch = real;
    }
  });

  test('a bundle that is not one is refused', () => {
    expect(() => parseBundle(new Uint8Array(16).buffer)).toThrow(/not a Precisa device bundle/);
  });
});

describe.skipIf(!hasDataset('movielens_100k'))(`ml-100k device bundle (${datasetSkipReason('movielens_100k')})`, () => {
  test('top-10 equals the server item-kNN top-10 up to quantisation ties', () => {
    const rows = fs.readFileSync(datasetPath('movielens_100k', 'u.data'), 'utf8').trim().split('\n');
    const cols = rows.map((l) => l.split('\t').map(Number));
    const all: Interactions = {
      nUsers: 943,
      nItems: 1682,
      users: Int32Array.from(cols, (c) => c[0]! - 1),
      items: Int32Array.from(cols, (c) => c[1]! - 1),
      values: new Float32Array(cols.length).fill(1),
    };
    const { train } = applySplit(all, randomSplit(all, { testFraction: 0.2, seed: 42 }));
    const N = fitItemKnn(train, { k: 100, shrink: 10 }).neighbours;
    const trend = new Float64Array(1682);
    for (const i of train.items) trend[i]! += 1;
    const t = serverTwin({
      family: 'item-knn',
      fitted: knnFitted(N),
      k: 100,
      bits: 8,
      itemCategory: new Int32Array(1682),
      nCategories: 1,
      trend,
      tRef: T0,
      halfLifeDays: 14,
    });
    let same = 0,
      total = 0;
    for (let u = 0; u < 943; u += 5) {
      const events: LocalEvent[] = [];
      for (let k = 0; k < train.users.length; k++)
        if (train.users[k] === u) events.push({ id: 1000 + train.items[k]!, kind: 'purchase', at: T0 });
      const c = compare(t, events, 10, 8);
      same += c.sameAnchor;
      total += c.total;
    }
    expect(same / total).toBeGreaterThanOrEqual(0.95);
  });
});
