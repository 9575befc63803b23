/**
 * The Mult-VAE network (Liang et al., "Variational Autoencoders for Collaborative Filtering", WWW 2018) and its
 * hand-written gradient, on flat Float64Array parameters (checked against finite differences in mult-vae.test.ts):
 *
 *   h1 = tanh(x̃·W1 + b1)            x̃: the user's row, L2-normalised and dropped out (sparse; prepared by the caller)
 *   [μ | log σ²] = h1·W2ᵀ + b2        latent size Z each
 *   z = μ + ε·exp(½ log σ²)          ε ~ N(0, I) while training; z = μ at inference
 *   h2 = tanh(z·W3ᵀ + b3)
 *   logits = h2·W4ᵀ + b4             one per item
 *   loss = −(1/B) Σ_u Σ_i x_ui·log softmax(logits_u)_i + β·(1/B) Σ_u ½ Σ_k (−log σ² + σ² + μ² − 1)
 *
 * Weights are row-major [out × in] (PyTorch's Linear layout) except W1, stored [items × hidden] so a sparse input row
 * adds the rows of its items. Layout offsets come from `vaeLayout`.
 */
import { gemmNN, gemmNT, gemmTN } from './linalg-gemm';

export type VaeLayout = {
  nItems: number;
  hidden: number;
  latent: number;
  w1: number;
  b1: number;
  w2: number;
  b2: number;
  w3: number;
  b3: number;
  w4: number;
  b4: number;
  size: number;
};

/** Offsets of each parameter block in the flat vector. */
export function vaeLayout(nItems: number, hidden: number, latent: number): VaeLayout {
  const w1 = 0,
    b1 = w1 + nItems * hidden,
    w2 = b1 + hidden,
    b2 = w2 + 2 * latent * hidden,
    w3 = b2 + 2 * latent,
    b3 = w3 + hidden * latent,
    w4 = b3 + hidden,
    b4 = w4 + nItems * hidden;
  return { nItems, hidden, latent, w1, b1, w2, b2, w3, b3, w4, b4, size: b4 + nItems };
}

/**
 * A batch of B users as sparse rows: `input` is the encoder's value per entry (normalised, dropped out: 0 = dropped),
 * `target` the count the likelihood uses (1 for implicit data); `eps` (B × Z) is the reparameterisation noise, absent
 * at inference (z = μ).
 */
export type VaeBatch = {
  B: number;
  ptr: Int32Array;
  cols: Int32Array;
  input: Float64Array;
  target: Float64Array;
  eps?: Float64Array;
};

type Forward = { h1: Float64Array; stats: Float64Array; z: Float64Array; h2: Float64Array; logits: Float64Array };

function forward(theta: Float64Array, L: VaeLayout, b: VaeBatch): Forward {
  const { hidden: H, latent: Z, nItems: N } = L;
  const B = b.B;
  const h1 = new Float64Array(B * H);
  for (let u = 0; u < B; u++) {
    const row = u * H;
    for (let j = 0; j < H; j++) h1[row + j] = theta[L.b1 + j]!;
    for (let k = b.ptr[u]!; k < b.ptr[u + 1]!; k++) {
      const a = b.input[k]!;
      if (a === 0) continue;
      const w = L.w1 + b.cols[k]! * H;
      for (let j = 0; j < H; j++) h1[row + j]! += a * theta[w + j]!;
    }
    for (let j = 0; j < H; j++) h1[row + j] = Math.tanh(h1[row + j]!);
  }
  const stats = new Float64Array(B * 2 * Z);
  gemmNT(B, 2 * Z, H, h1, 0, theta, L.w2, stats, 0, false);
  const z = new Float64Array(B * Z);
  for (let u = 0; u < B; u++) {
    for (let k = 0; k < 2 * Z; k++) stats[u * 2 * Z + k]! += theta[L.b2 + k]!;
    for (let k = 0; k < Z; k++) {
      const mu = stats[u * 2 * Z + k]!;
      z[u * Z + k] = b.eps ? mu + b.eps[u * Z + k]! * Math.exp(0.5 * stats[u * 2 * Z + Z + k]!) : mu;
    }
  }
  const h2 = new Float64Array(B * H);
  gemmNT(B, H, Z, z, 0, theta, L.w3, h2, 0, false);
  for (let u = 0; u < B; u++) for (let j = 0; j < H; j++) h2[u * H + j] = Math.tanh(h2[u * H + j]! + theta[L.b3 + j]!);
  const logits = new Float64Array(B * N);
  gemmNT(B, N, H, h2, 0, theta, L.w4, logits, 0, false);
  for (let u = 0; u < B; u++) for (let i = 0; i < N; i++) logits[u * N + i]! += theta[L.b4 + i]!;
  return { h1, stats, z, h2, logits };
}

/** Logits of every item (B × nItems, row-major) with z = μ, for scoring. */
export function vaeLogits(theta: Float64Array, L: VaeLayout, batch: Omit<VaeBatch, 'eps' | 'target'>): Float64Array {
  return forward(theta, L, { ...batch, target: batch.input }).logits;
}

