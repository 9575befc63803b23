/**
 * Implicit-feedback ALS (Y. Hu, Y. Koren, C. Volinsky, "Collaborative Filtering for Implicit Feedback Datasets",
 * ICDM 2008) solved with a few warm-started conjugate-gradient steps per row (Takács et al. 2011; see
 * als-kernel.ts). Preferences p_ui = 1 for observed pairs, confidence c_ui = 1 + α·r_ui, loss
 *   L = Σ_{u,i} c_ui (p_ui − x_u·y_i)² + λ (Σ_u ‖x_u‖² + Σ_i ‖y_i‖²).
 * Each iteration solves all users (items fixed), then all items (users fixed), rows split across worker threads;
 * `trainAlsSync` runs the same steps on the calling thread with bit-identical results.
 *
 * @example
 * const model = await trainAls(train, { factors: 64, alpha: 20, regularization: 0.1, iterations: 15, seed: 1 });
 * model.scoreUser(0, out);
 */
import { asUserItemCsr } from './linalg-sparse';
import { alsCgKernel } from './als-kernel';
import { factorGram, factorModel, loadFactorModel, type FactorModel } from './linalg-factors';
import { transposeCsr } from './csr';
import { createRng } from './random';
import type { Csr, Interactions, SerializedModel, TrainControl } from './types';
import {
  balancedRanges,
  createKernelPool,
  defaultThreads,
  runSteps,
  runStepsSync,
  sharedFloat32,
  sharedInt32,
  type KernelArg,
  type KernelCall,
} from './worker-pool';

export type AlsOptions = TrainControl & {
  /** latent dimension f; default 64 */
  factors?: number;
  /** λ; default 0.1 */
  regularization?: number;
  /** α in c = 1 + α·r; default 20 */
  alpha?: number;
  /** ALS sweeps (users then items); default 15 */
  iterations?: number;
  /** CG steps per row and half-iteration; default 3 (the `implicit` library's default) */
  cgSteps?: number;
  /** standard deviation of the N(0, σ²) initial factors; default 0.01 */
  initScale?: number;
  /** threads incl. the caller (async API); default min(2, cores) */
  threads?: number;
  keepHistory?: boolean;
  /** start from these factors instead of random ones (tests, warm restarts) */
  init?: { userFactors: Float32Array; itemFactors: Float32Array };
};

type Resolved = Required<Omit<AlsOptions, 'init' | 'threads' | 'signal' | 'onProgress' | 'keepHistory'>>;

function resolve(options: AlsOptions, fn: string): Resolved {
  const {
    factors = 64,
    regularization = 0.1,
    alpha = 20,
    iterations = 15,
    cgSteps = 3,
    initScale = 0.01,
    seed = 42,
  } = options;
  if (!Number.isInteger(factors) || factors < 1)
    throw new RangeError(`${fn}: factors must be a positive integer, got ${factors}`);
  if (!(regularization >= 0)) throw new RangeError(`${fn}: regularization must be ≥ 0, got ${regularization}`);
  if (!(alpha >= 0)) throw new RangeError(`${fn}: alpha must be ≥ 0, got ${alpha}`);
  if (!Number.isInteger(iterations) || iterations < 0)
    throw new RangeError(`${fn}: iterations must be a non-negative integer`);
  if (!Number.isInteger(cgSteps) || cgSteps < 1) throw new RangeError(`${fn}: cgSteps must be a positive integer`);
  return { factors, regularization, alpha, iterations, cgSteps, initScale, seed };
}

/** Equal-work row bands for the CG kernel: a row costs f² (the dense product) plus 2f per stored entry. */
function rowBands(csr: Csr, f: number, threads: number): number[] {
  return balancedRanges(csr.nRows, threads, (r) => f * f + 2 * f * (csr.rowPtr[r + 1]! - csr.rowPtr[r]!), 1);
}

function* alsSteps(
  byUser: Csr,
  o: Resolved,
  x: Float32Array,
  y: Float32Array,
  threads: number,
  onProgress?: TrainControl['onProgress'],
): Generator<KernelCall, void, void> {
  const byItem = transposeCsr(byUser);
  const shared = threads > 1;
  const share = (c: Csr): KernelArg[] => {
    const values = shared ? sharedFloat32(c.values.length) : c.values;
    if (shared) values.set(c.values);
    return [sharedInt32(c.rowPtr, shared), sharedInt32(c.colIdx, shared), values];
  };
  const sides = [
    { solve: x, fixed: y, csr: share(byUser), bands: rowBands(byUser, o.factors, threads) },
    { solve: y, fixed: x, csr: share(byItem), bands: rowBands(byItem, o.factors, threads) },
  ];
  for (let it = 0; it < o.iterations; it++) {
    for (const side of sides) {
      const gram = factorGram(side.fixed, o.factors, o.regularization);
      const g = shared ? new Float64Array(new SharedArrayBuffer(gram.byteLength)) : gram;
      if (shared) g.set(gram);
      const args: KernelArg[][] = [];
      for (let t = 0; t < threads; t++) {
        if (side.bands[t]! < side.bands[t + 1]!)
          args.push([
            side.solve,
            side.fixed,
            g,
            ...side.csr,
            o.alpha,
            o.factors,
            o.cgSteps,
            side.bands[t]!,
            side.bands[t + 1]!,
          ]);
      }
      yield { name: 'alsCg', args };
    }
    onProgress?.((it + 1) / o.iterations, `iteration ${it + 1}/${o.iterations}`);
  }
}

