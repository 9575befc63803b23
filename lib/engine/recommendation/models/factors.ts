/**
 * Latent-factor models from engineer B's trainers: implicit ALS (Hu, Koren & Volinsky 2008) and BPR (Rendle et al.
 * 2009). A training user is scored with their learned factors; a customer with newer events than the model (or
 * none in it) is *folded in* from the request-time history:
 *   ALS   x = (YᵀY + Σ_{i∈H} (c_i − 1) y_i y_iᵀ + λI)⁻¹ Σ_{i∈H} c_i y_i,   c_i = 1 + α·r_i   (one exact ALS half-step)
 *   BPR   x = Σ_{i∈H} w_i y_i / Σ w_i                                          (mean of the history's item factors)
 * Explanation: the history item whose factor vector is closest (cosine) to the recommended one.
 */
import { buildCsr } from '../csr';
import { trainAls } from '../als';
import { trainBpr } from '../bpr';
import { factorGram } from '../linalg-factors';
import type { Csr, Interactions } from '../types';
import { closestHistoryItem, type Fitted, type ModelFamily, type RequestHistory, type ServingModel } from './types';

/** implicit confidence input r_ui = log(1 + Σ decayed weights): repeated events help, with diminishing returns */
export function confidenceCsr(train: Interactions): Csr {
  const c = buildCsr(train, { aggregate: 'sum' });
  return { ...c, values: Float32Array.from(c.values, (v) => Math.log1p(v)) };
}

/** Solves A x = b in place for symmetric positive-definite A (f × f, row-major) by Cholesky; returns x. */
export function solveSpd(A: Float64Array, b: Float64Array, f: number): Float64Array {
  const L = A;
  for (let j = 0; j < f; j++) {
    let d = L[j * f + j]!;
    for (let k = 0; k < j; k++) d -= L[j * f + k]! ** 2;
    if (!(d > 0)) throw new RangeError('solveSpd: matrix is not positive definite');
    const ljj = Math.sqrt(d);
    L[j * f + j] = ljj;
    for (let i = j + 1; i < f; i++) {
      let s = L[i * f + j]!;
      for (let k = 0; k < j; k++) s -= L[i * f + k]! * L[j * f + k]!;
      L[i * f + j] = s / ljj;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < f; i++) {
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= L[i * f + k]! * x[k]!;
    x[i] = s / L[i * f + i]!;
  }
  for (let i = f - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < f; k++) s -= L[k * f + i]! * x[k]!;
    x[i] = s / L[i * f + i]!;
  }
  return x;
}

type FactorParts = { x: Float32Array; y: Float32Array; bias: Float32Array | undefined; f: number; nItems: number };

function factorModel(
  kind: 'als' | 'bpr' | 'federated-als',
  p: FactorParts,
  foldIn: (h: RequestHistory) => Float64Array,
): ServingModel {
  const { x, y, bias, f, nItems } = p;
  const nUsers = x.length / f;
  const itemNorm = new Float64Array(nItems);
  for (let i = 0; i < nItems; i++) {
    let s = 0;
    for (let k = 0; k < f; k++) s += y[i * f + k]! ** 2;
    itemNorm[i] = Math.sqrt(s);
  }
  const userVector = (h: RequestHistory): Float64Array | Float32Array =>
    h.user >= 0 && h.user < nUsers && !h.live ? x.subarray(h.user * f, (h.user + 1) * f) : foldIn(h);
  return {
    kind,
    nItems,
    score(h, out) {
      if (h.items.length === 0 && !(h.user >= 0 && !h.live)) return void out.fill(0);
      const xu = userVector(h);
      for (let i = 0; i < nItems; i++) {
        let s = bias ? bias[i]! : 0;
        const base = i * f;
        for (let k = 0; k < f; k++) s += xu[k]! * y[base + k]!;
        out[i] = s;
      }
    },
    explain(h, item) {
      return closestHistoryItem(h.items, item, (j) => {
        let dot = 0;
        for (let k = 0; k < f; k++) dot += y[j * f + k]! * y[item * f + k]!;
        const den = itemNorm[j]! * itemNorm[item]!;
        return den > 0 ? dot / den : 0;
      });
    },
  };
}

