/**
 * Forward and backward pass of SASRec (W.-C. Kang & J. McAuley, "Self-Attentive Sequential Recommendation",
 * ICDM 2018), hand-written over one flat Float64Array θ (as gru4rec-cell.ts and mult-vae-net.ts) so that Adam and the
 * finite-difference gradient check (sasrec.test.ts) treat it as one vector. float64 because the shared tiled
 * kernels (linalg-gemm.ts) are float64; the check needs it too.
 *
 * For a sequence of T ≤ N items (oldest first) the last item sits at position N − 1 (the paper's left padding
 * without the padding rows):
 *   X = Dropout(√d·E[item_t] + P[N − T + t])
 *   per block:  A = LN₁(X);  Q, K, V = A·Wqᵀ, A·Wkᵀ, A·Wvᵀ;  O = softmax(QKᵀ/√d, causal) V;  X ← X + Dropout(O)
 *               B = LN₂(X);  X ← X + Dropout(ReLU(B·W₁ᵀ + b₁)·W₂ᵀ + b₂)
 *   Y = LN_f(X);  r_{t,i} = Y_t · E_i (the item embedding is shared with the output layer, as the paper)
 * Single-head attention, pre-layer-norm residual blocks. The loss (sasrec-loss.ts) is the paper's binary cross-entropy
 * with one sampled negative per position, or a sampled softmax over negatives shared by the batch, averaged over
 * positions with a target.
 *
 * @example
 * const layout = sasLayout(nItems, 32, 50, 2);
 * const loss = sasLossAndGrad(theta, grad, layout, batch); // grad += ∂loss/∂θ
 */
import { gemmNN, gemmNT, gemmTN, transpose } from './linalg-gemm';
import { causalNT } from './sasrec-causal';
import { createRng, type Rng } from './random';
import { bceHead, gatherCandidates, scatterCandidates, softmaxHead } from './sasrec-loss';
import { applyMask, dropoutMask, masked, layerNorm, layerNormBack, type Norm } from './sasrec-ops';

export type SasLayout = {
  nItems: number;
  d: number;
  maxLen: number;
  blocks: number;
  emb: number;
  pos: number;
  /** offset of block l is `block + l·blockSize`; inside a block see blockParts */
  block: number;
  blockSize: number;
  lnf: number;
  size: number;
};

/** Offsets of each part inside one block (relative to the block's start). */
export function blockParts(d: number) {
  const dd = d * d;
  const ln1g = 0,
    ln1b = d,
    wq = 2 * d,
    wk = wq + dd,
    wv = wk + dd,
    ln2g = wv + dd,
    ln2b = ln2g + d,
    w1 = ln2b + d,
    b1 = w1 + dd,
    w2 = b1 + d,
    b2 = w2 + dd;
  return { ln1g, ln1b, wq, wk, wv, ln2g, ln2b, w1, b1, w2, b2, size: b2 + d };
}

/** Offsets of each parameter block inside θ. */
export function sasLayout(nItems: number, d: number, maxLen: number, blocks: number): SasLayout {
  const emb = 0,
    pos = nItems * d,
    block = pos + maxLen * d,
    blockSize = blockParts(d).size,
    lnf = block + blocks * blockSize;
  return { nItems, d, maxLen, blocks, emb, pos, block, blockSize, lnf, size: lnf + 2 * d };
}

/** Layer-norm gains are 1; embeddings and weights are drawn by the trainer. Indices of every gain in θ. */
export function layerNormGains(L: SasLayout): number[] {
  const p = blockParts(L.d);
  const starts = [L.lnf];
  for (let l = 0; l < L.blocks; l++)
    starts.push(L.block + l * L.blockSize + p.ln1g, L.block + l * L.blockSize + p.ln2g);
  return starts;
}

export type SasBatch = {
  /** sequences as CSR pointers into `inputs` (oldest first, each at most maxLen long) */
  ptr: Int32Array;
  inputs: Int32Array;
  /** next item after each input position, −1 = no loss there */
  targets: Int32Array;
  /** 'bce' (the paper; default) or 'softmax' over the shared `candidates` (sasrec-loss.ts) */
  loss?: 'bce' | 'softmax';
  /** bce: one sampled negative per input position (ignored where the target is −1) */
  negatives?: Int32Array;
  /** softmax: negatives shared by every position of the batch */
  candidates?: Int32Array;
  /** dropout rate; masks drawn from `seed`, so the same batch and seed give the same loss */
  dropout?: number;
  seed?: number;
};

type BlockCache = {
  n1: Norm;
  q: Float64Array;
  k: Float64Array;
  v: Float64Array;
  p: Float64Array;
  n2: Norm;
  h: Float64Array;
  m1: Float64Array | null;
  m2: Float64Array | null;
};

