/**
 * The server's side of an exported bundle, for comparisons (tests and the benchmark): the serving core
 * (`rankForHistory`) over one item → item neighbour model — exactly what the service serves for item-kNN — and the
 * device bundle exported from the same lists, with the local events turned into the server's RequestHistory.
 */
import { fitContent } from '../content';
import { decayFactor } from '../histories';
import { createPopularity } from '../models/popularity';
import { FAMILIES } from '../models/registry';
import type { Fitted, RequestHistory, SharedParts } from '../models/types';
import type { ServingCore } from '../serving-core';
import { DEVICE_K_RANGE, type ExportInput, exportDeviceBundle, fitDeviceBundle } from './export';
import type { Header, Kind, LocalEvent } from './scorer';

const KINDS: Kind[] = ['view', 'click', 'cart', 'purchase'];
export const EVENT_WEIGHTS: Header['eventWeights'] = [1, 2, 4, 8];

export type Twin = {
  core: ServingCore;
  bytes: Uint8Array;
  /** neighbours kept per item */
  k: number;
  /** product id of item i = 1000 + i */
  history(events: readonly LocalEvent[]): RequestHistory;
};

/**
 * Server core (the family's own serving model loaded from `fitted`) and the device bundle exported from it, items in
 * `nCategories` categories "Shop > C<c>" (item i in category itemCategory[i]), trending counters `trend`; k
 * neighbours a list, or the largest k whose compressed size fits a budget (`fitDeviceBundle`).
 */
export function serverTwin(options: {
  family: 'item-knn' | 'ease';
  fitted: Fitted;
  k: number | { budget: number; size: (bytes: Uint8Array) => number };
  bits: 8 | 16;
  itemCategory: Int32Array;
  nCategories: number;
  trend: Float64Array;
  tRef: number;
  halfLifeDays: number;
  unavailable?: number[];
  /** display titles (default "Item i") */
  titles?: readonly string[];
}): Twin {
  const { itemCategory, tRef, halfLifeDays } = options;
  const nItems = itemCategory.length;
  const popularity = createPopularity(options.trend, new Float64Array(nItems), halfLifeDays, tRef);
  const content = fitContent(Array.from(itemCategory, (c) => ({ categoryPath: ['Shop', `C${c}`] })));
  const none = {
    nRows: 0,
    nCols: nItems,
    rowPtr: new Int32Array(1),
    colIdx: new Int32Array(0),
    values: new Float32Array(0),
  };
  const shared: SharedParts = {
    nItems,
    history: none,
    sequences: { ptr: new Int32Array(1), items: new Int32Array(0) },
    popularity,
    content,
    itemCategory,
  };
  const model = FAMILIES[options.family].load(options.fitted, shared);
  if (!model.device) throw new RangeError(`serverTwin: ${options.family} has no device lists`);
  const unavailable = new Uint8Array(nItems);
  for (const i of options.unavailable ?? []) unavailable[i] = 1;
  const core: ServingCore = {
    nItems,
    components: [{ model, weight: 1 }],
    popularity,
    content,
    itemCategory,
    unavailable,
    repurchasable: new Set(),
  };
  const input: Omit<ExportInput, 'k'> = {
    model: { kind: options.family, runId: 1, version: 1, binary: model.device.binary, signed: model.device.signed },
    neighbours: model.device.lists(typeof options.k === 'number' ? options.k : DEVICE_K_RANGE[1]),
    bits: options.bits,
    exportedAt: tRef,
    tRef,
    halfLifeDays,
    eventWeights: EVENT_WEIGHTS,
    products: Array.from({ length: nItems }, (_, i) => [
      1000 + i,
      `SKU-${i}`,
      options.titles?.[i] ?? `Item ${i}`,
      null,
    ]),
    categories: [
      { id: 1, path: 'Shop', name: 'Shop', nameZh: null },
      ...Array.from({ length: options.nCategories }, (_, c) => ({
        id: c + 2,
        path: `Shop > C${c}`,
        name: `C${c}`,
        nameZh: null,
      })),
    ],
    itemCategory: Int32Array.from(itemCategory, (c) => c + 1),
    repurchasable: [],
    unavailable: options.unavailable ?? [],
    trend: Float64Array.from(options.trend),
    messages: { en: {} },
  };
  const { k, bytes } =
    typeof options.k === 'number'
      ? { k: options.k, bytes: exportDeviceBundle({ ...input, k: options.k }) }
      : fitDeviceBundle(input, options.k.size, options.k.budget);
  const history = (events: readonly LocalEvent[]): RequestHistory => {
    let reference = tRef;
    for (const e of events) reference = Math.max(reference, e.at);
    const value = new Map<number, number>(),
      kind = new Map<number, number>();
    for (const e of events) {
      const i = e.id - 1000,
        k = KINDS.indexOf(e.kind);
      value.set(i, (value.get(i) ?? 0) + EVENT_WEIGHTS[k]! * decayFactor(e.at, reference, halfLifeDays));
      kind.set(i, Math.max(kind.get(i) ?? 0, k));
    }
    const items = Int32Array.from(value.keys()).sort();
    return {
      user: -1,
      items,
      values: Float32Array.from(items, (i) => value.get(i)!),
      kinds: Uint8Array.from(items, (i) => kind.get(i)!),
      sequence: new Int32Array(0),
      live: true,
    };
  };
  return { core, bytes, k, history };
}
