/**
 * Train/validation/test splits of coordinate `Interactions`, all deterministic for a given seed.
 *
 * A `Split` is a per-interaction assignment (`part[k]` = TRAIN 0, TEST 1, VALIDATION 2, EXCLUDED 255) plus the
 * protocol that made it, so it can be saved (split-io.ts), reloaded and applied to the same data again; a
 * fingerprint of the user/item columns guards against applying it to other data.
 *
 * Stable API (engineer B evaluates with these):
 *   randomSplit(data, { testFraction: 0.2, validationFraction: 0, seed: 42 })  per-interaction, exact counts
 *   temporalSplit(data, { testFraction: 0.2, validationFraction: 0 })          global time cut at a quantile
 *   leaveLastOutSplit(data, { validation: false, minInteractions: 2 })         per user, by timestamp
 *   kFoldSplits(data, { folds: 5, seed: 42, shuffle: true })                   Surprise KFold semantics
 *   applySplit(data, split) → { train, test, validation }                      Interactions (copies)
 *   splitDescription(split) → 'random 80/20 (seed 42)'                         text for result tables
 *
 * @example
 * const split = randomSplit(data, { testFraction: 0.2, seed: 1234 });
 * const { train, test } = applySplit(data, split);
 */
import { validateInteractions } from './csr';
import { createRng, shuffleInPlace } from './random';
import type { Interactions } from './types';

export const TRAIN = 0;
export const TEST = 1;
export const VALIDATION = 2;
export const EXCLUDED = 255;

export type SplitKind = 'random' | 'temporal' | 'leave-last-out' | 'kfold';

export type Split = {
  kind: SplitKind;
  /** the options that produced it (seed, fractions, fold index …), for reports and re-creation */
  params: Record<string, number | string | boolean>;
  /** number of interactions it was made for */
  n: number;
  /** hash of the user/item columns (see interactionsFingerprint) */
  fingerprint: number;
  /** per-interaction part: TRAIN, TEST, VALIDATION or EXCLUDED */
  part: Uint8Array;
};

/** FNV-1a over n, nUsers, nItems and the user/item columns: cheap, order-sensitive. */
export function interactionsFingerprint(data: Interactions): number {
  let h = 0x811c9dc5;
  const mix = (x: number) => {
    h = Math.imul(h ^ (x & 0xffff), 0x01000193);
    h = Math.imul(h ^ (x >>> 16), 0x01000193);
  };
  mix(data.users.length);
  mix(data.nUsers);
  mix(data.nItems);
  for (let k = 0; k < data.users.length; k++) {
    mix(data.users[k]!);
    mix(data.items[k]!);
  }
  return h >>> 0;
}

function checkFraction(fn: string, name: string, x: number): void {
  if (!(x >= 0 && x < 1)) throw new RangeError(`${fn}: ${name} must be in [0, 1), got ${x}`);
}

export type RandomSplitOptions = {
  /** share of all interactions in the test set; default 0.2 */
  testFraction?: number;
  /** share of the remaining (non-test) interactions moved to validation; default 0 */
  validationFraction?: number;
  seed?: number;
};

/**
 * Random per-interaction split with exact sizes: shuffle all positions, the first round(n·(1−test)) are
 * train+validation, the rest test; then the first round(m·(1−validation)) of those stay train. This is the
 * protocol of Recommenders.jl `ratio_split(table, 0.8)` applied twice (train/valid/test = 64/16/20).
 *
 * @example
 * randomSplit(data, { testFraction: 0.2, validationFraction: 0.2, seed: 42 });
 */
export function randomSplit(data: Interactions, options: RandomSplitOptions = {}): Split {
  const { testFraction = 0.2, validationFraction = 0, seed = 42 } = options;
  checkFraction('randomSplit', 'testFraction', testFraction);
  checkFraction('randomSplit', 'validationFraction', validationFraction);
  validateInteractions(data, 'randomSplit');
  const n = data.users.length;
  const perm = shuffleInPlace(
    Int32Array.from({ length: n }, (_, k) => k),
    createRng(seed),
  );
  const nTrainValid = Math.round(n * (1 - testFraction));
  const nTrain = Math.round(nTrainValid * (1 - validationFraction));
  const part = new Uint8Array(n);
  for (let t = 0; t < n; t++) part[perm[t]!] = t < nTrain ? TRAIN : t < nTrainValid ? VALIDATION : TEST;
  return {
    kind: 'random',
    params: { testFraction, validationFraction, seed },
    n,
    fingerprint: interactionsFingerprint(data),
    part,
  };
}

