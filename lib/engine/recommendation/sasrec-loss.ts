/**
 * The two output losses of SASRec (sasrec-net.ts) over one sequence's final hidden states y (T × d), scoring item i
 * at position t as r = y_t · E_i with the shared item embedding E:
 *   'bce'     — the paper's binary cross-entropy with one sampled negative n_t per position:
 *               −log σ(r_{t,o_t}) − log(1 − σ(r_{t,n_t}))
 *   'softmax' — cross-entropy of the target against a set C of negatives shared by the batch (the sampled form of
 *               the full cross-entropy Klenitskiy & Vasilev, RecSys 2023, found far better than BCE for SASRec):
 *               −r_{t,o_t} + log(e^{r_{t,o_t}} + Σ_{c ∈ C, c ≠ o_t} e^{r_{t,c}})
 * Each returns the summed loss and, when `dy` is given, adds ∂(loss/count)/∂y into dy and ∂/∂E into the gradient.
 *
 * @example
 * loss += bceHead(theta, grad, emb, d, y, targets, negatives, count, dy);
 */
import { gemmNN, gemmNT, gemmTN } from './linalg-gemm';
import { sigmoid, softplus } from './sasrec-ops';

export function bceHead(
  theta: Float64Array,
  grad: Float64Array | null,
  emb: number,
  d: number,
  y: Float64Array,
  targets: Int32Array,
  negatives: Int32Array,
  count: number,
  dy: Float64Array | null,
): number {
  let loss = 0;
  for (let t = 0; t < targets.length; t++) {
    const o = targets[t]!;
    if (o < 0) continue;
    const n = negatives[t]!;
    let lp = 0,
      ln = 0;
    for (let j = 0; j < d; j++) {
      lp += y[t * d + j]! * theta[emb + o * d + j]!;
      ln += y[t * d + j]! * theta[emb + n * d + j]!;
    }
    loss += softplus(-lp) + softplus(ln);
    if (!grad || !dy) continue;
    const gp = -sigmoid(-lp) / count,
      gn = sigmoid(ln) / count;
    for (let j = 0; j < d; j++) {
      dy[t * d + j]! += gp * theta[emb + o * d + j]! + gn * theta[emb + n * d + j]!;
      grad[emb + o * d + j]! += gp * y[t * d + j]!;
      grad[emb + n * d + j]! += gn * y[t * d + j]!;
    }
  }
  return loss;
}

/** The batch's shared negatives: their ids, their embedding rows gathered (K × d) and, when training, ∂/∂rows. */
export type Candidates = { items: Int32Array; rows: Float64Array; dRows: Float64Array | null };

export function gatherCandidates(
  theta: Float64Array,
  emb: number,
  d: number,
  items: Int32Array,
  train: boolean,
): Candidates {
  const rows = new Float64Array(items.length * d);
  for (let k = 0; k < items.length; k++)
    rows.set(theta.subarray(emb + items[k]! * d, emb + (items[k]! + 1) * d), k * d);
  return { items, rows, dRows: train ? new Float64Array(items.length * d) : null };
}

/** adds the gathered rows' gradient into grad */
export function scatterCandidates(c: Candidates, grad: Float64Array, emb: number, d: number): void {
  if (!c.dRows) return;
  for (let k = 0; k < c.items.length; k++)
    for (let j = 0; j < d; j++) grad[emb + c.items[k]! * d + j]! += c.dRows[k * d + j]!;
}

export function softmaxHead(
  theta: Float64Array,
  grad: Float64Array | null,
  emb: number,
  d: number,
  y: Float64Array,
  targets: Int32Array,
  cand: Candidates,
  count: number,
  dy: Float64Array | null,
): number {
  const T = targets.length,
    K = cand.items.length;
  const z = new Float64Array(T * K);
  gemmNT(T, K, d, y, 0, cand.rows, 0, z, 0, false);
  let loss = 0;
  for (let t = 0; t < T; t++) {
    const o = targets[t]!;
    if (o < 0) {
      z.fill(0, t * K, (t + 1) * K);
      continue;
    }
    let lp = 0;
    for (let j = 0; j < d; j++) lp += y[t * d + j]! * theta[emb + o * d + j]!;
    let mx = lp;
    for (let k = 0; k < K; k++) if (cand.items[k] !== o) mx = Math.max(mx, z[t * K + k]!);
    let sum = Math.exp(lp - mx);
    for (let k = 0; k < K; k++) {
      const e = cand.items[k] !== o ? Math.exp(z[t * K + k]! - mx) : 0;
      z[t * K + k] = e;
      sum += e;
    }
    const pTarget = Math.exp(lp - mx) / sum;
    loss += -Math.log(pTarget);
    for (let k = 0; k < K; k++) z[t * K + k] = z[t * K + k]! / sum / count; // ∂/∂r_{t,c}
    if (!grad || !dy) continue;
    const g = (pTarget - 1) / count;
    for (let j = 0; j < d; j++) {
      dy[t * d + j]! += g * theta[emb + o * d + j]!;
      grad[emb + o * d + j]! += g * y[t * d + j]!;
    }
  }
  if (dy && cand.dRows) {
    gemmNN(T, d, K, z, 0, cand.rows, 0, dy, 0, true);
    gemmTN(K, d, T, z, 0, y, 0, cand.dRows, 0, true);
  }
  return loss;
}
