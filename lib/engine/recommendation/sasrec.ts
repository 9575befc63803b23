/**
 * SASRec, self-attentive sequential recommendation (Kang & McAuley, ICDM 2018): the network and its hand-written
 * gradient are in sasrec-net.ts (checked against finite differences in sasrec.test.ts); this file trains it with
 * Adam (Kingma & Ba 2015) and scores.
 *
 * Training data: every user's interactions ordered by timestamp (input order breaks ties), cut from the end into
 * windows of maxLen + 1 items; each window predicts item t+1 from items ≤ t at every position, with one negative per
 * position drawn uniformly from the items the user never had (the paper). An epoch visits all windows once in a
 * seeded random order, `batchSize` windows per Adam step. Scoring reads the user's last maxLen training items and
 * scores every item by its embedding · the last hidden state; the caller masks the training items.
 *
 * @example
 * const model = trainSasRecSync(train, { factors: 32, maxLen: 50, blocks: 2, epochs: 20, seed: 1 });
 * model.scoreUser(0, out);
 */
import { userSequences } from './gru4rec';
import { gemmNT } from './linalg-gemm';
import { createRng, shuffleInPlace } from './random';
import {
  blockParts,
  layerNormGains,
  sasFinalState,
  sasLayout,
  sasLossAndGradSteps,
  type SasLayout,
} from './sasrec-net';
import type { Explanation, Interactions, RankingModel, TrainControl } from './types';

export type SasRecOptions = TrainControl & {
  /** embedding and hidden size d; default 32 */
  factors?: number;
  /** items of history read (N); default 50 */
  maxLen?: number;
  /** self-attention blocks; default 2 */
  blocks?: number;
  /** dropout rate on the embeddings and each residual branch; default 0.2 */
  dropout?: number;
  /** passes over all windows; default 20 */
  epochs?: number;
  /** windows per Adam step; default 128 */
  batchSize?: number;
  /** Adam step size; default 0.001 */
  learningRate?: number;
  /** 'bce': the paper's loss, one negative per position (default); 'softmax': sampled softmax (sasrec-loss.ts) */
  loss?: 'bce' | 'softmax';
  /** softmax: uniform negatives shared by each batch; default 256 (all items when there are fewer) */
  negatives?: number;
  /** called after each epoch with the model as it is then (e.g. to choose epochs on validation) */
  onEpoch?: (epoch: number, model: SasRecModel) => void;
};

export type SasRecModel = RankingModel & {
  readonly layout: SasLayout;
  readonly theta: Float64Array;
  /** scores after reading an arbitrary item sequence (oldest first) */
  scoreSequence(items: ArrayLike<number>, out: Float32Array): void;
  /** `sequence` naming the last items (newest first) the prediction is based on */
  explain(user: number, item: number): Explanation;
};

type Seqs = { ptr: Int32Array; items: Int32Array };
type Resolved = Required<Omit<SasRecOptions, 'signal' | 'onProgress' | 'onEpoch'>>;