/** The ALS serving parameters, shared with the federated family so the two compare on the same model. */
export const ALS_PARAMS = { factors: 64, regularization: 0.1, alpha: 20 } as const;
export const ALS_CONFIDENCE = 'c = 1 + α·log(1 + Σ decayed weights)';

export const alsFamily: ModelFamily = {
  kind: 'als',
  async fit(input) {
    const params = { ...ALS_PARAMS, iterations: 15 };
    const model = await trainAls(confidenceCsr(input.train), {
      ...params,
      seed: input.control.seed ?? 42,
      keepHistory: false,
      ...(input.control.signal ? { signal: input.control.signal } : {}),
      ...(input.control.onProgress ? { onProgress: input.control.onProgress } : {}),
    });
    return {
      buffers: { userFactors: model.userFactors, itemFactors: model.itemFactors },
      params: { ...params, confidence: ALS_CONFIDENCE },
    };
  },
  load: (fitted, shared) => loadAlsFactors('als', fitted, shared),
};

/**
 * The ALS fold-in of a history: one exact ALS half-step against the item factors y,
 * x = (YᵀY + Σ_{i∈H} (c_i − 1) y_i y_iᵀ + λI)⁻¹ Σ_{i∈H} c_i y_i with c_i = 1 + α·log(1 + w_i). This is what a
 * federated client computes on its own device, so the federated family serves with it too.
 */
export function alsFoldIn(y: Float32Array, f: number, lambda: number, alpha: number) {
  const gram = factorGram(y, f, lambda);
  return (h: RequestHistory): Float64Array => {
    const A = Float64Array.from(gram),
      b = new Float64Array(f);
    for (let t = 0; t < h.items.length; t++) {
      const i = h.items[t]!,
        c = 1 + alpha * Math.log1p(h.values[t]!),
        base = i * f;
      for (let a = 0; a < f; a++) {
        const ya = y[base + a]!;
        b[a]! += c * ya;
        for (let bb = 0; bb < f; bb++) A[a * f + bb]! += (c - 1) * ya * y[base + bb]!;
      }
    }
    return solveSpd(A, b, f);
  };
}

/** Serves stored user and item factors with the ALS fold-in (`factors`, `regularization`, `alpha` from params). */
export function loadAlsFactors(
  kind: 'als' | 'federated-als',
  fitted: Fitted,
  shared: { nItems: number },
): ServingModel {
  const f = Number(fitted.params.factors),
    lambda = Number(fitted.params.regularization),
    alpha = Number(fitted.params.alpha);
  const x = fitted.buffers.userFactors as Float32Array,
    y = fitted.buffers.itemFactors as Float32Array;
  return factorModel(kind, { x, y, bias: undefined, f, nItems: shared.nItems }, alsFoldIn(y, f, lambda, alpha));
}

export const bprFamily: ModelFamily = {
  kind: 'bpr',
  async fit(input) {
    const params = { factors: 64, epochs: 30, learningRate: 0.05, regularization: 0.002 };
    const model = await trainBpr(input.train, {
      ...params,
      seed: input.control.seed ?? 42,
      keepHistory: false,
      ...(input.control.signal ? { signal: input.control.signal } : {}),
      ...(input.control.onProgress ? { onProgress: input.control.onProgress } : {}),
    });
    const buffers: Fitted['buffers'] = { userFactors: model.userFactors, itemFactors: model.itemFactors };
    if (model.itemBias) buffers.itemBias = model.itemBias;
    return { buffers, params };
  },
  load(fitted, shared) {
    const f = Number(fitted.params.factors);
    const y = fitted.buffers.itemFactors as Float32Array;
    const bias = fitted.buffers.itemBias instanceof Float32Array ? fitted.buffers.itemBias : undefined;
    return factorModel(
      'bpr',
      { x: fitted.buffers.userFactors as Float32Array, y, bias, f, nItems: shared.nItems },
      (h) => {
        const xu = new Float64Array(f);
        let total = 0;
        for (let t = 0; t < h.items.length; t++) {
          const w = h.values[t]!,
            base = h.items[t]! * f;
          total += w;
          for (let k = 0; k < f; k++) xu[k]! += w * y[base + k]!;
        }
        if (total > 0) for (let k = 0; k < f; k++) xu[k] = xu[k]! / total;
        return xu;
      },
    );
  },
};
