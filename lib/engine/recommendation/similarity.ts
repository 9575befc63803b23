/**
 * Row–row similarities of a sparse matrix (users of a user × item matrix, or items of its transpose), computed
 * row by row through the co-occurrences, with Surprise's definitions for explicit ratings (sums over the
 * COMMON columns I_ab only; Hug 2020, surprise/similarities.pyx) and full-vector ones for implicit data:
 *
 *   'cosine'           Σ_{I_ab} r_a r_b / √(Σ_{I_ab} r_a² · Σ_{I_ab} r_b²)
 *   'msd'              1 / (Σ_{I_ab} (r_a − r_b)² / |I_ab| + 1)
 *   'pearson'          (n Σ r_a r_b − Σ r_a Σ r_b) / √((n Σ r_a² − (Σ r_a)²)(n Σ r_b² − (Σ r_b)²)), n = |I_ab|
 *   'pearson-baseline' Σ (r_a − b_a·)(r_b − b_b·) / √(Σ (r_a − b_a·)² Σ (r_b − b_b·)²) · (n − 1)/(n − 1 + shrinkage),
 *                      b_x· = μ + b_x + b_· the baseline estimates, min support ≥ 2 (shrinkage default 100)
 *   'cosine-full'      Σ r_a r_b / (‖r_a‖ ‖r_b‖ + shrinkage)   over the whole rows (implicit feedback)
 *   'jaccard'          |I_a ∩ I_b| / |I_a ∪ I_b|               on the sparsity pattern
 * Pairs with |I_ab| < minSupport get 0; the diagonal is 1. For the common-support measures, a positive
 * `shrinkage` multiplies by (n − 1)/(n − 1 + shrinkage) (Koren 2010), as Surprise does for pearson-baseline.
 *
 * @example
 * const sim = computeSimilarities(userItem, { measure: 'msd' });  // dense Float32Array nRows × nRows
 * sim.values[u * sim.n + v];
 */
import type { Baselines } from './baselines';
import { transposeCsr } from './csr';
import type { Csr } from './types';

export type SimilarityMeasure = 'cosine' | 'msd' | 'pearson' | 'pearson-baseline' | 'cosine-full' | 'jaccard';

export type SimilarityOptions = {
  measure?: SimilarityMeasure;
  /** pairs with fewer common columns get similarity 0; default 1 */
  minSupport?: number;
  /** see the file comment; default 100 for pearson-baseline, else 0 */
  shrinkage?: number;
  /** needed by 'pearson-baseline'; rows of the matrix are the baselines' users (set `rowsAreItems` otherwise) */
  baselines?: Baselines;
  rowsAreItems?: boolean;
};

export type DenseSimilarity = { n: number; values: Float32Array };

/**
 * Calls `onRow(a, row)` with the similarities of row a to every row (row is reused between calls).
 * Cost Σ_c |column c|² multiply-adds.
 */
