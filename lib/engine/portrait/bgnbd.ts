import gammaln from '@stdlib/math-base-special-gammaln';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';

/** BG/NBD parameters: purchase rates λ ~ Gamma(r, α); drop-out probabilities p ~ Beta(a, b). */
export type BgnbdParams = { r: number; alpha: number; a: number; b: number };

/**
 * Per-customer calibration summaries, columnar: x = number of repeat purchases, tx = time of the last repeat
 * purchase since the first purchase (0 when x = 0), T = time from the first purchase to the end of calibration.
 * All times in one unit (weeks in the literature).
 */
export type RecencyFrequency = { x: ArrayLike<number>; tx: ArrayLike<number>; T: ArrayLike<number> };

/** Validates (x, tₓ, T) summaries; RangeError naming `fn`. */
export function checkRecencyFrequency(fn: string, d: RecencyFrequency) {
  const n = d.x.length;
  if (d.tx.length !== n || d.T.length !== n) throw new RangeError(`${fn}: x, tx and T must have the same length`);
  for (let i = 0; i < n; i++) {
    const x = d.x[i]!;
    const tx = d.tx[i]!;
    const T = d.T[i]!;
    if (!(Number.isInteger(x) && x >= 0 && tx >= 0 && T >= tx && (x > 0 || tx === 0))) {
      throw new RangeError(
        `${fn}: customer ${i} needs integer x ≥ 0, 0 ≤ tx ≤ T and tx = 0 when x = 0 (got x=${x}, tx=${tx}, T=${T})`,
      );
    }
  }
}

export function checkBgnbdParams(fn: string, p: BgnbdParams) {
  if (!(p.r > 0 && p.alpha > 0 && p.a > 0 && p.b > 0)) throw new RangeError(`${fn}: r, alpha, a and b must be > 0`);
}

/** logaddexp(u, v) = ln(eᵘ + eᵛ) without overflow. */
export const logAddExp = (u: number, v: number) =>
  u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));

/**
 * Builds the BG/NBD log-likelihood as a closure over the data. Terms that depend on x only (the Γ and B functions)
 * are computed once per distinct x, so an evaluation costs two logarithms and one exponential per customer.
 */
export function bgnbdLogLikelihoodFn(data: RecencyFrequency): (p: BgnbdParams) => number {
  checkRecencyFrequency('bgnbdLogLikelihood', data);
  const n = data.x.length;
  const distinct = [...new Set(Array.from(data.x as ArrayLike<number>))].sort((u, v) => u - v);
  const slot = new Map(distinct.map((x, i) => [x, i]));
  const group = Int32Array.from(Array.from(data.x as ArrayLike<number>, (x) => slot.get(x)!));
  const a1 = new Float64Array(distinct.length);
  const a4 = new Float64Array(distinct.length);
  return ({ r, alpha, a, b }) => {
    const base = r * Math.log(alpha) - gammaln(r) + gammaln(a + b) - gammaln(b);
    for (let g = 0; g < distinct.length; g++) {
      const x = distinct[g]!;
      a1[g] = base + gammaln(r + x) + gammaln(b + x) - gammaln(a + b + x);
      a4[g] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
    }
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const g = group[i]!;
      const rx = r + data.x[i]!;
      const t3 = -rx * Math.log(alpha + data.T[i]!);
      ll += a1[g]! + (data.x[i]! > 0 ? logAddExp(t3, a4[g]! - rx * Math.log(alpha + data.tx[i]!)) : t3);
    }
    return ll;
  };
}

/**
 * BG/NBD log-likelihood (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way", eq. 6):
 * L(r, α, a, b | x, tₓ, T) = B(a, b+x)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+T)^{r+x})
 *                          + 𝟙[x>0] · B(a+1, b+x−1)/B(a, b) · Γ(r+x) αʳ / (Γ(r) (α+tₓ)^{r+x}),
 * summed in logs over customers.
 *
 * @example
 * bgnbdLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, cdnowCalibration); // ≈ -9582.43
 */
export function bgnbdLogLikelihood(params: BgnbdParams, data: RecencyFrequency): number {
  checkBgnbdParams('bgnbdLogLikelihood', params);
  return bgnbdLogLikelihoodFn(data)(params);
}

/**
 * P(alive | x, tₓ, T) = 1 / (1 + 𝟙[x>0] · a/(b+x−1) · ((α+T)/(α+tₓ))^{r+x})  (FHL 2005, eq. 11).
 *
 * @example
 * bgnbdProbabilityAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { x: 2, tx: 30.43, T: 38.86 }); // ≈ 0.7266
 */
export function bgnbdProbabilityAlive(p: BgnbdParams, c: { x: number; tx: number; T: number }): number {
  checkBgnbdParams('bgnbdProbabilityAlive', p);
  if (c.x === 0) return 1;
  const l =
    Math.log(p.a) - Math.log(p.b + c.x - 1) + (p.r + c.x) * (Math.log(p.alpha + c.T) - Math.log(p.alpha + c.tx));
  return l > 0 ? Math.exp(-l) / (1 + Math.exp(-l)) : 1 / (1 + Math.exp(l));
}

/**
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x; a+b+x−1; z)], z = t/(α+T+t), the bracket of FHL
 * eqs. 7 and 10. No single form is safe in double precision: the ₂F₁ above overflows for large x, and its Euler
 * transform (1−z)^{a−1} ₂F₁(a+b−1−r, a−1; a+b+x−1; z) (same value) overflows for large a. The textbook form is
 * tried first (the Euler form first when (r+x)z > 200), then the other, then Pfaff's
 * 1 − ₂F₁(r+x, a−1; a+b+x−1; −t/(α+T)) (accurate here only for t ≤ α+T); the first finite, non-negative value is
 * used. When a − 1 − r − x is an integer every one of these ₂F₁ calls sits on a degenerate case of the connection
 * formulas and the library returns NaN; the textbook form is then summed directly as a Gauss series (it converges
 * for 0 ≤ z < 1 whatever the parameters). Checked against a 400-digit series in the tests.
 * At a = 1 the limit is taken numerically.
 */