function initFactors(
  nUsers: number,
  nItems: number,
  o: Resolved,
  shared: boolean,
  init: AlsOptions['init'],
  fn: string,
) {
  const x = sharedFloat32(nUsers * o.factors, shared),
    y = sharedFloat32(nItems * o.factors, shared);
  if (init) {
    if (init.userFactors.length !== x.length || init.itemFactors.length !== y.length)
      throw new RangeError(`${fn}: init factors have the wrong shape`);
    x.set(init.userFactors);
    y.set(init.itemFactors);
  } else {
    const rng = createRng(o.seed);
    for (let k = 0; k < x.length; k++) x[k] = rng.normal(0, o.initScale);
    for (let k = 0; k < y.length; k++) y[k] = rng.normal(0, o.initScale);
  }
  return { x, y };
}

function toModel(
  csr: Csr,
  o: Resolved,
  x: Float32Array,
  y: Float32Array,
  keepHistory: boolean | undefined,
): FactorModel {
  // Copy off shared memory so the model is plain, transferable data.
  return factorModel({
    name: 'als',
    format: 'als',
    factors: o.factors,
    userFactors: Float32Array.from(x),
    itemFactors: Float32Array.from(y),
    ...(keepHistory === false ? {} : { history: csr }),
    params: {
      regularization: o.regularization,
      alpha: o.alpha,
      iterations: o.iterations,
      cgSteps: o.cgSteps,
      seed: o.seed,
    },
  });
}

/**
 * Trains implicit ALS on worker threads; the input's values are the r_ui (use 1s for plain implicit data).
 *
 * @example
 * const model = await trainAls(train, { iterations: 10, signal: controller.signal });
 */
export async function trainAls(data: Interactions | Csr, options: AlsOptions = {}): Promise<FactorModel> {
  const o = resolve(options, 'trainAls');
  const csr = asUserItemCsr(data);
  const pool = await createKernelPool({ alsCg: alsCgKernel }, { threads: options.threads ?? defaultThreads() });
  try {
    const { x, y } = initFactors(csr.nRows, csr.nCols, o, pool.threads > 1, options.init, 'trainAls');
    await runSteps(alsSteps(csr, o, x, y, pool.threads, options.onProgress), pool, options.signal);
    return toModel(csr, o, x, y, options.keepHistory);
  } finally {
    await pool.close();
  }
}

/**
 * `trainAls` on the calling thread (synchronous API for the evaluation harness); identical factors.
 *
 * @example
 * const model = trainAlsSync(train, { factors: 32, seed: 7 });
 */
export function trainAlsSync(data: Interactions | Csr, options: AlsOptions = {}): FactorModel {
  const o = resolve(options, 'trainAlsSync');
  const csr = asUserItemCsr(data);
  const { x, y } = initFactors(csr.nRows, csr.nCols, o, false, options.init, 'trainAlsSync');
  runStepsSync(alsSteps(csr, o, x, y, 1, options.onProgress), { alsCg: alsCgKernel }, options.signal);
  return toModel(csr, o, x, y, options.keepHistory);
}

/**
 * The weighted loss L of the file comment for given factors, in O(nnz·f + (users + items)·f²): the sum over all
 * pairs of (x_u·y_i)² is Σ_u x_uᵀ(YᵀY)x_u, then observed pairs are corrected.
 *
 * @example
 * alsLoss(csr, model.userFactors, model.itemFactors, { factors: 64, alpha: 20, regularization: 0.1 });
 */
export function alsLoss(
  csr: Csr,
  x: Float32Array,
  y: Float32Array,
  o: { factors: number; alpha: number; regularization: number },
): number {
  const f = o.factors;
  const yty = factorGram(y, f);
  let loss = 0;
  for (let u = 0; u < csr.nRows; u++) {
    const xb = u * f;
    for (let a = 0; a < f; a++) {
      let acc = 0;
      for (let b = 0; b < f; b++) acc += yty[a * f + b]! * x[xb + b]!;
      loss += x[xb + a]! * acc;
    }
    for (let q = csr.rowPtr[u]!; q < csr.rowPtr[u + 1]!; q++) {
      const yb = csr.colIdx[q]! * f;
      let s = 0;
      for (let k = 0; k < f; k++) s += x[xb + k]! * y[yb + k]!;
      const c = 1 + o.alpha * csr.values[q]!;
      loss += c * (1 - s) ** 2 - s * s;
    }
  }
  let norms = 0;
  for (const v of x) norms += v * v;
  for (const v of y) norms += v * v;
  return loss + o.regularization * norms;
}

/**
 * Loads an ALS model saved with `serialize()`.
 *
 * @example
 * const model = loadAlsModel(decodeModel(bytes));
 */
export function loadAlsModel(serialized: SerializedModel): FactorModel {
  return loadFactorModel(serialized, 'als');
}
