/**
 * Forward and backward pass of the GRU4Rec network (B. Hidasi, A. Karatzoglou, L. Baltrunas, D. Tikk,
 * "Session-based Recommendations with Recurrent Neural Networks", ICLR 2016) over a mini-batch of B sequences × T
 * steps, hand-written over one flat Float64Array of parameters θ so that Adam and the numerical gradient check
 * (gru4rec.test.ts) treat it as a single vector.
 *
 * Network (PyTorch's GRU convention, gates ordered r, z, n):
 *   x_t = E[item_t];  r = σ(W_xr x + b_xr + W_hr h + b_hr);  z = σ(W_xz x + b_xz + W_hz h + b_hz)
 *   n = tanh(W_xn x + b_xn + r ⊙ (W_hn h + b_hn));  h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
 *   logit_c = O_c·h_t + o_c over a candidate set C (the batch's targets plus sampled negatives), and the loss is the
 *   mean softmax cross-entropy of each step's next item over C ("cross-entropy with additional samples",
 *   Hidasi & Karatzoglou, CIKM 2018), optionally with constant per-candidate logit offsets (the −log q correction
 *   of sampled softmax, Bengio & Senécal 2008; Yi et al., RecSys 2019). Masked steps (input −1) leave h unchanged; targets −1 add no loss.
 *
 * @example
 * const layout = gruLayout(nItems, 64);
 * const loss = gruLossAndGrad(theta, grad, layout, batch); // grad += ∂loss/∂θ
 */
import { gemmNN, gemmNT, gemmTN } from './linalg-gemm';

export type GruLayout = {
  nItems: number;
  d: number;
  emb: number;
  wx: number;
  wh: number;
  bx: number;
  bh: number;
  out: number;
  outBias: number;
  size: number;
};

/** Offsets of each parameter block inside θ. */
export function gruLayout(nItems: number, d: number): GruLayout {
  const emb = 0,
    wx = emb + nItems * d,
    wh = wx + 3 * d * d,
    bx = wh + 3 * d * d,
    bh = bx + 3 * d,
    out = bh + 3 * d,
    outBias = out + nItems * d;
  return { nItems, d, emb, wx, wh, bx, bh, out, outBias, size: outBias + nItems };
}

export type GruBatch = {
  /** sequences in the batch */
  B: number;
  /** steps per sequence */
  T: number;
  /** time-major item ids, index t·B + b; −1 = padding (h carried unchanged) */
  inputs: Int32Array;
  /** next item to predict after step (t, b), or −1 */
  targets: Int32Array;
  /** candidate items scored by the softmax; must contain every target */
  candidates: Int32Array;
  /** constants added to each candidate's logit in the loss, e.g. −log q_c (sampled-softmax correction) */
  offsets?: Float64Array;
};

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Runs the GRU over `inputs` from h = 0 and returns the final hidden state of each sequence (B × d). Used for
 * scoring; it shares the cell arithmetic with training.
 *
 * @example
 * const h = gruFinalState(theta, layout, { B: 1, T: 3, inputs: Int32Array.of(4, 9, 2) });
 */
export function gruFinalState(
  theta: Float64Array,
  L: GruLayout,
  batch: Pick<GruBatch, 'B' | 'T' | 'inputs'>,
): Float64Array {
  return forward(theta, L, batch).H.subarray(batch.T * batch.B * L.d);
}

function forward(theta: Float64Array, L: GruLayout, batch: Pick<GruBatch, 'B' | 'T' | 'inputs'>) {
  const { B, T, inputs } = batch;
  const d = L.d,
    d3 = 3 * d,
    TB = T * B;
  const X = new Float64Array(TB * d);
  for (let r = 0; r < TB; r++)
    if (inputs[r]! >= 0) X.set(theta.subarray(L.emb + inputs[r]! * d, L.emb + (inputs[r]! + 1) * d), r * d);
  const GX = new Float64Array(TB * d3);
  gemmNT(TB, d3, d, X, 0, theta, L.wx, GX, 0, false);
  const H = new Float64Array((T + 1) * B * d);
  const Rg = new Float64Array(TB * d),
    Zg = new Float64Array(TB * d),
    Ng = new Float64Array(TB * d),
    GHN = new Float64Array(TB * d);
  const GH = new Float64Array(B * d3);
  for (let t = 0; t < T; t++) {
    gemmNT(B, d3, d, H, t * B * d, theta, L.wh, GH, 0, false);
    for (let b = 0; b < B; b++) {
      const row = t * B + b,
        hp = row * d,
        hn = (row + B) * d;
      if (inputs[row]! < 0) {
        for (let j = 0; j < d; j++) H[hn + j] = H[hp + j]!;
        continue;
      }
      const gx = row * d3,
        gh = b * d3,
        o = row * d;
      for (let j = 0; j < d; j++) {
        const r = sigmoid(GX[gx + j]! + theta[L.bx + j]! + GH[gh + j]! + theta[L.bh + j]!);
        const z = sigmoid(GX[gx + d + j]! + theta[L.bx + d + j]! + GH[gh + d + j]! + theta[L.bh + d + j]!);
        const ghn = GH[gh + 2 * d + j]! + theta[L.bh + 2 * d + j]!;
        const n = Math.tanh(GX[gx + 2 * d + j]! + theta[L.bx + 2 * d + j]! + r * ghn);
        Rg[o + j] = r;
        Zg[o + j] = z;
        Ng[o + j] = n;
        GHN[o + j] = ghn;
        H[hn + j] = (1 - z) * n + z * H[hp + j]!;
      }
    }
  }
  return { X, H, Rg, Zg, Ng, GHN };
}

