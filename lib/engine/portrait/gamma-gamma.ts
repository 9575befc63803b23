import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import { bfgs } from './bfgs';
import { nelderMead } from './nelder-mead';
import type { InsufficientData } from './types';

/** Gamma-Gamma spend parameters: transaction values z ~ Gamma(p, ν), ν ~ Gamma(q, γ) across customers. */
export type GammaGammaParams = { p: number; q: number; gamma: number };

/** Repeat buyers' number of repeat transactions x and their mean value mₓ, columnar. */
export type SpendSummary = { x: ArrayLike<number>; mx: ArrayLike<number> };

export type GammaGammaFit =
  | {
      type: 'ok';
      params: GammaGammaParams;
      logLikelihood: number;
      /** customers used (x > 0 and mₓ > 0) */
      customers: number;
      /** Pearson correlation of x and mₓ: the model assumes spend is independent of frequency, so it should be near 0 */
      frequencySpendCorrelation: number;
      converged: boolean;
    }
  | InsufficientData;

function usable(d: SpendSummary): { x: number[]; m: number[] } {
  if (d.x.length !== d.mx.length) throw new RangeError('fitGammaGamma: x and mx must have the same length');
  const x: number[] = [];
  const m: number[] = [];
  for (let i = 0; i < d.x.length; i++) {
    const xi = d.x[i]!;
    const mi = d.mx[i]!;
    if (xi > 0 && mi > 0 && Number.isFinite(mi)) {
      x.push(xi);
      m.push(mi);
    }
  }
  return { x, m };
}

/**
 * Gamma-Gamma log-likelihood (Fader, Hardie & Lee 2005, "RFM and CLV: Using Iso-Value Curves for Customer Base
 * Analysis", JMR 42(4); and Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary Value", eq. 3) summed over repeat
 * buyers: ℓ = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln mₓ + px ln x − (px+q) ln(γ + x mₓ).
 * Customers with x = 0 or mₓ ≤ 0 carry no information and are skipped.
 *
 * @example
 * gammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, cdnowRepeaters); // ≈ -4055.92
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: SpendSummary): number {
  const { p, q, gamma } = params;
  if (!(p > 0 && q > 0 && gamma > 0)) throw new RangeError('gammaGammaLogLikelihood: p, q and gamma must be > 0');
  const { x, m } = usable(data);
  return gammaGammaLl(x, m.map(Math.log), m)(params);
}

function gammaGammaLl(x: number[], logM: number[], m: number[]): (params: GammaGammaParams) => number {
  const distinct = [...new Set(x)];
  const lgDiff = new Map<number, number>();
  return ({ p, q, gamma }) => {
    const lq = gammaln(q);
    for (const xi of distinct) lgDiff.set(xi, gammaln(p * xi + q) - gammaln(p * xi) - lq);
    const qlg = q * Math.log(gamma);
    let ll = 0;
    for (let i = 0; i < x.length; i++) {
      const px = p * x[i]!;
      ll +=
        lgDiff.get(x[i]!)! +
        qlg +
        (px - 1) * logM[i]! +
        px * Math.log(x[i]!) -
        (px + q) * Math.log(gamma + x[i]! * m[i]!);
    }
    return ll;
  };
}

/**
 * Mean negative log-likelihood and gradient in (ln p, ln q, ln γ), with
 *   ∂ℓ/∂p = x [ψ(px+q) − ψ(px) + ln mₓ + ln x − ln(γ + x mₓ)],  ∂ℓ/∂q = ψ(px+q) − ψ(q) + ln γ − ln(γ + x mₓ),
 *   ∂ℓ/∂γ = q/γ − (px+q)/(γ + x mₓ).
 */
