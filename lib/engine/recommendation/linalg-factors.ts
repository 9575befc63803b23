/**
 * Latent-factor models (implicit ALS, BPR): scoring s(u, i) = x_u·y_i (+ b_i), explanations and serialisation,
 * shared by als.ts and bpr.ts. Factors are row-major Float32Array (users × f, items × f).
 *
 * Explanation: `latent-factors` with the score, plus `because-you-interacted` naming the history item whose factor
 * vector is closest to the recommended item's (cosine similarity), when the model keeps the training history.
 *
 * @example
 * const model = factorModel({ name: 'als', format: 'als', factors: 2, userFactors, itemFactors, params: {} });
 * model.scoreUser(0, out); // out[i] = x_0·y_i
 */
import { csrFromBuffers, csrToBuffers, expectBuffers } from './linalg-io';
import type { Csr, Explanation, RankingModel, SerializedModel } from './types';

export type FactorModel = RankingModel & {
  readonly factors: number;
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  /** per-item bias added to every score (BPR), or undefined */
  readonly itemBias: Float32Array | undefined;
  readonly history: Csr | undefined;
  /** x_u·y_i (+ b_i) */
  score(user: number, item: number): number;
  /** the main reason (hybrid.ts's ExplainableModel): the nearest history item by factor cosine, else `latent-factors` */
  explain(user: number, item: number): Explanation;
  /** 'latent-factors' with the score, then the history items most similar to `item` by factor cosine */
  explanations(user: number, item: number, options?: { max?: number }): Explanation[];
  serialize(options?: { history?: boolean }): SerializedModel;
};

export type FactorModelInit = {
  name: string;
  format: string;
  factors: number;
  userFactors: Float32Array;
  itemFactors: Float32Array;
  itemBias?: Float32Array;
  history?: Csr;
  params: Record<string, number | string | boolean>;
};

/**
 * Wraps trained factors as a RankingModel.
 *
 * @example
 * factorModel({ name: 'bpr', format: 'bpr', factors: 8, userFactors, itemFactors, itemBias, params: { lr: 0.05 } });
 */
export function factorModel(init: FactorModelInit): FactorModel {
  const { name, format, factors: f, userFactors: xu, itemFactors: yi, itemBias, history, params } = init;
  const nUsers = xu.length / f,
    nItems = yi.length / f;
  if (!Number.isInteger(nUsers) || !Number.isInteger(nItems))
    throw new RangeError(`factorModel: factor arrays are not multiples of ${f}`);
  if (itemBias && itemBias.length !== nItems)
    throw new RangeError('factorModel: itemBias length must equal the number of items');
  const itemNorm = new Float32Array(nItems);
  for (let i = 0; i < nItems; i++) {
    let s = 0;
    for (let k = 0; k < f; k++) s += yi[i * f + k]! ** 2;
    itemNorm[i] = Math.sqrt(s);
  }
  const checkUser = (u: number, fn: string) => {
    if (!(Number.isInteger(u) && u >= 0 && u < nUsers)) throw new RangeError(`${fn}: unknown user ${u}`);
  };
  const score = (u: number, i: number) => {
    let s = itemBias ? itemBias[i]! : 0;
    for (let k = 0; k < f; k++) s += xu[u * f + k]! * yi[i * f + k]!;
    return s;
  };
  const nearestHistory = (user: number, item: number, max: number): Explanation[] => {
    if (!history || user >= history.nRows) return [];
    const found: { anchorItem: number; similarity: number }[] = [];
    for (let p = history.rowPtr[user]!; p < history.rowPtr[user + 1]!; p++) {
      const h = history.colIdx[p]!;
      if (h === item) continue;
      let dot = 0;
      for (let k = 0; k < f; k++) dot += yi[h * f + k]! * yi[item * f + k]!;
      const den = itemNorm[h]! * itemNorm[item]!;
      if (den > 0) found.push({ anchorItem: h, similarity: dot / den });
    }
    found.sort((a, b) => b.similarity - a.similarity || a.anchorItem - b.anchorItem);
    return found.slice(0, max).map((x) => ({ kind: 'because-you-interacted', ...x }));
  };
  return {
    name,
    nItems,
    factors: f,
    userFactors: xu,
    itemFactors: yi,
    itemBias,
    history,
    score,
    scoreUser(user, out) {
      checkUser(user, `${name}.scoreUser`);
      const base = user * f;
      for (let i = 0; i < nItems; i++) {
        let s = itemBias ? itemBias[i]! : 0;
        const ib = i * f;
        for (let k = 0; k < f; k++) s += xu[base + k]! * yi[ib + k]!;
        out[i] = s;
      }
    },
    explanations(user, item, options = {}) {
      checkUser(user, `${name}.explanations`);
      return [{ kind: 'latent-factors', score: score(user, item) }, ...nearestHistory(user, item, options.max ?? 1)];
    },
    explain(user, item) {
      checkUser(user, `${name}.explain`);
      return nearestHistory(user, item, 1)[0] ?? { kind: 'latent-factors', score: score(user, item) };
    },
    serialize(options = {}) {
      const keep = options.history ?? true;
      return {
        header: { format, version: 1, name, nUsers, nItems, params: { ...params, factors: f } },
        buffers: {
          userFactors: xu,
          itemFactors: yi,
          ...(itemBias ? { itemBias } : {}),
          ...(keep && history ? csrToBuffers(history) : {}),
        },
      };
    },
  };
}

/**
 * Rebuilds a factor model saved by `serialize()`; `format` is 'als' or 'bpr'.
 *
 * @example
 * const als = loadFactorModel(decodeModel(bytes), 'als');
 */
export function loadFactorModel(serialized: SerializedModel, format: string): FactorModel {
  const fn = 'loadFactorModel';
  const { userFactors, itemFactors } = expectBuffers(
    serialized,
    format,
    1,
    { userFactors: 'f32', itemFactors: 'f32' },
    fn,
  );
  const f = Number(serialized.header.params.factors);
  if (!(f > 0) || itemFactors.length !== serialized.header.nItems * f)
    throw new RangeError(`${fn}: factor shape does not match the header`);
  const bias = serialized.buffers.itemBias;
  return factorModel({
    name: serialized.header.name,
    format,
    factors: f,
    userFactors,
    itemFactors,
    ...(bias instanceof Float32Array ? { itemBias: bias } : {}),
    ...(csrFromBuffers(serialized, serialized.header.nItems)
      ? { history: csrFromBuffers(serialized, serialized.header.nItems)! }
      : {}),
    params: serialized.header.params,
  });
}

/** The Gram matrix FᵀF (f × f, Float64) of a row-major factor matrix, plus `ridge` on the diagonal. */
export function factorGram(m: Float32Array, f: number, ridge = 0): Float64Array {
  const g = new Float64Array(f * f);
  const rows = m.length / f;
  for (let r = 0; r < rows; r++) {
    const base = r * f;
    for (let a = 0; a < f; a++) {
      const va = m[base + a]!;
      if (va === 0) continue;
      const ga = a * f;
      for (let b = 0; b <= a; b++) g[ga + b] = g[ga + b]! + va * m[base + b]!;
    }
  }
  for (let a = 0; a < f; a++) {
    g[a * f + a] = g[a * f + a]! + ridge;
    for (let b = 0; b < a; b++) g[b * f + a] = g[a * f + b]!;
  }
  return g;
}
