/**
 * Sparse-matrix utilities over the shared `Csr` shape (types.ts): build from coordinate `Interactions`
 * (duplicates aggregated, columns sorted within each row), transpose, row normalisation and small helpers.
 * Id maps (database id ↔ dense index) are the service layer's job; here users and items are already dense.
 *
 * Stable API (used by every model and by engineer B's EASE/ALS/BPR):
 *   buildCsr(data, { aggregate, by })   → Csr (rows = users unless by: 'items')
 *   transposeCsr(csr)                   → Csr
 *   normalizeRows(csr, { norm })        → Csr (new values array)
 *   csrRow(csr, r)                      → { cols, values } subarray views
 *   csrGet(csr, r, c)                   → value or 0 (binary search)
 *   csrFromRows(nCols, rows)            → Csr from small literal rows (tests, fixtures)
 *
 * @example
 * const csr = buildCsr({ nUsers: 2, nItems: 3, users: Int32Array.of(0, 0, 1, 0), items: Int32Array.of(2, 0, 1, 2),
 *   values: Float32Array.of(1, 1, 1, 1) });
 * // row 0 → cols [0, 2], values [1, 2] (the duplicate (0,2) was summed)
 */
import type { Csr, Interactions } from './types';

/** How duplicate (user, item) pairs are combined. 'last' keeps the value that comes last in input order. */
export type Aggregate = 'sum' | 'max' | 'mean' | 'last' | 'count' | 'binary';

export type BuildCsrOptions = {
  /** how duplicates combine; default 'sum' (purchase counts). Use 'last' for re-rated explicit ratings. */
  aggregate?: Aggregate;
  /** rows are users (default) or items (gives the item × user matrix directly) */
  by?: 'users' | 'items';
};

/** Checks the coordinate columns and throws a RangeError naming `fn` on the first problem. */
export function validateInteractions(data: Interactions, fn: string): void {
  const n = data.users.length;
  if (!Number.isInteger(data.nUsers) || data.nUsers < 0 || !Number.isInteger(data.nItems) || data.nItems < 0) {
    throw new RangeError(`${fn}: nUsers and nItems must be non-negative integers`);
  }
  if (data.items.length !== n || data.values.length !== n || (data.timestamps && data.timestamps.length !== n)) {
    throw new RangeError(`${fn}: users, items, values (and timestamps) must have the same length`);
  }
  for (let k = 0; k < n; k++) {
    const u = data.users[k]!,
      i = data.items[k]!;
    if (u < 0 || u >= data.nUsers)
      throw new RangeError(`${fn}: user index ${u} at position ${k} is outside 0..${data.nUsers - 1}`);
    if (i < 0 || i >= data.nItems)
      throw new RangeError(`${fn}: item index ${i} at position ${k} is outside 0..${data.nItems - 1}`);
    if (!Number.isFinite(data.values[k]!)) throw new RangeError(`${fn}: value at position ${k} is not finite`);
  }
}

/**
 * Builds a CSR matrix from coordinate interactions in O(nnz + nRows + nCols): a counting sort by column, then a
 * stable counting sort by row (so columns end up sorted inside each row), then duplicates are merged.
 *
 * @example
 * buildCsr(data, { aggregate: 'binary' }); // implicit 0/1 matrix
 */
export function buildCsr(data: Interactions, options: BuildCsrOptions = {}): Csr {
  const { aggregate = 'sum', by = 'users' } = options;
  validateInteractions(data, 'buildCsr');
  const rows = by === 'users' ? data.users : data.items;
  const cols = by === 'users' ? data.items : data.users;
  const nRows = by === 'users' ? data.nUsers : data.nItems;
  const nCols = by === 'users' ? data.nItems : data.nUsers;
  const n = rows.length;

  // pass 1: order by column (stable)
  const colStart = new Int32Array(nCols + 1);
  for (let k = 0; k < n; k++) colStart[cols[k]! + 1]!++;
  for (let c = 0; c < nCols; c++) colStart[c + 1]! += colStart[c]!;
  const byCol = new Int32Array(n);
  const fill = colStart.slice(0, nCols);
  for (let k = 0; k < n; k++) byCol[fill[cols[k]!]!++] = k;
  // pass 2: stable order by row
  const rowStart = new Int32Array(nRows + 1);
  for (let k = 0; k < n; k++) rowStart[rows[k]! + 1]!++;
  for (let r = 0; r < nRows; r++) rowStart[r + 1]! += rowStart[r]!;
  const order = new Int32Array(n);
  const rfill = rowStart.slice(0, nRows);
  for (let t = 0; t < n; t++) {
    const k = byCol[t]!;
    order[rfill[rows[k]!]!++] = k;
  }
  // pass 3: merge duplicates. Within a (row, col) run, entries keep input order, so 'last' is the final one.
  const rowPtr = new Int32Array(nRows + 1);
  const colIdx = new Int32Array(n);
  const values = new Float32Array(n);
  let out = 0;
  for (let r = 0; r < nRows; r++) {
    rowPtr[r] = out;
    let t = rowStart[r]!;
    const end = rowStart[r + 1]!;
    while (t < end) {
      const k0 = order[t]!;
      const c = cols[k0]!;
      let acc = data.values[k0]!,
        count = 1,
        last = acc;
      t++;
      while (t < end && cols[order[t]!]! === c) {
        const v = data.values[order[t]!]!;
        if (aggregate === 'max') acc = Math.max(acc, v);
        else acc += v;
        last = v;
        count++;
        t++;
      }
      colIdx[out] = c;
      values[out] = combine(aggregate, acc, count, last);
      out++;
    }
  }
  rowPtr[nRows] = out;
  return { nRows, nCols, rowPtr, colIdx: colIdx.slice(0, out), values: values.slice(0, out) };
}

