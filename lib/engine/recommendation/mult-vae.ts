/**
 * Mult-VAE, a variational autoencoder over each user's item vector (Liang, Krishnan, Hoffman & Jebara,
 * "Variational Autoencoders for Collaborative Filtering", WWW 2018), trained with Adam (Kingma & Ba 2015) in plain
 * TypeScript. The network and its gradient are in mult-vae-net.ts.
 *
 * Training follows the paper's code: binary user rows, L2-normalised, dropout on the input (keep 1 − dropout, scaled
 * by 1 / keep), encoder tanh(hidden) → μ, log σ² (latent), z = μ + ε·σ, decoder tanh(hidden) → logits; loss =
 * multinomial negative log-likelihood + β·KL with β rising linearly from 0 to `betaCap` over `annealSteps` Adam
 * steps; each epoch visits the users with history once in a seeded random order, `batchSize` users per step.
 * Scoring runs the encoder on the user's training row without dropout and decodes z = μ.
 *
 * @example
 * const model = trainMultVaeSync(train, { epochs: 100, seed: 1 });
 * const scores = new Float32Array(model.nItems);
 * model.scoreUser(0, scores);
 */
import { buildCsr, validateInteractions } from './csr';
import { vaeLayout, vaeLogits, vaeLossAndGrad, type VaeBatch, type VaeLayout } from './mult-vae-net';
import { createRng, shuffleInPlace } from './random';
import type { Csr, Explanation, Interactions, RankingModel, TrainControl } from './types';

export type MultVaeOptions = TrainControl & {
  /** hidden layer size of encoder and decoder; default 600 (the paper's) */
  hidden?: number;
  /** latent size; default 200 (the paper's) */
  latent?: number;
  /** passes over all users; default 100 */
  epochs?: number;
  /** users per Adam step; default 500 (the paper's) */
  batchSize?: number;
  /** Adam step size; default 0.001 (the paper's) */
  learningRate?: number;
  /** probability of dropping an input entry while training; default 0.5 (the paper's) */
  dropout?: number;
  /** largest KL weight β; default 0.2 (the paper's) */
  betaCap?: number;
  /** Adam steps over which β rises from 0 to betaCap; default all steps of training */
  annealSteps?: number;
  /**
   * called at the end of every epoch (1-based) with the parameters then (copy what you keep: training goes on
   * changing them); with a fixed `annealSteps`, the parameters after epoch e are those of a training of e epochs
   */
  onEpoch?: (epoch: number, theta: Float64Array) => void;
};

export type MultVaeModel = RankingModel & {
  readonly layout: VaeLayout;
  /** flat parameters in vaeLayout order */
  readonly theta: Float64Array;
  /** mean loss of each epoch (negative log-likelihood + β·KL at that epoch's β) */
  readonly epochLosses: readonly number[];
  /** logits for an arbitrary history (e.g. a visitor's basket), z = μ */
  scoreHistory(items: ArrayLike<number>, out: Float32Array): void;
  /** the model's reason is its latent representation: `latent-factors` with the item's logit */
  explain(user: number, item: number): Explanation;
};

/** users decoded together when scoring */
const BLOCK = 64;

type Resolved = Required<Omit<MultVaeOptions, 'signal' | 'onProgress' | 'annealSteps' | 'onEpoch'>> & {
  annealSteps?: number;
};