export type TemporalSplitOptions = {
  /** share of the time-ordered interactions after the test cut; default 0.2 (cut at the 0.8 quantile) */
  testFraction?: number;
  /** share before the test cut that forms validation (a second, earlier cut); default 0 */
  validationFraction?: number;
};

/**
 * Global temporal split: the cut time t* is the timestamp at position ⌈n·(1−testFraction)⌉ of the sorted times;
 * interactions with t < t* are train (or validation after the earlier cut), t ≥ t* are test, so equal
 * timestamps never straddle a cut. Needs `timestamps`.
 *
 * @example
 * temporalSplit(retail, { testFraction: 0.2 }); // the last 20 % of purchases (by time) are the test set
 */
export function temporalSplit(data: Interactions, options: TemporalSplitOptions = {}): Split {
  const { testFraction = 0.2, validationFraction = 0 } = options;
  checkFraction('temporalSplit', 'testFraction', testFraction);
  checkFraction('temporalSplit', 'validationFraction', validationFraction);
  validateInteractions(data, 'temporalSplit');
  const ts = data.timestamps;
  if (!ts) throw new RangeError('temporalSplit: interactions need timestamps');
  const n = ts.length;
  const sorted = Float64Array.from(ts).sort();
  const cutAt = (q: number) => (n === 0 ? Infinity : sorted[Math.min(n - 1, Math.ceil(n * q - 1e-9))]!);
  const testCut = testFraction === 0 ? Infinity : cutAt(1 - testFraction);
  const validCut = validationFraction === 0 ? testCut : cutAt((1 - testFraction) * (1 - validationFraction));
  const part = new Uint8Array(n);
  for (let k = 0; k < n; k++) part[k] = ts[k]! >= testCut ? TEST : ts[k]! >= validCut ? VALIDATION : TRAIN;
  return {
    kind: 'temporal',
    params: { testFraction, validationFraction, testCut, validCut },
    n,
    fingerprint: interactionsFingerprint(data),
    part,
  };
}

export type LeaveLastOutOptions = {
  /** also hold out each user's second-to-last interaction as validation; default false */
  validation?: boolean;
  /** users with fewer interactions keep all of them in train; default 2 (3 when validation) */
  minInteractions?: number;
};

/**
 * Leave-last-one-out: each user's latest interaction (largest timestamp; ties → the later position in input) is
 * the test item; with `validation`, the one before it is validation. Without timestamps, input order is time.
 *
 * @example
 * leaveLastOutSplit(data, { validation: true }); // next-item protocol of SASRec/GRU4Rec papers
 */
export function leaveLastOutSplit(data: Interactions, options: LeaveLastOutOptions = {}): Split {
  const { validation = false } = options;
  const minInteractions = options.minInteractions ?? (validation ? 3 : 2);
  validateInteractions(data, 'leaveLastOutSplit');
  const n = data.users.length;
  const ts = data.timestamps;
  const later = (a: number, b: number) => (ts ? ts[a]! > ts[b]! || (ts[a]! === ts[b]! && a > b) : a > b);
  const last = new Int32Array(data.nUsers).fill(-1);
  const second = new Int32Array(data.nUsers).fill(-1);
  const count = new Int32Array(data.nUsers);
  for (let k = 0; k < n; k++) {
    const u = data.users[k]!;
    count[u]!++;
    const l = last[u]!;
    if (l < 0 || later(k, l)) {
      second[u] = l;
      last[u] = k;
    } else if (second[u]! < 0 || later(k, second[u]!)) second[u] = k;
  }
  const part = new Uint8Array(n);
  for (let u = 0; u < data.nUsers; u++) {
    if (count[u]! < minInteractions || last[u]! < 0) continue;
    part[last[u]!] = TEST;
    if (validation && second[u]! >= 0) part[second[u]!] = VALIDATION;
  }
  return {
    kind: 'leave-last-out',
    params: { validation, minInteractions },
    n,
    fingerprint: interactionsFingerprint(data),
    part,
  };
}

export type KFoldOptions = { folds?: number; seed?: number; shuffle?: boolean };

