/**
 * Shared shapes of the recommendation engine. Engines take plain typed arrays: users and items are dense
 * indices (0..nUsers-1, 0..nItems-1) that the service layer maps to database ids.
 */

/** A user × item matrix in compressed sparse row form (rows = users unless stated otherwise). */
export type Csr = {
  nRows: number;
  nCols: number;
  /** rowPtr[r]..rowPtr[r+1] index into colIdx/values; length nRows + 1 */
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float32Array;
};

/** Interactions as parallel columns (coordinate form), e.g. straight from the events table or a dataset file. */
export type Interactions = {
  nUsers: number;
  nItems: number;
  users: Int32Array;
  items: Int32Array;
  /** rating (explicit) or confidence/weight (implicit); 1 when absent */
  values: Float32Array;
  /** epoch milliseconds, for temporal splits and sequence models; optional */
  timestamps?: Float64Array;
};

export type Scored = { item: number; score: number };
