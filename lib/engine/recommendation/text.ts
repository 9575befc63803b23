/**
 * Text features for content-based similarity: tokenisation with `Intl.Segmenter` (word granularity, so Chinese
 * and Japanese titles split into dictionary words, e.g. "红色连衣裙" → 红色 · 连 · 衣裙 with Node's ICU), English and
 * other Latin text lower-cased with a small stop-word list, and TF-IDF vectors (Salton & Buckley 1988):
 *   tf-idf(t, d) = tf(t, d) · (ln((1 + N) / (1 + df(t))) + 1)      (scikit-learn's smooth idf)
 * each document vector L2-normalised, so cosine(d1, d2) = their dot product.
 *
 * @example
 * tokenize('The Red Silk Dress, size M'); // ['red', 'silk', 'dress', 'size', 'm']
 * const tfidf = fitTfidf(['red silk dress', 'blue silk scarf']);
 * tfidf.cosine(0, 1); // > 0 (shared "silk")
 */
import { transposeCsr } from './csr';
import type { Csr } from './types';

export const ENGLISH_STOP_WORDS = new Set(
  'a an and are as at be but by for from has have in into is it its of on or set so that the this to was were will with without x pack pcs'.split(
    ' ',
  ),
);

const segmenters = new Map<string, Intl.Segmenter>();

export type TokenizeOptions = { locale?: string; stopWords?: ReadonlySet<string>; minLength?: number };

/**
 * Word tokens of `text`: Intl.Segmenter words (isWordLike), NFKC-normalised and lower-cased, stop words and
 * tokens shorter than `minLength` (default 1) dropped. Digits are kept (sizes, model numbers).
 *
 * @example
 * tokenize('女士红色真丝连衣裙'); // ['女士', '红色', '真', '丝', '连', '衣裙'] (ICU dictionary segmentation)
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const { locale = 'zh', stopWords = ENGLISH_STOP_WORDS, minLength = 1 } = options;
  let seg = segmenters.get(locale);
  if (!seg) {
    seg = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, seg);
  }
  const out: string[] = [];
  for (const s of seg.segment(text.normalize('NFKC').toLowerCase())) {
    if (!s.isWordLike) continue;
    const t = s.segment;
    if (t.length < minLength || stopWords.has(t)) continue;
    out.push(t);
  }
  return out;
}

export type Tfidf = {
  /** documents × terms, rows L2-normalised */
  matrix: Csr;
  vocabulary: Map<string, number>;
  idf: Float64Array;
  /** cosine of two fitted documents */
  cosine(a: number, b: number): number;
  /** L2-normalised TF-IDF vector of new text (terms outside the vocabulary are ignored) */
  transform(text: string): { terms: Int32Array; weights: Float32Array };
  /** cosine of one vector against every document, written to out (length = number of documents) */
  cosineAll(vector: { terms: Int32Array; weights: Float32Array }, out: Float32Array): void;
};

/**
 * Fits TF-IDF on a list of documents (empty strings are allowed and give zero vectors).
 *
 * @example
 * fitTfidf(['a b', 'b c']).vocabulary.size; // 3
 */
export function fitTfidf(documents: readonly string[], options: TokenizeOptions = {}): Tfidf {
  const vocabulary = new Map<string, number>();
  const docTokens = documents.map((d) =>
    tokenize(d, options).map((t) => {
      let id = vocabulary.get(t);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(t, id);
      }
      return id;
    }),
  );
  const N = documents.length;
  const df = new Float64Array(vocabulary.size);
  for (const toks of docTokens) for (const t of new Set(toks)) df[t]!++;
  const idf = Float64Array.from(df, (d) => Math.log((1 + N) / (1 + d)) + 1);
  const rowPtr = new Int32Array(N + 1);
  const cols: number[] = [],
    vals: number[] = [];
  docTokens.forEach((toks, d) => {
    const tf = new Map<number, number>();
    for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
    const terms = [...tf.keys()].sort((a, b) => a - b);
    const w = terms.map((t) => tf.get(t)! * idf[t]!);
    const norm = Math.hypot(...w) || 1;
    terms.forEach((t, k) => {
      cols.push(t);
      vals.push(w[k]! / norm);
    });
    rowPtr[d + 1] = cols.length;
  });
  const matrix: Csr = {
    nRows: N,
    nCols: vocabulary.size,
    rowPtr,
    colIdx: Int32Array.from(cols),
    values: Float32Array.from(vals),
  };
  const byTerm = transposeCsr(matrix);
  const dot = (a: number, b: number) => {
    let s = 0,
      p = rowPtr[a]!,
      q = rowPtr[b]!;
    const pe = rowPtr[a + 1]!,
      qe = rowPtr[b + 1]!;
    while (p < pe && q < qe) {
      const cp = matrix.colIdx[p]!,
        cq = matrix.colIdx[q]!;
      if (cp === cq) s += matrix.values[p++]! * matrix.values[q++]!;
      else if (cp < cq) p++;
      else q++;
    }
    return s;
  };
  return {
    matrix,
    vocabulary,
    idf,
    cosine: dot,
    transform(text) {
      const tf = new Map<number, number>();
      for (const t of tokenize(text, options)) {
        const id = vocabulary.get(t);
        if (id !== undefined) tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      const terms = Int32Array.from([...tf.keys()].sort((a, b) => a - b));
      const w = Array.from(terms, (t) => tf.get(t)! * idf[t]!);
      const norm = Math.hypot(...w) || 1;
      return { terms, weights: Float32Array.from(w, (x) => x / norm) };
    },
    cosineAll(vector, out) {
      out.fill(0);
      for (let k = 0; k < vector.terms.length; k++) {
        const t = vector.terms[k]!,
          w = vector.weights[k]!;
        for (let p = byTerm.rowPtr[t]!; p < byTerm.rowPtr[t + 1]!; p++)
          out[byTerm.colIdx[p]!]! += w * byTerm.values[p]!;
      }
    },
  };
}

/** the fitted document `d` as a vector usable with `cosineAll` */
export function documentVector(tfidf: Tfidf, d: number): { terms: Int32Array; weights: Float32Array } {
  const s = tfidf.matrix.rowPtr[d]!,
    e = tfidf.matrix.rowPtr[d + 1]!;
  return { terms: tfidf.matrix.colIdx.subarray(s, e), weights: tfidf.matrix.values.subarray(s, e) };
}