function resolve(options: SasRecOptions, fn: string): Resolved {
  const {
    factors = 32,
    maxLen = 50,
    blocks = 2,
    dropout = 0.2,
    epochs = 20,
    batchSize = 128,
    learningRate = 0.001,
    seed = 42,
    loss = 'bce',
    negatives = 256,
  } = options;
  if (loss !== 'bce' && loss !== 'softmax') throw new RangeError(`${fn}: loss must be 'bce' or 'softmax', got ${loss}`);
  for (const [name, v] of Object.entries({ factors, maxLen, blocks, batchSize, negatives })) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${fn}: ${name} must be a positive integer, got ${v}`);
  }
  if (!Number.isInteger(epochs) || epochs < 0)
    throw new RangeError(`${fn}: epochs must be a non-negative integer, got ${epochs}`);
  if (!(learningRate > 0)) throw new RangeError(`${fn}: learningRate must be > 0, got ${learningRate}`);
  if (!(dropout >= 0 && dropout < 1)) throw new RangeError(`${fn}: dropout must be in [0, 1), got ${dropout}`);
  return { factors, maxLen, blocks, dropout, epochs, batchSize, learningRate, seed, loss, negatives };
}

/** Glorot-uniform weights, N(0, 1/d) embeddings, layer-norm gains 1 and biases 0. */
export function initSasRec(L: SasLayout, seed: number): Float64Array {
  const rng = createRng(seed);
  const theta = new Float64Array(L.size);
  const sd = 1 / Math.sqrt(L.d),
    limit = Math.sqrt(6 / (2 * L.d));
  for (let k = 0; k < L.block; k++) theta[k] = rng.normal(0, sd);
  for (let k = L.block; k < L.lnf; k++) theta[k] = (2 * rng.next() - 1) * limit;
  for (let k = L.lnf; k < L.size; k++) theta[k] = 0;
  // the vectors inside each block (gains, biases) start at 0; gains are then set to 1
  const bp = blockParts(L.d);
  for (let l = 0; l < L.blocks; l++) {
    const o = L.block + l * L.blockSize;
    for (const part of [bp.ln1g, bp.ln2g]) theta.fill(0, o + part, o + part + 2 * L.d);
    for (const part of [bp.b1, bp.b2]) theta.fill(0, o + part, o + part + L.d);
  }
  for (const g of layerNormGains(L)) theta.fill(1, g, g + L.d);
  return theta;
}

type Trainer = { L: SasLayout; theta: Float64Array; seqs: Seqs; run: Generator<void> };

function setup(data: Interactions, options: SasRecOptions, fn: string): Trainer {
  const o = resolve(options, fn);
  const seqs = userSequences(data);
  const L = sasLayout(data.nItems, o.factors, o.maxLen, o.blocks);
  const theta = initSasRec(L, o.seed);
  return { L, theta, seqs, run: trainSteps(o, options, L, theta, seqs) };
}

/** The training loop; yields after every window (sequence) it runs forward and backward. */
function* trainSteps(o: Resolved, options: SasRecOptions, L: SasLayout, theta: Float64Array, seqs: Seqs) {
  const rng = createRng(o.seed + 1);
  // each user's distinct items, sorted, for rejecting negatives the user had
  const seen: Int32Array[] = [];
  const ends: number[] = [],
    owner: number[] = [];
  for (let u = 0; u + 1 < seqs.ptr.length; u++) {
    const a = seqs.ptr[u]!;
    seen.push(Int32Array.from(new Set(seqs.items.subarray(a, seqs.ptr[u + 1]!))).sort());
    for (let e = seqs.ptr[u + 1]!; e - a >= 2; e -= o.maxLen) {
      ends.push(e);
      owner.push(u);
    }
  }
  const windows = Int32Array.from(ends.keys());
  const m = new Float64Array(L.size),
    v = new Float64Array(L.size),
    grad = new Float64Array(L.size);
  const total = Math.ceil(windows.length / o.batchSize) * o.epochs;
  let step = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffleInPlace(windows, rng);
    for (let w0 = 0; w0 < windows.length; w0 += o.batchSize) {
      options.signal?.throwIfAborted();
      const nb = Math.min(o.batchSize, windows.length - w0);
      const ptr = new Int32Array(nb + 1);
      const inputs: number[] = [],
        targets: number[] = [],
        negatives: number[] = [];
      for (let b = 0; b < nb; b++) {
        const w = windows[w0 + b]!,
          e = ends[w]!,
          u = owner[w]!,
          s = Math.max(seqs.ptr[u]!, e - o.maxLen - 1);
        for (let p = s; p + 1 < e; p++) {
          inputs.push(seqs.items[p]!);
          targets.push(seqs.items[p + 1]!);
          if (o.loss === 'bce') negatives.push(sampleNegative(seen[u]!, L.nItems, rng));
        }
        ptr[b + 1] = inputs.length;
      }
      grad.fill(0);
      const loss: number = yield* sasLossAndGradSteps(theta, grad, L, {
        ptr,
        inputs: Int32Array.from(inputs),
        targets: Int32Array.from(targets),
        loss: o.loss,
        ...(o.loss === 'bce'
          ? { negatives: Int32Array.from(negatives) }
          : { candidates: sampleShared(Math.min(o.negatives, L.nItems), L.nItems, rng) }),
        dropout: o.dropout,
        seed: rng.int(2 ** 31),
      });
      step++;
      const b1 = 0.9,
        b2 = 0.98,
        lr = (o.learningRate * Math.sqrt(1 - b2 ** step)) / (1 - b1 ** step);
      for (let k = 0; k < L.size; k++) {
        const g = grad[k]!;
        if (g === 0 && m[k] === 0) continue; // embeddings of items absent so far: nothing to update
        m[k] = b1 * m[k]! + (1 - b1) * g;
        v[k] = b2 * v[k]! + (1 - b2) * g * g;
        theta[k] = theta[k]! - (lr * m[k]!) / (Math.sqrt(v[k]!) + 1e-8);
      }
      options.onProgress?.(step / total, `epoch ${epoch + 1}/${o.epochs}, loss ${loss.toFixed(4)}`);
    }
    options.onEpoch?.(epoch + 1, sasModel(Float64Array.from(theta), L, seqs));
  }
}

/**
 * Trains SASRec synchronously (the evaluation harness); the same seed gives the same parameters bit for bit.
 *
 * @example
 * const model = trainSasRecSync(train, { epochs: 10, onEpoch: (e, m) => console.log(e, m.name) });
 */
export function trainSasRecSync(data: Interactions, options: SasRecOptions = {}): SasRecModel {
  const t = setup(data, options, 'trainSasRecSync');
  while (!t.run.next().done) options.signal?.throwIfAborted();
  return sasModel(t.theta, t.L, t.seqs);
}

/**
 * `trainSasRecSync` yielding to the event loop about every 50 ms (inside a batch too: after any window), so progress
 * callbacks run and an AbortSignal stops it; the same parameters for the same seed.
 *
 * @example
 * const model = await trainSasRec(train, { epochs: 10, signal });
 */
export async function trainSasRec(data: Interactions, options: SasRecOptions = {}): Promise<SasRecModel> {
  const t = setup(data, options, 'trainSasRec');
  let last = performance.now();
  while (!t.run.next().done) {
    if (performance.now() - last > 50) {
      await new Promise<void>((r) => setImmediate(r));
      last = performance.now();
      options.signal?.throwIfAborted();
    }
  }
  return sasModel(t.theta, t.L, t.seqs);
}

function sampleNegative(seen: Int32Array, nItems: number, rng: ReturnType<typeof createRng>): number {
  let j = rng.int(nItems);
  for (let tries = 0; tries < 20 && binaryHas(seen, j); tries++) j = rng.int(nItems);
  return j;
}

/** k distinct items drawn uniformly (partial Fisher–Yates on the first k of 0..n−1) */
function sampleShared(k: number, n: number, rng: ReturnType<typeof createRng>): Int32Array {
  const picked = new Map<number, number>();
  const out = new Int32Array(k);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    out[i] = picked.get(j) ?? j;
    picked.set(j, picked.get(i) ?? i);
  }
  return out;
}

function binaryHas(a: Int32Array, x: number): boolean {
  let lo = 0,
    hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo < a.length && a[lo] === x;
}

function sasModel(theta: Float64Array, L: SasLayout, seqs: Seqs): SasRecModel {
  const nUsers = seqs.ptr.length - 1;
  const scores = new Float64Array(L.nItems);
  const scoreSequence = (items: ArrayLike<number>, out: Float32Array) => {
    if (items.length === 0) {
      out.fill(0);
      return;
    }
    const y = sasFinalState(theta, L, items);
    gemmNT(1, L.nItems, L.d, y, 0, theta, L.emb, scores, 0, false);
    for (let i = 0; i < L.nItems; i++) out[i] = scores[i]!;
  };
  const userItems = (user: number, fn: string) => {
    if (!(Number.isInteger(user) && user >= 0 && user < nUsers)) throw new RangeError(`${fn}: unknown user ${user}`);
    return seqs.items.subarray(seqs.ptr[user]!, seqs.ptr[user + 1]!);
  };
  return {
    name: 'sasrec',
    nItems: L.nItems,
    layout: L,
    theta,
    scoreSequence,
    scoreUser(user, out) {
      scoreSequence(userItems(user, 'SasRecModel.scoreUser'), out);
    },
    explain(user) {
      const items = userItems(user, 'SasRecModel.explain');
      return { kind: 'sequence', lastItems: Array.from(items.subarray(Math.max(0, items.length - 3))).reverse() };
    },
  };
}
