import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildCategoryTree } from './category-tree';
import { quintileScores, type RfmBand } from './rfm';
import { layoutFromLabels, scoreFromBands } from './score-stored';

/** Bands as computeRfm reports them, from values and their quintile scores. */
function bandsOf(values: Float64Array, scores: Uint8Array): RfmBand[] {
  const out: RfmBand[] = [];
  for (let s = 1; s <= 5; s++) {
    const v = [...values].filter((_, i) => scores[i] === s);
    if (v.length) out.push({ score: s, min: Math.min(...v), max: Math.max(...v), count: v.length });
  }
  return out;
}

describe('scoreFromBands', () => {
  test.each([
    // value, expected: one-order customers tie at F 1, the next frequency jumps to F 4
    [1, 1],
    [2, 4],
    [3, 5],
    [1.5, 4],
    [0, 1],
    [99, 5],
  ])('higher is better: %d → %d', (value, expected) => {
    const bands = [
      { score: 1, min: 1, max: 1, count: 60 },
      { score: 4, min: 2, max: 2, count: 25 },
      { score: 5, min: 3, max: 9, count: 15 },
    ];
    expect(scoreFromBands(value, bands, 'higher-is-better')).toBe(expected);
  });

  test('reproduces quintile scores for every value of the population they came from (both directions)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 300 }),
        fc.boolean(),
        (raw, higher) => {
          const values = Float64Array.from(raw);
          const direction = higher ? 'higher-is-better' : 'lower-is-better';
          const scores = quintileScores(values, direction);
          const bands = bandsOf(values, scores);
          for (let i = 0; i < values.length; i++) expect(scoreFromBands(values[i]!, bands, direction)).toBe(scores[i]);
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  test('a new value scores as it would have among the stored population (gap values take the band above)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 50 }).map((x) => x * 2),
          { minLength: 5, maxLength: 200 },
        ),
        fc.integer({ min: -1, max: 101 }),
        (raw, extra) => {
          const values = Float64Array.from(raw);
          const bands = bandsOf(values, quintileScores(values, 'higher-is-better'));
          const worse = raw.filter((v) => v < extra).length;
          expect(scoreFromBands(extra, bands, 'higher-is-better')).toBe(
            Math.min(5, 1 + Math.floor((5 * worse) / raw.length)),
          );
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('layoutFromLabels', () => {
  test('maps stored dimension labels onto this grouping’s category and brand indices', () => {
    const tree = buildCategoryTree([
      { id: 20, path: ['Home'], name: 'Home' },
      { id: 10, path: ['Sports'], name: 'Sports' },
    ]);
    const layout = layoutFromLabels(
      [
        'category:10',
        'brand:Nike',
        'category:99',
        'price:budget',
        'price:mid',
        'price:premium',
        'rfm:r',
        'rfm:f',
        'rfm:m',
      ],
      { categories: 1, brands: 0.5, priceBands: 0.5, rfm: 0.5 },
      tree,
      ['adidas', 'NIKE'],
    );
    expect(layout.dim).toBe(9);
    expect([...layout.categoryDim]).toEqual([-1, 0]);
    expect([...layout.brandDim]).toEqual([-1, 1]);
    expect(layout.priceBandOffset).toBe(3);
    expect(layout.rfmOffset).toBe(6);
  });
});