/**
 * K-fold cross-validation with Surprise's `KFold` semantics: shuffle the interaction positions (seeded), then
 * fold f tests the contiguous block [start_f, stop_f) of that order, where each block has ⌊n/K⌋ entries and the
 * first n mod K blocks one more; every interaction is tested exactly once.
 *
 * @example
 * for (const split of kFoldSplits(ratings, { folds: 5, seed: 0 })) { const { train, test } = applySplit(ratings, split); }
 */
export function kFoldSplits(data: Interactions, options: KFoldOptions = {}): Split[] {
  const { folds = 5, seed = 42, shuffle = true } = options;
  validateInteractions(data, 'kFoldSplits');
  const n = data.users.length;
  if (!Number.isInteger(folds) || folds < 2 || folds > n)
    throw new RangeError(`kFoldSplits: folds must be an integer in 2..${n}, got ${folds}`);
  const order = Int32Array.from({ length: n }, (_, k) => k);
  if (shuffle) shuffleInPlace(order, createRng(seed));
  const fingerprint = interactionsFingerprint(data);
  const out: Split[] = [];
  let stop = 0;
  for (let f = 0; f < folds; f++) {
    const start = stop;
    stop += Math.floor(n / folds) + (f < n % folds ? 1 : 0);
    const part = new Uint8Array(n);
    for (let t = start; t < stop; t++) part[order[t]!] = TEST;
    out.push({ kind: 'kfold', params: { folds, fold: f, seed, shuffle }, n, fingerprint, part });
  }
  return out;
}

/** The interactions whose part equals `which` (copies of the columns; nUsers/nItems unchanged). */
export function selectPart(data: Interactions, part: Uint8Array, which: number): Interactions {
  let m = 0;
  for (let k = 0; k < part.length; k++) if (part[k] === which) m++;
  const users = new Int32Array(m),
    items = new Int32Array(m),
    values = new Float32Array(m);
  const timestamps = data.timestamps ? new Float64Array(m) : undefined;
  let t = 0;
  for (let k = 0; k < part.length; k++) {
    if (part[k] !== which) continue;
    users[t] = data.users[k]!;
    items[t] = data.items[k]!;
    values[t] = data.values[k]!;
    if (timestamps) timestamps[t] = data.timestamps![k]!;
    t++;
  }
  return { nUsers: data.nUsers, nItems: data.nItems, users, items, values, ...(timestamps ? { timestamps } : {}) };
}

/**
 * Materialises a split. Throws a RangeError when the split was made for other data (length or fingerprint).
 *
 * @example
 * const { train, validation, test } = applySplit(data, randomSplit(data, { validationFraction: 0.2 }));
 */
export function applySplit(
  data: Interactions,
  split: Split,
): { train: Interactions; test: Interactions; validation: Interactions } {
  if (split.n !== data.users.length || split.part.length !== data.users.length) {
    throw new RangeError(`applySplit: split is for ${split.n} interactions, data has ${data.users.length}`);
  }
  if (split.fingerprint !== interactionsFingerprint(data))
    throw new RangeError('applySplit: split fingerprint does not match these interactions');
  return {
    train: selectPart(data, split.part, TRAIN),
    test: selectPart(data, split.part, TEST),
    validation: selectPart(data, split.part, VALIDATION),
  };
}

/** Human-readable protocol, e.g. "random 80/20 (seed 42)" or "5-fold CV, fold 2 (seed 0)". */
export function splitDescription(split: Split): string {
  const p = split.params;
  const pct = (x: unknown) => Math.round(Number(x) * 100);
  switch (split.kind) {
    case 'random': {
      const test = pct(p.testFraction),
        valid = Number(p.validationFraction);
      const trainValid = 100 - test;
      return valid > 0
        ? `random ${Math.round(trainValid * (1 - valid))}/${trainValid - Math.round(trainValid * (1 - valid))}/${test} train/validation/test (seed ${p.seed})`
        : `random ${trainValid}/${test} (seed ${p.seed})`;
    }
    case 'temporal':
      return `temporal, global cut at the ${100 - pct(p.testFraction)}th time percentile`;
    case 'leave-last-out':
      return `leave-last-one-out per user${p.validation ? ' (+ second-last as validation)' : ''}`;
    case 'kfold':
      return `${p.folds}-fold CV, fold ${Number(p.fold) + 1} (seed ${p.seed})`;
  }
}
