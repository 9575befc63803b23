/**
 * EASE — Embarrassingly Shallow Autoencoder (H. Steck, "Embarrassingly Shallow Autoencoders for Sparse Data",
 * WWW 2019, arXiv:1905.03375). Closed form with a zero diagonal:
 *   P = (XᵀX + λI)⁻¹,   B = I − P·diagMat(1 / diag(P)),  i.e.  B[h][i] = −P[h][i] / P[i][i] (h ≠ i), B[i][i] = 0,
 * and a user's scores are x_u·B (a sparse row times a dense matrix).
 *
 * Cost: the Gram matrix is Σ_u nnz_u²/2 sparse adds (linalg-sparse.ts); the inverse is n³ flops with a blocked
 * sweep in plain TypeScript (linalg-dense.ts), split across worker threads in `trainEase`. ml-1m shape
 * (3,706 items) fits in seconds; memory is 8·n² bytes while fitting and 4·n² for the stored weights.
 *
 * @example
 * const model = await trainEase(train, { lambda: 500 });
 * const scores = new Float32Array(model.nItems);
 * model.scoreUser(0, scores);
 * model.explanations(0, 42); // [{ kind: 'because-you-interacted', anchorItem: 7, similarity: 0.031 }, …]
 */
import { paddedSize, INVERT_SPD_KERNELS, invertSpdSteps } from './linalg-dense';
import { csrFromBuffers, csrToBuffers, expectBuffers } from './linalg-io';
import { asUserItemCsr, GRAM_KERNELS, gramLowerSteps, sparseRowTimesDense } from './linalg-sparse';
import type { Csr, Explanation, Interactions, RankingModel, SerializedModel, TrainControl } from './types';
import { createKernelPool, defaultThreads, runSteps, runStepsSync, type KernelCall } from './worker-pool';

export type EaseOptions = TrainControl & {
  /** L2 regularisation λ added to the Gram diagonal; default 500 (Steck's value for ML-20M) */
  lambda?: number;
  /** threads including the caller (async API); default min(2, cores) */
  threads?: number;
  /** sweep block size, a multiple of 4; default 64 */
  blockSize?: number;
  /** keep the training matrix in the model so `scoreUser` works by user index; default true */
  keepHistory?: boolean;
  /** refuse larger catalogues (fitting needs 8·n² bytes, 3.2 GB at 20,000 items); default 20,000 */
  maxItems?: number;
};

export type EaseModel = RankingModel & {
  /** B, nItems × nItems row-major: B[h·nItems + i] is item h's weight towards item i */
  readonly weights: Float32Array;
  /** the training user × item matrix, when kept */
  readonly history: Csr | undefined;
  /** scores for an arbitrary history (e.g. a visitor's current basket); values default to 1 */
  scoreHistory(items: ArrayLike<number>, values: ArrayLike<number> | undefined, out: Float32Array): void;
  /** the main reason (hybrid.ts's ExplainableModel): the top entry of `explanations`, else `latent-factors` with the score */
  explain(user: number, item: number): Explanation;
  /** the history items that contribute most to `item` for `user` (largest x_uh·B[h][item] > 0), best first */
  explanations(user: number, item: number, options?: { max?: number }): Explanation[];
  explainHistory(items: ArrayLike<number>, item: number, options?: { max?: number }): Explanation[];
  serialize(options?: { history?: boolean }): SerializedModel;
};

const KERNELS = { ...GRAM_KERNELS, ...INVERT_SPD_KERNELS };

function checkOptions(
  data: Interactions | Csr,
  options: EaseOptions,
  fn: string,
): Required<Pick<EaseOptions, 'lambda' | 'blockSize'>> & { csr: Csr } {
  const { lambda = 500, blockSize = 64 } = options;
  if (!(lambda > 0) || !Number.isFinite(lambda))
    throw new RangeError(`${fn}: lambda must be a positive finite number, got ${lambda}`);
  const csr = asUserItemCsr(data);
  const maxItems = options.maxItems ?? 20_000;
  if (csr.nCols === 0) throw new RangeError(`${fn}: no items`);
  if (csr.nCols > maxItems)
    throw new RangeError(
      `${fn}: ${csr.nCols} items exceed maxItems ${maxItems} (EASE needs 8·n² bytes); use item-kNN or ALS`,
    );
  return { lambda, blockSize, csr };
}