/**
 * Mean cross-entropy of the batch; when `grad` is given, adds ∂loss/∂θ into it (same layout as θ).
 *
 * @example
 * const loss = gruLossAndGrad(theta, null, layout, batch); // loss only
 */
export function gruLossAndGrad(theta: Float64Array, grad: Float64Array | null, L: GruLayout, batch: GruBatch): number {
  const { B, T, inputs, targets, candidates } = batch;
  const d = L.d,
    d3 = 3 * d,
    TB = T * B,
    nC = candidates.length;
  const { X, H, Rg, Zg, Ng, GHN } = forward(theta, L, batch);
  // rows with a target, their hidden states and target positions among the candidates
  const pos = new Map<number, number>();
  candidates.forEach((c, k) => {
    pos.set(c, k);
  });
  const rows: number[] = [];
  for (let r = 0; r < TB; r++) if (targets[r]! >= 0) rows.push(r);
  const N = rows.length;
  if (N === 0) return 0;
  const HV = new Float64Array(N * d),
    OC = new Float64Array(nC * d);
  rows.forEach((r, k) => {
    HV.set(H.subarray((r + B) * d, (r + B + 1) * d), k * d);
  });
  candidates.forEach((c, k) => {
    OC.set(theta.subarray(L.out + c * d, L.out + (c + 1) * d), k * d);
  });
  const P = new Float64Array(N * nC);
  gemmNT(N, nC, d, HV, 0, OC, 0, P, 0, false);
  let loss = 0;
  for (let k = 0; k < N; k++) {
    const tp = pos.get(targets[rows[k]!]!);
    if (tp === undefined) throw new RangeError('gruLossAndGrad: a target is missing from the candidates');
    const pr = k * nC;
    let mx = -Infinity;
    const off = batch.offsets;
    for (let c = 0; c < nC; c++) {
      const v = P[pr + c]! + theta[L.outBias + candidates[c]!]! + (off ? off[c]! : 0);
      P[pr + c] = v;
      mx = Math.max(mx, v);
    }
    let z = 0;
    for (let c = 0; c < nC; c++) z += P[pr + c] = Math.exp(P[pr + c]! - mx);
    loss -= Math.log(P[pr + tp]! / z);
    // P becomes dLoss/dlogits = (softmax − onehot) / N
    for (let c = 0; c < nC; c++) P[pr + c] = P[pr + c]! / z / N;
    P[pr + tp] = P[pr + tp]! - 1 / N;
  }
  if (!grad) return loss / N;

  const dHV = new Float64Array(N * d),
    dOC = new Float64Array(nC * d);
  gemmNN(N, d, nC, P, 0, OC, 0, dHV, 0, false);
  gemmTN(nC, d, N, P, 0, HV, 0, dOC, 0, false);
  for (let c = 0; c < nC; c++) {
    const item = candidates[c]!;
    let s = 0;
    for (let k = 0; k < N; k++) s += P[k * nC + c]!;
    grad[L.outBias + item] = grad[L.outBias + item]! + s;
    for (let j = 0; j < d; j++) grad[L.out + item * d + j] = grad[L.out + item * d + j]! + dOC[c * d + j]!;
  }
  const dH = new Float64Array(TB * d);
  rows.forEach((r, k) => {
    dH.set(dHV.subarray(k * d, (k + 1) * d), r * d);
  });
  const DGX = new Float64Array(TB * d3),
    DGH = new Float64Array(TB * d3);
  let dh = new Float64Array(B * d),
    dprev = new Float64Array(B * d);
  for (let t = T - 1; t >= 0; t--) {
    for (let b = 0; b < B; b++) {
      const row = t * B + b,
        o = row * d,
        hb = b * d,
        hp = row * d;
      for (let j = 0; j < d; j++) dh[hb + j] = dh[hb + j]! + dH[o + j]!;
      if (inputs[row]! < 0) {
        for (let j = 0; j < d; j++) dprev[hb + j] = dh[hb + j]!;
        continue;
      }
      const g = row * d3;
      for (let j = 0; j < d; j++) {
        const r = Rg[o + j]!,
          z = Zg[o + j]!,
          n = Ng[o + j]!,
          dhj = dh[hb + j]!;
        const dan = dhj * (1 - z) * (1 - n * n);
        const dar = dan * GHN[o + j]! * r * (1 - r);
        const daz = dhj * (H[hp + j]! - n) * z * (1 - z);
        DGX[g + j] = dar;
        DGX[g + d + j] = daz;
        DGX[g + 2 * d + j] = dan;
        DGH[g + j] = dar;
        DGH[g + d + j] = daz;
        DGH[g + 2 * d + j] = dan * r;
        dprev[hb + j] = dhj * z;
      }
    }
    gemmNN(B, d, d3, DGH, t * B * d3, theta, L.wh, dprev, 0, true);
    [dh, dprev] = [dprev, dh];
  }
  gemmTN(d3, d, TB, DGX, 0, X, 0, grad, L.wx, true);
  gemmTN(d3, d, TB, DGH, 0, H, 0, grad, L.wh, true);
  for (let r = 0; r < TB; r++) {
    for (let j = 0; j < d3; j++) {
      grad[L.bx + j] = grad[L.bx + j]! + DGX[r * d3 + j]!;
      grad[L.bh + j] = grad[L.bh + j]! + DGH[r * d3 + j]!;
    }
  }
  const dX = new Float64Array(TB * d);
  gemmNN(TB, d, d3, DGX, 0, theta, L.wx, dX, 0, false);
  for (let r = 0; r < TB; r++) {
    const item = inputs[r]!;
    if (item < 0) continue;
    for (let j = 0; j < d; j++) grad[L.emb + item * d + j] = grad[L.emb + item * d + j]! + dX[r * d + j]!;
  }
  return loss / N;
}