/** Runs one sequence through the network; returns the final hidden states (T × d) and what backward needs. */
function forward(theta: Float64Array, L: SasLayout, items: ArrayLike<number>, rate: number, rng: Rng | null) {
  const { d, maxLen } = L,
    T = items.length,
    scale = Math.sqrt(d),
    bp = blockParts(d);
  const x = new Float64Array(T * d);
  for (let t = 0; t < T; t++) {
    const e = L.emb + items[t]! * d,
      p = L.pos + (maxLen - T + t) * d;
    for (let j = 0; j < d; j++) x[t * d + j] = scale * theta[e + j]! + theta[p + j]!;
  }
  const m0 = dropoutMask(T * d, rate, rng);
  applyMask(x, m0);
  const caches: BlockCache[] = [];
  for (let l = 0; l < L.blocks; l++) {
    const o = L.block + l * L.blockSize;
    const n1 = layerNorm(x, T, d, theta, o + bp.ln1g);
    const q = new Float64Array(T * d),
      k = new Float64Array(T * d),
      v = new Float64Array(T * d);
    gemmNT(T, d, d, n1.y, 0, theta, o + bp.wq, q, 0, false);
    gemmNT(T, d, d, n1.y, 0, theta, o + bp.wk, k, 0, false);
    gemmNT(T, d, d, n1.y, 0, theta, o + bp.wv, v, 0, false);
    const p = new Float64Array(T * T);
    causalNT(T, T, d, q, k, p, 'lower');
    for (let t = 0; t < T; t++) {
      let mx = -Infinity,
        sum = 0;
      for (let s = 0; s <= t; s++) mx = Math.max(mx, p[t * T + s]! / scale);
      for (let s = 0; s < T; s++) {
        const e = s <= t ? Math.exp(p[t * T + s]! / scale - mx) : 0;
        p[t * T + s] = e;
        sum += e;
      }
      for (let s = 0; s <= t; s++) p[t * T + s]! /= sum;
    }
    const att = new Float64Array(T * d);
    causalNT(T, d, T, p, transpose(T, d, v, 0), att, 'kLower');
    const m1 = dropoutMask(T * d, rate, rng);
    applyMask(att, m1);
    for (let j = 0; j < T * d; j++) x[j]! += att[j]!;
    const n2 = layerNorm(x, T, d, theta, o + bp.ln2g);
    const h = new Float64Array(T * d);
    gemmNT(T, d, d, n2.y, 0, theta, o + bp.w1, h, 0, false);
    for (let t = 0; t < T; t++)
      for (let j = 0; j < d; j++) h[t * d + j] = Math.max(0, h[t * d + j]! + theta[o + bp.b1 + j]!);
    const f = new Float64Array(T * d);
    gemmNT(T, d, d, h, 0, theta, o + bp.w2, f, 0, false);
    for (let t = 0; t < T; t++) for (let j = 0; j < d; j++) f[t * d + j]! += theta[o + bp.b2 + j]!;
    const m2 = dropoutMask(T * d, rate, rng);
    applyMask(f, m2);
    for (let j = 0; j < T * d; j++) x[j]! += f[j]!;
    caches.push({ n1, q, k, v, p, n2, h, m1, m2 });
  }
  const nf = layerNorm(x, T, d, theta, L.lnf);
  return { y: nf.y, nf, m0, caches };
}

/**
 * Hidden state of the last position after reading `items` (the last maxLen are used), no dropout: the query that
 * scores every item as Y·E_i.
 *
 * @example
 * const y = sasFinalState(theta, layout, Int32Array.of(4, 9, 2)); // length d
 */
export function sasFinalState(theta: Float64Array, L: SasLayout, items: ArrayLike<number>): Float64Array {
  const from = Math.max(0, items.length - L.maxLen);
  const seq = Array.from({ length: items.length - from }, (_, t) => items[from + t]!);
  const { y } = forward(theta, L, seq, 0, null);
  return y.slice((seq.length - 1) * L.d);
}

/**
 * Mean binary cross-entropy of the batch's (target, negative) pairs; when `grad` is given, adds ∂loss/∂θ into it.
 *
 * @example
 * const loss = sasLossAndGrad(theta, null, layout, batch); // loss only
 */