function combine(aggregate: Aggregate, acc: number, count: number, last: number): number {
  switch (aggregate) {
    case 'sum':
    case 'max':
      return acc;
    case 'mean':
      return acc / count;
    case 'last':
      return last;
    case 'count':
      return count;
    case 'binary':
      return 1;
  }
}

/**
 * Transpose (CSR of Aᵀ, i.e. the CSC of A) by counting sort; columns stay sorted.
 *
 * @example
 * const itemUsers = transposeCsr(userItems); // rows are items
 */
export function transposeCsr(csr: Csr): Csr {
  const { nRows, nCols, rowPtr, colIdx, values } = csr;
  const nnz = rowPtr[nRows]!;
  const tPtr = new Int32Array(nCols + 1);
  for (let k = 0; k < nnz; k++) tPtr[colIdx[k]! + 1]!++;
  for (let c = 0; c < nCols; c++) tPtr[c + 1]! += tPtr[c]!;
  const fill = tPtr.slice(0, nCols);
  const tCol = new Int32Array(nnz);
  const tVal = new Float32Array(nnz);
  for (let r = 0; r < nRows; r++) {
    for (let k = rowPtr[r]!; k < rowPtr[r + 1]!; k++) {
      const dst = fill[colIdx[k]!]!++;
      tCol[dst] = r;
      tVal[dst] = values[k]!;
    }
  }
  return { nRows: nCols, nCols: nRows, rowPtr: tPtr, colIdx: tCol, values: tVal };
}

export type NormalizeRowsOptions = { norm?: 'l2' | 'l1' | 'max' };

/**
 * Divides each row by its L2 (default), L1 or max-abs norm; empty or all-zero rows are left as they are.
 *
 * @example
 * normalizeRows(csrFromRows(2, [[[0, 3], [1, 4]]])).values; // Float32Array [0.6, 0.8]
 */
export function normalizeRows(csr: Csr, options: NormalizeRowsOptions = {}): Csr {
  const { norm = 'l2' } = options;
  const values = new Float32Array(csr.values.length);
  for (let r = 0; r < csr.nRows; r++) {
    const s = csr.rowPtr[r]!,
      e = csr.rowPtr[r + 1]!;
    let z = 0;
    for (let k = s; k < e; k++) {
      const v = csr.values[k]!;
      if (norm === 'l2') z += v * v;
      else if (norm === 'l1') z += Math.abs(v);
      else z = Math.max(z, Math.abs(v));
    }
    if (norm === 'l2') z = Math.sqrt(z);
    for (let k = s; k < e; k++) values[k] = z > 0 ? csr.values[k]! / z : csr.values[k]!;
  }
  return { ...csr, values };
}

/** Subarray views of one row (no copy). */
export function csrRow(csr: Csr, r: number): { cols: Int32Array; values: Float32Array } {
  const s = csr.rowPtr[r]!,
    e = csr.rowPtr[r + 1]!;
  return { cols: csr.colIdx.subarray(s, e), values: csr.values.subarray(s, e) };
}

/** The stored value at (r, c), or 0; binary search over the sorted columns of row r. */
export function csrGet(csr: Csr, r: number, c: number): number {
  let lo = csr.rowPtr[r]!,
    hi = csr.rowPtr[r + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = csr.colIdx[mid]!;
    if (m === c) return csr.values[mid]!;
    if (m < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/**
 * A Csr from literal rows of [col, value] pairs (fixtures and tests). Columns are sorted; duplicates summed.
 *
 * @example
 * csrFromRows(3, [[[2, 1], [0, 5]], []]); // 2 × 3, row 0 has cols [0, 2]
 */
export function csrFromRows(nCols: number, rows: ReadonlyArray<ReadonlyArray<readonly [number, number]>>): Csr {
  const users: number[] = [],
    items: number[] = [],
    values: number[] = [];
  rows.forEach((row, r) => {
    row.forEach(([c, v]) => {
      users.push(r);
      items.push(c);
      values.push(v);
    });
  });
  return buildCsr({
    nUsers: rows.length,
    nItems: nCols,
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: Float32Array.from(values),
  });
}

/** Number of stored entries per row. */
export function rowCounts(csr: Csr): Int32Array {
  const out = new Int32Array(csr.nRows);
  for (let r = 0; r < csr.nRows; r++) out[r] = csr.rowPtr[r + 1]! - csr.rowPtr[r]!;
  return out;
}

/** Number of stored entries per column (e.g. item popularity in a user × item matrix). */
export function columnCounts(csr: Csr): Int32Array {
  const out = new Int32Array(csr.nCols);
  const nnz = csr.rowPtr[csr.nRows]!;
  for (let k = 0; k < nnz; k++) out[csr.colIdx[k]!]!++;
  return out;
}
