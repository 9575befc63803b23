/**
 * Element-wise pieces of the SASRec network (sasrec-net.ts): layer normalisation over each row of a T × d matrix
 * (gain and bias read from θ at g and g + d) and its gradient, inverted dropout masks, the logistic helpers.
 *
 * @example
 * const n = layerNorm(x, T, d, theta, gainOffset); // n.y = (x − mean)/std · gain + bias, row by row
 */
import type { Rng } from './random';

const LN_EPS = 1e-8;
export const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export type Norm = { y: Float64Array; xhat: Float64Array; rstd: Float64Array };

export function layerNorm(x: Float64Array, T: number, d: number, theta: Float64Array, g: number): Norm {
  const y = new Float64Array(T * d),
    xhat = new Float64Array(T * d),
    rstd = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let m = 0,
      v = 0;
    for (let j = 0; j < d; j++) m += x[t * d + j]!;
    m /= d;
    for (let j = 0; j < d; j++) v += (x[t * d + j]! - m) ** 2;
    const r = 1 / Math.sqrt(v / d + LN_EPS);
    rstd[t] = r;
    for (let j = 0; j < d; j++) {
      const h = (x[t * d + j]! - m) * r;
      xhat[t * d + j] = h;
      y[t * d + j] = h * theta[g + j]! + theta[g + d + j]!;
    }
  }
  return { y, xhat, rstd };
}

/** dx += ∂/∂x of LN given dy; gain and bias gradients into grad[g…], grad[g + d…] */
export function layerNormBack(
  dy: Float64Array,
  n: Norm,
  T: number,
  d: number,
  theta: Float64Array,
  grad: Float64Array,
  g: number,
  dx: Float64Array,
) {
  for (let t = 0; t < T; t++) {
    let s1 = 0,
      s2 = 0;
    for (let j = 0; j < d; j++) {
      const k = t * d + j,
        dh = dy[k]! * theta[g + j]!;
      grad[g + j]! += dy[k]! * n.xhat[k]!;
      grad[g + d + j]! += dy[k]!;
      s1 += dh;
      s2 += dh * n.xhat[k]!;
    }
    s1 /= d;
    s2 /= d;
    for (let j = 0; j < d; j++) {
      const k = t * d + j;
      dx[k]! += n.rstd[t]! * (dy[k]! * theta[g + j]! - s1 - n.xhat[k]! * s2);
    }
  }
}

export function dropoutMask(len: number, rate: number, rng: Rng | null): Float64Array | null {
  if (!rng || rate <= 0) return null;
  const m = new Float64Array(len),
    keep = 1 / (1 - rate);
  for (let k = 0; k < len; k++) m[k] = rng.next() < rate ? 0 : keep;
  return m;
}
export const applyMask = (x: Float64Array, m: Float64Array | null) => {
  if (m) for (let k = 0; k < x.length; k++) x[k]! *= m[k]!;
};
/** x ⊙ m as a new array (a copy of x when there is no mask); a plain loop, Float64Array.from with a callback is slower */
export function masked(x: Float64Array, m: Float64Array | null): Float64Array {
  const out = new Float64Array(x.length);
  if (m) for (let k = 0; k < x.length; k++) out[k] = x[k]! * m[k]!;
  else out.set(x);
  return out;
}
