/**
 * The data side of a training run (pure): splitting a shop's interactions into parts that keep each row's
 * interaction kind, the decayed form models are fitted on, and the shared parts (histories, sequences, popularity)
 * of a part.
 */
import type { ContentModel } from '../content';
import { decayed, historyCsr, lastSequences, latestTime } from '../histories';
import { fitItemKnn } from '../item-knn';
import { leaveLastOutSplit, randomSplit, temporalSplit, TEST, VALIDATION, type Split } from '../split';
import type { Csr, Interactions } from '../types';
import { fitLivePopularity } from './popularity';
import type { SharedParts } from './types';

/** A shop's interactions in time order with the interaction kind of each row (0 view, 1 click, 2 cart, 3 purchase). */
export type KindedInteractions = { interactions: Interactions; kinds: Uint8Array };

/** How the evaluation split is made. */
export type SplitOptions = { split: 'temporal' | 'random' | 'leave-last-out'; testFraction: number; seed: number };

/** Half-lives (days) of the time decay models are fitted on and of trending popularity. */
export type DecaySettings = { halfLifeDays: number; trendingHalfLifeDays: number };

export type Part = { data: Interactions; kinds: Uint8Array };

/** Rows whose split part passes `keep`, in their original (time) order. */
export function subset(shop: KindedInteractions, part: Uint8Array, keep: (p: number) => boolean): Part {
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
export function makeSplit(data: Interactions, options: SplitOptions): Split {
  if (options.split === 'random')
    return randomSplit(data, { testFraction: options.testFraction, validationFraction: 0.15, seed: options.seed });
  if (options.split === 'leave-last-out') return leaveLastOutSplit(data, { validation: true });
  return temporalSplit(data, { testFraction: options.testFraction, validationFraction: 0.15 });
}

export function splitParts(shop: KindedInteractions, split: Split) {
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
export function partTools(settings: DecaySettings, itemCategory: Int32Array, content: () => ContentModel) {
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
