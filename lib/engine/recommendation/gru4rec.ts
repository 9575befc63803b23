/**
 * GRU4Rec, a recurrent model of each user's behaviour sequence (Hidasi et al., ICLR 2016; cross-entropy over the
 * batch's targets plus uniform negative samples, Hidasi & Karatzoglou, CIKM 2018), trained with Adam (Kingma & Ba
 * 2015) in plain TypeScript: the network and its hand-written gradient are in gru4rec-cell.ts and are checked
 * against finite differences in gru4rec.test.ts.
 *
 * Training data: every user's interactions ordered by timestamp (input order breaks ties), cut from the end into
 * windows of `steps` + 1 items; each window predicts item t+1 from items ≤ t, starting from h = 0. An epoch visits all
 * windows once in a seeded random order, `batchSize` windows per Adam step. Scoring runs the GRU over the user's last
 * `maxHistory` training items and scores every item with O·h + o.
 *
 * @example
 * const model = await trainGru4Rec(train, { epochs: 10, onProgress: (f, note) => console.log(note), signal });
 * model.scoreUser(0, out);
 * model.explain(0, 42); // { kind: 'sequence', lastItems: [12, 7, 3] }
 */
import { gemmNT } from './linalg-gemm';
import { gruFinalState, gruLayout, gruLossAndGrad, type GruLayout } from './gru4rec-cell';
import { expectBuffers } from './linalg-io';
import { validateInteractions } from './csr';
import { createRng, shuffleInPlace, type Rng } from './random';
import type { Explanation, Interactions, RankingModel, SerializedModel, TrainControl } from './types';

export type Gru4RecOptions = TrainControl & {
  /** hidden size = item embedding size; default 64 */
  factors?: number;
  /** passes over all windows; default 5 */
  epochs?: number;
  /** windows per Adam step; default 32 */
  batchSize?: number;
  /** window length (truncated back-propagation through time); default 32 */
  steps?: number;
  /**
   * uniform negative samples added to the batch's targets (with the −log q correction); ≥ nItems means a full
   * softmax over all items; default: full up to 2,048 items, else 1,024
   */
  negatives?: number;
  /** Adam step size; default 0.002 */
  learningRate?: number;
  /** L2 weight decay added to the gradient of every parameter; default 0 */
  weightDecay?: number;
  /** items of history the GRU reads when scoring; default 2·steps */
  maxHistory?: number;
};

export type Gru4RecModel = RankingModel & {
  readonly factors: number;
  /** flat parameters in gruLayout order */
  readonly theta: Float64Array;
  /** scores after reading an arbitrary item sequence (oldest first) */
  scoreSequence(items: ArrayLike<number>, out: Float32Array): void;
  /** `sequence` naming the last items (newest first) the prediction is based on */
  explain(user: number, item: number): Explanation;
  explanations(user: number, item: number, options?: { max?: number }): Explanation[];
  serialize(): SerializedModel;
};

type Seqs = { ptr: Int32Array; items: Int32Array };

/** Each user's items ordered by timestamp (stable), as CSR-like pointers. */
export function userSequences(data: Interactions): Seqs {
  validateInteractions(data, 'userSequences');
  const n = data.users.length;
  const order = Int32Array.from({ length: n }, (_, k) => k);
  const ts = data.timestamps;
  order.sort((a, b) => data.users[a]! - data.users[b]! || (ts ? ts[a]! - ts[b]! : 0) || a - b);
  const ptr = new Int32Array(data.nUsers + 1);
  for (let k = 0; k < n; k++) ptr[data.users[k]! + 1]!++;
  for (let u = 0; u < data.nUsers; u++) ptr[u + 1]! += ptr[u]!;
  return { ptr, items: Int32Array.from(order, (k) => data.items[k]!) };
}

type Resolved = Required<Omit<Gru4RecOptions, 'signal' | 'onProgress'>>;

