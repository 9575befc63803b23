import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { mergeSection, type Section, type SectionRow, withMergeNote, writeReport } from './report';

const row = (model: string, ndcg: number): SectionRow => ({
  model,
  params: {},
  protocol: 'p',
  metrics: { 'ndcg@10': ndcg },
  trainingMs: 1,
  scoringMs: 1,
  folds: 1,
  nEvaluated: 1,
});
const section = (rows: SectionRow[], notes: string[]): Section => ({
  id: 'ml100k-implicit',
  title: 't',
  dataset: 'd',
  protocol: 'p',
  notes,
  rows,
});

describe('mergeSection (npm run eval -- --rows)', () => {
  const old = section(
    [row('ease', 0.45), row('bpr', 0.39), row('hybrid', 0.41), row('gru4rec', 0.18)],
    ['Recommenders.jl protocol: …', 'Mult-VAE target NDCG@10 ≥ 0.41: not met (0.3000).'],
  );

  test('a new model goes before the sequence model; its note replaces the one with the same key; other rows and notes stay', () => {
    const merged = mergeSection(
      [old],
      section([row('mult-vae', 0.42)], ['Mult-VAE target NDCG@10 ≥ 0.41: met (0.4200).']),
    );
    expect(merged.rows.map((r) => r.model)).toEqual(['ease', 'bpr', 'hybrid', 'mult-vae', 'gru4rec']);
    expect(merged.notes).toEqual(['Recommenders.jl protocol: …', 'Mult-VAE target NDCG@10 ≥ 0.41: met (0.4200).']);
  });

  test('a model already there is replaced in place; a section not in the old report is kept as it is', () => {
    const merged = mergeSection([old], section([row('bpr', 0.4)], []));
    expect(merged.rows.map((r) => [r.model, r.metrics['ndcg@10']])).toEqual([
      ['ease', 0.45],
      ['bpr', 0.4],
      ['hybrid', 0.41],
      ['gru4rec', 0.18],
    ]);
    const fresh = { ...section([row('x', 1)], []), id: 'new' };
    expect(mergeSection([old], fresh)).toBe(fresh);
  });
});

describe('withMergeNote (npm run eval -- --only)', () => {
  test('says when and how a section was refreshed, replacing an older such note', () => {
    const old = section(
      [],
      ['Protocol: x', 'Measured alone with `npm run eval -- --only ml100k` on 2026-11-01 and merged into this file.'],
    );
    expect(withMergeNote(old, '2026-12-07T11:29:30.716Z', 'npm run eval -- --only ml100k').notes).toEqual([
      'Protocol: x',
      'Measured alone with `npm run eval -- --only ml100k` on 2026-12-07 and merged into this file.',
    ]);
  });
});

describe('writeReport with merged rows (npm run eval -- --only ml100k --skip mult-vae)', () => {
  test('rows not run keep their values; the section says how it was refreshed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-report-'));
    const env = { node: 'v20', cpu: 'x', cores: 2 };
    const old = section([row('ease', 0.45), row('mult-vae', 0.39)], ['Measured alone with `npm run eval` x.']);
    writeReport({ generatedAt: '2026-12-01T00:00:00.000Z', environment: env, sections: [old] }, dir);
    const fresh = section([row('ease', 0.46)], []);
    writeReport({ generatedAt: '2026-12-07T00:00:00.000Z', environment: env, sections: [fresh] }, dir, true, true, 'C');
    const merged = JSON.parse(fs.readFileSync(path.join(dir, 'eval.json'), 'utf8')).sections[0] as Section;
    expect(merged.rows.map((r) => [r.model, r.metrics['ndcg@10']])).toEqual([
      ['ease', 0.46],
      ['mult-vae', 0.39],
    ]);
    expect(merged.notes).toEqual(['Measured alone with `C` on 2026-12-07 and merged into this file.']);
    fs.rmSync(dir, { recursive: true });
  });
});
