/**
 * The serving-side model interface. Every model family scores a *history* — the customer's items with their
 * decayed weights and their recent sequence — instead of a fixed training user, so the same code serves a customer
 * from the model's training snapshot (precomputed path) or from the database at request time (fresh events count
 * within seconds). Offline evaluation scores through the same interface (`rankingAdapter`), so the metrics describe
 * exactly what is served.
 */
import type { ContentModel } from '../content';
import type { Csr, Explanation, Interactions, TrainControl } from '../types';
import type { LivePopularity } from './popularity';
import type { Sequences } from '../histories';

export const MODEL_KINDS = [
  'popularity',
  'item-knn',
  'user-knn',
  'content',
  'ease',
  'als',
  'federated-als',
  'bpr',
  'gru4rec',
  'mult-vae',
  'sasrec',
  'hybrid',
] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];
export type ComponentKind = Exclude<ModelKind, 'hybrid'>;
/**
 * What a training starts with unless the admin chooses otherwise (the training panel's ticked boxes): fast models
 * and the blend. The slow ones (GRU4Rec takes minutes on Online Retail, Mult-VAE trains a network over every product
 * for each customer, SASRec runs self-attention over every customer's sequence) train only when asked.
 */
export const DEFAULT_TRAINING_MODELS: readonly ModelKind[] = ['popularity', 'item-knn', 'ease', 'hybrid'];
export const COMPONENT_KINDS = MODEL_KINDS.filter((k): k is ComponentKind => k !== 'hybrid');

export type RequestHistory = {
  /** the customer's index among the model's training users, or −1 */
  user: number;
  /** distinct item indices, ascending */
  items: Int32Array;
  /** decayed interaction weight of each item (parallel to items) */
  values: Float32Array;
  /** strongest interaction kind per item (0 view, 1 click, 2 cart, 3 purchase) */
  kinds: Uint8Array;
  /** recent items, oldest first */
  sequence: Int32Array;
  /** read from the database at request time (newer than the model), rather than from the training snapshot */
  live: boolean;
};

export type ServingModel = {
  kind: ComponentKind;
  nItems: number;
  /** fills `out` (length nItems) with a score per item; higher is better */
  score(h: RequestHistory, out: Float32Array): void;
  /** why `item` scored, or null when the model has nothing to say */
  explain(h: RequestHistory, item: number): Explanation | null;
  /**
   * For models that score through item → item weights with "because you interacted" reasons (item-kNN, EASE): the
   * k best weights of each item, for an on-device bundle (`device/export.ts`); `binary` = history weights ignored,
   * `signed` = negative weights count (kept by |weight|).
   */
  device?: { lists(k: number): Csr; binary: boolean; signed: boolean };
};

/** A fitted model in storable form: typed-array buffers and JSON-safe parameters. */
export type Fitted = {
  buffers: Record<string, Float32Array | Int32Array>;
  params: Record<string, number | string | boolean>;
  /**
   * The same model fitted on the tuning part's training data with the chosen parameters, when the search kept it
   * (EASE: a costly fit the training job reuses for the blend's weights instead of fitting again). Never stored.
   */
  tuned?: Fitted;
};

/** What every model of a bundle shares: the training histories, popularity counters, catalogue content. */
export type SharedParts = {
  nItems: number;
  /** training users × items, decayed weights summed */
  history: Csr;
  sequences: Sequences;
  popularity: LivePopularity;
  content: ContentModel;
  itemCategory: Int32Array;
};

export type FitInput = {
  /** decayed interactions the model learns from (time-ordered) */
  train: Interactions;
  /** training users' histories (user × item sums of decayed weights) */
  history: Csr;
  content: ContentModel;
  /** present when hyper-parameters may be chosen: train/validation carved from the training data */
  tuning?: { train: Interactions; validation: Interactions; shared: (data: Interactions) => SharedParts };
  /** hyper-parameters chosen earlier (by an earlier fit's tuning): reuse them instead of searching again */
  fixed?: Fitted['params'];
  /** (ε, δ)-differential privacy the admin asked for; only the federated family uses it */
  privacy?: { epsilon: number; delta: number };
  control: TrainControl;
};

export type ModelFamily = {
  kind: ComponentKind;
  fit(input: FitInput): Promise<Fitted>;
  load(fitted: Fitted, shared: SharedParts): ServingModel;
};

/** The history of training user `u` as a RequestHistory (from the shared parts). */
export function historyOfUser(
  shared: Pick<SharedParts, 'history' | 'sequences'>,
  u: number,
  kinds?: Csr,
): RequestHistory {
  const H = shared.history;
  const s = u >= 0 && u < H.nRows ? H.rowPtr[u]! : 0,
    e = u >= 0 && u < H.nRows ? H.rowPtr[u + 1]! : 0;
  const seqS = u >= 0 && u + 1 < shared.sequences.ptr.length ? shared.sequences.ptr[u]! : 0;
  const seqE = u >= 0 && u + 1 < shared.sequences.ptr.length ? shared.sequences.ptr[u + 1]! : 0;
  return {
    user: u,
    items: H.colIdx.subarray(s, e),
    values: H.values.subarray(s, e),
    kinds: kinds
      ? Uint8Array.from(kinds.values.subarray(kinds.rowPtr[u] ?? 0, kinds.rowPtr[u + 1] ?? 0))
      : new Uint8Array(e - s),
    sequence: shared.sequences.items.subarray(seqS, seqE),
    live: false,
  };
}

/** Wraps a serving model as the engine's RankingModel over training users (for evaluateModels / fitBlendWeights). */
export function rankingAdapter(
  model: ServingModel,
  shared: Pick<SharedParts, 'history' | 'sequences'>,
  name: string = model.kind,
) {
  return {
    name,
    nItems: model.nItems,
    scoreUser(u: number, out: Float32Array) {
      model.score(historyOfUser(shared, u), out);
    },
  };
}

/** Largest value of a vector (1 when empty or non-positive), for scaling history weights to (0, 1]. */
export function maxOf(values: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < values.length; k++) if (values[k]! > m) m = values[k]!;
  return m > 0 ? m : 1;
}

export const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * "Because you interacted with X": the history item (other than `item`) most similar to `item`, when that similarity
 * is positive; null otherwise. `similarity(j)` is the model's own (cosine of factors, of latent embeddings …).
 */
export function closestHistoryItem(
  items: ArrayLike<number>,
  item: number,
  similarity: (j: number) => number,
): Explanation | null {
  let anchor = -1,
    best = -Infinity;
  for (let n = 0; n < items.length; n++) {
    const j = items[n]!;
    if (j === item) continue;
    const c = similarity(j);
    if (c > best) {
      best = c;
      anchor = j;
    }
  }
  return anchor >= 0 && best > 0
    ? { kind: 'because-you-interacted', anchorItem: anchor, similarity: round3(best) }
    : null;
}