function expectationCore(p: BgnbdParams, x: number, T: number, t: number): number {
  if (Math.abs(p.a - 1) < 1e-7) return (bracket(p, 1 - 1e-5, x, T, t) + bracket(p, 1 + 1e-5, x, T, t)) / 2;
  return bracket(p, p.a, x, T, t);
}

function bracket(p: BgnbdParams, a: number, x: number, T: number, t: number): number {
  const z = t / (p.alpha + T + t);
  const c = a + p.b + x - 1;
  // order by where each form is cheap and safe (a speed-up only; the first finite, non-negative value wins)
  const eulerFirst = (p.r + x) * z > 200;
  for (let attempt = 0; attempt < 3; attempt++) {
    const form = attempt === 2 ? 2 : eulerFirst === (attempt === 0) ? 0 : 1;
    const h =
      form === 0
        ? (1 - z) ** (a - 1) * hyp2f1(a + p.b - 1 - p.r, a - 1, c, z)
        : form === 1
          ? (1 - z) ** (p.r + x) * hyp2f1(p.r + x, p.b + x, c, z)
          : hyp2f1(p.r + x, a - 1, c, -t / (p.alpha + T));
    const v = (c / (a - 1)) * (1 - h);
    if (Number.isFinite(v) && v >= 0) return v;
  }
  const v = (c / (a - 1)) * (1 - scaledGaussSeries(p.r + x, p.b + x, c, z));
  return Number.isFinite(v) && v >= 0 ? v : NaN;
}

const RESCALE = 1e200;

/**
 * (1−z)^α · Σₙ (α)ₙ(β)ₙ / ((γ)ₙ n!) zⁿ for 0 ≤ z < 1, summed term by term with a running scale so neither the
 * terms nor the prefactor overflow; stops once the terms decrease and no longer change the sum (NaN after 10⁶ terms).
 */
function scaledGaussSeries(alpha: number, beta: number, gamma: number, z: number): number {
  let term = 1;
  let sum = 1;
  let logScale = 0;
  for (let n = 0; n < 1e6; n++) {
    const ratio = (((alpha + n) * (beta + n)) / ((gamma + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    if (sum > RESCALE) {
      sum /= RESCALE;
      term /= RESCALE;
      logScale += Math.log(RESCALE);
    }
    if (ratio < 1 && term < sum * 1e-17) return Math.exp(Math.log(sum) + logScale + alpha * Math.log1p(-z));
  }
  return NaN;
}

/**
 * Expected number of purchases in (0, t] of a customer picked at random at the time of their first purchase
 * (FHL 2005, eq. 7): E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))ʳ ₂F₁(r, b; a+b−1; t/(α+t))].
 *
 * @example
 * bgnbdExpectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 78); // ≈ 1.8605
 */
export function bgnbdExpectedPurchases(p: BgnbdParams, t: number): number {
  checkBgnbdParams('bgnbdExpectedPurchases', p);
  if (!(t >= 0)) throw new RangeError(`bgnbdExpectedPurchases: t must be ≥ 0, got ${t}`);
  if (t === 0) return 0;
  return expectationCore(p, 0, 0, t);
}

/**
 * Conditional expectation of the number of purchases in (T, T+t] given the history (x, tₓ, T) (FHL 2005, eq. 10):
 * E[Y(t) | x, tₓ, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *                      / (1 + 𝟙[x>0] · a/(b+x−1) · ((α+T)/(α+tₓ))^{r+x}).
 *
 * @example
 * bgnbdConditionalExpectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { x: 2, tx: 30.43, T: 38.86 }, 39); // ≈ 1.226
 */
export function bgnbdConditionalExpectedPurchases(
  p: BgnbdParams,
  c: { x: number; tx: number; T: number },
  t: number,
): number {
  checkBgnbdParams('bgnbdConditionalExpectedPurchases', p);
  if (!(t >= 0)) throw new RangeError(`bgnbdConditionalExpectedPurchases: t must be ≥ 0, got ${t}`);
  if (t === 0) return 0;
  return expectationCore(p, c.x, c.T, t) * bgnbdProbabilityAlive(p, c);
}

/**
 * Expected purchases of the whole population of customers in (T, T+t]: the sum of the conditional expectations of
 * every customer, with the population mean of P(alive). Used for the "expected purchases next period" KPI.
 *
 * @example
 * bgnbdPopulationExpectation({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, cdnowCalibration, 39);
 * // { totalPurchases: 1653.95, meanPAlive: 0.8134, customers: 2357 }
 */
export function bgnbdPopulationExpectation(
  p: BgnbdParams,
  data: RecencyFrequency,
  t: number,
): { totalPurchases: number; meanPAlive: number; customers: number } {
  checkRecencyFrequency('bgnbdPopulationExpectation', data);
  let total = 0;
  let alive = 0;
  const n = data.x.length;
  for (let i = 0; i < n; i++) {
    const c = { x: data.x[i]!, tx: data.tx[i]!, T: data.T[i]! };
    total += bgnbdConditionalExpectedPurchases(p, c, t);
    alive += bgnbdProbabilityAlive(p, c);
  }
  return { totalPurchases: total, meanPAlive: n > 0 ? alive / n : NaN, customers: n };
}
