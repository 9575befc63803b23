import { describe, expect, test } from 'vitest';
import { documentVector, fitTfidf, tokenize } from './text';

describe('tokenize', () => {
  test('English is lower-cased, punctuation and stop words dropped, digits kept', () => {
    expect(tokenize('The Red Silk Dress, size M (2 pcs)')).toEqual(['red', 'silk', 'dress', 'size', 'm', '2']);
  });
  test('Chinese titles segment into words with Intl.Segmenter', () => {
    const t = tokenize('女士红色真丝连衣裙');
    expect(t).toContain('红色');
    expect(t).toContain('女士');
    expect(t.join('')).toBe('女士红色真丝连衣裙');
    expect(tokenize('红色 T恤')).toEqual(expect.arrayContaining(['红色', 't']));
  });
  test('full-width forms are NFKC-normalised', () => {
    expect(tokenize('ＲＥＤ')).toEqual(['red']);
  });
});

describe('fitTfidf', () => {
  // scikit-learn TfidfVectorizer(smooth_idf=True, norm='l2') on ['red silk dress', 'blue silk scarf', 'red red hat']:
  // idf(red) = ln(4/3) + 1, idf(silk) = ln(4/3) + 1, idf(dress) = ln(4/2) + 1 …
  const docs = ['red silk dress', 'blue silk scarf', 'red red hat'];
  const t = fitTfidf(docs);
  const idf = (df: number) => Math.log(4 / (1 + df)) + 1;
  test('smooth idf and L2-normalised rows', () => {
    expect(t.idf[t.vocabulary.get('red')!]).toBeCloseTo(idf(2), 12);
    expect(t.idf[t.vocabulary.get('dress')!]).toBeCloseTo(idf(1), 12);
    const v = documentVector(t, 2);
    expect(Math.hypot(...v.weights)).toBeCloseTo(1, 6);
    // doc 2: red ×2, hat ×1 → (2·idf2, idf1) / norm
    const w = [2 * idf(2), idf(1)],
      n = Math.hypot(...w);
    expect(v.weights[0]).toBeCloseTo(w[0]! / n, 6);
  });
  test('cosine of documents and of new text', () => {
    const a = [idf(2), idf(2), idf(1)],
      b = [idf(1), idf(2), idf(1)];
    const expected = (a[1]! * b[1]!) / (Math.hypot(...a) * Math.hypot(...b)); // only "silk" shared
    expect(t.cosine(0, 1)).toBeCloseTo(expected, 6);
    const out = new Float32Array(3);
    t.cosineAll(t.transform('silk'), out);
    expect(out[2]).toBe(0);
    expect(out[0]).toBeGreaterThan(0);
    expect(t.transform('unknown words').terms.length).toBe(0);
  });
});
