/**
 * Federated implicit matrix factorisation, simulated on one machine: FCF (Ammad-ud-din et al., "Federated
 * Collaborative Filtering for Privacy-Preserving Personalized Recommendation System", 2019) in FedAvg-style rounds
 * (McMahan et al. 2017) with full participation.
 *
 * The loss is implicit ALS's (als.ts): L = Σ_u Σ_i c_ui (p_ui − x_u·y_i)² + λ(Σ_u ‖x_u‖² + Σ_i ‖y_i‖²).
 * Each round:
 *  1. the server broadcasts the item factors Y;
 *  2. each client u, holding only its own interactions and its own x_u, solves x_u with the same warm-started CG
 *     step as centralised ALS (als-kernel.ts, the client's row only) and computes its part of the item gradient,
 *     ∂L_u/∂y_i = 2·c_ui(x_u·y_i − p_ui)·x_u for every item i (dense: unobserved items have c = 1, p = 0), so the
 *     update is the rank-one matrix 2·w_u x_uᵀ with w_ui = c_ui(x_u·y_i − p_ui);
 *  3. optionally the client clips its update to Frobenius norm C (‖2 w_u x_uᵀ‖ = 2‖w_u‖·‖x_u‖);
 *  4. the server sums the updates, adds N(0, (z·C)²) noise per coordinate when DP is on, adds the gradient of its
 *     own term λ‖Y‖², and takes an Adam step (Kingma & Ba 2015, as FCF does).
 * Clients then solve their x_u once more against the final Y to recommend locally.
 *
 * Communication: every client sends its full nItems × f update each round as float32 (the update is dense, so no
 * sparse encoding helps), and receives Y of the same size. The simulation sums the updates directly instead of
 * materialising each one; the values are rounded to float32 first, as they would be on the wire.
 *
 * The returned model puts every client's final x_u next to Y only so that the simulation can be evaluated offline; in
 * the protocol each x_u stays on its device and scores there.
 *
 * @example
 * const { model, report } = trainFederated(train, { factors: 32, rounds: 30, seed: 1 });
 * report.bytesSentPerClient; // rounds × nItems × f × 4
 */
import { alsCgKernel } from './als-kernel';
import { calibrateNoise, privacyAccount, type PrivacyAccount } from './federated-privacy';
import { factorGram, factorModel, type FactorModel } from './linalg-factors';
import { asUserItemCsr } from './linalg-sparse';
import { createRng, type Rng } from './random';
import type { Csr, Interactions } from './types';

export type FederatedOptions = {
  /** latent dimension f; default 64 */
  factors?: number;
  /** α in c = 1 + α·r; default 3 */
  alpha?: number;
  /** λ; default 30 */
  regularization?: number;
  /** communication rounds; default 30 */
  rounds?: number;
  /** CG steps of each client's local solve per round; default 3 */
  cgSteps?: number;
  /** server Adam step size; default 0.05 */
  learningRate?: number;
  /** standard deviation of the N(0, σ²) initial item factors; default 0.01 */
  initScale?: number;
  seed?: number;
  /** differential privacy: clip each client's update to `clipNorm` and add Gaussian noise to the sum */
  privacy?: { clipNorm: number; delta: number } & ({ epsilon: number } | { noiseMultiplier: number });
  /** clip without noise (to separate the effect of clipping from that of noise) */
  clipNorm?: number;
};

export type FederatedReport = {
  rounds: number;
  clients: number;
  /** float32 values each client uploads per round (nItems × f, dense) */
  floatsSentPerRound: number;
  /** bytes each client uploads over all rounds (rounds × floatsSentPerRound × 4); downloads are the same size */
  bytesSentPerClient: number;
  /** the loss L after each round (with the clients' x_u of that round) */
  loss: number[];
  /** share of client updates that clipping shrank, per round (0 when no clipping) */
  clippedShare: number[];
  privacy?: PrivacyAccount & { clipNorm: number; noiseStd: number };
};

function resolve(o: FederatedOptions) {
  const r = {
    factors: o.factors ?? 64,
    alpha: o.alpha ?? 3,
    regularization: o.regularization ?? 30,
    rounds: o.rounds ?? 30,
    cgSteps: o.cgSteps ?? 3,
    learningRate: o.learningRate ?? 0.05,
    initScale: o.initScale ?? 0.01,
    seed: o.seed ?? 42,
  };
  if (!Number.isInteger(r.factors) || r.factors < 1)
    throw new RangeError('trainFederated: factors must be a positive integer');
  if (!Number.isInteger(r.rounds) || r.rounds < 1)
    throw new RangeError('trainFederated: rounds must be a positive integer');
  if (!Number.isInteger(r.cgSteps) || r.cgSteps < 1)
    throw new RangeError('trainFederated: cgSteps must be a positive integer');
  if (!(r.alpha >= 0) || !(r.regularization >= 0) || !(r.learningRate > 0))
    throw new RangeError('trainFederated: alpha and regularization must be ≥ 0, learningRate > 0');
  const clip = o.privacy?.clipNorm ?? o.clipNorm;
  if (clip !== undefined && !(clip > 0)) throw new RangeError('trainFederated: clipNorm must be > 0');
  return { ...r, clip };
}