export function sasLossAndGrad(theta: Float64Array, grad: Float64Array | null, L: SasLayout, batch: SasBatch): number {
  const steps = sasLossAndGradSteps(theta, grad, L, batch);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/**
 * `sasLossAndGrad` one sequence at a time: yields after each sequence of the batch and returns the loss, so a
 * cooperative trainer can hand the event loop back inside a batch; the same numbers as `sasLossAndGrad`.
 */
export function* sasLossAndGradSteps(
  theta: Float64Array,
  grad: Float64Array | null,
  L: SasLayout,
  batch: SasBatch,
): Generator<void, number> {
  const { ptr, inputs, targets, negatives, candidates, dropout = 0, seed = 0 } = batch;
  if (batch.loss === 'softmax' ? !candidates : !negatives)
    throw new RangeError('sasLossAndGrad: bce needs negatives, softmax needs candidates');
  const { d } = L;
  let count = 0;
  for (let r = 0; r < targets.length; r++) if (targets[r]! >= 0) count++;
  if (count === 0) return 0;
  const rng = dropout > 0 ? createRng(seed) : null;
  const cand = batch.loss === 'softmax' ? gatherCandidates(theta, L.emb, d, candidates!, grad !== null) : undefined;
  let loss = 0;
  for (let b = 0; b + 1 < ptr.length; b++) {
    const a = ptr[b]!,
      T = ptr[b + 1]! - a;
    if (T < 1) continue;
    if (T > L.maxLen) throw new RangeError(`sasLossAndGrad: sequence ${b} is longer than maxLen ${L.maxLen}`);
    const fw = forward(theta, L, inputs.subarray(a, a + T), dropout, rng);
    const dy = grad ? new Float64Array(T * d) : null;
    const tg = targets.subarray(a, a + T);
    loss += cand
      ? softmaxHead(theta, grad, L.emb, d, fw.y, tg, cand, count, dy)
      : bceHead(theta, grad, L.emb, d, fw.y, tg, negatives!.subarray(a, a + T), count, dy);
    if (grad && dy) backward(theta, grad, L, inputs.subarray(a, a + T), fw, dy);
    yield;
  }
  if (cand && grad) scatterCandidates(cand, grad, L.emb, d);
  return loss / count;
}

function backward(
  theta: Float64Array,
  grad: Float64Array,
  L: SasLayout,
  items: ArrayLike<number>,
  fw: ReturnType<typeof forward>,
  dy: Float64Array,
) {
  const { d, maxLen } = L,
    T = items.length,
    scale = Math.sqrt(d),
    bp = blockParts(d);
  let dx: Float64Array = new Float64Array(T * d);
  layerNormBack(dy, fw.nf, T, d, theta, grad, L.lnf, dx);
  for (let l = L.blocks - 1; l >= 0; l--) {
    const o = L.block + l * L.blockSize,
      c = fw.caches[l]!;
    // feed-forward: x_out = x_mid + m2 ⊙ (relu(B W1ᵀ + b1) W2ᵀ + b2)
    const df = masked(dx, c.m2);
    for (let t = 0; t < T; t++) for (let j = 0; j < d; j++) grad[o + bp.b2 + j]! += df[t * d + j]!;
    gemmTN(d, d, T, df, 0, c.h, 0, grad, o + bp.w2, true);
    const dh = new Float64Array(T * d);
    gemmNN(T, d, d, df, 0, theta, o + bp.w2, dh, 0, false);
    for (let k = 0; k < T * d; k++) if (c.h[k]! <= 0) dh[k] = 0;
    for (let t = 0; t < T; t++) for (let j = 0; j < d; j++) grad[o + bp.b1 + j]! += dh[t * d + j]!;
    gemmTN(d, d, T, dh, 0, c.n2.y, 0, grad, o + bp.w1, true);
    const dn2 = new Float64Array(T * d);
    gemmNN(T, d, d, dh, 0, theta, o + bp.w1, dn2, 0, false);
    layerNormBack(dn2, c.n2, T, d, theta, grad, o + bp.ln2g, dx); // dx is now ∂/∂x_mid
    // attention: x_mid = x_in + m1 ⊙ softmax(QKᵀ/√d) V
    const dAtt = masked(dx, c.m1);
    const dp = new Float64Array(T * T),
      dv = new Float64Array(T * d);
    causalNT(T, T, d, dAtt, c.v, dp, 'lower');
    const dAttT = transpose(T, d, dAtt, 0);
    causalNT(T, d, T, transpose(T, T, c.p, 0), dAttT, dv, 'kUpper');
    for (let t = 0; t < T; t++) {
      let s = 0;
      for (let u = 0; u <= t; u++) s += dp[t * T + u]! * c.p[t * T + u]!;
      for (let u = 0; u < T; u++) dp[t * T + u] = u <= t ? (c.p[t * T + u]! * (dp[t * T + u]! - s)) / scale : 0;
    }
    const dq = new Float64Array(T * d),
      dk = new Float64Array(T * d);
    causalNT(T, d, T, dp, transpose(T, d, c.k, 0), dq, 'kLower');
    causalNT(T, d, T, transpose(T, T, dp, 0), transpose(T, d, c.q, 0), dk, 'kUpper');
    const dn1 = new Float64Array(T * d);
    for (const [dm, w] of [
      [dq, bp.wq],
      [dk, bp.wk],
      [dv, bp.wv],
    ] as const) {
      gemmTN(d, d, T, dm, 0, c.n1.y, 0, grad, o + w, true);
      gemmNN(T, d, d, dm, 0, theta, o + w, dn1, 0, true);
    }
    layerNormBack(dn1, c.n1, T, d, theta, grad, o + bp.ln1g, dx); // dx is now ∂/∂x_in
  }
  dx = masked(dx, fw.m0);
  for (let t = 0; t < T; t++) {
    const e = L.emb + items[t]! * d,
      p = L.pos + (maxLen - T + t) * d;
    for (let j = 0; j < d; j++) {
      grad[e + j]! += scale * dx[t * d + j]!;
      grad[p + j]! += dx[t * d + j]!;
    }
  }
}