function gammaGammaObjective(x: number[], m: number[]): (v: number[]) => { f: number; g: number[] } {
  const n = x.length;
  const logM = m.map(Math.log);
  const logX = x.map(Math.log);
  const ll = gammaGammaLl(x, logM, m);
  const distinct = [...new Set(x)];
  const psiSum = new Map<number, number>();
  const psiPx = new Map<number, number>();
  return (v) => {
    const [p, q, gamma] = v.map(Math.exp) as [number, number, number];
    const f = -ll({ p, q, gamma }) / n;
    for (const xi of distinct) {
      psiSum.set(xi, digamma(p * xi + q));
      psiPx.set(xi, digamma(p * xi));
    }
    const psiQ = digamma(q);
    const lg = Math.log(gamma);
    let gp = 0;
    let gq = 0;
    let gg = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const denom = gamma + xi * m[i]!;
      const ld = Math.log(denom);
      const s = psiSum.get(xi)!;
      gp += xi * (s - psiPx.get(xi)! + logM[i]! + logX[i]! - ld);
      gq += s - psiQ + lg - ld;
      gg += q / gamma - (p * xi + q) / denom;
    }
    return { f, g: [(-gp * p) / n, (-gq * q) / n, (-gg * gamma) / n] };
  };
}

/**
 * Maximum-likelihood fit of the Gamma-Gamma spend model: BFGS with the analytic gradient on log-parameters, with a
 * Nelder–Mead polish when BFGS does not converge.
 *
 * @example
 * fitGammaGamma(cdnowRepeaters);
 * // { type: 'ok', params: { p: 6.2488, q: 3.7446, gamma: 15.4477 }, customers: 946, … }
 */
export function fitGammaGamma(
  data: SpendSummary,
  options: { minCustomers?: number; start?: GammaGammaParams } = {},
): GammaGammaFit {
  const { minCustomers = 10 } = options;
  const { x, m } = usable(data);
  if (x.length < minCustomers)
    return { type: 'insufficient-data', reason: 'fewSpenders', params: { count: x.length, min: minCustomers } };
  const mean = m.reduce((s, v) => s + v, 0) / m.length;
  const start = options.start ?? { p: 1, q: 2, gamma: mean };
  if (!(start.p > 0 && start.q > 0 && start.gamma > 0)) throw new RangeError('fitGammaGamma: start values must be > 0');
  const objective = gammaGammaObjective(x, m);
  let res = bfgs(objective, [start.p, start.q, start.gamma].map(Math.log), {
    gradientTolerance: 1e-9,
    maxIterations: 300,
  });
  if (!res.converged) {
    const nm = nelderMead((v) => objective(v).f, res.x, {
      fTol: 1e-12,
      xTol: 1e-7,
      maxIterations: 500,
      maxRestarts: 1,
    });
    if (nm.f < res.f) res = { ...res, x: nm.x, f: nm.f };
    res = { ...res, converged: nm.converged };
  }
  const [p, q, gamma] = res.x.map(Math.exp) as [number, number, number];
  return {
    type: 'ok',
    params: { p, q, gamma },
    logLikelihood: -res.f * x.length,
    customers: x.length,
    frequencySpendCorrelation: pearson(x, m),
    converged: res.converged,
  };
}

function pearson(u: number[], v: number[]): number {
  const n = u.length;
  const mu = u.reduce((s, a) => s + a, 0) / n;
  const mv = v.reduce((s, a) => s + a, 0) / n;
  let suv = 0;
  let suu = 0;
  let svv = 0;
  for (let i = 0; i < n; i++) {
    suv += (u[i]! - mu) * (v[i]! - mv);
    suu += (u[i]! - mu) ** 2;
    svv += (v[i]! - mv) ** 2;
  }
  return suu > 0 && svv > 0 ? suv / Math.sqrt(suu * svv) : 0;
}

/**
 * Expected average transaction value of a customer (Fader & Hardie 2013, eq. 5):
 * E[M | p, q, γ, mₓ, x] = p (γ + x mₓ) / (p x + q − 1), a weighted mean of the population mean pγ/(q−1) and the
 * customer's own mean mₓ. Customers without repeat purchases (x = 0) get the population mean; NaN when q ≤ 1 makes
 * that mean infinite.
 *
 * @example
 * gammaGammaExpectedSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, { x: 2, mx: 22.35 }); // ≈ 24.66
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, c: { x: number; mx: number }): number {
  const { p, q, gamma } = params;
  if (!(p > 0 && q > 0 && gamma > 0)) throw new RangeError('gammaGammaExpectedSpend: p, q and gamma must be > 0');
  if (!(c.x > 0) || !(c.mx > 0)) return q > 1 ? (p * gamma) / (q - 1) : NaN;
  const denominator = p * c.x + q - 1;
  return denominator > 0 ? (p * (gamma + c.x * c.mx)) / denominator : NaN;
}
