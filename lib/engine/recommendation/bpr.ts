/**
 * BPR-MF — Bayesian Personalized Ranking (S. Rendle, C. Freudenthaler, Z. Gantner, L. Schmidt-Thieme, "BPR:
 * Bayesian Personalized Ranking from Implicit Feedback", UAI 2009) with stochastic gradient ascent on
 *   Σ_(u,i,j) ln σ(x̂_uij) − λ‖Θ‖²,   x̂_uij = x_u·(y_i − y_j) + b_i − b_j,
 * one pass (epoch) = every observed (u, i) once in a seeded random order, each with one negative j drawn uniformly
 * from the items u has not interacted with (rejection sampling against the user's sorted row).
 *
 * SGD is sequential, so BPR runs on one thread; `trainBpr` yields to the event loop between epochs (progress,
 * AbortSignal), `trainBprSync` is the same computation without yielding. Same seed → same model.
 *
 * @example
 * const model = await trainBpr(train, { factors: 64, epochs: 30, learningRate: 0.05, seed: 1 });
 * model.explain(0, 12); // [{ kind: 'latent-factors', score }, { kind: 'because-you-interacted', … }]
 */
import { asUserItemCsr } from './linalg-sparse';
import { factorModel, loadFactorModel, type FactorModel } from './linalg-factors';
import { createRng, shuffleInPlace, type Rng } from './random';
import type { Csr, Interactions, SerializedModel, TrainControl } from './types';

export type BprOptions = TrainControl & {
  /** latent dimension; default 64 */
  factors?: number;
  /** passes over the observed pairs; default 30 */
  epochs?: number;
  /** SGD step size; default 0.05 */
  learningRate?: number;
  /** λ for the factors; default 0.002 */
  regularization?: number;
  /** λ for the item biases; default 0 */
  biasRegularization?: number;
  /** standard deviation of the N(0, σ²) initial factors; default 0.1 */
  initScale?: number;
  keepHistory?: boolean;
};

type Resolved = Required<Omit<BprOptions, 'signal' | 'onProgress' | 'keepHistory'>>;

function resolve(options: BprOptions, fn: string): Resolved {
  const {
    factors = 64,
    epochs = 30,
    learningRate = 0.05,
    regularization = 0.002,
    biasRegularization = 0,
    initScale = 0.1,
    seed = 42,
  } = options;
  if (!Number.isInteger(factors) || factors < 1)
    throw new RangeError(`${fn}: factors must be a positive integer, got ${factors}`);
  if (!Number.isInteger(epochs) || epochs < 0)
    throw new RangeError(`${fn}: epochs must be a non-negative integer, got ${epochs}`);
  if (!(learningRate > 0)) throw new RangeError(`${fn}: learningRate must be positive, got ${learningRate}`);
  if (!(regularization >= 0) || !(biasRegularization >= 0)) throw new RangeError(`${fn}: regularization must be ≥ 0`);
  return { factors, epochs, learningRate, regularization, biasRegularization, initScale, seed };
}

type State = {
  csr: Csr;
  o: Resolved;
  rng: Rng;
  x: Float32Array;
  y: Float32Array;
  bias: Float32Array;
  order: Int32Array;
  rowOf: Int32Array;
};

function init(data: Interactions | Csr, options: BprOptions, fn: string): State {
  const o = resolve(options, fn);
  const csr = asUserItemCsr(data);
  const nnz = csr.rowPtr[csr.nRows]!;
  for (let u = 0; u < csr.nRows; u++) {
    if (csr.rowPtr[u + 1]! - csr.rowPtr[u]! >= csr.nCols && csr.rowPtr[u + 1]! > csr.rowPtr[u]!)
      throw new RangeError(`${fn}: user ${u} has interacted with every item; no negative to sample`);
  }
  const rng = createRng(o.seed);
  const x = Float32Array.from({ length: csr.nRows * o.factors }, () => rng.normal(0, o.initScale));
  const y = Float32Array.from({ length: csr.nCols * o.factors }, () => rng.normal(0, o.initScale));
  const rowOf = new Int32Array(nnz);
  for (let u = 0; u < csr.nRows; u++) rowOf.fill(u, csr.rowPtr[u]!, csr.rowPtr[u + 1]!);
  return {
    csr,
    o,
    rng,
    x,
    y,
    bias: new Float32Array(csr.nCols),
    order: Int32Array.from({ length: nnz }, (_, k) => k),
    rowOf,
  };
}