function resolve(options: MultVaeOptions, fn: string): Resolved {
  const {
    hidden = 600,
    latent = 200,
    epochs = 100,
    batchSize = 500,
    learningRate = 0.001,
    dropout = 0.5,
    betaCap = 0.2,
    seed = 42,
    annealSteps,
  } = options;
  for (const [name, v] of Object.entries({ hidden, latent, batchSize })) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${fn}: ${name} must be a positive integer, got ${v}`);
  }
  if (!Number.isInteger(epochs) || epochs < 0)
    throw new RangeError(`${fn}: epochs must be a non-negative integer, got ${epochs}`);
  if (!(learningRate > 0 && Number.isFinite(learningRate)))
    throw new RangeError(`${fn}: learningRate must be a positive finite number, got ${learningRate}`);
  if (!(dropout >= 0 && dropout < 1)) throw new RangeError(`${fn}: dropout must be in [0, 1), got ${dropout}`);
  if (!(betaCap >= 0 && Number.isFinite(betaCap)))
    throw new RangeError(`${fn}: betaCap must be a finite number ≥ 0, got ${betaCap}`);
  if (annealSteps !== undefined && !(Number.isInteger(annealSteps) && annealSteps >= 1))
    throw new RangeError(`${fn}: annealSteps must be a positive integer, got ${annealSteps}`);
  return { hidden, latent, epochs, batchSize, learningRate, dropout, betaCap, seed, annealSteps };
}

/** Glorot-uniform weights, N(0, 0.001²) biases, as the paper's code. */
function initialise(L: VaeLayout, seed: number): Float64Array {
  const rng = createRng(seed);
  const theta = new Float64Array(L.size);
  const blocks: [number, number, number, number][] = [
    [L.w1, L.b1, L.nItems, L.hidden],
    [L.w2, L.b2, L.hidden, 2 * L.latent],
    [L.w3, L.b3, L.latent, L.hidden],
    [L.w4, L.b4, L.hidden, L.nItems],
  ];
  for (const [w, b, fanIn, fanOut] of blocks) {
    const a = Math.sqrt(6 / (fanIn + fanOut));
    for (let k = w; k < b; k++) theta[k] = (2 * rng.next() - 1) * a;
    for (let k = b; k < b + fanOut; k++) theta[k] = rng.normal(0, 0.001);
  }
  return theta;
}

type Trainer = { L: VaeLayout; theta: Float64Array; csr: Csr; losses: number[]; total: number; run: Generator<string> };

function setup(data: Interactions, options: MultVaeOptions, fn: string): Trainer {
  validateInteractions(data, fn);
  const o = resolve(options, fn);
  if (data.nItems === 0) throw new RangeError(`${fn}: no items`);
  const csr = buildCsr(data, { aggregate: 'binary' });
  const L = vaeLayout(data.nItems, o.hidden, o.latent);
  const theta = initialise(L, o.seed);
  const active: number[] = [];
  for (let u = 0; u < csr.nRows; u++) if (csr.rowPtr[u + 1]! > csr.rowPtr[u]!) active.push(u);
  const users = Int32Array.from(active);
  const perEpoch = Math.ceil(users.length / o.batchSize);
  const losses: number[] = [];
  return {
    L,
    theta,
    csr,
    losses,
    total: perEpoch * o.epochs,
    run: trainSteps(o, L, theta, csr, users, losses, options.onEpoch),
  };
}

function* trainSteps(
  o: Resolved,
  L: VaeLayout,
  theta: Float64Array,
  csr: Csr,
  users: Int32Array,
  losses: number[],
  onEpoch?: MultVaeOptions['onEpoch'],
): Generator<string> {
  const rng = createRng(o.seed + 1);
  const m = new Float64Array(L.size),
    v = new Float64Array(L.size),
    grad = new Float64Array(L.size);
  const annealSteps = o.annealSteps ?? Math.max(1, Math.ceil(users.length / o.batchSize) * o.epochs);
  const keep = 1 - o.dropout;
  let step = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffleInPlace(users, rng);
    let lossSum = 0,
      batches = 0;
    for (let s = 0; s < users.length; s += o.batchSize) {
      const batch = userBatch(csr, users.subarray(s, s + o.batchSize));
      for (let k = 0; k < batch.input.length; k++)
        batch.input[k] = keep < 1 && rng.next() >= keep ? 0 : batch.input[k]! / keep;
      batch.eps = Float64Array.from({ length: batch.B * L.latent }, () => rng.normal());
      const beta = o.betaCap * Math.min(1, step / annealSteps);
      grad.fill(0);
      lossSum += vaeLossAndGrad(theta, grad, L, batch, beta).loss;
      batches++;
      step++;
      const b1 = 0.9,
        b2 = 0.999,
        lr = (o.learningRate * Math.sqrt(1 - b2 ** step)) / (1 - b1 ** step);
      for (let k = 0; k < L.size; k++) {
        const g = grad[k]!;
        m[k] = b1 * m[k]! + (1 - b1) * g;
        v[k] = b2 * v[k]! + (1 - b2) * g * g;
        theta[k] = theta[k]! - (lr * m[k]!) / (Math.sqrt(v[k]!) + 1e-8);
      }
      yield `epoch ${epoch + 1}/${o.epochs}, β ${beta.toFixed(3)}`;
    }
    losses.push(lossSum / Math.max(1, batches));
    onEpoch?.(epoch + 1, theta);
  }
}

/** The rows of `users` as a batch: binary targets, L2-normalised inputs (no dropout). */
function userBatch(csr: Csr, users: ArrayLike<number>): VaeBatch {
  const B = users.length;
  const ptr = new Int32Array(B + 1);
  for (let b = 0; b < B; b++) ptr[b + 1] = ptr[b]! + csr.rowPtr[users[b]! + 1]! - csr.rowPtr[users[b]!]!;
  const cols = new Int32Array(ptr[B]!),
    input = new Float64Array(ptr[B]!),
    target = new Float64Array(ptr[B]!);
  for (let b = 0; b < B; b++) {
    const a = csr.rowPtr[users[b]!]!,
      n = ptr[b + 1]! - ptr[b]!;
    let norm = 0;
    for (let k = 0; k < n; k++) {
      const x = csr.values[a + k]!;
      cols[ptr[b]! + k] = csr.colIdx[a + k]!;
      target[ptr[b]! + k] = x;
      norm += x * x;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < n; k++) input[ptr[b]! + k] = target[ptr[b]! + k]! * scale;
  }
  return { B, ptr, cols, input, target };
}

/**
 * Trains Mult-VAE, yielding to the event loop about every 50 ms (progress callbacks, AbortSignal).
 *
 * @example
 * const model = await trainMultVae(train, { epochs: 100, signal });
 */
export async function trainMultVae(data: Interactions, options: MultVaeOptions = {}): Promise<MultVaeModel> {
  const t = setup(data, options, 'trainMultVae');
  let done = 0,
    last = performance.now();
  for (const note of t.run) {
    options.onProgress?.(++done / t.total, note);
    if (performance.now() - last > 50) {
      await new Promise<void>((r) => setImmediate(r));
      last = performance.now();
    }
    options.signal?.throwIfAborted();
  }
  return vaeModel(t);
}

/**
 * `trainMultVae` without yielding (synchronous API for the evaluation harness); the same model for the same seed.
 *
 * @example
 * const model = trainMultVaeSync(train, { epochs: 50, seed: 7 });
 */
export function trainMultVaeSync(data: Interactions, options: MultVaeOptions = {}): MultVaeModel {
  const t = setup(data, options, 'trainMultVaeSync');
  let done = 0;
  for (const note of t.run) {
    options.signal?.throwIfAborted();
    options.onProgress?.(++done / t.total, note);
  }
  return vaeModel(t);
}

function vaeModel({ L, theta, csr, losses }: Trainer): MultVaeModel {
  const nItems = L.nItems;
  const score = (batch: VaeBatch, out: Float32Array) => {
    const logits = vaeLogits(theta, L, batch);
    for (let i = 0; i < nItems; i++) out[i] = logits[i]!;
  };
  // users are scored a block at a time (one matrix product instead of BLOCK vector products): an evaluation that
  // walks the users in order decodes each block once
  let block: { first: number; logits: Float64Array } = { first: -1, logits: new Float64Array(0) };
  const scoreCached = (user: number, out: Float32Array) => {
    const first = user - (user % BLOCK);
    if (block.first !== first) {
      const users = Int32Array.from({ length: Math.min(BLOCK, csr.nRows - first) }, (_, k) => first + k);
      block = { first, logits: vaeLogits(theta, L, userBatch(csr, users)) };
    }
    const o = (user - first) * nItems;
    for (let i = 0; i < nItems; i++) out[i] = block.logits[o + i]!;
  };
  const checkUser = (user: number, fn: string) => {
    if (!(Number.isInteger(user) && user >= 0 && user < csr.nRows)) throw new RangeError(`${fn}: unknown user ${user}`);
  };
  const scoreHistory = (items: ArrayLike<number>, out: Float32Array) => {
    const set = new Set<number>();
    for (let k = 0; k < items.length; k++) {
      const i = items[k]!;
      if (!(Number.isInteger(i) && i >= 0 && i < nItems))
        throw new RangeError(`MultVaeModel.scoreHistory: unknown item ${i}`);
      set.add(i);
    }
    const cols = Int32Array.from([...set].sort((a, b) => a - b));
    const x = set.size > 0 ? 1 / Math.sqrt(set.size) : 0;
    const input = new Float64Array(cols.length).fill(x);
    score({ B: 1, ptr: Int32Array.of(0, cols.length), cols, input, target: input }, out);
  };
  return {
    name: 'mult-vae',
    nItems,
    layout: L,
    theta,
    epochLosses: losses,
    scoreHistory,
    scoreUser(user, out) {
      checkUser(user, 'MultVaeModel.scoreUser');
      scoreCached(user, out);
    },
    explain(user, item) {
      checkUser(user, 'MultVaeModel.explain');
      if (!(Number.isInteger(item) && item >= 0 && item < nItems))
        throw new RangeError(`MultVaeModel.explain: unknown item ${item}`);
      const out = new Float32Array(nItems);
      scoreCached(user, out);
      return { kind: 'latent-factors', score: Math.round(out[item]! * 1000) / 1000 };
    },
  };
}