/** one simulated device: its own interactions and user vector, nothing else */
type Client = { items: Int32Array; values: Float32Array; rowPtr: Int32Array; x: Float32Array };

function makeClients(csr: Csr, f: number): Client[] {
  const clients: Client[] = [];
  for (let u = 0; u < csr.nRows; u++) {
    const s = csr.rowPtr[u]!,
      e = csr.rowPtr[u + 1]!;
    clients.push({
      items: csr.colIdx.slice(s, e),
      values: csr.values.slice(s, e),
      rowPtr: Int32Array.of(0, e - s),
      x: new Float32Array(f),
    });
  }
  return clients;
}

/** the client's local solve: the ALS CG step on its own row (gram = YᵀY + λI, which the client can form from Y) */
function solveClient(c: Client, y: Float32Array, gram: Float64Array, alpha: number, f: number, cgSteps: number) {
  alsCgKernel(c.x, y, gram, c.rowPtr, c.items, c.values, alpha, f, cgSteps, 0, 1);
}

/**
 * The client's update before scaling: fills w_ui = c_ui(x_u·y_i − p_ui) for all items (the update is 2·w_u x_uᵀ);
 * returns its loss term Σ_i c_ui (p_ui − x_u·y_i)², ‖x_u‖² and the update's Frobenius norm 2‖w_u‖‖x_u‖.
 */
function clientUpdate(c: Client, y: Float32Array, f: number, alpha: number, w: Float64Array) {
  const x = c.x;
  let loss = 0;
  for (let i = 0; i < w.length; i++) {
    let s = 0;
    const yb = i * f;
    for (let k = 0; k < f; k++) s += x[k]! * y[yb + k]!;
    w[i] = s;
    loss += s * s;
  }
  for (let q = 0; q < c.items.length; q++) {
    const i = c.items[q]!,
      conf = 1 + alpha * c.values[q]!;
    const s = w[i]!;
    loss += conf * (1 - s) ** 2 - s * s;
    w[i] = conf * (s - 1);
  }
  let xx = 0,
    ww = 0;
  for (let k = 0; k < f; k++) xx += x[k]! ** 2;
  for (const v of w) ww += v * v;
  return { loss, xx, norm: 2 * Math.sqrt(xx * ww) };
}

/** sum += scale·w xᵀ, each entry rounded to float32 as the client would send it */
function accumulate(sum: Float64Array, w: Float64Array, x: Float32Array, scale: number, f: number) {
  for (let i = 0; i < w.length; i++) {
    const wi = scale * w[i]!;
    if (wi === 0) continue;
    const b = i * f;
    for (let k = 0; k < f; k++) sum[b + k]! += Math.fround(wi * x[k]!);
  }
}

/**
 * The server's noise: N(0, sd²) added to every coordinate of the summed updates (nothing when sd = 0).
 *
 * @example
 * addNoise(sum, 21.92 * clipNorm, createRng(2));
 */
export function addNoise(sum: Float64Array, sd: number, rng: Rng): void {
  if (!(sd >= 0)) throw new RangeError(`addNoise: sd must be ≥ 0, got ${sd}`);
  if (sd === 0) return;
  for (let k = 0; k < sum.length; k++) sum[k] = sum[k]! + rng.normal(0, sd);
}

/**
 * ∂L/∂Y at fixed factors as the protocol computes it: the sum of every client's unclipped update plus the server's
 * 2λY (for checking against finite differences of alsLoss).
 *
 * @example
 * itemGradient(csr, x, y, { factors: 3, alpha: 2, regularization: 0.1 });
 */
export function itemGradient(
  csr: Csr,
  x: Float32Array,
  y: Float32Array,
  o: { factors: number; alpha: number; regularization: number },
): Float64Array {
  const f = o.factors;
  const sum = new Float64Array(y.length),
    w = new Float64Array(csr.nCols);
  makeClients(csr, f).forEach((c, u) => {
    c.x.set(x.subarray(u * f, (u + 1) * f));
    clientUpdate(c, y, f, o.alpha, w);
    accumulate(sum, w, c.x, 2, f);
  });
  for (let k = 0; k < y.length; k++) sum[k] = sum[k]! + 2 * o.regularization * y[k]!;
  return sum;
}