/** One epoch of SGD over every observed pair; returns the mean ln σ(x̂_uij) of the epoch (a training signal). */
function epoch(s: State): number {
  const { csr, o, rng, x, y, bias, order, rowOf } = s;
  const f = o.factors,
    lr = o.learningRate,
    reg = o.regularization,
    regB = o.biasRegularization;
  const nItems = csr.nCols;
  shuffleInPlace(order, rng);
  let logLik = 0;
  for (let t = 0; t < order.length; t++) {
    const k = order[t]!;
    const u = rowOf[k]!,
      i = csr.colIdx[k]!;
    const s0 = csr.rowPtr[u]!,
      e0 = csr.rowPtr[u + 1]! - 1;
    let j: number;
    for (;;) {
      j = rng.int(nItems);
      let lo = s0,
        hi = e0,
        seen = false;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1,
          c = csr.colIdx[mid]!;
        if (c === j) {
          seen = true;
          break;
        }
        if (c < j) lo = mid + 1;
        else hi = mid - 1;
      }
      if (!seen) break;
    }
    const ub = u * f,
      ib = i * f,
      jb = j * f;
    let xuij = bias[i]! - bias[j]!;
    for (let q = 0; q < f; q++) xuij += x[ub + q]! * (y[ib + q]! - y[jb + q]!);
    // d/dx ln σ(x) = σ(−x); computed stably for large |x|
    const g = xuij > 0 ? Math.exp(-xuij) / (1 + Math.exp(-xuij)) : 1 / (1 + Math.exp(xuij));
    logLik += xuij > 0 ? -Math.log1p(Math.exp(-xuij)) : xuij - Math.log1p(Math.exp(xuij));
    for (let q = 0; q < f; q++) {
      const xu = x[ub + q]!,
        yi = y[ib + q]!,
        yj = y[jb + q]!;
      x[ub + q] = xu + lr * (g * (yi - yj) - reg * xu);
      y[ib + q] = yi + lr * (g * xu - reg * yi);
      y[jb + q] = yj + lr * (-g * xu - reg * yj);
    }
    bias[i] = bias[i]! + lr * (g - regB * bias[i]!);
    bias[j] = bias[j]! + lr * (-g - regB * bias[j]!);
  }
  return order.length > 0 ? logLik / order.length : 0;
}

function toModel(s: State, keepHistory: boolean | undefined): FactorModel {
  const { o } = s;
  return factorModel({
    name: 'bpr',
    format: 'bpr',
    factors: o.factors,
    userFactors: s.x,
    itemFactors: s.y,
    itemBias: s.bias,
    ...(keepHistory === false ? {} : { history: s.csr }),
    params: {
      epochs: o.epochs,
      learningRate: o.learningRate,
      regularization: o.regularization,
      biasRegularization: o.biasRegularization,
      seed: o.seed,
    },
  });
}

/**
 * Trains BPR-MF, yielding to the event loop after each epoch.
 *
 * @example
 * const model = await trainBpr(train, { epochs: 20, onProgress: (f, note) => console.log(note) });
 */
export async function trainBpr(data: Interactions | Csr, options: BprOptions = {}): Promise<FactorModel> {
  const s = init(data, options, 'trainBpr');
  for (let e = 0; e < s.o.epochs; e++) {
    options.signal?.throwIfAborted();
    const ll = epoch(s);
    options.onProgress?.((e + 1) / s.o.epochs, `epoch ${e + 1}/${s.o.epochs}, mean ln σ = ${ll.toFixed(4)}`);
    await new Promise<void>((r) => setImmediate(r));
  }
  options.signal?.throwIfAborted();
  return toModel(s, options.keepHistory);
}

/**
 * `trainBpr` without yielding (synchronous API for the evaluation harness); the same model for the same seed.
 *
 * @example
 * const model = trainBprSync(train, { factors: 32, epochs: 10, seed: 3 });
 */
export function trainBprSync(data: Interactions | Csr, options: BprOptions = {}): FactorModel {
  const s = init(data, options, 'trainBprSync');
  for (let e = 0; e < s.o.epochs; e++) {
    options.signal?.throwIfAborted();
    const ll = epoch(s);
    options.onProgress?.((e + 1) / s.o.epochs, `epoch ${e + 1}/${s.o.epochs}, mean ln σ = ${ll.toFixed(4)}`);
  }
  return toModel(s, options.keepHistory);
}

/**
 * Loads a BPR model saved with `serialize()`.
 *
 * @example
 * const model = loadBprModel(decodeModel(bytes));
 */
export function loadBprModel(serialized: SerializedModel): FactorModel {
  return loadFactorModel(serialized, 'bpr');
}
