import { describe, expect, test } from 'vitest';
import { buildCsr, csrFromRows } from './csr';
import { evaluateRanking, evaluateRating } from './evaluate';
import { evaluateModels } from './evaluate-models';
import { fitPopularity } from './popularity';
import { kFoldSplits, randomSplit } from './split';
import type { Interactions, RankingModel } from './types';

/** scores item i as −i for everybody: ranks 0, 1, 2, … */
const byIndex = (nItems: number): RankingModel => ({
  name: 'by-index',
  nItems,
  scoreUser: (_u, out) => {
    for (let i = 0; i < nItems; i++) out[i] = -i;
  },
});

describe('evaluateRanking', () => {
  const train = csrFromRows(5, [
    [[0, 1]],
    [
      [1, 1],
      [2, 1],
    ],
    [],
    [[4, 1]],
  ]);
  const test_ = csrFromRows(5, [
    [
      [1, 1],
      [3, 1],
    ],
    [[0, 1]],
    [[4, 1]],
    [],
  ]);
  test('masks training items and averages metrics over test users', () => {
    const r = evaluateRanking(byIndex(5), train, test_, { k: 2, keepLists: true });
    // user 0: train {0} → list [1, 2], relevant {1, 3}: hit at 1 → ndcg = 1 / (1 + 1/log2 3)
    // user 1: train {1, 2} → list [0, 3], relevant {0}: ndcg 1
    // user 2: no train → list [0, 1], relevant {4}: 0.   user 3 has no test items: skipped
    expect(r.nUsers).toBe(3);
    expect(r.lists!.map((l) => Array.from(l))).toEqual([
      [1, 2],
      [0, 3],
      [0, 1],
    ]);
    expect(r.metrics.ndcg).toBeCloseTo((1 / (1 + 1 / Math.log2(3)) + 1 + 0) / 3, 12);
    expect(r.metrics.recall).toBeCloseTo((0.5 + 1 + 0) / 3, 12);
    expect(r.metrics.coverage).toBeCloseTo(4 / 5, 12);
    expect(evaluateRanking(byIndex(5), train, test_, { k: 2, users: 'warm' }).nUsers).toBe(2);
  });
  test('without masking, a repeat of a training item can be a hit', () => {
    const tr = csrFromRows(3, [[[0, 1]]]),
      te = csrFromRows(3, [[[0, 1]]]);
    expect(evaluateRanking(byIndex(3), tr, te, { k: 1 }).nUsers).toBe(0); // relevant set emptied by the mask
    expect(evaluateRanking(byIndex(3), tr, te, { k: 1, excludeTrain: false }).metrics.hitRate).toBe(1);
  });
  test('shape mismatch throws', () => {
    expect(() => evaluateRanking(byIndex(4), train, test_)).toThrow(/evaluateRanking/);
  });
});

describe('evaluateRating', () => {
  test('RMSE/MAE of a constant model', () => {
    const test_: Interactions = {
      nUsers: 1,
      nItems: 2,
      users: Int32Array.of(0, 0),
      items: Int32Array.of(0, 1),
      values: Float32Array.of(3, 5),
    };
    const r = evaluateRating({ name: 'four', predict: () => 4 }, test_);
    expect(r.rmse).toBeCloseTo(1, 12);
    expect(r.mae).toBeCloseTo(1, 12);
  });
});

describe('evaluateModels', () => {
  const n = 600,
    nUsers = 30,
    nItems = 40;
  const data: Interactions = {
    nUsers,
    nItems,
    users: Int32Array.from({ length: n }, (_, k) => k % nUsers),
    items: Int32Array.from({ length: n }, (_, k) => Math.floor(((k * 2654435761) % 1000) / 25)),
    values: Float32Array.from({ length: n }, (_, k) => 1 + (k % 5)),
  };
  test('one row per model with protocol, metrics and timing', () => {
    const rows = evaluateModels({
      interactions: data,
      split: randomSplit(data, { seed: 1 }),
      k: 5,
      models: [
        { kind: 'ranking', name: 'popularity', params: { weight: 'users' }, fit: (train) => fitPopularity(train) },
        {
          kind: 'rating',
          name: 'global-mean',
          fit: (train) => ({
            name: 'mean',
            predict: () => train.values.reduce((a, b) => a + b, 0) / train.values.length,
          }),
        },
      ],
    });
    expect(rows).toHaveLength(2);
    expect(rows[0]!.protocol).toMatch(/^random 80\/20 \(seed 1\); full ranking/);
    expect(rows[0]!.metrics['ndcg@5']).toBeGreaterThan(0);
    expect(rows[0]!.params).toEqual({ weight: 'users' });
    expect(rows[1]!.metrics.rmse).toBeGreaterThan(1);
    expect(rows[1]!.trainingMs).toBeGreaterThanOrEqual(0);
  });
  test('k-fold splits average over folds and hand validation only to tuning', () => {
    let sawTuning = false;
    const rows = evaluateModels({
      interactions: data,
      split: kFoldSplits(data, { folds: 3, seed: 2 }),
      models: [
        {
          kind: 'rating',
          name: 'three',
          fit: (_t, ctx) => {
            sawTuning ||= ctx.tuning !== undefined;
            return { name: 'three', predict: () => 3 };
          },
        },
      ],
    });
    expect(rows[0]!.folds).toBe(3);
    expect(rows[0]!.protocol).toMatch(/^3-fold CV \(seed 2\)/);
    expect(rows[0]!.std!.rmse).toBeGreaterThanOrEqual(0);
    expect(sawTuning).toBe(false);
    const withValidation = randomSplit(data, { validationFraction: 0.25, seed: 3 });
    evaluateModels({
      interactions: data,
      split: withValidation,
      models: [
        {
          kind: 'ranking',
          name: 'check',
          fit: (train, ctx) => {
            expect(ctx.tuning!.validation.users.length).toBe(120);
            expect(train.users.length).toBe(480); // train ∪ validation
            return fitPopularity(train);
          },
        },
      ],
    });
    expect(buildCsr(data).nRows).toBe(nUsers);
  });
});