function resolve(options: Gru4RecOptions, fn: string, nItems: number): Resolved {
  const {
    factors = 64,
    epochs = 5,
    batchSize = 32,
    steps = 32,
    learningRate = 0.002,
    weightDecay = 0,
    seed = 42,
  } = options;
  const negatives = options.negatives ?? (nItems <= 2048 ? nItems : 1024);
  const maxHistory = options.maxHistory ?? 2 * steps;
  for (const [name, v] of Object.entries({ factors, batchSize, steps, maxHistory })) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${fn}: ${name} must be a positive integer, got ${v}`);
  }
  if (!Number.isInteger(epochs) || epochs < 0 || !Number.isInteger(negatives) || negatives < 0)
    throw new RangeError(`${fn}: epochs and negatives must be non-negative integers`);
  if (!(learningRate > 0) || !(weightDecay >= 0))
    throw new RangeError(`${fn}: learningRate must be > 0 and weightDecay ≥ 0`);
  return { factors, epochs, batchSize, steps, negatives, learningRate, weightDecay, maxHistory, seed };
}

type Trainer = {
  o: Resolved;
  L: GruLayout;
  theta: Float64Array;
  seqs: Seqs;
  windows: Int32Array;
  rng: Rng;
  totalBatches: number;
  epochBatches: number;
  run: Generator<string, void, void>;
};

function setup(data: Interactions, options: Gru4RecOptions, fn: string): Trainer {
  const o = resolve(options, fn, data.nItems);
  const seqs = userSequences(data);
  const L = gruLayout(data.nItems, o.factors);
  const rng = createRng(o.seed);
  const theta = new Float64Array(L.size);
  const s = 1 / Math.sqrt(o.factors);
  for (let k = 0; k < L.bx; k++) theta[k] = k < L.wx ? rng.normal(0, 0.05) : (2 * rng.next() - 1) * s;
  for (let k = L.out; k < L.outBias; k++) theta[k] = rng.normal(0, 0.05);
  // window end positions (absolute indices into seqs.items), from each sequence's end backwards
  const ends: number[] = [];
  for (let u = 0; u < data.nUsers; u++) {
    const a = seqs.ptr[u]!;
    for (let e = seqs.ptr[u + 1]!; e - a >= 2; e -= o.steps) ends.push(e);
  }
  const windows = Int32Array.from(ends);
  const epochBatches = Math.ceil(windows.length / o.batchSize);
  const t: Trainer = {
    o,
    L,
    theta,
    seqs,
    windows,
    rng,
    totalBatches: epochBatches * o.epochs,
    epochBatches,
    run: undefined as never,
  };
  t.run = trainSteps(t);
  return t;
}

function* trainSteps(t: Trainer): Generator<string, void, void> {
  const { o, L, theta, seqs, windows, rng } = t;
  const m = new Float64Array(L.size),
    v = new Float64Array(L.size),
    grad = new Float64Array(L.size);
  const B = o.batchSize,
    T = o.steps;
  const starts = new Int32Array(seqs.ptr.length - 1 > 0 ? seqs.items.length : 0);
  for (let u = 0; u + 1 < seqs.ptr.length; u++) starts.fill(seqs.ptr[u]!, seqs.ptr[u]!, seqs.ptr[u + 1]!);
  const allItems = Int32Array.from({ length: L.nItems }, (_, i) => i);
  // share of each item among prediction targets (every sequence position but the first)
  const popularity = new Float64Array(L.nItems);
  let nTargets = 0;
  for (let p = 0; p < seqs.items.length; p++) {
    if (starts[p] !== p) {
      popularity[seqs.items[p]!]! += 1;
      nTargets++;
    }
  }
  for (let i = 0; i < L.nItems; i++) popularity[i] = popularity[i]! / Math.max(1, nTargets);
  let step = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffleInPlace(windows, rng);
    let lossSum = 0;
    for (let w0 = 0; w0 < windows.length; w0 += B) {
      const nb = Math.min(B, windows.length - w0);
      const inputs = new Int32Array(T * nb).fill(-1),
        targets = new Int32Array(T * nb).fill(-1);
      const cand = new Set<number>();
      for (let b = 0; b < nb; b++) {
        const e = windows[w0 + b]!,
          s = Math.max(starts[e - 1]!, e - T - 1);
        for (let p = s; p + 1 < e; p++) {
          inputs[(p - s) * nb + b] = seqs.items[p]!;
          targets[(p - s) * nb + b] = seqs.items[p + 1]!;
          cand.add(seqs.items[p + 1]!);
        }
      }
      for (let k = 0; k < o.negatives && cand.size < L.nItems; k++) cand.add(rng.int(L.nItems));
      grad.fill(0);
      const full = o.negatives >= L.nItems;
      const candidates = full ? allItems : Int32Array.from(cand);
      // −log q_c: the chance that c is a candidate (a target of one of the batch's rows, or a uniform draw)
      let offsets: Float64Array | undefined;
      if (!full) {
        let rows = 0;
        for (let r = 0; r < targets.length; r++) if (targets[r]! >= 0) rows++;
        offsets = Float64Array.from(
          candidates,
          (c) => -Math.log(Math.min(1, 1 - (1 - popularity[c]!) ** rows + o.negatives / L.nItems)),
        );
      }
      lossSum += gruLossAndGrad(theta, grad, L, {
        B: nb,
        T,
        inputs,
        targets,
        candidates,
        ...(offsets ? { offsets } : {}),
      });
      // Adam with bias correction (and optional decoupled-style L2 on the gradient)
      step++;
      const b1 = 0.9,
        b2 = 0.999,
        lr = (o.learningRate * Math.sqrt(1 - b2 ** step)) / (1 - b1 ** step);
      for (let k = 0; k < L.size; k++) {
        const g = grad[k]! + o.weightDecay * theta[k]!;
        m[k] = b1 * m[k]! + (1 - b1) * g;
        v[k] = b2 * v[k]! + (1 - b2) * g * g;
        theta[k] = theta[k]! - (lr * m[k]!) / (Math.sqrt(v[k]!) + 1e-8);
      }
      yield `epoch ${epoch + 1}/${o.epochs}, mean loss ${(lossSum / (w0 / B + 1)).toFixed(4)}`;
    }
  }
}

/**
 * Trains GRU4Rec, yielding to the event loop about every 50 ms (progress callbacks, AbortSignal).
 *
 * @example
 * const model = await trainGru4Rec(train, { epochs: 8, seed: 1 });
 */
export async function trainGru4Rec(data: Interactions, options: Gru4RecOptions = {}): Promise<Gru4RecModel> {
  const t = setup(data, options, 'trainGru4Rec');
  let done = 0,
    last = performance.now();
  for (const note of t.run) {
    done++;
    options.onProgress?.(done / t.totalBatches, note);
    if (performance.now() - last > 50) {
      await new Promise<void>((r) => setImmediate(r));
      last = performance.now();
    }
    options.signal?.throwIfAborted();
  }
  return gruModel(t.theta, t.L, t.seqs, t.o);
}

/**
 * `trainGru4Rec` without yielding (synchronous API for the evaluation harness); the same model for the same seed.
 *
 * @example
 * const model = trainGru4RecSync(train, { epochs: 5 });
 */
export function trainGru4RecSync(data: Interactions, options: Gru4RecOptions = {}): Gru4RecModel {
  const t = setup(data, options, 'trainGru4RecSync');
  let done = 0;
  for (const note of t.run) {
    options.signal?.throwIfAborted();
    options.onProgress?.(++done / t.totalBatches, note);
  }
  return gruModel(t.theta, t.L, t.seqs, t.o);
}

/**
 * Loads a model saved with `serialize()`.
 *
 * @example
 * const model = loadGru4RecModel(decodeModel(bytes));
 */
export function loadGru4RecModel(serialized: SerializedModel): Gru4RecModel {
  const b = expectBuffers(
    serialized,
    'gru4rec',
    1,
    { theta: 'f32', seqPtr: 'i32', seqItems: 'i32' },
    'loadGru4RecModel',
  );
  const p = serialized.header.params;
  const o = resolve(
    { factors: Number(p.factors), steps: Number(p.steps), maxHistory: Number(p.maxHistory) },
    'loadGru4RecModel',
    serialized.header.nItems,
  );
  const L = gruLayout(serialized.header.nItems, o.factors);
  if (b.theta.length !== L.size) throw new RangeError('loadGru4RecModel: parameter count does not match the header');
  return gruModel(Float64Array.from(b.theta), L, { ptr: b.seqPtr, items: b.seqItems }, { ...o, ...p } as Resolved);
}

function gruModel(theta: Float64Array, L: GruLayout, seqs: Seqs, o: Resolved): Gru4RecModel {
  const { d, nItems } = L;
  const nUsers = seqs.ptr.length - 1;
  const scoreSequence = (items: ArrayLike<number>, out: Float32Array) => {
    const T = Math.min(items.length, o.maxHistory);
    const inputs = Int32Array.from({ length: T }, (_, t) => items[items.length - T + t]!);
    const h = gruFinalState(theta, L, { B: 1, T, inputs });
    const s = new Float64Array(nItems);
    gemmNT(1, nItems, d, h, 0, theta, L.out, s, 0, false);
    for (let i = 0; i < nItems; i++) out[i] = s[i]! + theta[L.outBias + i]!;
  };
  const userItems = (user: number, fn: string) => {
    if (!(Number.isInteger(user) && user >= 0 && user < nUsers)) throw new RangeError(`${fn}: unknown user ${user}`);
    return seqs.items.subarray(seqs.ptr[user]!, seqs.ptr[user + 1]!);
  };
  return {
    name: 'gru4rec',
    nItems,
    factors: d,
    theta,
    scoreSequence,
    scoreUser(user, out) {
      scoreSequence(userItems(user, 'Gru4RecModel.scoreUser'), out);
    },
    explain(user) {
      const items = userItems(user, 'Gru4RecModel.explain');
      return { kind: 'sequence', lastItems: Array.from(items.subarray(Math.max(0, items.length - 3))).reverse() };
    },
    explanations(user, _item, options = {}) {
      const items = userItems(user, 'Gru4RecModel.explanations');
      return [
        {
          kind: 'sequence',
          lastItems: Array.from(items.subarray(Math.max(0, items.length - (options.max ?? 3)))).reverse(),
        },
      ];
    },
    serialize() {
      return {
        header: {
          format: 'gru4rec',
          version: 1,
          name: 'gru4rec',
          nUsers,
          nItems,
          params: { factors: d, steps: o.steps, maxHistory: o.maxHistory, epochs: o.epochs, seed: o.seed },
        },
        buffers: { theta: Float32Array.from(theta), seqPtr: seqs.ptr, seqItems: seqs.items },
      };
    },
  };
}
