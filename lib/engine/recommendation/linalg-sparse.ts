/**
 * Sparse kernels for the heavy models: the dense Gram matrix XᵀX of a sparse user × item matrix (EASE), and
 * sparse-row × dense-matrix products (EASE scoring). CSR building and transposition live in csr.ts.
 *
 * Gram: for every user row with sorted items, every pair (a ≥ b) adds x_ua·x_ub to G[a][b] (lower triangle).
 * That is Σ_u nnz_u²/2 scattered adds, which is far less than the dense n_users·n_items² product for the sparse,
 * skewed data of recommenders. Threads own disjoint bands of G's rows (items a), so no two write the same entry.
 *
 * @example
 * const g = new Float64Array(4 * 4);
 * gramLowerKernel(csr.rowPtr, csr.colIdx, csr.values, csr.nRows, g, 4, 0, 4); // lower triangle of XᵀX
 */
import { buildCsr, type Aggregate } from './csr';
import type { Csr, Interactions } from './types';
import { balancedRanges, sharedInt32, type KernelArg, type KernelCall } from './worker-pool';

/**
 * Thread kernel: g[a·ld + b] += x_ua·x_ub for every row u and every pair of its columns b ≤ a with a in [lo, hi).
 * Columns must be sorted within rows. Self-contained (runs inside workers).
 */
export function gramLowerKernel(
  rowPtr: Int32Array,
  colIdx: Int32Array,
  values: Float32Array,
  nRows: number,
  g: Float64Array,
  ld: number,
  lo: number,
  hi: number,
): void {
  for (let r = 0; r < nRows; r++) {
    const s = rowPtr[r]!,
      e = rowPtr[r + 1]!;
    for (let p = s; p < e; p++) {
      const a = colIdx[p]!;
      if (a < lo) continue;
      if (a >= hi) break;
      const va = values[p]!,
        base = a * ld;
      for (let q = s; q <= p; q++) {
        const idx = base + colIdx[q]!;
        g[idx] = g[idx]! + va * values[q]!;
      }
    }
  }
}

/**
 * Adds the lower triangle of XᵀX (X = `csr`, rows = users) into `g` (row-major, leading dimension `ld` ≥ nCols) as
 * one parallel kernel call over item bands of equal work; drive it with `runSteps`/`runStepsSync`
 * (worker-pool.ts). For more than one thread `g` must be on a SharedArrayBuffer.
 *
 * @example
 * runStepsSync(gramLowerSteps(csr, g, paddedSize(csr.nCols), 1), GRAM_KERNELS);
 */
export function* gramLowerSteps(
  csr: Csr,
  g: Float64Array,
  ld: number,
  threads: number,
): Generator<KernelCall, void, void> {
  if (ld < csr.nCols || g.length < ld * csr.nCols)
    throw new RangeError(`gramLower: g must hold ${csr.nCols} rows of ${ld} values`);
  const cost = new Float64Array(csr.nCols);
  for (let r = 0; r < csr.nRows; r++) {
    const s = csr.rowPtr[r]!;
    for (let p = s; p < csr.rowPtr[r + 1]!; p++) cost[csr.colIdx[p]!]! += p - s + 1;
  }
  const bands = balancedRanges(csr.nCols, threads, (a) => cost[a]!, 1);
  const shared = threads > 1;
  const rowPtr = sharedInt32(csr.rowPtr, shared),
    colIdx = sharedInt32(csr.colIdx, shared);
  let values = csr.values;
  if (shared) {
    values = new Float32Array(new SharedArrayBuffer(csr.values.length * 4));
    values.set(csr.values);
  }
  const args: KernelArg[][] = [];
  for (let t = 0; t < threads; t++)
    if (bands[t]! < bands[t + 1]!) args.push([rowPtr, colIdx, values, csr.nRows, g, ld, bands[t]!, bands[t + 1]!]);
  yield { name: 'gramLower', args };
}

/** The kernels `gramLowerSteps` calls, by name. */
export const GRAM_KERNELS = { gramLower: gramLowerKernel };

/**
 * out[j] = Σ_k values[k]·m[cols[k]·nCols + j]: a sparse row vector times a dense row-major matrix (EASE scoring).
 *
 * @example
 * sparseRowTimesDense(Int32Array.of(0), Float32Array.of(2), Float32Array.of(1, 3), 2, out); // out = [2, 6]
 */
export function sparseRowTimesDense(
  cols: ArrayLike<number>,
  values: ArrayLike<number> | undefined,
  m: Float32Array,
  nCols: number,
  out: Float32Array,
): void {
  out.fill(0, 0, nCols);
  for (let k = 0; k < cols.length; k++) {
    const x = values ? values[k]! : 1;
    if (x === 0) continue;
    const base = cols[k]! * nCols;
    for (let j = 0; j < nCols; j++) out[j] = out[j]! + x * m[base + j]!;
  }
}

/**
 * The user × item matrix a trainer works on: a Csr as given, or built from coordinate interactions with
 * duplicates combined by `aggregate` (default 'binary', the implicit-feedback matrix).
 *
 * @example
 * asUserItemCsr(train).nRows; // train.nUsers
 */
export function asUserItemCsr(data: Interactions | Csr, aggregate: Aggregate = 'binary'): Csr {
  return 'rowPtr' in data ? data : buildCsr(data, { aggregate });
}