function* easeSteps(
  csr: Csr,
  lambda: number,
  blockSize: number,
  threads: number,
  onProgress?: TrainControl['onProgress'],
): Generator<KernelCall, Float32Array, void> {
  const n = csr.nCols,
    ld = paddedSize(n);
  const bytes = ld * ld * 8;
  const g = new Float64Array(threads > 1 ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  onProgress?.(0, 'gram matrix');
  yield* gramLowerSteps(csr, g, ld, threads);
  for (let i = 0; i < ld; i++) g[i * ld + i] = i < n ? g[i * ld + i]! + lambda : 1;
  onProgress?.(0.1, 'inverse');
  yield* invertSpdSteps(g, ld, { threads, blockSize, onProgress: (f, note) => onProgress?.(0.1 + 0.85 * f, note) });
  const b = new Float32Array(n * n);
  for (let h = 0; h < n; h++) {
    const gh = h * ld,
      bh = h * n;
    for (let i = 0; i < n; i++) b[bh + i] = h === i ? 0 : -g[gh + i]! / g[i * ld + i]!;
  }
  onProgress?.(1, 'done');
  return b;
}

/**
 * Fits EASE on worker threads (SharedArrayBuffer); rejects with the signal's reason when aborted.
 *
 * @example
 * const model = await trainEase(train, { lambda: 300, onProgress: (f, note) => console.log(f, note) });
 */
export async function trainEase(data: Interactions | Csr, options: EaseOptions = {}): Promise<EaseModel> {
  const { lambda, blockSize, csr } = checkOptions(data, options, 'trainEase');
  const threads = options.threads ?? defaultThreads();
  const pool = await createKernelPool(KERNELS, { threads });
  try {
    const weights = await runSteps(
      easeSteps(csr, lambda, blockSize, pool.threads, options.onProgress),
      pool,
      options.signal,
    );
    return easeModel(weights, csr.nCols, options.keepHistory === false ? undefined : csr, lambda);
  } finally {
    await pool.close();
  }
}

/**
 * Fits EASE on the calling thread (the evaluation harness's synchronous API); same weights as `trainEase`.
 *
 * @example
 * const model = trainEaseSync(train, { lambda: 300 });
 */
export function trainEaseSync(data: Interactions | Csr, options: EaseOptions = {}): EaseModel {
  const { lambda, blockSize, csr } = checkOptions(data, options, 'trainEaseSync');
  const weights = runStepsSync(easeSteps(csr, lambda, blockSize, 1, options.onProgress), KERNELS, options.signal);
  return easeModel(weights, csr.nCols, options.keepHistory === false ? undefined : csr, lambda);
}

/**
 * Rebuilds a model from `serialize()` output (e.g. after `decodeModel`).
 *
 * @example
 * const model = loadEaseModel(decodeModel(bytes));
 */
export function loadEaseModel(serialized: SerializedModel): EaseModel {
  const { weights } = expectBuffers(serialized, 'ease', 1, { weights: 'f32' }, 'loadEaseModel');
  const n = serialized.header.nItems;
  if (weights.length !== n * n) throw new RangeError(`loadEaseModel: weights must hold ${n}×${n} values`);
  return easeModel(weights, n, csrFromBuffers(serialized, n), Number(serialized.header.params.lambda));
}

function easeModel(weights: Float32Array, nItems: number, history: Csr | undefined, lambda: number): EaseModel {
  const userRow = (user: number, fn: string) => {
    if (!history) throw new RangeError(`${fn}: the model was built without history; use the *History variant`);
    if (!(user >= 0 && user < history.nRows)) throw new RangeError(`${fn}: unknown user ${user}`);
    const s = history.rowPtr[user]!,
      e = history.rowPtr[user + 1]!;
    return { items: history.colIdx.subarray(s, e), values: history.values.subarray(s, e) };
  };
  const explainHistory = (
    items: ArrayLike<number>,
    values: ArrayLike<number> | undefined,
    item: number,
    max: number,
  ): Explanation[] => {
    const found: { anchorItem: number; similarity: number; contribution: number }[] = [];
    for (let k = 0; k < items.length; k++) {
      const h = items[k]!;
      if (h === item) continue;
      const w = weights[h * nItems + item]!,
        contribution = (values ? values[k]! : 1) * w;
      if (contribution > 0) found.push({ anchorItem: h, similarity: w, contribution });
    }
    found.sort((a, b) => b.contribution - a.contribution || a.anchorItem - b.anchorItem);
    return found
      .slice(0, max)
      .map(({ anchorItem, similarity }) => ({ kind: 'because-you-interacted', anchorItem, similarity }));
  };
  return {
    name: 'ease',
    nItems,
    weights,
    history,
    scoreUser(user, out) {
      const { items, values } = userRow(user, 'EaseModel.scoreUser');
      sparseRowTimesDense(items, values, weights, nItems, out);
    },
    scoreHistory(items, values, out) {
      sparseRowTimesDense(items, values, weights, nItems, out);
    },
    explain(user, item) {
      const { items, values } = userRow(user, 'EaseModel.explain');
      const [top] = explainHistory(items, values, item, 1);
      if (top) return top;
      let score = 0;
      for (let k = 0; k < items.length; k++) score += values[k]! * weights[items[k]! * nItems + item]!;
      return { kind: 'latent-factors', score };
    },
    explanations(user, item, options = {}) {
      const { items, values } = userRow(user, 'EaseModel.explanations');
      return explainHistory(items, values, item, options.max ?? 3);
    },
    explainHistory(items, item, options = {}) {
      return explainHistory(items, undefined, item, options.max ?? 3);
    },
    serialize(options = {}) {
      const keep = options.history ?? true;
      return {
        header: { format: 'ease', version: 1, name: 'ease', nUsers: history?.nRows ?? 0, nItems, params: { lambda } },
        buffers: { weights, ...(keep && history ? csrToBuffers(history) : {}) },
      };
    },
  };
}
