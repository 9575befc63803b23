import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  applySplit,
  EXCLUDED,
  kFoldSplits,
  leaveLastOutSplit,
  randomSplit,
  splitDescription,
  temporalSplit,
  TEST,
  TRAIN,
  VALIDATION,
} from './split';
import { decodeSplit, encodeSplit, loadSplit, saveSplit } from './split-io';
import type { Interactions } from './types';

function synthetic(n: number, nUsers = 20, nItems = 30): Interactions {
  return {
    nUsers,
    nItems,
    users: Int32Array.from({ length: n }, (_, k) => k % nUsers),
    items: Int32Array.from({ length: n }, (_, k) => (k * 7) % nItems),
    values: Float32Array.from({ length: n }, (_, k) => 1 + (k % 5)),
    timestamps: Float64Array.from({ length: n }, (_, k) => 1000 + ((k * 37) % n)),
  };
}
const count = (part: Uint8Array, which: number) => part.reduce((a, p) => a + (p === which ? 1 : 0), 0);

describe('randomSplit', () => {
  test('exact 80/20 sizes, nested validation, deterministic per seed', () => {
    const data = synthetic(1000);
    const s = randomSplit(data, { testFraction: 0.2, validationFraction: 0.2, seed: 1 });
    expect(count(s.part, TEST)).toBe(200);
    expect(count(s.part, VALIDATION)).toBe(160);
    expect(count(s.part, TRAIN)).toBe(640);
    expect(randomSplit(data, { testFraction: 0.2, validationFraction: 0.2, seed: 1 }).part).toEqual(s.part);
    expect(randomSplit(data, { testFraction: 0.2, validationFraction: 0.2, seed: 2 }).part).not.toEqual(s.part);
    expect(splitDescription(s)).toBe('random 64/16/20 train/validation/test (seed 1)');
    expect(splitDescription(randomSplit(data))).toBe('random 80/20 (seed 42)');
  });
  test('bad fractions throw a RangeError naming the function', () => {
    expect(() => randomSplit(synthetic(10), { testFraction: 1 })).toThrow(/randomSplit/);
  });
});

describe('temporalSplit', () => {
  test('everything in test is at or after the cut, everything in train before it', () => {
    const data = synthetic(500);
    const s = temporalSplit(data, { testFraction: 0.2, validationFraction: 0.25 });
    const cut = Number(s.params.testCut),
      vcut = Number(s.params.validCut);
    for (let k = 0; k < 500; k++) {
      const t = data.timestamps![k]!;
      expect(s.part[k]).toBe(t >= cut ? TEST : t >= vcut ? VALIDATION : TRAIN);
    }
    expect(count(s.part, TEST)).toBe(100);
    expect(count(s.part, VALIDATION)).toBe(100);
  });
  test('needs timestamps', () => {
    const { timestamps: _t, ...rest } = synthetic(10);
    expect(() => temporalSplit(rest)).toThrow(/temporalSplit: interactions need timestamps/);
  });
});

describe('leaveLastOutSplit', () => {
  test('holds out each user’s latest (and second-latest) interaction', () => {
    const data: Interactions = {
      nUsers: 3,
      nItems: 5,
      users: Int32Array.of(0, 0, 0, 1, 1, 2),
      items: Int32Array.of(0, 1, 2, 3, 4, 0),
      values: Float32Array.of(1, 1, 1, 1, 1, 1),
      timestamps: Float64Array.of(30, 10, 20, 5, 5, 1),
    };
    expect(Array.from(leaveLastOutSplit(data).part)).toEqual([TEST, TRAIN, TRAIN, TRAIN, TEST, TRAIN]);
    expect(Array.from(leaveLastOutSplit(data, { validation: true }).part)).toEqual([
      TEST,
      TRAIN,
      VALIDATION,
      TRAIN,
      TRAIN,
      TRAIN,
    ]);
    expect(EXCLUDED).toBe(255);
  });
});

describe('kFoldSplits (Surprise KFold semantics)', () => {
  test('every interaction tested exactly once; fold sizes ⌊n/K⌋ (+1 for the first n mod K)', () => {
    const data = synthetic(103);
    const folds = kFoldSplits(data, { folds: 5, seed: 0 });
    expect(folds.map((f) => count(f.part, TEST))).toEqual([21, 21, 21, 20, 20]);
    const times = new Int32Array(103);
    for (const f of folds) {
      f.part.forEach((p, k) => {
        times[k]! += p === TEST ? 1 : 0;
      });
    }
    expect(Array.from(times).every((t) => t === 1)).toBe(true);
    expect(splitDescription(folds[1]!)).toBe('5-fold CV, fold 2 (seed 0)');
  });
  test('without shuffle the folds are contiguous blocks', () => {
    const f = kFoldSplits(synthetic(10), { folds: 3, shuffle: false });
    expect(Array.from(f[0]!.part)).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  });
});

describe('applySplit and split files', () => {
  test('applySplit partitions the interactions and rejects other data', () => {
    const data = synthetic(200);
    const s = randomSplit(data, { seed: 3 });
    const { train, test, validation } = applySplit(data, s);
    expect(train.users.length + test.users.length + validation.users.length).toBe(200);
    expect(test.timestamps!.length).toBe(40);
    expect(() => applySplit(synthetic(201), s)).toThrow(/applySplit/);
    const other = synthetic(200);
    other.items[0] = 29;
    expect(() => applySplit(other, s)).toThrow(/fingerprint/);
  });
  test('encode/decode and save/load round-trip', () => {
    const s = kFoldSplits(synthetic(50), { folds: 5, seed: 9 })[2]!;
    expect(decodeSplit(encodeSplit(s))).toEqual(s);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-split-')), 'sub', 'fold.split');
    saveSplit(file, s);
    expect(loadSplit(file)).toEqual(s);
    expect(fs.statSync(file).size).toBeLessThan(200);
    expect(() => decodeSplit(new Uint8Array(20))).toThrow(/decodeSplit/);
  });
});