export type VaeLoss = { loss: number; negLogLikelihood: number; kl: number };

/**
 * The loss of one batch at KL weight `beta`; when `grad` is given, the gradient is added to it (same layout).
 */
export function vaeLossAndGrad(
  theta: Float64Array,
  grad: Float64Array | null,
  L: VaeLayout,
  b: VaeBatch,
  beta: number,
): VaeLoss {
  const { hidden: H, latent: Z, nItems: N } = L;
  const B = b.B;
  const f = forward(theta, L, b);
  const { logits } = f;
  // softmax in place (logits become probabilities), negative log-likelihood over the row's entries
  let nll = 0,
    kl = 0;
  const rowSum = new Float64Array(B);
  for (let u = 0; u < B; u++) {
    const o = u * N;
    let max = -Infinity;
    for (let i = 0; i < N; i++) max = Math.max(max, logits[o + i]!);
    let s = 0;
    for (let i = 0; i < N; i++) s += Math.exp(logits[o + i]! - max);
    const lse = max + Math.log(s);
    for (let k = b.ptr[u]!; k < b.ptr[u + 1]!; k++) {
      nll -= b.target[k]! * (logits[o + b.cols[k]!]! - lse);
      rowSum[u]! += b.target[k]!;
    }
    for (let i = 0; i < N; i++) logits[o + i] = Math.exp(logits[o + i]! - lse);
    for (let k = 0; k < Z; k++) {
      const mu = f.stats[u * 2 * Z + k]!,
        lv = f.stats[u * 2 * Z + Z + k]!;
      kl += 0.5 * (-lv + Math.exp(lv) + mu * mu - 1);
    }
  }
  nll /= B;
  kl /= B;
  const out = { loss: nll + beta * kl, negLogLikelihood: nll, kl };
  if (!grad) return out;

  // d loss / d logits = (softmax · Σ_i x_ui − x_u) / B, in place over the probabilities
  const dL = logits;
  for (let u = 0; u < B; u++) {
    const o = u * N;
    for (let i = 0; i < N; i++) dL[o + i] = (dL[o + i]! * rowSum[u]!) / B;
    for (let k = b.ptr[u]!; k < b.ptr[u + 1]!; k++) dL[o + b.cols[k]!]! -= b.target[k]! / B;
  }
  gemmTN(N, H, B, dL, 0, f.h2, 0, grad, L.w4, true);
  columnSums(B, N, dL, grad, L.b4);
  const dA3 = new Float64Array(B * H);
  gemmNN(B, H, N, dL, 0, theta, L.w4, dA3, 0, false);
  for (let k = 0; k < B * H; k++) dA3[k] = dA3[k]! * (1 - f.h2[k]! * f.h2[k]!);
  gemmTN(H, Z, B, dA3, 0, f.z, 0, grad, L.w3, true);
  columnSums(B, H, dA3, grad, L.b3);
  const dz = new Float64Array(B * Z);
  gemmNN(B, Z, H, dA3, 0, theta, L.w3, dz, 0, false);
  const dA2 = new Float64Array(B * 2 * Z);
  const kb = beta / B;
  for (let u = 0; u < B; u++) {
    for (let k = 0; k < Z; k++) {
      const mu = f.stats[u * 2 * Z + k]!,
        lv = f.stats[u * 2 * Z + Z + k]!;
      const g = dz[u * Z + k]!;
      dA2[u * 2 * Z + k] = g + kb * mu;
      const noise = b.eps ? g * b.eps[u * Z + k]! * 0.5 * Math.exp(0.5 * lv) : 0;
      dA2[u * 2 * Z + Z + k] = noise + kb * 0.5 * (Math.exp(lv) - 1);
    }
  }
  gemmTN(2 * Z, H, B, dA2, 0, f.h1, 0, grad, L.w2, true);
  columnSums(B, 2 * Z, dA2, grad, L.b2);
  const dA1 = new Float64Array(B * H);
  gemmNN(B, H, 2 * Z, dA2, 0, theta, L.w2, dA1, 0, false);
  for (let k = 0; k < B * H; k++) dA1[k] = dA1[k]! * (1 - f.h1[k]! * f.h1[k]!);
  columnSums(B, H, dA1, grad, L.b1);
  for (let u = 0; u < B; u++) {
    for (let k = b.ptr[u]!; k < b.ptr[u + 1]!; k++) {
      const a = b.input[k]!;
      if (a === 0) continue;
      const w = L.w1 + b.cols[k]! * H;
      for (let j = 0; j < H; j++) grad[w + j]! += a * dA1[u * H + j]!;
    }
  }
  return out;
}

/** out[o + j] += Σ_r m[r·cols + j] */
function columnSums(rows: number, cols: number, m: Float64Array, out: Float64Array, o: number): void {
  for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) out[o + j]! += m[r * cols + j]!;
}