export function forEachSimilarityRow(
  matrix: Csr,
  options: SimilarityOptions,
  onRow: (a: number, row: Float32Array) => void,
): void {
  const { measure = 'msd', minSupport = 1, baselines, rowsAreItems = false } = options;
  const shrinkage = options.shrinkage ?? (measure === 'pearson-baseline' ? 100 : 0);
  if (!(shrinkage >= 0) || !(minSupport >= 0))
    throw new RangeError('computeSimilarities: shrinkage and minSupport must be ≥ 0');
  if (measure === 'pearson-baseline' && !baselines)
    throw new RangeError('computeSimilarities: pearson-baseline needs baselines');
  const n = matrix.nRows;
  const byCol = transposeCsr(matrix);
  // centred values for pearson-baseline: r − (μ + b_row + b_col)
  let vals = matrix.values,
    colVals = byCol.values;
  if (measure === 'pearson-baseline') {
    const b = baselines!;
    const rowBias = rowsAreItems ? b.itemBias : b.userBias,
      colBias = rowsAreItems ? b.userBias : b.itemBias;
    vals = new Float32Array(matrix.values.length);
    for (let a = 0; a < n; a++) {
      for (let k = matrix.rowPtr[a]!; k < matrix.rowPtr[a + 1]!; k++)
        vals[k] = matrix.values[k]! - b.globalMean - rowBias[a]! - colBias[matrix.colIdx[k]!]!;
    }
    colVals = transposeCsr({ ...matrix, values: vals }).values;
  }
  const freq = new Float64Array(n),
    prods = new Float64Array(n),
    sqa = new Float64Array(n),
    sqb = new Float64Array(n);
  const sa = new Float64Array(n),
    sb = new Float64Array(n);
  const norms = new Float64Array(n),
    counts = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    for (let k = matrix.rowPtr[a]!; k < matrix.rowPtr[a + 1]!; k++) norms[a]! += vals[k]! * vals[k]!;
    norms[a] = Math.sqrt(norms[a]!);
    counts[a] = matrix.rowPtr[a + 1]! - matrix.rowPtr[a]!;
  }
  const row = new Float32Array(n);
  const minSprt = measure === 'pearson-baseline' ? Math.max(2, minSupport) : minSupport;
  for (let a = 0; a < n; a++) {
    freq.fill(0);
    prods.fill(0);
    sqa.fill(0);
    sqb.fill(0);
    sa.fill(0);
    sb.fill(0);
    for (let k = matrix.rowPtr[a]!; k < matrix.rowPtr[a + 1]!; k++) {
      const c = matrix.colIdx[k]!,
        ra = vals[k]!;
      for (let t = byCol.rowPtr[c]!; t < byCol.rowPtr[c + 1]!; t++) {
        const b = byCol.colIdx[t]!,
          rb = colVals[t]!;
        freq[b]!++;
        if (measure === 'msd') sqa[b]! += (ra - rb) * (ra - rb);
        else {
          prods[b]! += ra * rb;
          sqa[b]! += ra * ra;
          sqb[b]! += rb * rb;
          sa[b]! += ra;
          sb[b]! += rb;
        }
      }
    }
    for (let b = 0; b < n; b++) {
      const f = freq[b]!;
      let s = 0;
      if (b === a) s = 1;
      else if (f >= minSprt && f > 0) {
        switch (measure) {
          case 'msd':
            s = 1 / (sqa[b]! / f + 1);
            break;
          case 'cosine':
          case 'pearson-baseline': {
            const d = Math.sqrt(sqa[b]! * sqb[b]!);
            s = d === 0 ? 0 : prods[b]! / d;
            break;
          }
          case 'pearson': {
            const d = Math.sqrt((f * sqa[b]! - sa[b]! ** 2) * (f * sqb[b]! - sb[b]! ** 2));
            s = d === 0 ? 0 : (f * prods[b]! - sa[b]! * sb[b]!) / d;
            break;
          }
          case 'cosine-full': {
            const d = norms[a]! * norms[b]! + shrinkage;
            s = d === 0 ? 0 : prods[b]! / d;
            break;
          }
          case 'jaccard':
            s = f / (counts[a]! + counts[b]! - f);
            break;
        }
        if (shrinkage > 0 && measure !== 'cosine-full') s *= (f - 1) / (f - 1 + shrinkage);
      }
      row[b] = s;
    }
    onRow(a, row);
  }
}

/**
 * Dense nRows × nRows similarity matrix (Float32). Memory n²·4 bytes: fine for thousands of rows.
 *
 * @example
 * computeSimilarities(csrFromRows(2, [[[0, 5], [1, 3]], [[0, 5], [1, 3]]]), { measure: 'msd' }).values; // [1, 1, 1, 1]
 */
export function computeSimilarities(matrix: Csr, options: SimilarityOptions = {}): DenseSimilarity {
  const n = matrix.nRows;
  if (n * n > 2 ** 28)
    throw new RangeError(
      `computeSimilarities: ${n} rows need ${((n * n * 4) / 2 ** 30).toFixed(1)} GiB; use top-k neighbour lists instead`,
    );
  const values = new Float32Array(n * n);
  forEachSimilarityRow(matrix, options, (a, row) => values.set(row, a * n));
  return { n, values };
}