/**
 * Trains the federated model; the input's values are the r_ui (1s for plain implicit data). Throws RangeError on
 * bad options.
 *
 * @example
 * trainFederated(train, { rounds: 30, privacy: { epsilon: 4, delta: 1 / 943, clipNorm: 1 } }).report.privacy?.epsilon; // 4
 */
export function trainFederated(data: Interactions | Csr, options: FederatedOptions = {}): FederatedResult {
  const run = federatedRun(data, options);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
  }
}

export type FederatedResult = { model: FactorModel; report: FederatedReport };

/**
 * The same training as `trainFederated`, as a generator that pauses after every 64 clients with the share of the
 * work done, so that a caller can yield to its event loop, report progress and stop between steps.
 */
export function* federatedRun(
  data: Interactions | Csr,
  options: FederatedOptions = {},
): Generator<number, FederatedResult, void> {
  const o = resolve(options);
  const f = o.factors;
  const csr = asUserItemCsr(data);
  const nItems = csr.nCols;
  const clients = makeClients(csr, f);
  const rng = createRng(o.seed);
  const y = new Float32Array(nItems * f);
  for (let k = 0; k < y.length; k++) y[k] = rng.normal(0, o.initScale);
  let privacy: FederatedReport['privacy'];
  if (options.privacy) {
    const p = options.privacy;
    const z = 'epsilon' in p ? calibrateNoise(p.epsilon, p.delta, o.rounds) : p.noiseMultiplier;
    privacy = { ...privacyAccount(z, o.rounds, p.delta), clipNorm: p.clipNorm, noiseStd: z * p.clipNorm };
  }
  const noiseRng = createRng(o.seed + 1);
  const sum = new Float64Array(nItems * f),
    m = new Float64Array(nItems * f),
    v = new Float64Array(nItems * f),
    w = new Float64Array(nItems);
  const loss: number[] = [],
    clippedShare: number[] = [];
  const b1 = 0.9,
    b2 = 0.999,
    eps = 1e-8;
  for (let t = 1; t <= o.rounds; t++) {
    const gram = factorGram(y, f, o.regularization);
    sum.fill(0);
    let total = 0,
      clipped = 0;
    for (const [n, c] of clients.entries()) {
      if ((n & 63) === 63) yield (t - 1 + n / clients.length) / o.rounds;
      solveClient(c, y, gram, o.alpha, f, o.cgSteps);
      const u = clientUpdate(c, y, f, o.alpha, w);
      total += u.loss + o.regularization * u.xx;
      let scale = 2;
      if (o.clip !== undefined && u.norm > o.clip) {
        scale *= o.clip / u.norm;
        clipped++;
      }
      accumulate(sum, w, c.x, scale, f);
    }
    let yy = 0;
    for (let k = 0; k < y.length; k++) yy += y[k]! ** 2;
    loss.push(total + o.regularization * yy);
    clippedShare.push(o.clip === undefined ? 0 : clipped / clients.length);
    addNoise(sum, privacy?.noiseStd ?? 0, noiseRng);
    const lr = (o.learningRate * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    for (let k = 0; k < y.length; k++) {
      const g = sum[k]! + 2 * o.regularization * y[k]!;
      m[k] = b1 * m[k]! + (1 - b1) * g;
      v[k] = b2 * v[k]! + (1 - b2) * g * g;
      y[k] = y[k]! - (lr * m[k]!) / (Math.sqrt(v[k]!) + eps);
    }
  }
  // each client refreshes its own vector against the final item factors to recommend locally
  const gram = factorGram(y, f, o.regularization);
  const x = new Float32Array(clients.length * f);
  clients.forEach((c, u) => {
    solveClient(c, y, gram, o.alpha, f, o.cgSteps);
    x.set(c.x, u * f);
  });
  const floatsSentPerRound = nItems * f;
  const model = factorModel({
    name: 'federated-mf',
    format: 'als',
    factors: f,
    userFactors: x,
    itemFactors: y,
    history: csr,
    params: {
      alpha: o.alpha,
      regularization: o.regularization,
      rounds: o.rounds,
      learningRate: o.learningRate,
      seed: o.seed,
    },
  });
  return {
    model,
    report: {
      rounds: o.rounds,
      clients: clients.length,
      floatsSentPerRound,
      bytesSentPerClient: o.rounds * floatsSentPerRound * 4,
      loss,
      clippedShare,
      ...(privacy ? { privacy } : {}),
    },
  };
}
