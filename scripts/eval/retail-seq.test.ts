import { describe, expect, test } from 'vitest';
import { TEST, TRAIN, VALIDATION } from '@/lib/engine/recommendation/split';
import type { Interactions } from '@/lib/engine/recommendation/types';
import { lastDaySplit, retailSeqTargetNote } from './retail-seq';
import type { Section } from './report';

const at = (iso: string) => Date.parse(iso);

describe('lastDaySplit', () => {
  test('last purchase day → test, the day before → validation, one- and two-day customers as the protocol says', () => {
    const lines: [number, string][] = [
      [0, '2011-01-03T10:00Z'], // customer 0: one day, stays in train
      [0, '2011-01-03T15:00Z'],
      [1, '2011-02-01T09:00Z'], // customer 1: two days → first day train, last day test
      [1, '2011-03-01T23:59Z'],
      [1, '2011-03-01T00:00Z'],
      [2, '2011-04-01T12:00Z'], // customer 2: three days (input out of time order)
      [2, '2011-06-01T08:00Z'],
      [2, '2011-05-02T08:00Z'],
      [2, '2011-05-02T18:30Z'],
      [2, '2011-06-01T09:00Z'],
    ];
    const data: Interactions = {
      nUsers: 3,
      nItems: 2,
      users: Int32Array.from(lines, ([u]) => u),
      items: Int32Array.from(lines, (_, k) => k % 2),
      values: new Float32Array(lines.length).fill(1),
      timestamps: Float64Array.from(lines, ([, t]) => at(t)),
    };
    const split = lastDaySplit(data);
    expect(Array.from(split.part)).toEqual([
      TRAIN,
      TRAIN,
      TRAIN,
      TEST,
      TEST,
      TRAIN,
      TEST,
      VALIDATION,
      VALIDATION,
      TEST,
    ]);
    expect(split.kind).toBe('leave-last-out');
    expect(() => lastDaySplit({ ...data, timestamps: undefined })).toThrow(RangeError);
  });
});

describe('retailSeqTargetNote', () => {
  const row = (model: string, ndcg: number, params: Record<string, unknown> = {}) => ({
    model,
    params,
    protocol: 'p',
    metrics: { 'ndcg@10': ndcg },
    trainingMs: 1,
    scoringMs: 1,
    folds: 1,
    nEvaluated: 1,
  });
  const section = (sas: number): Section => ({
    id: 'retail-seq',
    title: 't',
    dataset: 'd',
    protocol: 'p',
    notes: [],
    rows: [
      row('ease', 0.09),
      row('gru4rec', 0.5),
      row('sasrec', sas, { selected: { factors: 32 }, finalTrainingSeconds: 120 }),
    ],
  });
  test('compares SASRec with the best non-sequential row (GRU4Rec left out) and states the training time', () => {
    expect(retailSeqTargetNote(section(0.07))).toContain(
      'SASRec 0.0700 against the best non-sequential model, ease 0.0900 — not met',
    );
    expect(retailSeqTargetNote(section(0.1))).toContain('— met');
    expect(retailSeqTargetNote(section(0.1))).toContain('trained in 120 s');
  });
});
