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

/** A trained ranking model: fills `out` (length nItems) with a score per item for one user; higher is better. */
export type RankingModel = {
  name: string;
  nItems: number;
  scoreUser(user: number, out: Float32Array): void;
};

/** A trained rating model (explicit feedback): predicted rating of `item` by `user`. */
export type RatingModel = {
  name: string;
  predict(user: number, item: number): number;
};

/**
 * Why an item was recommended, as data the UI turns into words in either language, e.g.
 * { kind: 'because-you-interacted', anchorItem: 12, similarity: 0.82 } →
 * "because you bought X (similarity 0.82)".
 */
export type Explanation =
  | { kind: 'because-you-interacted'; anchorItem: number; similarity: number }
  | { kind: 'similar-users'; neighbours: number; support: number }
  | {
      kind: 'attributes';
      anchorItem: number;
      similarity: number;
      breakdown: { attribute: string; weight: number; similarity: number }[];
    }
  | { kind: 'trending'; category?: number; score: number }
  | { kind: 'popular'; category?: number; count: number }
  | { kind: 'latent-factors'; score: number }
  | { kind: 'sequence'; lastItems: number[] };

export type Recommendation = Scored & { explanations: Explanation[] };

/** Progress, cancellation and seeding: the controls every trainer of the engine accepts (all optional). */
export type TrainControl = {
  /** seed for every random draw of training; the same seed gives the same model */
  seed?: number;
  /** aborting rejects (or throws) with the signal's reason between steps */
  signal?: AbortSignal;
  /** fraction in [0, 1] and a short note, e.g. (0.4, 'epoch 4/10') */
  onProgress?: (fraction: number, note: string) => void;
};

/**
 * A trained model in storable form: a JSON-safe header and named typed-array buffers, so the app can version and
 * store it (e.g. as one blob from `encodeModel` in linalg-io.ts) and load it again for serving.
 */
export type SerializedModel = {
  header: {
    /** model family and layout, e.g. 'ease' */
    format: string;
    /** layout version of that format */
    version: number;
    name: string;
    nUsers: number;
    nItems: number;
    params: Record<string, number | string | boolean>;
  };
  buffers: Record<string, Float32Array | Int32Array>;
};
