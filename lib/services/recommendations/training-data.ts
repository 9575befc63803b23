/**
 * The data side of a training run (pure): splitting a shop snapshot into parts that keep each row's interaction
 * kind, the decayed form models are fitted on, and the shared parts (histories, sequences, popularity) of a part.
 */
import type { ContentModel } from '@/lib/engine/recommend/content';
import { fitItemKnn } from '@/lib/engine/recommend/item-knn';
import { leaveLastOutSplit, randomSplit, temporalSplit, TEST, VALIDATION, type Split } from '@/lib/engine/recommend/split';
import type { Csr, Interactions } from '@/lib/engine/recommend/types';
import type { SharedBuffers } from './artifact';
import type { ShopData } from './data';
import { decayed, historyCsr, kindCsr, lastSequences, latestTime } from '@/lib/engine/recommend/histories';
import { fitLivePopularity } from '@/lib/engine/recommend/models/popularity';
import type { SharedParts } from '@/lib/engine/recommend/models/types';
import type { RecommendSettings } from './settings-schema';
import type { TrainingOptions } from './training-schema';

export type Part = { data: Interactions; kinds: Uint8Array };

/** Rows whose split part passes `keep`, in their original (time) order. */
export function subset(shop: Pick<ShopData, 'interactions' | 'kinds'>, part: Uint8Array, keep: (p: number) => boolean): Part {
  const d = shop.interactions;
  const idx: number[] = [];
  for (let k = 0; k < part.length; k++) if (keep(part[k]!)) idx.push(k);
  return {
    data: {
      nUsers: d.nUsers,
      nItems: d.nItems,
      users: Int32Array.from(idx, (k) => d.users[k]!),
      items: Int32Array.from(idx, (k) => d.items[k]!),
      values: Float32Array.from(idx, (k) => d.values[k]!),
      timestamps: Float64Array.from(idx, (k) => d.timestamps![k]!),
    },
    kinds: Uint8Array.from(idx, (k) => shop.kinds[k]!),
  };
}

/** The evaluation split: the chosen protocol with a validation part carved from the training side for tuning. */
export function makeSplit(data: Interactions, options: Pick<TrainingOptions, 'split' | 'testFraction' | 'seed'>): Split {
  if (options.split === 'random') return randomSplit(data, { testFraction: options.testFraction, validationFraction: 0.15, seed: options.seed });
  if (options.split === 'leave-last-out') return leaveLastOutSplit(data, { validation: true });
  return temporalSplit(data, { testFraction: options.testFraction, validationFraction: 0.15 });
}

export function splitParts(shop: ShopData, split: Split) {
  return {
    /** tuning: fit here … */
    train: subset(shop, split.part, (p) => p !== TEST && p !== VALIDATION),
    /** … choose hyper-parameters and blend weights here */
    validation: subset(shop, split.part, (p) => p === VALIDATION),
    /** evaluation: fit on train ∪ validation, score on test (as evaluateModels does) */
    fitTrain: subset(shop, split.part, (p) => p !== TEST),
    all: { data: shop.interactions, kinds: shop.kinds } as Part,
  };
}

/**
 * Memoised per part: its decayed interactions (what models fit on) and shared parts (histories, sequences,
 * trending popularity referenced to the part's latest interaction, the catalogue's content model).
 */
export function partTools(settings: RecommendSettings, itemCategory: Int32Array, content: () => ContentModel) {
  const decayedCache = new Map<Part, Interactions>();
  const partOf = new WeakMap<Interactions, Part>();
  const sharedCache = new Map<Part, SharedParts>();
  const decayedOf = (p: Part) => {
    let d = decayedCache.get(p);
    if (!d) {
      d = decayed(p.data, settings.halfLifeDays);
      decayedCache.set(p, d);
      partOf.set(d, p);
    }
    return d;
  };
  const sharedOf = (p: Part): SharedParts => {
    let s = sharedCache.get(p);
    if (!s) {
      s = {
        nItems: p.data.nItems,
        history: historyCsr(decayedOf(p)),
        sequences: lastSequences(p.data),
        popularity: fitLivePopularity(p.data, p.kinds, settings.trendingHalfLifeDays, latestTime(p.data)),
        content: content(),
        itemCategory,
      };
      sharedCache.set(p, s);
    }
    return s;
  };
  const sharedOfDecayed = (d: Interactions) => {
    const p = partOf.get(d);
    if (!p) throw new RangeError('partTools: unknown interactions (not made by decayedOf)');
    return sharedOf(p);
  };
  return { decayedOf, sharedOf, sharedOfDecayed };
}

/** "Bought together" neighbours for similar items: item-kNN cosine on the 0/1 pattern of all data. */
export function coocNeighbours(all: Interactions): Csr {
  return fitItemKnn(all, { k: 50, shrink: 10 }).neighbours;
}

/** The shared buffers of a bundle (precomputed lists empty; filled later). */
export function sharedBuffers(shop: ShopData, part: Part, shared: SharedParts, cooc: Csr): SharedBuffers {
  const kinds = kindCsr(part.data, part.kinds);
  return {
    userIds: shop.userIds,
    itemIds: shop.itemIds,
    historyRowPtr: shared.history.rowPtr,
    historyColIdx: shared.history.colIdx,
    historyValues: shared.history.values,
    historyKinds: kinds.values,
    seqPtr: shared.sequences.ptr,
    seqItems: shared.sequences.items,
    popTrend: Float32Array.from(shared.popularity.scores),
    popPurchases: Float32Array.from(shared.popularity.purchases),
    coocRowPtr: cooc.rowPtr,
    coocColIdx: cooc.colIdx,
    coocValues: cooc.values,
    preItems: new Int32Array(0),
    preScores: new Float32Array(0),
  };
}
